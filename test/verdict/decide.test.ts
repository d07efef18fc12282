import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Severity, VerdictKind } from '../../src/model/types.js';
import { compare } from '../../src/stats/compare.js';
import { createRng, randomNormal } from '../../src/stats/prng.js';
import { badFactor, decide, decideCounter, severityOf } from '../../src/verdict/decide.js';
import { comparison, T, type ComparisonSpec } from './helpers.js';

const cases: {
  name: string;
  spec: ComparisonSpec;
  thresholds?: Partial<typeof T>;
  verdict: VerdictKind;
  severity?: Severity;
}[] = [
  // lower is better (time)
  {
    name: 'lower: +20%, CI above 1, p small',
    spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.001 },
    verdict: 'regressed',
    severity: 'minor',
  },
  {
    name: 'lower: +60% is major',
    spec: { ratio: 1.6, ci: [1.5, 1.7], p: 0.001 },
    verdict: 'regressed',
    severity: 'major',
  },
  {
    name: 'lower: 2.5x is critical',
    spec: { ratio: 2.5, ci: [2.2, 2.8], p: 0.001 },
    verdict: 'regressed',
    severity: 'critical',
  },
  {
    name: 'lower: exactly 1.5x is major',
    spec: { ratio: 1.5, ci: [1.4, 1.6], p: 0.001 },
    verdict: 'regressed',
    severity: 'major',
  },
  { name: 'lower: -20% improved', spec: { ratio: 0.8, ci: [0.7, 0.9], p: 0.001 }, verdict: 'improved' },
  { name: 'lower: CI includes no change', spec: { ratio: 1.2, ci: [0.95, 1.4], p: 0.001 }, verdict: 'inconclusive' },
  { name: 'lower: p not significant', spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.05 }, verdict: 'inconclusive' },
  {
    name: 'lower: p equal to alpha is not significant',
    spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.01 },
    verdict: 'inconclusive',
  },
  {
    name: 'lower: improvement not confirmed',
    spec: { ratio: 0.8, ci: [0.6, 1.01], p: 0.001 },
    verdict: 'inconclusive',
  },
  {
    name: 'lower: significant but within noise',
    spec: { ratio: 1.03, ci: [1.01, 1.05], p: 1e-6 },
    verdict: 'unchanged',
  },
  { name: 'lower: nothing', spec: { ratio: 1.0, ci: [0.97, 1.03], p: 0.8 }, verdict: 'unchanged' },
  {
    name: 'lower: CI straddles threshold but not 1',
    spec: { ratio: 1.08, ci: [1.02, 1.14], p: 0.001 },
    verdict: 'regressed',
    severity: 'minor',
  },
  {
    name: 'lower: baseline 0, candidate > 0',
    spec: { ratio: Infinity, ci: [3, Infinity], p: 1e-5, base: 0, method: 'poisson-rate' },
    verdict: 'regressed',
    severity: 'critical',
  },
  // sessions: the unit of replication
  {
    name: 'single baseline session',
    spec: { ratio: 1.5, ci: [Number.NaN, Number.NaN], p: Number.NaN, sessions: [1, 20] },
    verdict: 'inconclusive',
  },
  {
    name: 'single candidate session',
    spec: { ratio: 1.5, ci: [Number.NaN, Number.NaN], p: Number.NaN, sessions: [20, 1] },
    verdict: 'inconclusive',
  },
  {
    name: 'two sessions each are enough by default',
    spec: { ratio: 1.5, ci: [1.4, 1.6], p: 0.001, sessions: 2 },
    verdict: 'regressed',
    severity: 'major',
  },
  {
    name: 'minSessions 5: 4 sessions is too few',
    spec: { ratio: 1.5, ci: [1.4, 1.6], p: 0.001, sessions: [4, 20] },
    thresholds: { minSessions: 5 },
    verdict: 'inconclusive',
  },
  {
    name: 'minSamples 5: a time session of 3 samples',
    spec: { ratio: 1.5, ci: [1.4, 1.6], p: 0.001, sessionSamples: [3, 8] },
    thresholds: { minSamples: 5 },
    verdict: 'inconclusive',
  },
  {
    name: 'minSamples does not apply to gauges (one value per session)',
    spec: { ratio: 1.5, ci: [1.4, 1.6], p: 0.001, sessionSamples: [1, 1], kind: 'gauge' },
    thresholds: { minSamples: 5 },
    verdict: 'regressed',
    severity: 'major',
  },
  {
    name: 'session test not computed',
    spec: { ratio: 1.5, ci: [Number.NaN, Number.NaN], p: Number.NaN },
    verdict: 'inconclusive',
  },
  // the threshold boundary is the same in both directions (log scale)
  {
    name: 'lower: exactly +5% is within the threshold',
    spec: { ratio: 1.05, ci: [1.02, 1.08], p: 1e-6 },
    verdict: 'unchanged',
  },
  {
    name: 'lower: exactly /1.05 is within the threshold',
    spec: { ratio: 1 / 1.05, ci: [0.93, 0.98], p: 1e-6 },
    verdict: 'unchanged',
  },
  {
    name: 'higher: exactly /1.05 is within the threshold',
    spec: { ratio: 1 / 1.05, ci: [0.93, 0.98], p: 1e-6, direction: 'higher' },
    verdict: 'unchanged',
  },
  {
    name: 'higher: exactly x1.05 is within the threshold',
    spec: { ratio: 1.05, ci: [1.02, 1.08], p: 1e-6, direction: 'higher' },
    verdict: 'unchanged',
  },
  {
    name: 'lower: +5.01% is beyond',
    spec: { ratio: 1.0501, ci: [1.02, 1.08], p: 1e-6 },
    verdict: 'regressed',
    severity: 'minor',
  },
  {
    name: 'higher: 0.95 is a bad factor of 1.053, beyond 5%',
    spec: { ratio: 0.95, ci: [0.93, 0.97], p: 1e-6, direction: 'higher' },
    verdict: 'regressed',
    severity: 'minor',
  },
  // higher is better (throughput, fps)
  {
    name: 'higher: -20% regressed (factor 1.25 minor)',
    spec: { ratio: 0.8, ci: [0.7, 0.9], p: 0.001, direction: 'higher' },
    verdict: 'regressed',
    severity: 'minor',
  },
  {
    name: 'higher: -40% is major (factor 1.67)',
    spec: { ratio: 0.6, ci: [0.55, 0.65], p: 0.001, direction: 'higher' },
    verdict: 'regressed',
    severity: 'major',
  },
  {
    name: 'higher: -55% is critical (factor 2.2)',
    spec: { ratio: 0.45, ci: [0.4, 0.5], p: 0.001, direction: 'higher' },
    verdict: 'regressed',
    severity: 'critical',
  },
  {
    name: 'higher: +20% improved',
    spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.001, direction: 'higher' },
    verdict: 'improved',
  },
  {
    name: 'higher: CI reaches above 1',
    spec: { ratio: 0.8, ci: [0.7, 1.05], p: 0.001, direction: 'higher' },
    verdict: 'inconclusive',
  },
  {
    name: 'higher: -3% is within noise',
    spec: { ratio: 0.97, ci: [0.95, 0.99], p: 0.001, direction: 'higher' },
    verdict: 'unchanged',
  },
  // gauges follow the same rules
  {
    name: 'gauge: heap +30%',
    spec: { ratio: 1.3, ci: [1.2, 1.4], p: 0.001, kind: 'gauge' },
    verdict: 'regressed',
    severity: 'minor',
  },
  // difference methods: the threshold is noise x |baseline centre|, the interval a difference
  {
    name: 'diff: +200 on a baseline of 1000',
    spec: { ratio: 1.2, ci: [100, 300], p: 0.001, kind: 'gauge', method: 'welch-diff', base: 1000, shift: 200 },
    verdict: 'regressed',
    severity: 'minor',
  },
  {
    name: 'diff: +40 on 1000 is within 5%',
    spec: { ratio: 1.04, ci: [20, 60], p: 1e-6, kind: 'gauge', method: 'welch-diff', base: 1000, shift: 40 },
    verdict: 'unchanged',
  },
  {
    name: 'diff: exactly -50 on 1000 is within 5%',
    spec: { ratio: 0.95, ci: [-70, -30], p: 1e-6, kind: 'gauge', method: 'paired-diff', base: 1000, shift: -50 },
    verdict: 'unchanged',
  },
  {
    name: 'diff: interval reaches 0',
    spec: { ratio: Number.NaN, ci: [-20, 300], p: 0.001, kind: 'gauge', method: 'welch-diff', base: -100, shift: 200 },
    verdict: 'inconclusive',
  },
  {
    name: 'diff: growth from a zero baseline, no ratio',
    spec: { ratio: Number.NaN, ci: [4000, 9000], p: 1e-4, kind: 'gauge', method: 'paired-diff', base: 0, shift: 6000 },
    verdict: 'regressed',
    severity: 'minor',
  },
  {
    name: 'diff: a drop is an improvement',
    spec: {
      ratio: Number.NaN,
      ci: [-9000, -4000],
      p: 1e-4,
      kind: 'gauge',
      method: 'welch-diff',
      base: 100,
      shift: -6000,
    },
    verdict: 'improved',
  },
  // thresholds
  {
    name: 'noise 25%: +20% is unchanged',
    spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.001 },
    thresholds: { noise: 0.25 },
    verdict: 'unchanged',
  },
  {
    name: 'alpha 0.1: p 0.05 is significant',
    spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.05 },
    thresholds: { alpha: 0.1 },
    verdict: 'regressed',
    severity: 'minor',
  },
  {
    name: 'custom severity factors',
    spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.001 },
    thresholds: { severity: { minor: 1.05, major: 1.1, critical: 1.15 } },
    verdict: 'regressed',
    severity: 'critical',
  },
];

for (const c of cases) {
  test(`decide: ${c.name}`, () => {
    const v = decide(comparison(c.spec), { ...T, ...c.thresholds });
    assert.equal(v.verdict, c.verdict, v.explanation);
    assert.equal(v.severity, c.severity);
    assert.equal(v.threshold, c.thresholds?.noise ?? T.noise);
    assert.ok(v.comparison);
    assert.ok(!v.explanation.includes('\n'));
  });
}

test('decide: explanation names the method, sessions, estimate with CI, p, p_adj, threshold and mdc', () => {
  const v = decide(comparison({ ratio: 1.2083, ci: [1.171, 1.24], p: 0.0003 }), T);
  assert.equal(
    v.explanation,
    'reactivity/cellx?layers=1000 time: 1.20 ms -> 1.45 ms (+20.8%, 95% CI +17.1%..+24.0%), Welch t ' +
      'over 20/20 sessions, p=0.0003, p_adj=0.0003 < 0.01, threshold 5%, detectable >= 6%; minor regression',
  );
  const paired = comparison({
    ratio: 534 / 405,
    ci: [1.201, 1.448],
    p: 2.1e-5,
    base: 405e-6,
    method: 'paired-log',
    mdc: 0.062,
  });
  const pv = decide({ ...paired, benchmarkId: 'reactivity/diamond', pAdjusted: 3e-4 }, T);
  assert.equal(
    pv.explanation,
    'reactivity/diamond time: 405 ns -> 534 ns (+31.9%, 95% CI +20.1%..+44.8%), paired t over 20 sessions, ' +
      'p=2.1e-5, p_adj=0.0003 < 0.01, threshold 5%, detectable >= 6.2%; minor regression',
  );
  const inc = decide(comparison({ ratio: 1.2, ci: [0.95, 1.4], p: 0.02 }), T);
  assert.match(inc.explanation, /p_adj=0\.02 >= 0\.01/);
  assert.match(inc.explanation, /p_adj not below 0\.01$/);
  const single = decide(comparison({ ratio: 1.2, ci: [Number.NaN, Number.NaN], p: Number.NaN, sessions: [1, 3] }), T);
  assert.match(single.explanation, /\(\+20\.0%, no CI\), Welch t over 1\/3 sessions, p=n\/a, p_adj=n\/a/);
  assert.match(single.explanation, /; single session: between-session variance unknown, need --sessions >= 2$/);
  const few = decide(comparison({ ratio: 1.2, ci: [1.1, 1.3], p: 0.001, sessions: [3, 8] }), { ...T, minSessions: 5 });
  assert.match(few.explanation, /; 3 sessions on the baseline side \(need 5 per side\)$/);
  const heap = comparison({
    ratio: 1.2,
    ci: [100, 300],
    p: 0.001,
    kind: 'gauge',
    method: 'welch-diff',
    base: 1000,
    shift: 200,
    mdc: 120,
  });
  const diff = decide({ ...heap, metric: 'heapGrowth', unit: 'bytes' }, T);
  assert.equal(
    diff.explanation,
    'reactivity/cellx?layers=1000 heapGrowth: 1,000 B -> 1.17 KiB (+200 B, ' +
      '95% CI +100 B..+300 B), Welch t on differences over 20/20 sessions, p=0.001, ' +
      'p_adj=0.001 < 0.01, threshold 5% (50.0 B), detectable >= 120 B; minor regression',
  );
  const untested = decide(
    {
      ...comparison({ ratio: 1.5, ci: [Number.NaN, Number.NaN], p: Number.NaN }),
      untested: 'a session value <= 0 has no log',
    },
    T,
  );
  assert.match(untested.explanation, /; session test not computed: a session value <= 0 has no log$/);
  const { method: _m, sessions: _s, pSession: _p, ...bare } = comparison({ ratio: 1.5, ci: [1.4, 1.6], p: 0.001 });
  assert.equal(
    decide(bare, T).explanation,
    'reactivity/cellx?layers=1000 time: 1.20 ms -> 1.80 ms (+50.0%); no session test',
  );
  assert.equal(decide(bare, T).verdict, 'inconclusive');
});

test('decide on real sessions: a change in spread alone is not a regression', () => {
  const meta = {
    benchmarkId: 's/spread',
    metric: 'time',
    unit: 'ms',
    direction: 'lower' as const,
    kind: 'time' as const,
  };
  // Same geometric centre, 3x the session spread (symmetric on the log scale): estimate exactly 1.
  const levels = (sd: number) => Array.from({ length: 20 }, (_, i) => Math.exp((sd * (((i * 7) % 20) - 9.5)) / 5.77));
  const samplesOf = (ls: number[]) => ls.flatMap((l) => [l * 0.99, l, l * 1.01]);
  const rounds = Array.from({ length: 20 }, () => 3);
  const c = compare(samplesOf(levels(0.05)), samplesOf(levels(0.15)), meta, {
    rounds: { baseline: rounds, candidate: rounds },
  });
  assert.ok(Math.abs(c.ratio - 1) < 1e-12, `ratio ${c.ratio}`);
  assert.equal(decide(c, T).verdict, 'unchanged');
  // Seeded: 200 comparisons of a tight baseline with a 3x wider candidate around the same centre.
  const rng = createRng(31);
  let regressed = 0;
  for (let i = 0; i < 200; i++) {
    const side = (sd: number) => samplesOf(Array.from({ length: 20 }, () => Math.exp(sd * randomNormal(rng))));
    const v = decide(
      compare(
        side(0.1),
        side(0.3),
        { ...meta, benchmarkId: `s/${i}` },
        { resamples: 10, rounds: { baseline: rounds, candidate: rounds } },
      ),
      T,
    );
    if (v.verdict === 'regressed') regressed++;
  }
  assert.ok(regressed <= 3, `regressed ${regressed}/200`);
});

test('severity factors and direction', () => {
  assert.equal(badFactor(1.3, 'lower'), 1.3);
  assert.equal(badFactor(0.5, 'higher'), 2);
  assert.equal(badFactor(0, 'higher'), Infinity);
  const table: [number, Severity][] = [
    [1.06, 'minor'],
    [1.25, 'minor'],
    [1.49, 'minor'],
    [1.5, 'major'],
    [1.99, 'major'],
    [2.0, 'critical'],
    [Infinity, 'critical'],
  ];
  for (const [f, s] of table) assert.equal(severityOf(f, T.severity), s, `factor ${f}`);
});

const meta = {
  benchmarkId: 'diffing/create-rows?rows=1000',
  metric: 'patches',
  unit: 'patches',
  direction: 'lower' as const,
  kind: 'counter' as const,
};

const counterCases: {
  name: string;
  base: number[];
  cand: number[];
  direction?: 'lower' | 'higher';
  verdict: VerdictKind;
  severity?: Severity;
}[] = [
  { name: 'same value', base: [1000], cand: [1000], verdict: 'unchanged' },
  { name: 'one more patch is a regression', base: [1000], cand: [1001], verdict: 'regressed', severity: 'minor' },
  { name: 'fewer is an improvement', base: [1000], cand: [900], verdict: 'improved' },
  {
    name: 'fewer is a regression when higher is better',
    base: [10],
    cand: [8],
    direction: 'higher',
    verdict: 'regressed',
    severity: 'minor',
  },
  {
    name: 'more is an improvement when higher is better',
    base: [10],
    cand: [12],
    direction: 'higher',
    verdict: 'improved',
  },
  { name: 'tripled is critical', base: [10], cand: [30], verdict: 'regressed', severity: 'critical' },
  { name: 'from zero is critical', base: [0], cand: [1], verdict: 'regressed', severity: 'critical' },
  { name: 'zero to zero', base: [0], cand: [0], verdict: 'unchanged' },
  { name: 'floating-point rounding is not a change', base: [0.1 + 0.2], cand: [0.3], verdict: 'unchanged' },
  { name: 'median of several samples', base: [5, 5, 5], cand: [5, 6, 6], verdict: 'regressed', severity: 'minor' },
  { name: 'no candidate samples', base: [5], cand: [], verdict: 'inconclusive' },
];

for (const c of counterCases) {
  test(`decideCounter: ${c.name}`, () => {
    const v = decideCounter(c.base, c.cand, { ...meta, direction: c.direction ?? 'lower' });
    assert.equal(v.verdict, c.verdict, v.explanation);
    assert.equal(v.severity, c.severity);
    assert.equal(v.threshold, 0);
  });
}

test('decideCounter explanation and comparison', () => {
  const v = decideCounter([1000], [1001], meta);
  assert.equal(
    v.explanation,
    'diffing/create-rows?rows=1000 patches: 1,000 patches -> 1,001 patches (+0.1%), ' +
      'deterministic counter, n=1/1; minor regression',
  );
  assert.equal(v.comparison?.ratio, 1.001);
  assert.equal(v.comparison?.shift, 1);
  assert.ok(Number.isNaN(v.comparison!.pAdjusted));
});
