/**
 * The memory suite's leak check (suites/memory.ts `leakBenchmark`) in real Chromium: a row
 * component that creates an effect it never disposes (a detached `effect` on a module-level atom, which
 * keeps the effect and its closure alive after unmount), planted here in a test-only suite, is
 * caught; the real row component leaves nothing per cycle, within the heap tolerance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, noBrowserReason, QUICK_RUN, ROOT, tempDir } from '../helpers.js';

/** The heap tolerance of the leak budget in jepsh-bench.config.json (bytes per cycle). */
const TOLERANCE = (
  JSON.parse(readFileSync(join(ROOT, 'jepsh-bench.config.json'), 'utf8')) as {
    budgets: Array<{ benchmark: string; metric: string; limit: number }>;
  }
).budgets.find((b) => b.benchmark === 'memory/leak*' && b.metric === 'heapPerCycle')!.limit;
const path = (...p: string[]) => JSON.stringify(join(ROOT, ...p));

test(
  'the leak check catches a row component whose effect is never disposed, and passes the real one',
  { skip: noBrowserReason() },
  async () => {
    const t = tempDir();
    try {
      writeFileSync(
        join(t.dir, 'leaky.ts'),
        `import { defineSuite } from ${path('src', 'suite', 'api.ts')};\n` +
          `import { leakBenchmark } from ${path('suites', 'memory.ts')};\n` +
          `import { Row } from ${path('suites', 'components.ts')};\n` +
          `import { atom, effect } from ${path('src', 'runtime', 'reactivity', 'index.ts')};\n` +
          'const tick = atom(0);\n' +
          // Subscribed to an atom that outlives the app, and never disposed: each mount leaves one
          // effect per row (with its closure and the row's props) reachable from `tick`. Detached: an
          // effect created in a render is otherwise owned by the render effect and disposed with it.
          'const Leaky = (p) => { const props = { ...p }; ' +
          'effect(() => { tick.get(); void props.row.id; }, { detached: true }); ' +
          'return Row(p); };\n' +
          // The same effect, not detached: owned by the row's render effect, so unmount disposes it.
          'const Owned = (p) => { const props = { ...p }; effect(() => { tick.get(); void props.row.id; }); ' +
          'return Row(p); };\n' +
          `export default defineSuite({ name: 'leaky', benchmarks: [leakBenchmark('real', Row), ` +
          `leakBenchmark('leaking', Leaky), leakBenchmark('owned', Owned)] });\n`,
      );
      const r = await cli(['run', 'leaky', '--suites-dir', t.dir, '--db', join(t.dir, 'leak.sqlite'), ...QUICK_RUN]);
      assert.equal(r.code, 0, r.stderr);
      const results = (
        JSON.parse(r.stdout) as { results: Array<{ benchmarkId: string; metric: string; summary: { median: number } }> }
      ).results;
      const value = (bench: string, metric: string): number => {
        const found = results.find((x) => x.benchmarkId === `leaky/${bench}?components=100` && x.metric === metric);
        assert.ok(found, `${bench} ${metric} in ${results.map((x) => `${x.benchmarkId} ${x.metric}`).join(', ')}`);
        return found.summary.median;
      };
      const why = JSON.stringify(results.map((x) => [x.benchmarkId, x.metric, x.summary.median]));
      // 100 rows leak 100 effects per cycle: far beyond the tolerance.
      assert.ok(value('leaking', 'heapPerCycle') > 4 * TOLERANCE, why);
      assert.ok(Math.abs(value('real', 'heapPerCycle')) <= TOLERANCE, why);
      for (const metric of ['domNodesPerCycle', 'listenersPerCycle', 'effectsPerCycle'])
        assert.equal(value('real', metric), 0, `${metric}: ${why}`);
      // Nested effects are owned by the effect that created them: a plain effect in a render leaks nothing.
      assert.ok(Math.abs(value('owned', 'heapPerCycle')) <= TOLERANCE, why);
      assert.equal(value('owned', 'effectsPerCycle'), 0, why);
    } finally {
      t.cleanup();
    }
  },
);
