/**
 * Faults inside the page, in one run of one suite whose benchmarks each break in their own way
 * (README "Failure modes"): each is `errored` with what happened and where, the healthy ones are
 * stored, the run ends by itself with exit 1, and the database is intact.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, noBrowserReason, ROOT, tempDir } from '../helpers.js';

const API = JSON.stringify(join(ROOT, 'src', 'suite', 'api.ts'));

const FAULTY_SUITE = `import { defineSuite } from ${API};
// Keeps its result in the state (set up by \`box\`), so the loop is not dead code.
const box = () => ({ out: 0 });
const sum = (ctx: any) => { let s = 0; for (let i = 0; i < 1000; i++) s += i; ctx.state.out = s; };
export default defineSuite({
  name: 'faulty',
  benchmarks: [
    { name: 'healthy-a', setup: box, run: sum },
    // Spins forever after 50 calls: only the time limit ends it.
    { name: 'hangs', setup: () => ({ calls: 0 }), run(ctx) { if (++ctx.state.calls > 50) for (;;) {} } },
    { name: 'throws-in-setup', setup() { throw new Error('no fixture'); }, run: sum },
    // An async hook that never resolves: the page is idle, the promise simply never settles.
    { name: 'never-resolves', setup() { return new Promise<void>(() => {}); }, run: sum },
    // One rejected promise nobody awaits: the benchmark's own stack never sees it.
    { name: 'rejects-later', setup: () => ({ lost: false }), run(ctx) {
      if (!ctx.state.lost) { ctx.state.lost = true; void Promise.reject(new Error('lost promise')); }
    } },
    // A throw in a timer callback the benchmark started: a later task, outside every hook.
    { name: 'throws-later', setup: () => ({ armed: false }), run(ctx) {
      if (!ctx.state.armed) { ctx.state.armed = true; setTimeout(() => { throw new Error('late throw'); }, 0); }
    } },
    { name: 'healthy-b', setup: box, run: sum },
  ],
});
`;

// Keeps every 128 MB array alive until V8 gives up and the renderer process dies (about 8 s here).
const OOM_SUITE = `import { defineSuite } from ${API};
export default defineSuite({
  name: 'oom',
  benchmarks: [
    { name: 'exhausts-memory', setup: () => [] as number[][],
      run(ctx) { for (;;) ctx.state.push(new Array(1 << 24).fill(1.5)); } },
    { name: 'healthy', setup: () => ({ out: 0 }),
      run(ctx) { let s = 0; for (let i = 0; i < 1000; i++) s += i; ctx.state.out = s; } },
  ],
});
`;

interface StoredBenchmark {
  id: string;
  status: string;
  error: string | null;
}

/**
 * Runs one suite file through the CLI; returns the exit, the stored rows of that suite and whether
 * the database is intact.
 */
async function runSuite(name: string, source: string, args: string[]) {
  const t = tempDir();
  try {
    const suites = join(t.dir, 'suites');
    mkdirSync(suites);
    writeFileSync(join(suites, `${name}.ts`), source);
    const db = join(t.dir, 'faults.sqlite');
    const started = Date.now();
    const r = await cli(
      ['run', name, '--suites-dir', suites, '--db', db, '--sessions', '2', '--time', '0.2', '--samples', '4', ...args],
      { timeoutMs: 170_000 },
    );
    const seconds = (Date.now() - started) / 1000;
    const raw = new Database(db, { readonly: true });
    try {
      return {
        r,
        seconds,
        integrity: raw.pragma('integrity_check', { simple: true }),
        runs: raw.prepare('SELECT status FROM runs').all() as Array<{ status: string }>,
        rows: new Map(
          (
            raw
              .prepare(
                'SELECT b.key AS id, rb.status, rb.error FROM run_benchmarks rb ' +
                  'JOIN benchmarks b ON b.id = rb.benchmark_id WHERE b.suite = ?',
              )
              .all(name) as StoredBenchmark[]
          ).map((x) => [x.id, x]),
        ),
        timed: (
          raw
            .prepare(
              'SELECT b.key AS id FROM results r JOIN benchmarks b ' +
                "ON b.id = r.benchmark_id WHERE b.suite = ? AND r.metric = 'time'",
            )
            .all(name) as Array<{ id: string }>
        )
          .map((x) => x.id)
          .sort(),
      };
    } finally {
      raw.close();
    }
  } finally {
    t.cleanup();
  }
}

function assertStored(rows: Map<string, StoredBenchmark>, expect: Record<string, RegExp | null>): void {
  for (const [id, error] of Object.entries(expect)) {
    const row = rows.get(id);
    assert.ok(row, `${id} stored`);
    if (error === null) assert.equal(row.status, 'ok', `${id}: ${row.error}`);
    else {
      assert.equal(row.status, 'error', id);
      assert.match(row.error ?? '', error, id);
    }
  }
}

test(
  'a hang, a throwing hook, a never-resolving hook, a late rejection, ' +
    'a throw in a later task: each errored with where it was, the rest stored, exit 1',
  { skip: noBrowserReason() },
  async () => {
    const out = await runSuite('faulty', FAULTY_SUITE, ['--benchmark-timeout', '4']);
    assert.equal(out.r.code, 1, `${out.r.stdout}\n${out.r.stderr}`);
    assert.match(out.r.stderr, /benchmark\(s\) errored: .*faulty\/hangs/);
    assert.equal(out.integrity, 'ok');
    assert.deepEqual(out.runs, [{ status: 'complete' }]);
    assertStored(out.rows, {
      'faulty/healthy-a': null,
      'faulty/healthy-b': null,
      'faulty/hangs': /^round 1: timed out after 4 s in run \((calibration|warm-up|sample \d+)\)$/,
      'faulty/throws-in-setup': /no fixture/,
      'faulty/never-resolves': /^round 1: timed out after 4 s in setup$/,
      'faulty/rejects-later': /unhandled promise rejection: Error: lost promise/,
      'faulty/throws-later': /uncaught error in a later task: Uncaught Error: late throw/,
    });
    assert.deepEqual(out.timed, ['faulty/healthy-a', 'faulty/healthy-b']);
    // The hang ends by itself: two 4 s limits (errored benchmarks are not run again in session 2) and start-up.
    assert.ok(out.seconds < 90, `took ${out.seconds} s`);
  },
);

test(
  "a benchmark that exhausts the page's memory: the renderer crash errors it, the run goes on, exit 1",
  { skip: noBrowserReason() },
  async () => {
    const out = await runSuite('oom', OOM_SUITE, ['--benchmark-timeout', '90']);
    assert.equal(out.r.code, 1, `${out.r.stdout}\n${out.r.stderr}`);
    assert.equal(out.integrity, 'ok');
    assert.deepEqual(out.runs, [{ status: 'complete' }]);
    assertStored(out.rows, {
      'oom/exhausts-memory':
        /^round 1: the page crashed in run \(counter pass\) \(the renderer process died: out of memory\?\)$/,
      'oom/healthy': null,
    });
    assert.deepEqual(out.timed, ['oom/healthy']);
  },
);
