import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Severity, VerdictKind } from '../../src/core/types.js';
import { badFactor, decide, decideCounter, severityOf } from '../../src/verdict/decide.js';
import { comparison, T, type ComparisonSpec } from './helpers.js';

const cases: { name: string; spec: ComparisonSpec; thresholds?: Partial<typeof T>; verdict: VerdictKind; severity?: Severity }[] = [
  // lower is better (time)
  { name: 'lower: +20%, CI above 1, p small', spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.001 }, verdict: 'regressed', severity: 'minor' },
  { name: 'lower: +60% is major', spec: { ratio: 1.6, ci: [1.5, 1.7], p: 0.001 }, verdict: 'regressed', severity: 'major' },
  { name: 'lower: 2.5x is critical', spec: { ratio: 2.5, ci: [2.2, 2.8], p: 0.001 }, verdict: 'regressed', severity: 'critical' },
  { name: 'lower: exactly 1.5x is major', spec: { ratio: 1.5, ci: [1.4, 1.6], p: 0.001 }, verdict: 'regressed', severity: 'major' },
  { name: 'lower: -20% improved', spec: { ratio: 0.8, ci: [0.7, 0.9], p: 0.001 }, verdict: 'improved' },
  { name: 'lower: CI includes no change', spec: { ratio: 1.2, ci: [0.95, 1.4], p: 0.001 }, verdict: 'inconclusive' },
  { name: 'lower: p not significant', spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.05 }, verdict: 'inconclusive' },
  { name: 'lower: p equal to alpha is not significant', spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.01 }, verdict: 'inconclusive' },
  { name: 'lower: improvement not confirmed', spec: { ratio: 0.8, ci: [0.6, 1.01], p: 0.001 }, verdict: 'inconclusive' },
  { name: 'lower: significant but within noise', spec: { ratio: 1.03, ci: [1.01, 1.05], p: 1e-6 }, verdict: 'unchanged' },
  { name: 'lower: nothing', spec: { ratio: 1.0, ci: [0.97, 1.03], p: 0.8 }, verdict: 'unchanged' },
  { name: 'lower: CI straddles threshold but not 1', spec: { ratio: 1.08, ci: [1.02, 1.14], p: 0.001 }, verdict: 'regressed', severity: 'minor' },
  { name: 'lower: too few samples', spec: { ratio: 1.5, ci: [1.4, 1.6], p: 0.001, n: [9, 40] }, verdict: 'inconclusive' },
  { name: 'lower: too few candidate samples', spec: { ratio: 1.5, ci: [1.4, 1.6], p: 0.001, n: [40, 3] }, verdict: 'inconclusive' },
  { name: 'lower: no ratio', spec: { ratio: Number.NaN, ci: [Number.NaN, Number.NaN], p: Number.NaN }, verdict: 'inconclusive' },
  { name: 'lower: baseline 0, candidate > 0', spec: { ratio: Infinity, ci: [Infinity, Infinity], p: 1e-5, base: 0 }, verdict: 'regressed', severity: 'critical' },
  // higher is better (throughput, fps)
  { name: 'higher: -20% regressed (factor 1.25 minor)', spec: { ratio: 0.8, ci: [0.7, 0.9], p: 0.001, direction: 'higher' }, verdict: 'regressed', severity: 'minor' },
  { name: 'higher: -40% is major (factor 1.67)', spec: { ratio: 0.6, ci: [0.55, 0.65], p: 0.001, direction: 'higher' }, verdict: 'regressed', severity: 'major' },
  { name: 'higher: -55% is critical (factor 2.2)', spec: { ratio: 0.45, ci: [0.4, 0.5], p: 0.001, direction: 'higher' }, verdict: 'regressed', severity: 'critical' },
  { name: 'higher: +20% improved', spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.001, direction: 'higher' }, verdict: 'improved' },
  { name: 'higher: CI reaches above 1', spec: { ratio: 0.8, ci: [0.7, 1.05], p: 0.001, direction: 'higher' }, verdict: 'inconclusive' },
  { name: 'higher: -3% is within noise', spec: { ratio: 0.97, ci: [0.95, 0.99], p: 0.001, direction: 'higher' }, verdict: 'unchanged' },
  // gauges follow the same rules
  { name: 'gauge: heap +30%', spec: { ratio: 1.3, ci: [1.2, 1.4], p: 0.001, kind: 'gauge' }, verdict: 'regressed', severity: 'minor' },
  // thresholds
  { name: 'noise 25%: +20% is unchanged', spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.001 }, thresholds: { noise: 0.25 }, verdict: 'unchanged' },
  { name: 'alpha 0.1: p 0.05 is significant', spec: { ratio: 1.2, ci: [1.1, 1.3], p: 0.05 }, thresholds: { alpha: 0.1 }, verdict: 'regressed', severity: 'minor' },
  { name: 'minSamples 5 allows n=9', spec: { ratio: 1.5, ci: [1.4, 1.6], p: 0.001, n: 9 }, thresholds: { minSamples: 5 }, verdict: 'regressed', severity: 'major' },
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

test('decide: explanation carries medians with units, change with CI, p_adj, threshold and n', () => {
  const v = decide(comparison({ ratio: 1.2083, ci: [1.171, 1.24], p: 0.0003 }), T);
  assert.equal(
    v.explanation,
    'reactivity/cellx?layers=1000 time: 1.20 ms -> 1.45 ms (+20.8%, 95% CI +17.1%..+24.0%), p_adj=0.0003 < 0.01, threshold 5%, n=40/40; minor regression',
  );
  const inc = decide(comparison({ ratio: 1.2, ci: [0.95, 1.4], p: 0.02 }), T);
  assert.match(inc.explanation, /p_adj=0\.02 >= 0\.01/);
  assert.match(inc.explanation, /p_adj not below 0\.01$/);
  const few = decide(comparison({ ratio: 1.2, ci: [1.1, 1.3], p: 0.001, n: [3, 40] }), T);
  assert.match(few.explanation, /n=3\/40; too few samples \(need 10 per side\)$/);
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

const meta = { benchmarkId: 'diffing/create-rows?rows=1000', metric: 'patches', unit: 'patches', direction: 'lower' as const, kind: 'counter' as const };

const counterCases: { name: string; base: number[]; cand: number[]; direction?: 'lower' | 'higher'; verdict: VerdictKind; severity?: Severity }[] = [
  { name: 'same value', base: [1000], cand: [1000], verdict: 'unchanged' },
  { name: 'one more patch is a regression', base: [1000], cand: [1001], verdict: 'regressed', severity: 'minor' },
  { name: 'fewer is an improvement', base: [1000], cand: [900], verdict: 'improved' },
  { name: 'fewer is a regression when higher is better', base: [10], cand: [8], direction: 'higher', verdict: 'regressed', severity: 'minor' },
  { name: 'more is an improvement when higher is better', base: [10], cand: [12], direction: 'higher', verdict: 'improved' },
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
  assert.equal(v.explanation, 'diffing/create-rows?rows=1000 patches: 1,000 patches -> 1,001 patches (+0.1%), deterministic counter, n=1/1; minor regression');
  assert.equal(v.comparison?.ratio, 1.001);
  assert.equal(v.comparison?.shift, 1);
  assert.ok(Number.isNaN(v.comparison!.pAdjusted));
});
