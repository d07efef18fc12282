/**
 * Store faults (issue 12, item 4): a full disk or a refused write while committing or starting a
 * run, a lock another process holds past the busy timeout, and a WAL left by a killed process.
 * Real SQLite errors throughout: max_page_count makes SQLITE_FULL, query_only SQLITE_READONLY, a
 * child process holding BEGIN IMMEDIATE SQLITE_BUSY.
 */
import { mulberry32 } from '../../src/suite/prng.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Store, type CompletedRun } from '../../src/store/store.js';
import { faultReason } from '../../src/store/faults.js';
import Database from 'better-sqlite3';
import { EnvironmentError } from '../../src/model/errors.js';
import type { Summary } from '../../src/model/types.js';
import { ROOT, tempDir, testEnvironment } from '../helpers.js';

const summarize = (s: number[]) => ({ n: s.length }) as unknown as Summary;
const env = testEnvironment();
const newRun = { git: { commit: 'abc', branch: 'main', dirty: false }, label: 'l', suites: ['smoke'], options: {} };

/**
 * A run whose samples need many new pages: 20 000 random float64, which the sample codec cannot
 * compress (store/samples.ts), so 160 KB of overflow pages.
 */
const completed = (n = 20_000): CompletedRun => ({
  environment: env,
  benchmarks: [{ id: 'smoke/a', suite: 'smoke', name: 'a', params: {} }],
  statuses: [{ benchmarkId: 'smoke/a', ok: true, durationMs: 10 }],
  results: [
    {
      benchmarkId: 'smoke/a',
      metric: 'time',
      unit: 'ms',
      direction: 'lower',
      kind: 'time',
      samples: (() => {
        const rnd = mulberry32(n);
        return Array.from({ length: n }, () => rnd() * 1e3);
      })(),
      innerIterations: 1,
    },
    {
      benchmarkId: 'smoke/a',
      metric: 'ops',
      unit: 'count',
      direction: 'lower',
      kind: 'counter',
      samples: [7],
      innerIterations: 1,
    },
  ],
  warnings: [],
});

function rows(store: Store, table: 'results' | 'run_benchmarks' | 'benchmarks' | 'runs'): number {
  return (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** assert.throws validator: an EnvironmentError (exit 3) with a one-line message equal to or matching `message`. */
function environmentError(message: string | RegExp) {
  return (e: unknown): true => {
    assert.ok(e instanceof EnvironmentError, `expected an EnvironmentError, got ${String(e)}`);
    assert.equal(e.exitCode, 3);
    assert.ok(!e.message.includes('\n'), 'one line');
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  };
}

/** Leaves room for no new page: the next write that needs one fails with SQLITE_FULL. */
function fillDisk(store: Store, spare = 1): void {
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages + spare}`);
}

const FULL = 'database or disk is full (SQLITE_FULL)';

test('disk full while committing: nothing of the results remains, the run is marked failed, EnvironmentError', () => {
  const t = tempDir('jepsh-faults-');
  try {
    const store = Store.open(join(t.dir, 'j.sqlite'), summarize);
    const run = store.createRun(newRun);
    fillDisk(store);
    assert.throws(
      () => store.completeRun(run.id, completed()),
      environmentError(`could not store the results: ${FULL}; the run is marked failed, no results were written`),
    );
    const stored = store.getRun(run.id)!;
    assert.equal(stored.status, 'failed');
    assert.equal(stored.error, `could not store the results: ${FULL}`);
    assert.equal(
      stored.environment?.browserVersion,
      env.browserVersion,
      'the failed run keeps what is known of its environment',
    );
    assert.equal(rows(store, 'results'), 0);
    assert.equal(rows(store, 'run_benchmarks'), 0);
    assert.equal(rows(store, 'benchmarks'), 0, 'the benchmark rows of the same transaction are rolled back too');
    // run.ts then ends the run with its own copy of the error: the stored reason stays.
    assert.equal(store.endRun(run.id, 'failed', 'something else'), true);
    assert.equal(store.getRun(run.id)!.error, `could not store the results: ${FULL}`);
    assert.equal(store.integrityCheck(), 'ok');

    // With room again, the store is usable: the next run is stored whole.
    store.db.pragma('max_page_count = 1073741823');
    const next = store.createRun(newRun);
    store.completeRun(next.id, completed());
    assert.equal(store.getRun(next.id)!.status, 'complete');
    assert.equal(store.getResults(next.id).find((r) => r.metric === 'time')!.samples.length, 20_000);
    assert.equal(store.integrityCheck(), 'ok');
    store.close();
  } finally {
    t.cleanup();
  }
});

test('disk full while committing an A/B pair: both runs are marked failed, neither has results', () => {
  const t = tempDir('jepsh-faults-');
  try {
    const store = Store.open(join(t.dir, 'j.sqlite'), summarize);
    const base = store.createRun(newRun);
    const head = store.createRun(newRun);
    fillDisk(store, 3);
    assert.throws(
      () =>
        store.completeRuns([
          [base.id, completed(10)],
          [head.id, completed()],
        ]),
      environmentError(`could not store the results: ${FULL}; the runs are marked failed, no results were written`),
    );
    for (const id of [base.id, head.id]) {
      assert.equal(store.getRun(id)!.status, 'failed', `run ${id}`);
      assert.equal(store.getRun(id)!.error, `could not store the results: ${FULL}`);
    }
    assert.equal(rows(store, 'results'), 0, 'not even the small first side');
    assert.equal(rows(store, 'run_benchmarks'), 0);
    assert.equal(store.integrityCheck(), 'ok');
    store.close();
  } finally {
    t.cleanup();
  }
});

test('when even marking the run failed is refused, the run is left running and the next open marks it aborted', () => {
  const t = tempDir('jepsh-faults-');
  try {
    const path = join(t.dir, 'j.sqlite');
    const store = Store.open(path, summarize);
    const run = store.createRun(newRun);
    // query_only refuses every write of this connection: the commit and the mark after it.
    store.db.pragma('query_only = ON');
    assert.throws(
      () => store.completeRun(run.id, completed(10)),
      environmentError(
        'could not store the results: attempt to write a readonly database (SQLITE_READONLY); the database ' +
          'is unchanged apart from the run row, left as running (it is marked aborted on the next open)',
      ),
    );
    assert.equal(store.getRun(run.id)!.status, 'running');
    assert.equal(rows(store, 'results'), 0);
    assert.equal(rows(store, 'run_benchmarks'), 0);
    // run.ts's endRun in its catch cannot record it either, and must not replace the error: false, no throw.
    assert.equal(store.endRun(run.id, 'failed', 'x'), false);
    assert.equal(store.getRun(run.id)!.status, 'running');
    store.db.pragma('query_only = OFF');
    assert.equal(store.integrityCheck(), 'ok');
    // The process then exits (a pid that cannot exist stands for it): the next open marks the run aborted.
    store.db.prepare('UPDATE runs SET pid = 99999999 WHERE id = ?').run(run.id);
    store.close();
    const again = Store.open(path, summarize);
    assert.equal(again.getRun(run.id)!.status, 'aborted');
    assert.equal(again.getRun(run.id)!.error, 'process 99999999 ended without finishing the run');
    assert.equal(again.integrityCheck(), 'ok');
    again.close();
  } finally {
    t.cleanup();
  }
});

test('disk full when a run starts: EnvironmentError before anything is measured, earlier runs intact', () => {
  const t = tempDir('jepsh-faults-');
  try {
    const store = Store.open(join(t.dir, 'j.sqlite'), summarize);
    fillDisk(store, 0);
    // Run rows fill the pages there are; the first that needs a new page fails.
    let started = 0;
    let error: unknown;
    for (; started < 1000 && error === undefined; started++) {
      try {
        store.createRun(newRun);
      } catch (e) {
        error = e;
        started--;
      }
    }
    assert.ok(started > 0 && started < 1000, `${started} runs before the disk was full`);
    assert.throws(
      () => {
        throw error;
      },
      environmentError(`could not start the run: ${FULL}; nothing was measured`),
    );
    assert.equal(rows(store, 'runs'), started);
    assert.ok(store.listRuns({ limit: 1000 }).every((r) => r.status === 'running'));
    assert.equal(store.integrityCheck(), 'ok');
    store.close();
  } finally {
    t.cleanup();
  }
});

/** A child process that opens each path in WAL mode and holds BEGIN IMMEDIATE on it until killed. */
const LOCKER =
  `const Database = require('better-sqlite3');\n` +
  `for (const p of process.argv.slice(1)) { const d = new Database(p); d.pragma('journal_mode = WAL'); ` +
  `d.exec('BEGIN IMMEDIATE'); }\n` +
  `process.stdout.write('locked\\n');\n` +
  `setInterval(() => {}, 60000);`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function lockInChild(paths: string[]): Promise<{ pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', LOCKER, ...paths], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    void exited.then(() => reject(new Error(`the locking child exited: ${stderr}`)));
  });
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

test(
  'a store locked by another process past the busy timeout: ' + 'EnvironmentError naming its pid, reads still work',
  async () => {
    const t = tempDir('jepsh-faults-');
    const path = join(t.dir, 'j.sqlite');
    const fresh = join(t.dir, 'fresh.sqlite');
    const opts = { busyTimeoutMs: 200 };
    const store = Store.open(path, summarize, opts);
    const run = store.createRun(newRun);
    // A run of a dead process, for the open below to try (and fail) to reap.
    const stale = store.createRun(newRun);
    store.db.prepare('UPDATE runs SET pid = 99999999 WHERE id = ?').run(stale.id);
    const locker = await lockInChild([path, fresh]);
    try {
      const held = (what: string) =>
        new RegExp(
          `^${what}database ${escape(path)} is locked by another process \\(pid ${locker.pid}: node -e .*\\) ` +
            `for longer than the 200 ms busy timeout \\(SQLITE_BUSY\\)`,
        );

      // Readers are not blocked (WAL), and reaping, mere housekeeping, waits for a later open.
      const reader = Store.open(path, summarize, opts);
      assert.deepEqual(
        reader.listRuns().map((r) => [r.id, r.status]),
        [
          [stale.id, 'running'],
          [run.id, 'running'],
        ],
      );
      reader.close();

      const ended = new RegExp(
        `${held('could not store the results: ').source}; the database is unchanged apart from the run row, ` +
          `left as running \\(it is marked aborted on the next open\\)$`,
      );
      assert.throws(() => store.completeRun(run.id, completed(10)), environmentError(ended));
      assert.throws(
        () => store.createRun(newRun),
        environmentError(new RegExp(`${held('could not start the run: ').source}; nothing was measured$`)),
      );
      assert.equal(store.endRun(run.id, 'failed', 'x'), false, 'run.ts cannot mark it either, and is not thrown at');
      // A database that still needs its schema cannot be set up while locked: exit 3, not a usage error.
      assert.throws(
        () => Store.open(fresh, summarize, opts),
        (e: unknown) =>
          e instanceof EnvironmentError &&
          e.message.startsWith(
            `cannot use database ${fresh}: database ${fresh} is locked by another process (pid ${locker.pid}: node -e `,
          ),
      );
    } finally {
      await locker.stop();
    }
    try {
      assert.equal(store.getRun(run.id)!.status, 'running');
      assert.equal(rows(store, 'runs'), 2, 'the refused createRun left no row');
      assert.equal(rows(store, 'results'), 0);
      assert.equal(store.integrityCheck(), 'ok');
      // The lock is gone: the same run is stored, and the next open reaps the dead process's run.
      store.completeRun(run.id, completed(10));
      assert.equal(store.getRun(run.id)!.status, 'complete');
      store.close();
      const again = Store.open(path, summarize, opts);
      assert.equal(again.getRun(stale.id)!.status, 'aborted');
      assert.equal(again.integrityCheck(), 'ok');
      again.close();
    } finally {
      store.close();
      t.cleanup();
    }
  },
);

test(
  'a WAL left by a process killed before its checkpoint is recovered on open; ' + 'its running run is marked aborted',
  async () => {
    const t = tempDir('jepsh-faults-');
    try {
      const path = join(t.dir, 'j.sqlite');
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'store', 'wal-writer.ts'), path], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_code, signal) => resolve(signal)),
      );
      const ids = await new Promise<{ complete: number; running: number }>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) =>
          resolve(JSON.parse(d.toString()) as { complete: number; running: number }),
        );
        void exited.then(() => reject(new Error(`the writer exited early: ${stderr}`)));
      });
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      assert.ok(existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0, 'the killed process left its WAL');

      const store = Store.open(path, summarize);
      assert.equal(store.integrityCheck(), 'ok');
      const run = store.getRunWithResults(ids.complete);
      assert.equal(run.status, 'complete');
      assert.deepEqual(
        run.results.map((r) => [r.benchmarkId, r.metric, r.samples]),
        [['smoke/a', 'time', [1, 2, 3]]],
      );
      const left = store.getRun(ids.running)!;
      assert.equal(left.status, 'aborted');
      assert.equal(left.error, `process ${child.pid} ended without finishing the run`);
      assert.equal(rows(store, 'runs'), 2);
      store.close();
    } finally {
      t.cleanup();
    }
  },
);

test('a busy lock SQLite gave up on at once is not told as a wait past the busy timeout', () => {
  const e = new Database.SqliteError('database is locked', 'SQLITE_BUSY');
  const path = '/nonexistent/jepsh-busy.sqlite';
  assert.match(
    faultReason(e, { path, busyTimeoutMs: 5000, waitedMs: 3 }),
    /is locked by another process; SQLite gave up after 3 ms, without waiting the 5000 ms busy timeout \(SQLITE_BUSY/,
  );
  assert.match(
    faultReason(e, { path, busyTimeoutMs: 5000, waitedMs: 5004 }),
    /is locked by another process for longer than the 5000 ms busy timeout \(SQLITE_BUSY\)$/,
  );
});
