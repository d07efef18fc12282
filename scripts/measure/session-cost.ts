// Usage: node --import tsx scripts/measure/session-cost.ts SESSIONS SUITE...
// (docs/statistics.md §7 quotes the second session's total)
// Where a session's time goes: per suite, wall time vs the benchmarks' own durations.
import { runSuites, DEFAULT_SAMPLING } from '../../src/core/run.js';
import { Store } from '../../src/store/store.js';
import { summarize } from '../../src/core/summarize.js';
import { join } from 'node:path';
const store = Store.open('/tmp/timing.sqlite', summarize);
const sessions = Number(process.argv[2] ?? 2);
let last = performance.now();
const t0 = last;
const bySuite = new Map<string, { wall: number; bench: number; n: number }>();
let cur = '';
let startAt = 0;
const per = new Map<string, number>();
await runSuites(store, {
  suites: process.argv.slice(3),
  suitesDir: join(process.cwd(), 'suites'),
  sampling: {
    ...DEFAULT_SAMPLING,
    minSamples: (DEFAULT_SAMPLING.minSamples / 16) * sessions,
    minTimeMs: (DEFAULT_SAMPLING.minTimeMs / 16) * sessions,
  },
  rounds: sessions,
  onProgress: (p) => {
    const now = performance.now();
    const key = `${p.round} ${p.suite}`;
    if (p.phase === 'start') {
      if (key !== cur) {
        cur = key;
      }
      const e = bySuite.get(key) ?? { wall: 0, bench: 0, n: 0 };
      e.wall += now - last;
      bySuite.set(key, e);
      last = now;
      startAt = now;
    } else {
      const e = bySuite.get(key)!;
      e.wall += now - last;
      e.bench += p.outcome!.durationMs;
      e.n++;
      last = now;
      if (p.round > 0) per.set(p.benchmarkId, now - startAt);
    }
  },
});
for (const [k, v] of bySuite)
  console.log(k.padEnd(24), 'wall', (v.wall / 1000).toFixed(2), 'bench', (v.bench / 1000).toFixed(2), 'n', v.n);
console.log('total', ((performance.now() - t0) / 1000).toFixed(1));
for (const [k, v] of [...per].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(k.padEnd(44), v.toFixed(0));
