/**
 * Where the paired spread lives: paired A/A (the same bundles on both sides), S sessions, each
 * benchmark measured K times per session (K interleaved passes in the same two pages, in the
 * session's random order among the other benchmarks). Per benchmark, a one-way analysis of
 * variance of the per-pass log ratios log(B / A) splits the spread into a part shared by a
 * session's passes (sd session) and a part each pass draws anew (sd pass), and predicts the SD of
 * a session's mean log ratio with k passes: sqrt(sd_session^2 + sd_pass^2 / k).
 *
 *   SUITES=reactivity,memo,pools,scheduler S=8 K=3 VARIANTS=base,settle node --import tsx scripts/measure/passes.ts
 */
import { mean, median, sampleVariance } from 'simple-statistics';
import { bundleSuites } from '../../src/browser/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { listBenchmarks, perRound, DEFAULT_SAMPLING } from '../../src/core/run.ts';
import { measureSessions } from '../../src/core/sessions.ts';
import type { PageOutcome, SamplingOptions } from '../../src/suite/protocol.ts';

const suites = (process.env.SUITES ?? 'reactivity,memo,pools,scheduler').split(',');
const S = Number(process.env.S ?? 8);
const K = Number(process.env.K ?? 3);
const bundles = await bundleSuites(selectSuites(findSuites('suites'), suites));
const { plan } = await listBenchmarks(bundles, { suites, sampling: {} } as any);
const repeated = plan.map((p) => ({ ...p, ids: p.ids.flatMap((id) => Array<string>(K).fill(id)) }));
// VARIANTS: comma-separated, alternated session by session (rotated, so none always runs first):
// `base` (a session's share of the defaults), `settle` / `warmN` / `timeN` (gc after warm-up,
// warm-up N ms, sampling time N ms per pass), joined with `+`.
const variants = (process.env.VARIANTS ?? 'base').split(',');
const samplingFor = (v: string): SamplingOptions => {
  const out: SamplingOptions = { ...perRound(DEFAULT_SAMPLING, 16) };
  for (const part of v.split('+')) {
    const n = Number(part.replace(/^\D+/, ''));
    if (part === 'settle') out.settle = true;
    else if (part.startsWith('warm')) out.warmupMs = n;
    else if (part.startsWith('time')) out.minTimeMs = n;
    else if (part !== 'base') throw new Error(`unknown variant part ${part}`);
  }
  return out;
};
const time = (o: PageOutcome): number[] | undefined => o.metrics.find((m) => m.metric === 'time')?.samples;
// ratios[variant][id][session] = the K per-pass log ratios
const ratios = new Map(variants.map((v) => [v, new Map<string, number[][]>()]));
const cost = new Map(variants.map((v) => [v, 0]));
const t0 = Date.now();
let version = '';
for (let s = 0; s < S; s++) {
  for (let j = 0; j < variants.length; j++) {
    const v = variants[(s + j) % variants.length]!;
    const t1 = Date.now();
    const got = await measureSessions({
      sides: [
        { key: 'A', bundles },
        { key: 'B', bundles },
      ],
      plan: repeated,
      sessions: 1,
      firstSession: 1 + s,
      sampling: samplingFor(v),
      innerFor: {},
    });
    cost.set(v, cost.get(v)! + Date.now() - t1);
    version ||= got.environment?.browserVersion ?? '';
    for (const [id, listA] of got.outcomes.get('A')!) {
      const listB = got.outcomes.get('B')!.get(id)!;
      const r: number[] = [];
      listA.forEach((a, i) => {
        const ta = time(a),
          tb = time(listB[i]!);
        if (ta && tb) r.push(Math.log(median(tb) / median(ta)));
      });
      const byId = ratios.get(v)!;
      if (!byId.has(id)) byId.set(id, []);
      if (r.length === K) byId.get(id)!.push(r);
    }
  }
}
console.log(`${new Date(t0).toISOString()} ${version} S=${S} K=${K} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
for (const v of variants) {
  const rows: [string, number, number, number, number][] = [];
  for (const [id, r] of ratios.get(v)!) {
    if (r.length < 3) continue;
    const within = mean(r.map((x) => sampleVariance(x))); // between passes of one session
    const between = Math.max(0, sampleVariance(r.map((x) => mean(x))) - within / K);
    rows.push([
      id,
      Math.sqrt(between),
      Math.sqrt(within),
      Math.sqrt(between + within),
      Math.sqrt(between + within / K),
    ]);
  }
  console.log(`\nvariant ${v}: ${(cost.get(v)! / 1000 / S).toFixed(1)} s per session`);
  console.log('benchmark'.padEnd(44), 'sd session  sd pass  sd(k=1)  sd(k=' + K + ')');
  for (const [id, b, w, s1, sk] of rows)
    console.log(
      id.padEnd(44),
      b.toFixed(3).padStart(10),
      w.toFixed(3).padStart(8),
      s1.toFixed(3).padStart(8),
      sk.toFixed(3).padStart(8),
    );
  const med = (k: number) => median(rows.map((r) => r[k] as number)).toFixed(3);
  console.log('median'.padEnd(44), med(1).padStart(10), med(2).padStart(8), med(3).padStart(8), med(4).padStart(8));
}
