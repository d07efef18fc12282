import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Interval } from '../../src/model/types.js';
import {
  bootstrapMedianCI,
  bootstrapRatioOfMediansCI,
  deferredMedianCI,
  resampleMedian,
  sortedCopy,
} from '../../src/stats/bootstrap.js';
import { createRng, IndexStream, randomLogNormal } from '../../src/stats/prng.js';
import { summarize, tukeyOutliers } from '../../src/stats/summary.js';
import { assertClose, reference } from './reference.js';

const FIELDS = ['mean', 'median', 'stdev', 'mad', 'cv', 'min', 'max', 'p75', 'p95', 'p99'] as const;

test('summarize matches numpy/scipy on every reference vector', () => {
  for (const [name, values] of Object.entries(reference.vectors)) {
    const expected = reference.summaries[name]!;
    const s = summarize(values, { resamples: 200 });
    assert.equal(s.n, expected.n, `${name} n`);
    assert.equal(s.outliers, expected.outliers, `${name} outliers`);
    for (const f of FIELDS) assertClose(s[f], expected[f], 1e-9, `${name} ${f}`);
  }
});

test('the fixtures exercise outliers and an even-length median', () => {
  // Guards against fixtures silently losing the cases the assertions above rely on.
  assert.ok(Object.values(reference.summaries).some((s) => s.outliers > 0));
  assert.ok(Object.values(reference.summaries).some((s) => s.n % 2 === 0));
});

test('percentiles use linear interpolation (R type 7)', () => {
  // numpy.percentile([1, 2, 3, 4, 10], [75, 95, 99]) = [4, 8.8, 9.76]
  const s = summarize([10, 1, 4, 3, 2], { resamples: 100 });
  assertClose(s.p75, 4, 1e-15, 'p75');
  assertClose(s.p95, 8.8, 1e-15, 'p95');
  assertClose(s.p99, 9.76, 1e-15, 'p99');
  assert.equal(s.median, 3);
  assert.equal(s.mad, 1); // |x - 3| = 7,2,1,0,1 -> median 1 (raw, not scaled by 1.4826)
});

test('Tukey fences count values beyond 1.5 IQR', () => {
  // numpy: Q1 = 3.25, Q3 = 7.75 (linear), IQR = 4.5, fences -3.5 and 14.5.
  const { low, high, count } = tukeyOutliers([-4, 2, 3, 4, 5, 6, 7, 8, 9, 30]);
  assertClose(low, -3.5, 1e-15, 'low fence');
  assertClose(high, 14.5, 1e-15, 'high fence');
  assert.equal(count, 2); // -4 and 30
  assert.equal(summarize([1, 2, 2, 3, 3, 3, 4, 4, 5, 100], { resamples: 100 }).outliers, 1);
});

test('degenerate samples', () => {
  const empty = summarize([]);
  assert.equal(empty.n, 0);
  assert.ok(Number.isNaN(empty.median) && Number.isNaN(empty.medianCI.low));
  const one = summarize([2.5]);
  assert.equal(one.median, 2.5);
  assert.ok(Number.isNaN(one.stdev) && Number.isNaN(one.cv));
  assert.deepEqual([one.medianCI.low, one.medianCI.high], [2.5, 2.5]);
  const constant = summarize([3, 3, 3, 3]);
  assert.equal(constant.stdev, 0);
  assert.equal(constant.cv, 0);
  assert.equal(constant.outliers, 0);
});

test('summarize does not modify its input', () => {
  const xs = [3, 1, 2];
  summarize(xs);
  assert.deepEqual(xs, [3, 1, 2]);
});

test('a deferred interval: what summarize gives (interval and key order too), from the samples as they were', () => {
  const rng = createRng(31);
  const opts = { seed: 99, resamples: 300 };
  for (const values of [[], [4], Array.from({ length: 257 }, () => randomLogNormal(rng, 0, 0.3))]) {
    const input = [...values];
    const deferred = summarize(input, { ...opts, deferInterval: true });
    // The caller's array may change afterwards: the interval is drawn from the samples as they were.
    input.fill(0);
    const eager = summarize(values, opts);
    assert.deepEqual(Object.keys(deferred), Object.keys(eager));
    assert.equal(JSON.stringify(deferred), JSON.stringify(eager));
    assert.deepEqual({ ...deferred }, eager);
    assert.equal(deferred.medianCI, deferred.medianCI, 'drawn once, then kept');
  }
});

test('resampleMedian agrees with sorting the same resample', () => {
  const sorted = sortedCopy([5, 1, 9, 3, 7, 2, 8]);
  for (const n of [sorted.length]) {
    const rngA = new IndexStream(7);
    const rngB = createRng(7);
    const counts = new Int32Array(n);
    for (let trial = 0; trial < 200; trial++) {
      const viaCounts = resampleMedian(sorted, rngA, counts);
      const draw = Array.from({ length: n }, () => sorted[Math.floor(rngB() * n)]!).sort((a, b) => a - b);
      assert.equal(viaCounts, draw[(n - 1) >> 1]! + 0.5 * (draw[n >> 1]! - draw[(n - 1) >> 1]!));
    }
  }
  // Even n: mean of the two middle values.
  const even = sortedCopy([1, 2, 3, 4]);
  const rng = new IndexStream(1);
  const c = new Int32Array(4);
  for (let i = 0; i < 50; i++) {
    const m = resampleMedian(even, rng, c);
    assert.ok(m >= 1 && m <= 4 && Number.isInteger(m * 2));
  }
});

/**
 * The bootstrap as first written: one call of the generator per draw, and each resample sorted to
 * find its median. The bulk draws and the counting pass must give the same interval, to the bit.
 */
function referenceMedianCI(samples: readonly number[], seed: number, resamples: number, level: number): Interval {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  const rng = createRng(seed);
  const stats = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    const draw = Array.from({ length: n }, () => sorted[Math.floor(rng() * n)]!).sort((x, y) => x - y);
    const lo = draw[(n - 1) >> 1]!;
    stats[b] = lo + 0.5 * (draw[n >> 1]! - lo);
  }
  stats.sort();
  const quantile = (p: number) => {
    const h = (resamples - 1) * p;
    const [a, c] = [stats[Math.floor(h)]!, stats[Math.ceil(h)]!];
    return a === c ? a : a + (h - Math.floor(h)) * (c - a);
  };
  return { low: quantile((1 - level) / 2), high: quantile((1 + level) / 2), level };
}

test('the bootstrap median interval is the one of one draw per call and a sorted resample, to the bit', () => {
  const rng = createRng(5);
  const cases: number[][] = [
    [2.5],
    [1, 3],
    [3, 1, 2],
    [4, 1, 3, 2],
    [0, 0, 0, 1, 2],
    Array.from({ length: 41 }, () => randomLogNormal(rng, 0, 0.3)),
    Array.from({ length: 200 }, () => Math.round(randomLogNormal(rng, 0, 0.3) * 8) / 8),
  ];
  for (const xs of cases) {
    for (const seed of [1, 2, 0x5eed, 4294967295]) {
      for (const [resamples, level] of [
        [300, 0.95],
        [101, 0.8],
      ] as const) {
        const expected = referenceMedianCI(xs, seed, resamples, level);
        const got = bootstrapMedianCI(xs, { seed, resamples, level });
        const what = `n=${xs.length} seed=${seed} B=${resamples}`;
        assert.ok(Object.is(got.low, expected.low) && Object.is(got.high, expected.high), what);
        assert.deepEqual(deferredMedianCI(xs, { seed, resamples, level })(), got, `${what} deferred`);
      }
    }
  }
});

test('a deferred interval is the eager one, computed once, from the samples as they were', () => {
  const rng = createRng(6);
  const xs = Array.from({ length: 60 }, () => randomLogNormal(rng, 0, 0.2));
  const eager = summarize(xs, { seed: 3 });
  const original = xs.slice();
  const deferred = summarize(xs, { seed: 3, deferInterval: true });
  xs.reverse().fill(1, 0, 30); // the caller's array changes after summarize
  assert.deepEqual(deferred.medianCI, eager.medianCI);
  assert.equal(deferred.medianCI, deferred.medianCI); // kept, not recomputed
  // The same fields in the same order, so a JSON report does not change either.
  assert.equal(JSON.stringify(summarize(original, { seed: 3, deferInterval: true })), JSON.stringify(eager));
  assert.deepEqual({ ...deferred }, eager);
  const empty = summarize([], { deferInterval: true });
  assert.ok(Number.isNaN(empty.medianCI.low) && empty.medianCI.level === 0.95);
  // Bad options fail at once, not when the interval is first read.
  assert.throws(() => summarize(xs, { resamples: 0, deferInterval: true }), RangeError);
});

test('bootstrap is deterministic per seed and changes with the seed', () => {
  const rng = createRng(123);
  const xs = Array.from({ length: 40 }, () => randomLogNormal(rng, 0, 0.2));
  const a = bootstrapMedianCI(xs, { seed: 9 });
  const b = bootstrapMedianCI(xs, { seed: 9 });
  assert.deepEqual(a, b);
  // Percentile bounds of a median fall on a discrete set, so two seeds may agree; five should not all.
  const distinct = new Set([9, 10, 11, 12, 13].map((seed) => JSON.stringify(bootstrapMedianCI(xs, { seed }))));
  assert.ok(distinct.size > 1);
  assert.equal(a.level, 0.95);
  const median = summarize(xs).median;
  assert.ok(a.low <= median && median <= a.high);
  assert.throws(() => bootstrapMedianCI(xs, { resamples: 0 }), RangeError);
  assert.throws(() => bootstrapMedianCI(xs, { level: 1 }), RangeError);
});

test('95% bootstrap CI of the median covers the true median in ~95% of 200 trials', () => {
  // Lognormal(mu = ln 2, sigma = 0.3): true median exactly 2. n = 40 per trial, seeded.
  const rng = createRng(2024);
  const trials = 200;
  let covered = 0;
  for (let t = 0; t < trials; t++) {
    const xs = Array.from({ length: 40 }, () => randomLogNormal(rng, Math.log(2), 0.3));
    const ci = bootstrapMedianCI(xs, { seed: t + 1 });
    if (ci.low <= 2 && 2 <= ci.high) covered++;
  }
  assert.ok(covered >= 0.88 * trials && covered <= 0.99 * trials, `coverage ${covered}/${trials}`);
});

test('ratio-of-medians CI covers the true ratio in ~95% of 200 trials', () => {
  const rng = createRng(77);
  let covered = 0;
  for (let t = 0; t < 200; t++) {
    const base = Array.from({ length: 30 }, () => randomLogNormal(rng, 0, 0.1));
    const cand = Array.from({ length: 30 }, () => randomLogNormal(rng, Math.log(1.1), 0.1));
    const ci = bootstrapRatioOfMediansCI(base, cand, { seed: t });
    if (ci.low <= 1.1 && 1.1 <= ci.high) covered++;
  }
  assert.ok(covered >= 176 && covered <= 198, `coverage ${covered}/200`);
});

test('ratio CI with a zero baseline median stays finite-or-Infinity, never NaN', () => {
  const ci = bootstrapRatioOfMediansCI([0, 0, 0, 0, 0], [1, 1, 2, 1, 1], { resamples: 500 });
  assert.equal(ci.low, Infinity);
  assert.equal(ci.high, Infinity);
  const same = bootstrapRatioOfMediansCI([0, 0, 0], [0, 0, 0], { resamples: 100 });
  assert.deepEqual([same.low, same.high], [1, 1]);
});
