import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bestSplit,
  changePointsForSeries,
  detectChangePoints,
  newestWindowRegression,
} from '../../src/stats/changepoint.js';
import { createRng, randomNormal, type Rng } from '../../src/stats/prng.js';
import type { ChangePoint, SeriesPoint } from '../../src/model/types.js';

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
  for (const c of detectChangePoints(late, { minSize: 5 }))
    assert.ok(c.index >= 5 && c.index <= late.length - 5, `index ${c.index}`);
  // ...but is found exactly with minSize 3.
  assert.deepEqual(
    detectChangePoints(late, { minSize: 3 }).map((c) => c.index),
    [40],
  );
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
  assert.deepEqual(
    higher.map((c) => c.regression),
    [false, true],
  );
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
    benchmarkId: 'b',
    metric: 'time',
    index,
    runId: index,
    commit: null,
    medianBefore: 1,
    medianAfter: regression ? 2 : 0.5,
    change: regression ? 1 : -0.5,
    pValue: 0.005,
    regression,
  });
  assert.equal(newestWindowRegression([cp(95, true)], 100, 5), true);
  assert.equal(newestWindowRegression([cp(94, true)], 100, 5), false);
  assert.equal(newestWindowRegression([cp(97, false)], 100, 5), false);
  assert.equal(newestWindowRegression([cp(50, true), cp(99, false)], 100, 5), false);
  assert.equal(newestWindowRegression([], 100, 5), false);
});

// ---------------------------------------------------------------------------------------------
// The statistic and the permutation p-value against their definitions (Matteson & James 2014,
// alpha = 1, right end of the split = segment end, as documented in src/stats/changepoint.ts).

/** q(X, Y) = mk/(m+k) · [2/(mk) Σ|x-y| - C(m,2)^-1 Σ_{i<j}|x_i-x_j| - C(k,2)^-1 Σ_{i<j}|y_i-y_j|], term by term. */
function qFromDefinition(xs: readonly number[], ys: readonly number[]): number {
  const m = xs.length;
  const k = ys.length;
  let between = 0;
  for (const x of xs) for (const y of ys) between += Math.abs(x - y);
  const within = (zs: readonly number[]): number => {
    let s = 0;
    for (let i = 0; i < zs.length; i++) for (let j = i + 1; j < zs.length; j++) s += Math.abs(zs[i]! - zs[j]!);
    return s / ((zs.length * (zs.length - 1)) / 2);
  };
  const e = (2 / (m * k)) * between - within(xs) - within(ys);
  return ((m * k) / (m + k)) * e;
}

/** Every split tau of x[start..end) with both parts >= minSize, scored from the definition; first maximum wins. */
function bruteBestSplit(
  x: readonly number[],
  start: number,
  end: number,
  minSize: number,
): { tau: number; q: number } | null {
  let best: { tau: number; q: number } | null = null;
  for (let tau = start + minSize; tau <= end - minSize; tau++) {
    const q = qFromDefinition(x.slice(start, tau), x.slice(tau, end));
    if (best === null || q > best.q) best = { tau, q };
  }
  return best;
}

test('E-divisive statistic: hand-computed small cases', () => {
  // [0,0 | 1,1]: between 4·|0-1| = 4 -> 2/(2·2)·4 = 2; within 0 and 0; E = 2; q = (2·2)/(2+2)·2 = 2.
  assert.deepEqual(bestSplit([0, 0, 1, 1], 0, 4, 2), { tau: 2, q: 2 });
  // [0,1 | 5,6]: between 5+6+4+5 = 20 -> 2/4·20 = 10; within |0-1|/1 = 1 and |5-6|/1 = 1; E = 8; q = 4/4·8 = 8.
  assert.deepEqual(bestSplit([0, 1, 5, 6], 0, 4, 2), { tau: 2, q: 8 });
  // Segment [1..5) of [9, 0,0,1,1, 9] is the first case again: the offset does not leak into q.
  assert.deepEqual(bestSplit([9, 0, 0, 1, 1, 9], 1, 5, 2), { tau: 3, q: 2 });
  assert.equal(bestSplit([0, 0, 1], 0, 3, 2), null, 'shorter than 2·minSize');
});

test('E-divisive statistic equals the brute force from its definition (tau exact, q to 1e-9)', () => {
  const rng = createRng(2014);
  for (let c = 0; c < 300; c++) {
    const n = 4 + Math.floor(rng() * 13);
    // Mix of integer ties, steps and continuous noise.
    const step = rng() < 0.5 ? 0 : 1 + Math.floor(rng() * 5);
    const cut = Math.floor(rng() * n);
    const x = Array.from(
      { length: n },
      (_, i) => (c % 3 === 0 ? Math.floor(rng() * 4) : normal(rng)) + (i >= cut ? step : 0),
    );
    const minSize = 2 + Math.floor(rng() * 3);
    const start = Math.floor(rng() * 3);
    const end = n - Math.floor(rng() * 3);
    const got = bestSplit(x, start, end, minSize);
    const want = start < end ? bruteBestSplit(x, start, end, minSize) : null;
    const label = `${JSON.stringify(x)} [${start}, ${end}) minSize ${minSize}`;
    if (want === null) {
      assert.equal(got, null, label);
      continue;
    }
    assert.ok(got !== null, label);
    assert.ok(Math.abs(got.q - want.q) <= 1e-9 * Math.max(1, Math.abs(want.q)), `${label}: q ${got.q} vs ${want.q}`);
    // A different tau is only acceptable when the two splits tie up to rounding.
    if (got.tau !== want.tau) {
      const qAtGot = qFromDefinition(x.slice(start, got.tau), x.slice(got.tau, end));
      assert.ok(
        Math.abs(qAtGot - want.q) <= 1e-9 * Math.max(1, Math.abs(want.q)),
        `${label}: tau ${got.tau} vs ${want.tau}`,
      );
    } else {
      assert.equal(got.tau, want.tau, label);
    }
  }
});

test('bestSplit on a long history with a step and many ties matches the brute force (n = 200)', () => {
  const rng = createRng(16);
  // Values on a grid, as a timer gives them: ties everywhere, which the rank formula must count right.
  const x = Array.from(
    { length: 200 },
    (_, i) => (Math.round((1 + 0.03 * normal(rng)) * 50) / 50) * (i >= 140 ? 1.1 : 1),
  );
  for (const [start, end] of [
    [0, 200],
    [13, 171],
  ] as const) {
    const got = bestSplit(x, start, end, 5)!;
    const want = bruteBestSplit(x, start, end, 5)!;
    assert.equal(got.tau, want.tau);
    assert.ok(Math.abs(got.q - want.q) <= 1e-9 * Math.abs(want.q), `q ${got.q} vs ${want.q}`);
  }
});

/** All permutations of xs (Heap's algorithm), each passed to visit. */
function forEachPermutation(xs: readonly number[], visit: (p: readonly number[]) => void): void {
  const a = [...xs];
  const c = new Array<number>(a.length).fill(0);
  visit(a);
  let i = 1;
  while (i < a.length) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!;
      [a[j], a[i]] = [a[i]!, a[j]!];
      visit(a);
      c[i]!++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/**
 * An Rng that drives the Fisher-Yates shuffle of one segment [0, n) through every permutation but
 * the identity, once each: draw i of a shuffle (i = n-1 down to 1) picks j = floor(u·(i+1)), so
 * u = (c_i + 0.5)/(i+1) picks c_i; the choice vectors (c_{n-1}, ..., c_1) are the n! mixed-radix
 * numbers and map one-to-one onto permutations; the identity is c_i = i for every i.
 */
function enumeratingRng(n: number): { rng: Rng; shuffles: () => number } {
  const choice = Array.from({ length: n }, () => 0); // choice[i] for i = 1..n-1
  const isIdentity = () => choice.every((c, i) => i === 0 || c === i);
  let draw = n - 1;
  let shuffles = 0;
  let exhausted = false;
  const advance = (): void => {
    do {
      let i = 1;
      while (i < n && choice[i] === i) choice[i++] = 0;
      if (i === n) {
        exhausted = true;
        return;
      }
      choice[i]!++;
    } while (isIdentity());
  };
  if (isIdentity()) advance(); // n <= 1 only
  const rng: Rng = () => {
    assert.ok(!exhausted, 'more permutations requested than n! - 1');
    const u = (choice[draw]! + 0.5) / (draw + 1);
    if (--draw === 0) {
      draw = n - 1;
      shuffles++;
      advance();
    }
    return u;
  };
  return { rng, shuffles: () => shuffles };
}

test('permutation p-value: all 8! - 1 non-identity permutations give exactly the enumerated p = 1/35', () => {
  // Low {1,2,3,4} then high {7,8,9,10}; minSize 3 allows tau in {3, 4, 5} and no second split.
  const x = [1, 3, 2, 4, 8, 7, 10, 9];
  const minSize = 3;
  const observed = bruteBestSplit(x, 0, x.length, minSize)!;
  // tau 4: between Σ_y Σ_x (y-x) = Σ_y (4y-10) = 18+22+26+30 = 96 -> 2/16·96 = 12; within each
  // half 10/C(4,2) = 5/3; E = 12 - 10/3 = 26/3; q = 16/8·26/3 = 52/3.
  assert.equal(observed.tau, 4);
  assert.ok(Math.abs(observed.q - 52 / 3) <= 1e-12, `q ${observed.q}`);
  assert.ok(Math.abs(bestSplit(x, 0, x.length, minSize)!.q - 52 / 3) <= 1e-12);
  // Exact p: the share of all 8! orders whose best split is at least as large as the observed one.
  let atLeast = 0;
  let total = 0;
  forEachPermutation(x, (p) => {
    total++;
    if (bruteBestSplit(p, 0, p.length, minSize)!.q >= observed.q * (1 - 1e-12)) atLeast++;
  });
  assert.equal(total, 40320);
  // Only the orders that put {1,2,3,4} all first or all last reach it: 2·4!·4! = 1152 of 8! = 40320, 1/35.
  assert.equal(atLeast, 1152);

  const { rng, shuffles } = enumeratingRng(x.length);
  const cps = detectChangePoints(x, { pValue: 1, permutations: total - 1, minSize, rng });
  assert.equal(shuffles(), total - 1, 'every non-identity permutation drawn once');
  // p = (1 + #{non-identity >= obs}) / ((8! - 1) + 1): the identity is the "+1", so p is the exact one.
  assert.deepEqual(cps, [{ index: 4, pValue: atLeast / total }]);
  assert.equal(cps[0]!.pValue, 1152 / 40320);
});

test('permutation p-value from the seeded PRNG converges to the enumerated one', () => {
  // Exact p of this series, enumerated as above: reaching the observed q needs the three highest
  // {9,10,11} together at one end (tau 3 or 5 leave a mixed part), so p = 2·3!·5!/8! = 1440/40320 = 1/28.
  const x = [1, 4, 2, 3, 5, 10, 9, 11];
  const minSize = 3;
  const observed = bruteBestSplit(x, 0, x.length, minSize)!;
  let atLeast = 0;
  let total = 0;
  forEachPermutation(x, (p) => {
    total++;
    if (bruteBestSplit(p, 0, p.length, minSize)!.q >= observed.q * (1 - 1e-12)) atLeast++;
  });
  // tau 5, {1..5} | {9,10,11}: between Σ_y (5y-15) = 30+35+40 = 105 -> 2/15·105 = 14; within
  // 20/C(5,2) = 2 and 4/C(3,2) = 4/3; E = 14 - 2 - 4/3 = 32/3; q = 15/8·32/3 = 20.
  assert.equal(observed.tau, 5);
  assert.ok(Math.abs(observed.q - 20) <= 1e-12, `q ${observed.q}`);
  assert.equal(atLeast, 1440);
  assert.equal(total, 40320);
  const exact = atLeast / total;
  const R = 19_999;
  const se = Math.sqrt((exact * (1 - exact)) / R);
  for (const seed of [1, 2, 3]) {
    const [cp] = detectChangePoints(x, { pValue: 1, permutations: R, minSize, seed });
    assert.equal(cp!.index, observed.tau);
    assert.ok(
      Math.abs(cp!.pValue - exact) <= 4 * se,
      `seed ${seed}: p ${cp!.pValue} vs exact ${exact} (4 se = ${4 * se})`,
    );
  }
});

/**
 * The permutation test as it was written before the ranks were kept across permutations: every
 * shuffled copy sorted again by bestSplit. detectChangePoints must decide exactly as this does
 * (same candidates, same exceedances, same p-values), since reports and nightly alerts must not
 * change with the speed-up.
 */
function detectBySortingEachPermutation(
  values: readonly number[],
  opts: { pValue: number; permutations: number; minSize: number; seed: number },
): Array<{ index: number; pValue: number }> {
  const rng = createRng(opts.seed);
  const x = Float64Array.from(values);
  const bounds = [0, x.length];
  const found: Array<{ index: number; pValue: number }> = [];
  const perm = new Float64Array(x.length);
  const maxExceed = Math.floor(opts.pValue * (opts.permutations + 1)) - 1;
  const bestOver = (y: Float64Array) => {
    let best: { tau: number; q: number } | null = null;
    for (let s = 0; s + 1 < bounds.length; s++) {
      const split = bestSplit(y, bounds[s]!, bounds[s + 1]!, opts.minSize);
      if (split !== null && (best === null || split.q > best.q)) best = split;
    }
    return best;
  };
  for (;;) {
    const candidate = bestOver(x);
    if (candidate === null || !(candidate.q > 0)) break;
    const bar = candidate.q - 1e-12 * Math.abs(candidate.q);
    let exceed = 0;
    let rejected = false;
    for (let r = 0; r < opts.permutations && !rejected; r++) {
      perm.set(x);
      for (let s = 0; s + 1 < bounds.length; s++) {
        for (let i = bounds[s + 1]! - 1; i > bounds[s]!; i--) {
          const j = bounds[s]! + Math.floor(rng() * (i - bounds[s]! + 1));
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        }
      }
      const best = bestOver(perm);
      if (best !== null && best.q >= bar && ++exceed > maxExceed) rejected = true;
    }
    const p = (1 + exceed) / (opts.permutations + 1);
    if (rejected || p > opts.pValue) break;
    found.push({ index: candidate.tau, pValue: p });
    bounds.push(candidate.tau);
    bounds.sort((a, b) => a - b);
  }
  return found.sort((a, b) => a.index - b.index);
}

test('ranking once per round decides exactly as sorting every permutation (ties, steps, several segments)', () => {
  const rng = createRng(1601);
  let withChanges = 0;
  let withSeveral = 0;
  for (let c = 0; c < 40; c++) {
    const n = 20 + Math.floor(rng() * 280);
    const steps = Math.floor(rng() * 4);
    const cuts = Array.from({ length: steps }, () => Math.floor(rng() * n)).sort((a, b) => a - b);
    // Half the series on a coarse grid (a timer's), so equal values are common, including across a step.
    const grid = c % 2 === 0 ? 50 : 0;
    const values = Array.from({ length: n }, (_, i) => {
      const level = 1 + 0.08 * cuts.filter((cut) => i >= cut).length * (c % 3 === 0 ? -1 : 1);
      const v = level * (1 + 0.02 * normal(rng));
      return grid ? Math.round(v * grid) / grid : v;
    });
    const opts = {
      pValue: [0.01, 0.05, 0.2][c % 3]!,
      permutations: [199, 99, 49][c % 3]!,
      minSize: 3 + (c % 4),
      seed: c,
    };
    const want = detectBySortingEachPermutation(values, opts);
    assert.deepEqual(detectChangePoints(values, opts), want, `series ${c}: ${JSON.stringify(opts)}`);
    if (want.length > 0) withChanges++;
    if (want.length > 1) withSeveral++;
  }
  assert.ok(withChanges >= 10 && withSeveral >= 3, `${withChanges} series with changes, ${withSeveral} with several`);
});
