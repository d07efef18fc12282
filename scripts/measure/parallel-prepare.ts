/**
 * Paired A/A of two sides through measureSessions, S sessions alternating two designs of the
 * interleaved benchmark: the sides set up and warm up one after the other (serial) or at the same
 * time (parallel). Prints, per benchmark, the SD and robust SD (1.4826 MAD) of the per-session log
 * ratios B/A under each design, and each design's wall time.
 *
 *   SUITES=reactivity,memo,pools,diffing S=12 node --import tsx scripts/measure/parallel-prepare.ts
 */
import { median, standardDeviation } from 'simple-statistics';
import { bundleSuites } from '../../src/browser/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { listBenchmarks, DEFAULT_SAMPLING } from '../../src/core/run.ts';
import { measureSessions } from '../../src/core/sessions.ts';
const suites = (process.env.SUITES ?? 'reactivity').split(',');
const S = Number(process.env.S ?? 10);
const bundles = await bundleSuites(selectSuites(findSuites('suites'), suites));
const { plan } = await listBenchmarks(bundles, { suites, sampling: {} } as any);
// One session's share of the defaults (16 sessions).
const sampling = {
  ...DEFAULT_SAMPLING,
  minSamples: DEFAULT_SAMPLING.minSamples / 16,
  minTimeMs: DEFAULT_SAMPLING.minTimeMs / 16,
};
const sides = [
  { key: 'A', bundles },
  { key: 'B', bundles },
];
const modes = ['serial', 'parallel'] as const;
const r: Record<string, Record<string, number[]>> = { serial: {}, parallel: {} };
const wall: Record<string, number> = { serial: 0, parallel: 0 };
const innerFor = {};
console.log(new Date().toISOString());
for (let s = 0; s < S; s++)
  for (const mode of s % 2 ? [...modes].reverse() : modes) {
    const t0 = performance.now();
    const got = await measureSessions({
      sides,
      plan,
      sessions: 1,
      firstSession: s,
      sampling,
      innerFor,
      parallelPrepare: mode === 'parallel',
    });
    wall[mode]! += performance.now() - t0;
    for (const [id, list] of got.outcomes.get('A')!) {
      const b = got.outcomes.get('B')!.get(id)!;
      const ta = list[0]!.metrics.find((m) => m.metric === 'time'),
        tb = b[0]!.metrics.find((m) => m.metric === 'time');
      if (!ta || !tb) continue;
      (r[mode]![id] ??= []).push(Math.log(median(tb.samples) / median(ta.samples)));
    }
  }
const q = (a: number[]) => {
  const m = median(a);
  return median(a.map((x) => Math.abs(x - m))) * 1.4826;
};
const rows: [string, number, number, number, number][] = [];
for (const id of Object.keys(r.serial!)) {
  const a = r.serial![id]!,
    b = r.parallel![id]!;
  rows.push([id, standardDeviation(a), q(a), standardDeviation(b), q(b)]);
  console.log(
    id.padEnd(44),
    ...rows
      .at(-1)!
      .slice(1)
      .map((x) => (x as number).toFixed(3)),
  );
}
const med = (i: number) => median(rows.map((x) => x[i] as number)).toFixed(3);
console.log('median over benchmarks: serial sd', med(1), 'mad', med(2), '| parallel sd', med(3), 'mad', med(4));
console.log('lower with parallel (sd):', rows.filter((x) => x[3] < x[1]).length, 'of', rows.length);
console.log('wall s: serial', (wall.serial! / 1000).toFixed(1), 'parallel', (wall.parallel! / 1000).toFixed(1));
console.log(new Date().toISOString());
