import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hodgesLehmann, mosesRank, pairwiseDifferences } from '../../src/stats/hodges-lehmann.js';
import { mannWhitneyCounts, mannWhitneyExactSf, mannWhitneyU, rankWithTies } from '../../src/stats/mann-whitney.js';
import { normalSf } from '../../src/stats/distributions.js';
import { createRng, randomLogNormal } from '../../src/stats/prng.js';
import { welchTTest, welchTTestLog } from '../../src/stats/welch.js';
import { assertClose, reference } from './reference.js';

const pairOf = (e: { a: string; b: string }) => [reference.vectors[e.a]!, reference.vectors[e.b]!] as const;

test('Mann-Whitney U and p match scipy.stats.mannwhitneyu (exact and asymptotic)', () => {
  let exactChecked = 0;
  for (const e of reference.twoSample) {
    const [a, b] = pairOf(e);
    const asym = mannWhitneyU(a, b, { method: 'asymptotic' });
    assert.equal(asym.u, e.mw_u, `${e.a} U`);
    assertClose(asym.p, e.mw_p_asymptotic, 1e-12, `${e.a} asymptotic p`);
    if (e.mw_p_exact !== undefined) {
      const exact = mannWhitneyU(a, b, { method: 'exact' });
      assert.equal(exact.method, 'exact');
      // 200 + 200 and 50 + 61 go through BigInt counts; scipy sums floating pmfs, hence 1e-9.
      assertClose(exact.p, e.mw_p_exact, 1e-9, `${e.a} exact p`);
      exactChecked++;
    }
  }
  assert.ok(exactChecked >= 4);
});

test('auto method: exact without ties up to 20 per side, asymptotic otherwise', () => {
  const [sa, sb] = pairOf(reference.twoSample.find((e) => e.a === 'small_a')!);
  assert.equal(mannWhitneyU(sa, sb).method, 'exact');
  const [ta, tb] = pairOf(reference.twoSample.find((e) => e.a === 'ties_a')!);
  assert.equal(mannWhitneyU(ta, tb).method, 'asymptotic');
  const [la, lb] = pairOf(reference.twoSample.find((e) => e.a === 'large_a')!);
  assert.equal(mannWhitneyU(la, lb).method, 'asymptotic');
});

test('Mann-Whitney edge cases', () => {
  // Complete separation of 5 vs 5: exact p = 2 / C(10, 5) = 2/252.
  const r = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
  assertClose(r.p, 2 / 252, 1e-15, 'separated');
  assert.equal(r.u, 0);
  // All values tied: no evidence, p = 1 (sigma = 0).
  assert.equal(mannWhitneyU([1, 1, 1], [1, 1, 1, 1]).p, 1);
  // Identical samples: p capped at 1.
  assert.equal(mannWhitneyU([1, 2, 3], [1, 2, 3], { method: 'asymptotic' }).p, 1);
  assert.ok(Number.isNaN(mannWhitneyU([], [1, 2]).p));
  // Symmetric in the order of the samples.
  const [a, b] = pairOf(reference.twoSample[0]!);
  assert.equal(mannWhitneyU(a, b).p, mannWhitneyU(b, a).p);
});

test('midranks and tie groups', () => {
  const { ranks, tieSizes } = rankWithTies([10, 20, 20, 5, 20]);
  assert.deepEqual(Array.from(ranks), [2, 4, 4, 1, 4]);
  assert.deepEqual(tieSizes, [3]);
});

test('midranks are those of counting smaller and equal values, ties and zeros included', () => {
  // The straightforward definition: a value's group starts after the values below it and holds
  // those equal to it (-0 equals 0), so its midrank is (below + 1 + below + equal) / 2.
  const byCounting = (values: readonly number[]) => {
    const ranks = values.map((v) => {
      const below = values.filter((w) => w < v).length;
      const equal = values.filter((w) => w === v).length;
      return (below + 1 + below + equal) / 2;
    });
    const groups = [...new Set(values.map((v) => (v === 0 ? 0 : v)))].sort((a, b) => a - b);
    const tieSizes = groups.map((g) => values.filter((w) => w === g).length).filter((t) => t > 1);
    return { ranks, tieSizes };
  };
  const rng = createRng(12);
  const cases: number[][] = [
    [],
    [3],
    [10, 20, 20, 5, 20],
    [0, -0, 0, 1, -1, -0],
    [Infinity, 1, -Infinity, Infinity, 2, 2],
    Array.from({ length: 300 }, () => Math.round(randomLogNormal(rng, 0, 0.5) * 10) / 10),
    Array.from({ length: 257 }, () => randomLogNormal(rng, 0, 0.5)),
  ];
  for (const values of cases) {
    const got = rankWithTies(values);
    const expected = byCounting(values);
    assert.deepEqual(Array.from(got.ranks), expected.ranks, `${values.length} values`);
    assert.deepEqual(got.tieSizes, expected.tieSizes, `${values.length} values`);
  }
});

test('Mann-Whitney U and p by merging the sorted sides are those of the pooled midranks, to the bit', () => {
  // The straightforward way: rank the pooled values, sum the ranks of x, then the same formulas.
  const byPooledRanks = (x: readonly number[], y: readonly number[]) => {
    const { ranks, tieSizes } = rankWithTies([...x, ...y]);
    let r1 = 0;
    for (let i = 0; i < x.length; i++) r1 += ranks[i]!;
    const [n1, n2] = [x.length, y.length];
    const u1 = r1 - (n1 * (n1 + 1)) / 2;
    const n = n1 + n2;
    const tieTerm = tieSizes.reduce((s, t) => s + t * t * t - t, 0);
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (Math.max(u1, n1 * n2 - u1) - (n1 * n2) / 2 - 0.5) / sigma;
    return { u1, z, exactable: tieSizes.length === 0 };
  };
  const rng = createRng(13);
  const draw = (n: number, grid: number) =>
    Array.from({ length: n }, () => Math.round(randomLogNormal(rng, 0, 0.4) * grid) / grid);
  const cases: [number[], number[]][] = [
    [[1], [2]],
    [
      [0, -0, 1, Infinity],
      [-0, 0, 0, -Infinity, Infinity],
    ],
    [draw(7, 1e9), draw(9, 1e9)],
    [draw(20, 1e9), draw(18, 1e9)],
    [draw(150, 10), draw(170, 10)],
    [draw(300, 1e9), draw(280, 1e9)],
    [draw(40, 2), draw(3, 2)],
  ];
  for (const [x, y] of cases) {
    const what = `${x.length} vs ${y.length}`;
    const got = mannWhitneyU(x, y);
    const ref = byPooledRanks(x, y);
    assert.ok(Object.is(got.u, ref.u1), `${what}: U ${got.u} vs ${ref.u1}`);
    assert.equal(got.method, ref.exactable && x.length <= 20 && y.length <= 20 ? 'exact' : 'asymptotic', what);
    if (got.method === 'asymptotic' && Number.isFinite(ref.z))
      assert.ok(Object.is(got.p, Math.min(1, Math.max(0, 2 * normalSf(ref.z)))), `${what}: p`);
  }
  // A NaN takes the pooled ranks themselves: the same numbers as before, whatever they mean.
  const withNaN = mannWhitneyU([1, Number.NaN, 3], [2, 4]);
  assert.equal(withNaN.u, byPooledRanks([1, Number.NaN, 3], [2, 4]).u1);
});

test('exact U counts: total C(n1+n2, n1), symmetric, and the textbook 3 vs 4 table', () => {
  // Counts of U for m = 3, n = 4 (Mann & Whitney 1947, Table I): 1 1 2 3 4 4 5 4 4 3 2 1 1.
  assert.deepEqual(Array.from(mannWhitneyCounts(3, 4)), [1, 1, 2, 3, 4, 4, 5, 4, 4, 3, 2, 1, 1]);
  assert.deepEqual(Array.from(mannWhitneyCounts(4, 3)), Array.from(mannWhitneyCounts(3, 4)));
  const c = mannWhitneyCounts(20, 20);
  assert.equal(
    c.reduce((s, v) => s + v, 0),
    137846528820,
  ); // C(40, 20)
  for (let u = 0; u <= 400; u++) assert.equal(c[u], c[400 - u]);
  // BigInt path (C(60, 30) > 2^53): still symmetric and summing to C(60, 30) to double precision.
  const big = mannWhitneyCounts(30, 30);
  assertClose(
    big.reduce((s, v) => s + v, 0),
    1.1826458156486142e17,
    1e-14,
    'C(60,30)',
  );
  assert.equal(big[1], 1);
  assert.equal(big[2], 2);
  assertClose(
    mannWhitneyExactSf(450, 30, 30),
    mannWhitneyExactSf(451, 30, 30) + big[450]! / 1.1826458156486142e17,
    1e-12,
    'sf step',
  );
});

test('Welch t-test on logs matches scipy.stats.ttest_ind(log a, log b, equal_var=False)', () => {
  for (const e of reference.twoSample) {
    const [a, b] = pairOf(e);
    const w = welchTTestLog(a, b);
    assertClose(w.t, e.welch_log_t, 1e-10, `${e.a} t`);
    assertClose(w.difference / w.se, e.welch_log_t, 1e-10, `${e.a} difference / se`);
    assertClose(w.df, e.welch_log_df, 1e-10, `${e.a} df`);
    assertClose(w.p, e.welch_log_p, 1e-9, `${e.a} p`);
  }
});

test('Welch degenerate cases', () => {
  assert.ok(Number.isNaN(welchTTest([1], [1, 2]).p));
  assert.deepEqual(welchTTest([2, 2, 2], [2, 2]), { t: 0, df: 3, p: 1, difference: 0, se: 0 });
  assert.equal(welchTTest([2, 2, 2], [3, 3]).p, 0);
  assert.ok(Number.isNaN(welchTTestLog([0, 1, 2], [1, 2, 3]).p));
});

test('Hodges-Lehmann shift and exact Moses interval match the numpy/brute-force reference', () => {
  let ciChecked = 0;
  for (const e of reference.twoSample) {
    const [a, b] = pairOf(e);
    const hl = hodgesLehmann(a, b);
    assertClose(hl.shift, e.hl_shift, 1e-12, `${e.a} shift`, 1e-15);
    if (e.moses_rank_exact !== undefined) {
      assert.equal(hl.method, 'exact');
      assert.equal(hl.rank, e.moses_rank_exact, `${e.a} Moses rank`);
      assert.deepEqual([hl.ci.low, hl.ci.high], e.hl_ci_exact, `${e.a} CI`);
      ciChecked++;
    }
    assert.ok(hl.ci.low <= hl.shift && hl.shift <= hl.ci.high, `${e.a} CI contains the estimate`);
  }
  assert.equal(ciChecked, 3);
});

test('Moses rank: normal approximation is within one rank of the exact one at 20 vs 20', () => {
  const exact = mosesRank(20, 20, 0.95, 'exact');
  const approx = mosesRank(20, 20, 0.95, 'asymptotic');
  assert.ok(Math.abs(exact - approx) <= 1, `exact ${exact}, approx ${approx}`);
  // As the fixture's independent recurrence (and the tabled two-sided 5% critical value 127 = k - 1).
  assert.equal(exact, 128);
  // Tiny samples: k is clamped to 1 (the whole range).
  assert.equal(mosesRank(2, 2, 0.95, 'exact'), 1);
});

test('pairwise differences are candidate minus baseline, sorted', () => {
  assert.deepEqual(Array.from(pairwiseDifferences([1, 2], [10, 20])), [8, 9, 18, 19]);
  const hl = hodgesLehmann([1, 2, 3], [11, 12, 13]);
  assert.equal(hl.shift, 10);
});

test('Hodges-Lehmann interval covers the true shift in ~95% of 200 seeded trials', () => {
  const rng = createRng(99);
  let covered = 0;
  for (let t = 0; t < 200; t++) {
    const base = Array.from({ length: 25 }, () => randomLogNormal(rng, 0, 0.2));
    const cand = Array.from({ length: 25 }, () => randomLogNormal(rng, 0, 0.2) + 0.1);
    const { ci } = hodgesLehmann(base, cand);
    if (ci.low <= 0.1 && 0.1 <= ci.high) covered++;
  }
  assert.ok(covered >= 180 && covered <= 199, `coverage ${covered}/200`);
});
