/**
 * Paired A/A of two sides through measureSessions, S sessions alternating the two designs: sides
 * interleaved sample step by sample step (the default) and one side after the other. Prints, per
 * benchmark, the SD and the robust SD (1.4826 MAD) of the per-session log ratios B/A.
 *
 *   SUITES=reactivity,memo,pools S=10 node --import tsx scripts/measure/interleave.ts
 */
import { median, standardDeviation } from 'simple-statistics';
import { bundleSuites } from '../../src/browser/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { listBenchmarks } from '../../src/core/run.ts';
import { measureSessions } from '../../src/core/sessions.ts';
const suites = (process.env.SUITES ?? 'reactivity').split(',');
const S = Number(process.env.S ?? 10);
const bundles = await bundleSuites(selectSuites(findSuites('suites'), suites));
const { plan } = await listBenchmarks(bundles, { suites, sampling: {} } as any);
const sampling = { minSamples: 3, minTimeMs: 100, warmupMs: 100, minSampleMs: 1 };
const sides = [
  { key: 'A', bundles },
  { key: 'B', bundles },
];
const r: Record<string, Record<string, number[]>> = { on: {}, off: {} };
const innerFor = {};
console.log(new Date().toISOString());
for (let s = 0; s < S; s++)
  for (const mode of s % 2 ? ['off', 'on'] : ['on', 'off']) {
    const got = await measureSessions({
      sides,
      plan,
      sessions: 1,
      firstSession: s,
      sampling,
      innerFor,
      interleave: mode === 'on',
    });
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
for (const id of Object.keys(r.on!))
  console.log(
    id.padEnd(40),
    'off sd',
    standardDeviation(r.off![id]!).toFixed(3),
    'mad',
    q(r.off![id]!).toFixed(3),
    '| on sd',
    standardDeviation(r.on![id]!).toFixed(3),
    'mad',
    q(r.on![id]!).toFixed(3),
  );
console.log(new Date().toISOString());
