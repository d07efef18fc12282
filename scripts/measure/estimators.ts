/**
 * Which per-session statistic of a paired A/A varies least: the same interleaved sessions (the
 * default design, same bundles on both sides) scored by several estimators of the side ratio, each
 * computed from the same samples. The interleaved steps are recorded, so estimators can pair the
 * two sides step by step. Prints, per benchmark, the SD over sessions of each log-ratio estimate.
 *
 *   SUITES=reactivity,memo,pools,scheduler S=12 [OUT=raw.json] node --import tsx scripts/measure/estimators.ts
 */
import { mean, median, quantile, standardDeviation } from 'simple-statistics';
import { bundleSuites, Session } from '../../src/browser/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { listBenchmarks, perRound, DEFAULT_SAMPLING } from '../../src/core/run.ts';
import { measureSessions } from '../../src/core/sessions.ts';

const suites = (process.env.SUITES ?? 'reactivity,memo,pools,scheduler').split(',');
const S = Number(process.env.S ?? 12);
const bundles = await bundleSuites(selectSuites(findSuites('suites'), suites));
const { plan } = await listBenchmarks(bundles, { suites, sampling: {} } as any);

// Step boundaries (cumulative sample counts after each interleaved step), per side and benchmark, in call order.
const steps = new Map<string, number[][]>();
const orig = Session.prototype.openPage;
Session.prototype.openPage = async function (this: Session, suite: string, side?: string) {
  const page = await orig.call(this, suite, side);
  const { prepare, sample } = page;
  page.prepare = async (id, ...rest) => {
    const key = `${side}\u0000${id}`;
    if (!steps.has(key)) steps.set(key, []);
    steps.get(key)!.push([]);
    return prepare(id, ...rest);
  };
  page.sample = async (id, ...rest) => {
    const p = await sample(id, ...rest);
    steps.get(`${side}\u0000${id}`)!.at(-1)!.push(p.samples);
    return p;
  };
  return page;
};

const t0 = Date.now();
const got = await measureSessions({
  sides: [
    { key: 'A', bundles },
    { key: 'B', bundles },
  ],
  plan,
  sessions: S,
  firstSession: 1,
  sampling: perRound(DEFAULT_SAMPLING, 16),
  innerFor: {},
});
console.log(
  `${new Date(t0).toISOString()} ${got.environment?.browserVersion} S=${S} ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);

const split = (xs: number[], bounds: number[]): number[][] =>
  bounds.map((end, i) => xs.slice(i ? bounds[i - 1] : 0, end)).filter((s) => s.length > 0);
const lr = (a: number, b: number) => Math.log(b / a);
/** Mean of the middle values, a share `cut` dropped at each end. */
const trimmed = (xs: number[], cut: number): number => {
  const s = [...xs].sort((x, y) => x - y);
  const k = Math.floor(s.length * cut);
  return mean(s.slice(k, s.length - k));
};
const estimators: Record<string, (a: number[], b: number[], sa: number[][], sb: number[][]) => number> = {
  median: (a, b) => lr(median(a), median(b)),
  mean: (a, b) => lr(mean(a), mean(b)),
  tmean10: (a, b) => lr(trimmed(a, 0.1), trimmed(b, 0.1)),
  tmean25: (a, b) => lr(trimmed(a, 0.25), trimmed(b, 0.25)),
  gmean: (a, b) => mean(b.map(Math.log)) - mean(a.map(Math.log)),
  min: (a, b) => lr(Math.min(...a), Math.min(...b)),
  p10: (a, b) => lr(quantile(a, 0.1), quantile(b, 0.1)),
  p25: (a, b) => lr(quantile(a, 0.25), quantile(b, 0.25)),
  'step-median': (_a, _b, sa, sb) =>
    median(sa.slice(0, Math.min(sa.length, sb.length)).map((x, i) => lr(median(x), median(sb[i]!)))),
  'step-mean': (_a, _b, sa, sb) =>
    mean(sa.slice(0, Math.min(sa.length, sb.length)).map((x, i) => lr(median(x), median(sb[i]!)))),
  'step-min': (_a, _b, sa, sb) =>
    median(sa.slice(0, Math.min(sa.length, sb.length)).map((x, i) => lr(Math.min(...x), Math.min(...sb[i]!)))),
};
const names = Object.keys(estimators);
const sds: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const raw: unknown[] = [];
console.log('benchmark'.padEnd(40), 'samples/side', ...names.map((n) => n.padStart(11)));
for (const [id, listA] of got.outcomes.get('A')!) {
  const listB = got.outcomes.get('B')!.get(id)!;
  const stA = steps.get(`A\u0000${id}`) ?? [],
    stB = steps.get(`B\u0000${id}`) ?? [];
  const vals: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  let n = 0;
  listA.forEach((oa, i) => {
    const a = oa.metrics.find((m) => m.metric === 'time')?.samples,
      b = listB[i]?.metrics.find((m) => m.metric === 'time')?.samples;
    if (!a || !b || !stA[i] || !stB[i]) return;
    n += a.length;
    raw.push({ id, session: i, a, b, stepsA: stA[i], stepsB: stB[i] });
    const sa = split(a, stA[i]!),
      sb = split(b, stB[i]!);
    for (const name of names) vals[name]!.push(estimators[name]!(a, b, sa, sb));
  });
  if (vals.median!.length < 3) continue;
  const row = names.map((name) => standardDeviation(vals[name]!));
  row.forEach((v, k) => sds[names[k]!]!.push(v));
  console.log(
    id.padEnd(40),
    (n / vals.median!.length).toFixed(0).padStart(12),
    ...row.map((v) => v.toFixed(3).padStart(11)),
  );
}
if (process.env.OUT)
  (await import('node:fs')).writeFileSync(
    process.env.OUT,
    JSON.stringify({ version: got.environment?.browserVersion, raw }),
  );
console.log('median'.padEnd(40), ''.padStart(12), ...names.map((n) => median(sds[n]!).toFixed(3).padStart(11)));
