import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  changePointsForSeries,
  detectChangePoints,
  newestWindowRegression,
} from '../../src/stats/changepoint.js';
import { createRng, randomNormal, type Rng } from '../../src/stats/prng.js';
import type { ChangePoint, SeriesPoint } from '../../src/core/types.js';

const normal = randomNormal;

/** `count` points around `level` with normal relative noise of `rel` (e.g. 0.02). */
function noisy(rng: Rng, level: number, count: number, rel: number): number[] {
  return Array.from({ length: count }, () => level * (1 + rel * normal(rng)));
}

test('one step: 40 points at 10 then 40 at 12 (2% noise) gives one change at index 40 ± 1', () => {
  const rng = createRng(42);
  const values = [...noisy(rng, 10, 40, 0.02), ...noisy(rng, 12, 40, 0.02)];
  const cps = detectChangePoints(values, { seed: 7 });
  assert.equal(cps.length, 1, JSON.stringify(cps));
  assert.ok(Math.abs(cps[0]!.index - 40) <= 1, `index ${cps[0]!.index}`);
  assert.ok(cps[0]!.pValue <= 0.01);
});

test('two steps are both found', () => {
  const rng = createRng(3);
  const values = [...noisy(rng, 10, 30, 0.02), ...noisy(rng, 12, 30, 0.02), ...noisy(rng, 15, 30, 0.02)];
  const cps = detectChangePoints(values, { seed: 11 });
  assert.equal(cps.length, 2, JSON.stringify(cps));
  assert.ok(Math.abs(cps[0]!.index - 30) <= 1, `first at ${cps[0]!.index}`);
  assert.ok(Math.abs(cps[1]!.index - 60) <= 1, `second at ${cps[1]!.index}`);
});

test('a step up and back down gives two changes', () => {
  const rng = createRng(5);
  const values = [...noisy(rng, 10, 30, 0.02), ...noisy(rng, 12, 20, 0.02), ...noisy(rng, 10, 30, 0.02)];
  const cps = detectChangePoints(values, { seed: 1 });
  assert.deepEqual(
    cps.map((c) => c.index).map((i, k) => Math.abs(i - [30, 50][k]!) <= 1),
    [true, true],
    JSON.stringify(cps),
  );
});

test('flat series with 3% lognormal noise: no change point in at least 48 of 50 at p = 0.01', () => {
  const rng = createRng(2024);
  let clean = 0;
  for (let s = 0; s < 50; s++) {
    const values = Array.from({ length: 60 }, () => 10 * Math.exp(0.03 * normal(rng)));
    if (detectChangePoints(values, { pValue: 0.01, permutations: 199, seed: s + 1 }).length === 0) clean++;
  }
  assert.ok(clean >= 48, `only ${clean}/50 flat series had no change point`);
});

test('deterministic for a seed, and the seed is what drives the permutation p-value', () => {
  const rng = createRng(9);
  // A step small against the noise, so the p-value is not simply the floor 1/(R+1).
  const values = [...noisy(rng, 10, 25, 0.03), ...noisy(rng, 10.15, 25, 0.03)];
  const opts = { pValue: 1, permutations: 99, minSize: 10 };
  const a = detectChangePoints(values, { ...opts, seed: 123 });
  const b = detectChangePoints(values, { ...opts, seed: 123 });
  assert.deepEqual(a, b);
  assert.ok(a.length >= 1);
  const pValues = new Set([1, 2, 3, 4, 5].map((seed) => detectChangePoints(values, { ...opts, seed })[0]?.pValue));
  assert.ok(pValues.size > 1, 'different seeds should give different permutation p-values here');
});

test('constant and short series have no change points; minSize bounds the segments', () => {
  assert.deepEqual(detectChangePoints(Array(50).fill(5)), []);
  assert.deepEqual(detectChangePoints([1, 2, 3]), []);
  assert.deepEqual(detectChangePoints([]), []);
  // A step 3 points from the end cannot be reported at its place with minSize 5 (at most a split
  // that leaves 5 points on the right)...
  const late = [...Array(40).fill(10), 20, 20, 20];
  for (const c of detectChangePoints(late, { minSize: 5 })) assert.ok(c.index >= 5 && c.index <= late.length - 5, `index ${c.index}`);
  // ...but is found exactly with minSize 3.
  assert.deepEqual(detectChangePoints(late, { minSize: 3 }).map((c) => c.index), [40]);
  assert.throws(() => detectChangePoints([1, NaN, 2]), RangeError);
});

function point(i: number, median: number): SeriesPoint {
  return {
    runId: 100 + i,
    runUuid: `uuid-${i}`,
    startedAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
    commit: `c${i.toString(16).padStart(6, '0')}`,
    branch: 'main',
    label: null,
    browserVersion: 'Chrome/120',
    cpuModel: 'cpu',
    median,
    ci: { low: median * 0.98, high: median * 1.02, level: 0.95 },
    n: 30,
  };
}

test('changePointsForSeries describes run, commit, segment medians, change and direction', () => {
  const rng = createRng(77);
  const values = [...noisy(rng, 10, 30, 0.01), ...noisy(rng, 12, 30, 0.01), ...noisy(rng, 9, 30, 0.01)];
  const points = values.map((v, i) => point(i, v));
  const lower = changePointsForSeries(points, { benchmarkId: 'b/x', metric: 'time', direction: 'lower' });
  assert.equal(lower.length, 2);
  const [up, down] = lower as [ChangePoint, ChangePoint];
  assert.equal(up.runId, points[up.index]!.runId);
  assert.equal(up.commit, points[up.index]!.commit);
  assert.equal(up.benchmarkId, 'b/x');
  assert.ok(Math.abs(up.medianBefore - 10) < 0.2 && Math.abs(up.medianAfter - 12) < 0.2);
  assert.ok(Math.abs(up.change - 0.2) < 0.03, `change ${up.change}`);
  assert.equal(up.regression, true, 'slower time is a regression');
  assert.equal(down.regression, false, 'faster time is an improvement');
  assert.ok(Math.abs(down.medianBefore - up.medianAfter) < 1e-12, 'segments are shared between neighbours');

  const higher = changePointsForSeries(points, { benchmarkId: 'b/x', metric: 'ops', direction: 'higher' });
  assert.deepEqual(higher.map((c) => c.regression), [false, true]);
});

test('changePointsForSeries skips non-finite medians and keeps indices of the original series', () => {
  const values = [...Array(20).fill(10), ...Array(20).fill(14)].map((v, i) => v + (i % 3) * 0.01);
  const points = values.map((v, i) => point(i, v));
  points.splice(5, 0, point(99, NaN));
  const cps = changePointsForSeries(points, { benchmarkId: 'b', metric: 'time', direction: 'lower' });
  assert.equal(cps.length, 1);
  assert.equal(cps[0]!.index, 21);
  assert.equal(Math.round(points[cps[0]!.index]!.median), 14);
});

test('newestWindowRegression only fires for bad-direction change points in the window', () => {
  const cp = (index: number, regression: boolean): ChangePoint => ({
    benchmarkId: 'b', metric: 'time', index, runId: index, commit: null,
    medianBefore: 1, medianAfter: regression ? 2 : 0.5, change: regression ? 1 : -0.5, pValue: 0.005, regression,
  });
  assert.equal(newestWindowRegression([cp(95, true)], 100, 5), true);
  assert.equal(newestWindowRegression([cp(94, true)], 100, 5), false);
  assert.equal(newestWindowRegression([cp(97, false)], 100, 5), false);
  assert.equal(newestWindowRegression([cp(50, true), cp(99, false)], 100, 5), false);
  assert.equal(newestWindowRegression([], 100, 5), false);
});
