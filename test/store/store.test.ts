import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Store, type CompletedRun } from '../../src/store/store.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/schema.js';
import { UsageError } from '../../src/model/errors.js';
import type { Summary } from '../../src/model/types.js';
import { testEnvironment } from '../helpers.js';

// The store treats summaries as an opaque cache; a tiny stand-in keeps these tests about storage.
const summarize = (s: number[]) => ({ n: s.length, median: s[0] }) as unknown as Summary;

function tmp(): { dir: string; db: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'jepsh-store-'));
  return { dir, db: join(dir, 'nested', 'j.sqlite'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

const env = testEnvironment({ launchFlags: ['--no-sandbox'] });

const completed = (samples = [1, 2, 3]): CompletedRun => ({
  environment: env,
  benchmarks: [{ id: 'smoke/a?n=1', suite: 'smoke', name: 'a', params: { n: 1 } }],
  statuses: [{ benchmarkId: 'smoke/a?n=1', ok: true, durationMs: 10 }],
  results: [
    {
      benchmarkId: 'smoke/a?n=1',
      metric: 'time',
      unit: 'ms',
      direction: 'lower',
      kind: 'time',
      samples,
      innerIterations: 100,
    },
    {
      benchmarkId: 'smoke/a?n=1',
      metric: 'ops',
      unit: 'count',
      direction: 'lower',
      kind: 'counter',
      samples: [7],
      innerIterations: 1,
    },
  ],
  warnings: ['w'],
});

const newRun = { git: { commit: 'abc', branch: 'main', dirty: false }, label: 'l', suites: ['smoke'], options: {} };

test('a new database is created (with its folder) at the latest schema version, in WAL mode', () => {
  const t = tmp();
  try {
    const store = Store.open(t.db, summarize);
    assert.equal(store.schemaVersion(), SCHEMA_VERSION);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    store.close();
    // Reopening does not migrate again.
    const again = Store.open(t.db, summarize);
    assert.equal(again.schemaVersion(), SCHEMA_VERSION);
    again.close();
  } finally {
    t.done();
  }
});

test('a database from a newer schema is refused with a usage error and left untouched', () => {
  const t = tmp();
  try {
    Store.open(t.db, summarize).close();
    const raw = new Database(t.db);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(t.db);
    assert.throws(
      () => Store.open(t.db, summarize),
      (e: unknown) => e instanceof UsageError && e.exitCode === 2 && /newer than this jepsh-bench/.test(e.message),
    );
    assert.deepEqual(readFileSync(t.db), before);
  } finally {
    t.done();
  }
});

test('a file that is not SQLite is refused, not overwritten', () => {
  const t = tmp();
  try {
    const path = join(t.dir, 'notes.txt');
    writeFileSync(path, 'hello, this is not a database at all');
    assert.throws(
      () => Store.open(path, summarize),
      (e: unknown) => e instanceof UsageError && /not a SQLite database/.test(e.message),
    );
    assert.equal(readFileSync(path, 'utf8'), 'hello, this is not a database at all');
  } finally {
    t.done();
  }
});

test('a run is stored with raw samples and environment in one transaction', () => {
  const t = tmp();
  try {
    const store = Store.open(t.db, summarize);
    const run = store.createRun(newRun);
    assert.equal(run.status, 'running');
    store.completeRun(run.id, completed([0.1, 0.2, 0.30000000000000004]));
    const stored = store.getRunWithResults(run.id);
    assert.equal(stored.status, 'complete');
    assert.deepEqual(stored.environment, env);
    assert.deepEqual(stored.warnings, ['w']);
    const time = stored.results.find((r) => r.metric === 'time')!;
    assert.deepEqual(time.samples, [0.1, 0.2, 0.30000000000000004], 'float64 samples round-trip exactly');
    assert.equal(time.innerIterations, 100);
    // The same transaction wrote the one status row (what the failure test expects to find none of).
    assert.deepEqual(
      store.db.prepare(`SELECT status, error, duration_ms FROM run_benchmarks WHERE run_id = ?`).all(run.id),
      [{ status: 'ok', error: null, duration_ms: 10 }],
    );
    assert.equal(store.resolveRun(undefined).id, run.id);
    assert.equal(store.resolveRun(run.uuid.slice(0, 8)).id, run.id);
    store.close();
  } finally {
    t.done();
  }
});

test('a failure while writing results leaves no partial results and the run still running', () => {
  const t = tmp();
  try {
    const store = Store.open(t.db, summarize);
    const run = store.createRun(newRun);
    const bad = completed();
    // The second result has no samples: the write must fail as a whole, after the first insert.
    bad.results[1] = { ...bad.results[1]!, samples: [] };
    assert.throws(() => store.completeRun(run.id, bad), /no samples/);
    assert.equal(store.getResults(run.id).length, 0);
    // The status row of smoke/a?n=1 is inserted before the results, so it must have been rolled back too.
    const rows = (table: string) =>
      (store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE run_id = ?`).get(run.id) as { n: number }).n;
    assert.equal(rows('run_benchmarks'), 0, 'no run_benchmarks rows');
    assert.equal(rows('results'), 0, 'no results rows');
    assert.equal(store.getBenchmarks(run.id).length, 0);
    // The benchmark row created inside the same transaction is gone as well (a fresh database had none).
    assert.equal(
      (store.db.prepare(`SELECT count(*) AS n FROM benchmarks`).get() as { n: number }).n,
      0,
      'no benchmarks rows',
    );
    assert.equal(store.getRun(run.id)!.status, 'running');
    store.endRun(run.id, 'failed', 'boom');
    assert.equal(store.getRun(run.id)!.status, 'failed');
    assert.equal(store.getRun(run.id)!.error, 'boom');
    assert.throws(() => store.completeRun(run.id, completed()), /no longer running/);
    assert.equal(store.getResults(run.id).length, 0);
    assert.equal(rows('run_benchmarks'), 0, 'no run_benchmarks rows after the refused second write');
    assert.equal(store.integrityCheck(), 'ok');
    store.close();
  } finally {
    t.done();
  }
});

test('runs left running by a dead process are marked aborted on open', () => {
  const t = tmp();
  try {
    const store = Store.open(t.db, summarize);
    const run = store.createRun(newRun);
    // A pid that cannot exist (above pid_max) stands for a killed process.
    store.db.prepare('UPDATE runs SET pid = 99999999 WHERE id = ?').run(run.id);
    store.close();
    const again = Store.open(t.db, summarize);
    assert.equal(again.getRun(run.id)!.status, 'aborted');
    again.close();
  } finally {
    t.done();
  }
});

test('baselines name complete runs only; unknown references are usage errors', () => {
  const t = tmp();
  try {
    const store = Store.open(t.db, summarize);
    const running = store.createRun(newRun);
    assert.throws(() => store.setBaseline('main', running.id), /only a complete run/);
    store.completeRun(running.id, completed());
    store.setBaseline('main', running.id);
    assert.equal(store.resolveRun('main').id, running.id);
    assert.deepEqual(
      store.listBaselines().map((b) => b.name),
      ['main'],
    );
    assert.equal(store.removeBaseline('main'), true);
    assert.equal(store.removeBaseline('main'), false);
    assert.throws(
      () => store.resolveRun('nope'),
      (e: unknown) => e instanceof UsageError && /no run or baseline "nope"/.test(e.message),
    );
    store.close();
  } finally {
    t.done();
  }
});

test('an older database is migrated forward and keeps its runs', () => {
  const t = tmp();
  try {
    // A database as version 1 wrote it: first migration only, one complete run with a result.
    const path = join(t.dir, 'v1.sqlite');
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]!);
    raw.pragma('user_version = 1');
    raw
      .prepare(
        `INSERT INTO runs (uuid, started_at, status, suites) ` +
          `VALUES ('0000aaaa-old', '2026-01-01T00:00:00Z', 'complete', '["smoke"]')`,
      )
      .run();
    raw.prepare(`INSERT INTO benchmarks (key, suite, name) VALUES ('smoke/a', 'smoke', 'a')`).run();
    raw
      .prepare(
        `INSERT INTO results (run_id, benchmark_id, metric, unit, direction, kind, samples, ` +
          `inner_iterations, summary) VALUES (1, 1, 'time', 'ms', 'lower', 'time', ?, 1, '{}')`,
      )
      .run(Buffer.alloc(16));
    raw.close();
    const store = Store.open(path, summarize);
    assert.equal(store.schemaVersion(), SCHEMA_VERSION);
    const [result] = store.getResults(1);
    assert.deepEqual(result!.samples, [0, 0]);
    assert.equal(result!.rounds, undefined, 'rows from before rounds read as one round');
    // New rows carry their rounds.
    const run = store.createRun(newRun);
    store.completeRun(run.id, {
      ...completed([1, 2, 3]),
      results: [{ ...completed().results[0]!, samples: [1, 2, 3], rounds: [2, 1] }],
    });
    assert.deepEqual(store.getResults(run.id)[0]!.rounds, [2, 1]);
    store.close();
  } finally {
    t.done();
  }
});

test('completeRuns stores every run or none: an invalid second run leaves the first running', () => {
  const t = tmp();
  try {
    const store = Store.open(t.db, summarize);
    const first = store.createRun(newRun);
    const second = store.createRun(newRun);
    const bad = completed([1, 2, 3]);
    // Rounds that do not add up to the samples: the second write fails after the first succeeded.
    bad.results[0] = { ...bad.results[0]!, rounds: [2, 2] };
    assert.throws(
      () =>
        store.completeRuns([
          [first.id, completed()],
          [second.id, bad],
        ]),
      /rounds of smoke\/a\?n=1 time do not add up/,
    );
    for (const run of [first, second]) {
      assert.equal(store.getRun(run.id)!.status, 'running', `run ${run.id} still running`);
      assert.equal(store.getResults(run.id).length, 0, `run ${run.id} has no results`);
      assert.equal(store.getBenchmarks(run.id).length, 0, `run ${run.id} has no benchmark statuses`);
    }
    assert.equal(store.getRun(first.id)!.environment, null, 'nothing of the first run was written');

    // The same pair, valid: both complete together.
    store.completeRuns([
      [first.id, completed([1, 2, 3])],
      [
        second.id,
        { ...completed([4, 5, 6]), results: [{ ...completed().results[0]!, samples: [4, 5, 6], rounds: [2, 1] }] },
      ],
    ]);
    assert.equal(store.getRun(first.id)!.status, 'complete');
    assert.equal(store.getRun(second.id)!.status, 'complete');
    assert.deepEqual(store.getResults(first.id).find((r) => r.metric === 'time')!.samples, [1, 2, 3]);
    assert.deepEqual(store.getResults(second.id)[0]!.rounds, [2, 1]);
    assert.equal(store.integrityCheck(), 'ok');
    store.close();
  } finally {
    t.done();
  }
});

test('abPeer finds the other side of an A/B by its group, and nothing for a run outside one', () => {
  const t = tmp();
  try {
    const store = Store.open(t.db, summarize);
    const ab = (group: string, side: string) =>
      store.createRun({
        ...newRun,
        options: { sessions: 12, ab: { group, side, base: 'HEAD~1', head: 'working tree' } },
      });
    const plain = store.createRun(newRun);
    const base = ab('g-1', 'base');
    const other = ab('g-2', 'base');
    const head = ab('g-1', 'head');
    const alone = ab('g-3', 'head');

    const fromBase = store.abPeer(base.id)!;
    assert.equal(fromBase.run.id, base.id);
    assert.equal(fromBase.side, 'base');
    assert.equal(fromBase.peer.id, head.id, 'the run of the same group, not of another');
    assert.equal(fromBase.peerSide, 'head');
    const fromHead = store.abPeer(head.id)!;
    assert.deepEqual(
      [fromHead.run.id, fromHead.side, fromHead.peer.id, fromHead.peerSide],
      [head.id, 'head', base.id, 'base'],
    );
    assert.equal(fromHead.peer.uuid, base.uuid, 'whole runs are returned');

    assert.equal(store.abPeer(plain.id), null, 'not an A/B run');
    assert.equal(store.abPeer(alone.id), null, 'an A/B group with one run has no peer');
    assert.equal(store.abPeer(other.id), null);
    assert.equal(store.abPeer(9999), null, 'unknown run');
    store.close();
  } finally {
    t.done();
  }
});

test('profiles: recorded per run and benchmark, replaced on a second write, gone with their run', () => {
  const t = tmp();
  try {
    const store = Store.open(t.db, summarize);
    const run = store.createRun(newRun);
    store.completeRun(run.id, completed());
    const top = [{ name: 'f', location: 'src/a.ts:1', value: 1.5, unit: 'µs/op' as const }];
    store.addProfile({ runId: run.id, benchmarkId: 'smoke/a?n=1', files: [{ side: 'head', path: '/p/h' }], top });
    assert.deepEqual(store.getProfiles(run.id), [
      { runId: run.id, benchmarkId: 'smoke/a?n=1', files: [{ side: 'head', path: '/p/h' }], top },
    ]);
    store.addProfile({ runId: run.id, benchmarkId: 'smoke/a?n=1', files: [{ side: 'head', path: '/p/2' }], top: [] });
    assert.deepEqual(
      store.getProfiles(run.id).map((p) => [p.files[0]!.path, p.top.length]),
      [['/p/2', 0]],
    );
    assert.deepEqual(store.getProfiles(run.id + 1), []);
    store.db.prepare('DELETE FROM runs WHERE id = ?').run(run.id);
    assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM profiles').get() as { n: number }).n, 0);
    store.close();
  } finally {
    t.done();
  }
});
