import { test } from 'node:test';
import assert from 'node:assert/strict';
import { studentTCdf, studentTQuantile } from '../../src/stats/distributions.js';
import {
  binomialCdf,
  binomialPmf,
  binomialSf,
  binomialTestTwoSided,
  clopperPearson,
} from '../../src/stats/binomial.js';
import { inverseRegularizedIncompleteBeta, regularizedIncompleteBeta } from '../../src/stats/special.js';
import { oneSampleTTest, pairedTTest } from '../../src/stats/paired-t.js';
import {
  chooseMethod,
  intervalSide,
  intervalWithinThreshold,
  sessionInterval,
  sessionTest,
  sessionStatistic,
  sessionValues,
  thresholdSide,
  type SessionMethod,
} from '../../src/stats/sessions.js';
import { assertClose } from './reference.js';
import { sessionsReference as ref } from './sessions-reference.js';

test('Student t quantile matches scipy.stats.t.ppf to 1e-10 (fractional df, far tails, near the median)', () => {
  for (const { p, df, ppf } of ref.tPpf) {
    assertClose(studentTQuantile(p, df), ppf, 1e-10, `t.ppf(${p}, ${df})`);
  }
});

test('Student t quantile inverts the CDF; edge values', () => {
  for (const df of [0.7, 1, 3.2, 30, 1e5]) {
    for (const p of [1e-9, 0.01, 0.3, 0.5, 0.77, 0.999]) {
      assertClose(studentTCdf(studentTQuantile(p, df), df), p, 1e-12, `cdf(ppf(${p}, ${df}))`);
    }
  }
  assert.equal(studentTQuantile(0.5, 4), 0);
  assert.equal(studentTQuantile(0, 4), -Infinity);
  assert.equal(studentTQuantile(1, 4), Infinity);
  assertClose(studentTQuantile(0.3, 7), -studentTQuantile(0.7, 7), 1e-15, 'symmetry (0.7 is not exactly 1 - 0.3)');
  assertClose(studentTQuantile(0.975, Infinity), 1.959963984540054, 1e-14, 'normal limit');
  assert.ok(Number.isNaN(studentTQuantile(1.5, 3)));
  assert.ok(Number.isNaN(studentTQuantile(0.5, 0)));
});

test('inverse incomplete beta matches scipy.special.betaincinv', () => {
  for (const { a, b, q, x } of ref.betaincinv) {
    const got = inverseRegularizedIncompleteBeta(a, b, q);
    assertClose(got, x, 1e-10, `betaincinv(${a}, ${b}, ${q})`);
    assertClose(regularizedIncompleteBeta(a, b, got), q, 1e-11, `round trip ${a}, ${b}, ${q}`);
  }
  assert.equal(inverseRegularizedIncompleteBeta(2, 3, 0), 0);
  assert.equal(inverseRegularizedIncompleteBeta(2, 3, 1), 1);
});

test('binomial test and Clopper-Pearson interval match scipy.stats.binomtest', () => {
  for (const { k, n, p, pvalue, ci_exact, ci_scipy } of ref.binomtest) {
    assertClose(binomialTestTwoSided(k, n, p), pvalue, 1e-10, `binomtest(${k}, ${n}, ${p}).pvalue`);
    const ci = clopperPearson(k, n, 0.95);
    assertClose(ci.low, ci_exact[0], 1e-10, `CP low ${k}/${n}`);
    assertClose(ci.high, ci_exact[1], 1e-10, `CP high ${k}/${n}`);
    // scipy's proportion_ci finds the same roots with brentq (xtol 2e-12).
    assertClose(ci.low, ci_scipy[0], 0, `scipy CP low ${k}/${n}`, 1e-11);
    assertClose(ci.high, ci_scipy[1], 0, `scipy CP high ${k}/${n}`, 1e-11);
  }
  // Pmf, CDF and SF agree with each other.
  let sum = 0;
  for (let x = 0; x <= 4; x++) sum += binomialPmf(x, 12, 0.3);
  assertClose(binomialCdf(4, 12, 0.3), sum, 1e-13, 'cdf = sum of pmf');
  assertClose(binomialSf(4, 12, 0.3), 1 - sum, 1e-13, 'sf = 1 - cdf');
  assert.ok(Number.isNaN(binomialTestTwoSided(0, 0, 0.5)));
});

test('one-sample and paired t-tests: degenerate cases', () => {
  assert.ok(Number.isNaN(oneSampleTTest([1]).p));
  assert.equal(oneSampleTTest([1]).mean, 1);
  assert.deepEqual(oneSampleTTest([0, 0, 0]), { t: 0, df: 2, p: 1, mean: 0, se: 0 });
  assert.equal(oneSampleTTest([2, 2]).p, 0);
  assert.throws(() => pairedTTest([1, 2], [1]), /equal lengths/);
});

test('sessionValues: per-session medians in order; one sample is its own median', () => {
  assert.deepEqual(sessionValues([1, 3, 2, 10, 5, 7, 4], [3, 1, 3], 'median'), [2, 10, 5]);
  assert.deepEqual(sessionValues([4, 1, 3], undefined, 'median'), [3]);
  assert.deepEqual(sessionValues([4, 5], [0, 2], 'median').map(String), ['NaN', '4.5']);
  assert.throws(() => sessionValues([1, 2, 3], [1, 1], 'median'), /add up to 2, not 3/);
  for (const c of ref.sessions) {
    assert.deepEqual(sessionValues(c.base.samples, c.base.rounds, 'median'), c.sessionValues.base, `${c.name} base`);
    assert.deepEqual(sessionValues(c.cand.samples, c.cand.rounds, 'median'), c.sessionValues.cand, `${c.name} cand`);
  }
});

test('sessionValues: geometric means for time (scipy gmean), the median for a session holding a sample <= 0', () => {
  const close = (a: number[], b: number[]) =>
    a.forEach((x, i) => assert.ok(Math.abs(x - b[i]!) <= 1e-12 * Math.abs(b[i]!), `${x} vs ${b[i]}`));
  close(sessionValues([1, 2, 4, 10, 2, 8], [3, 1, 2], 'geomean'), [2, 10, 4]);
  assert.deepEqual(sessionValues([0, 3, 5, 2, 8], [3, 2], 'geomean'), [3, 4]);
  assert.deepEqual(
    sessionValues([4, 5], [0, 2], 'geomean').map((x) => x.toFixed(12)),
    ['NaN', Math.sqrt(20).toFixed(12)],
  );
  assert.equal(sessionStatistic('time'), 'geomean');
  assert.equal(sessionStatistic('gauge'), 'median');
  assert.equal(sessionStatistic('counter'), 'median');
  for (const c of ref.sessions) {
    close(sessionValues(c.base.samples, c.base.rounds, 'geomean'), c.sessionGeomeans.base);
    close(sessionValues(c.cand.samples, c.cand.rounds, 'geomean'), c.sessionGeomeans.cand);
  }
});

test('session t-tests match scipy ttest_ind(equal_var=False) / ttest_rel, with intervals and mdc', () => {
  let checked = 0;
  for (const c of ref.sessions) {
    for (const [method, e] of Object.entries(c.expected) as [
      SessionMethod,
      NonNullable<(typeof c.expected)[SessionMethod]>,
    ][]) {
      const r = sessionTest(method, c.sessionValues.base, c.sessionValues.cand, {
        level: ref.level,
        alpha: ref.alpha,
        power: ref.power,
      });
      const what = `${c.name} ${method}`;
      assert.equal(r.method, method);
      assertClose(r.p, e.p, 1e-9, `${what} p`);
      assertClose(r.df, e.df, 1e-10, `${what} df`);
      assertClose(r.estimate, e.estimate, 1e-10, `${what} estimate`);
      assertClose(r.se, e.se, 1e-10, `${what} se`);
      assertClose(r.ci.low, e.ci[0], 1e-9, `${what} ci low`);
      assertClose(r.ci.high, e.ci[1], 1e-9, `${what} ci high`);
      assertClose(r.mdc, e.mdc, 1e-9, `${what} mdc`);
      const n = c.sessionValues.base.length;
      assert.deepEqual(r.sessions, c.paired ? [n, n] : [n, c.sessionValues.cand.length]);
      assert.equal(r.reason, undefined);
      checked++;
    }
  }
  assert.equal(checked, 8);
});

test('poisson-rate: exact conditional binomial test and Clopper-Pearson rate-ratio interval, as scipy', () => {
  for (const e of ref.poisson) {
    const r = sessionTest('poisson-rate', e.base, e.cand, { level: ref.level, alpha: ref.alpha, power: ref.power });
    assert.deepEqual(r.counts, e.counts);
    assertClose(r.p, e.p, 1e-9, `${e.name} p`);
    assertClose(r.estimate, e.estimate, 1e-12, `${e.name} estimate`);
    assertClose(r.ci.low, e.ci[0], 1e-9, `${e.name} ci low`);
    assertClose(r.ci.high, e.ci[1], 1e-9, `${e.name} ci high`);
    assertClose(r.se, e.se, 1e-12, `${e.name} se`);
    assertClose(r.mdc, e.mdc, 1e-10, `${e.name} mdc`);
    assert.ok(Number.isNaN(r.df));
  }
  const none = sessionTest('poisson-rate', [0, 0, 0], [0, 0]);
  assert.equal(none.p, 1);
  assert.equal(none.estimate, 1);
  assert.deepEqual([none.ci.low, none.ci.high], [0, Infinity]);
});

test('fewer than 2 sessions (or pairs) on a side: p = NaN with a reason, never a sample-level fallback', () => {
  for (const method of ['welch-log', 'welch-diff', 'poisson-rate'] as const) {
    const r = sessionTest(method, [2], [3, 4, 5]);
    assert.ok(Number.isNaN(r.p), method);
    assert.ok(Number.isNaN(r.ci.low) || method === 'poisson-rate', method);
    assert.match(r.reason ?? '', /1\/3 sessions: between-session variance needs at least 2 per side/);
    assert.deepEqual(r.sessions, [1, 3]);
  }
  const single = sessionTest('welch-log', [2], [3]);
  assertClose(single.estimate, 1.5, 1e-15, 'the point estimate is still given');
  const pair = sessionTest('paired-log', [2, Number.NaN], [3, 4]);
  assert.deepEqual(pair.sessions, [1, 1], 'pairs with a missing side are dropped');
  assert.match(pair.reason ?? '', /1 paired session/);
  assert.throws(() => sessionTest('paired-diff', [1, 2, 3], [1, 2]), /same number of sessions/);
  assert.match(sessionTest('welch-log', [1, 0, 2], [1, 2]).reason ?? '', /<= 0 has no log/);
});

test('chooseMethod: log scale when all > 0, differences otherwise, Poisson for count gauges', () => {
  const time = { kind: 'time' as const, unit: 'ms' };
  const heap = { kind: 'gauge' as const, unit: 'bytes' };
  const gc = { kind: 'gauge' as const, unit: 'count' };
  assert.equal(chooseMethod(time, [1, 2], [3, 4], false), 'rank-sum-log', 'rank tests by default');
  assert.equal(chooseMethod(time, [1, 2], [3, 4], true), 'signed-rank-log');
  assert.equal(chooseMethod(time, [1, 2], [3, 4], false, 't'), 'welch-log');
  assert.equal(chooseMethod(time, [1, 2], [3, 4], true, 't'), 'paired-log');
  assert.equal(chooseMethod(heap, [-100, 200], [300, 400], false), 'welch-diff');
  assert.equal(chooseMethod(heap, [0, 200], [300, 400], true), 'paired-diff');
  assert.equal(chooseMethod(gc, [0, 1, 0], [1, 1, 2], false), 'poisson-rate');
  assert.equal(chooseMethod(gc, [0, 1.5], [1, 1], false), 'welch-diff', 'a median between two counts is not a count');
  assert.equal(chooseMethod(gc, [1, 2], [1, 3], false), 'poisson-rate');
  assert.equal(
    chooseMethod({ kind: 'time', unit: 'count' }, [1, 2], [1, 3], false),
    'rank-sum-log',
    'Poisson only for gauges',
  );
  assert.equal(chooseMethod(time, [1, Number.NaN], [3, 4], false), 'rank-sum-log', 'empty sessions ignored');
});

test('sessionInterval recomputes the interval at another level', () => {
  const c = ref.sessions.find((x) => x.name === 'unpaired_multimodal')!;
  const r = sessionTest('welch-log', c.sessionValues.base, c.sessionValues.cand, { level: 0.95 });
  const same = sessionInterval(r, 0.95);
  assertClose(same.low, r.ci.low, 1e-14, 'low');
  assertClose(same.high, r.ci.high, 1e-14, 'high');
  const wide = sessionInterval(r, 0.999);
  assert.ok(wide.low < r.ci.low && wide.high > r.ci.high);
  const g = ref.poisson.find((x) => x.name === 'gc_unequal_sessions')!;
  const pr = sessionTest('poisson-rate', g.base, g.cand, { level: 0.95 });
  assertClose(sessionInterval(pr, 0.95).low, pr.ci.low, 1e-14, 'poisson low');
  assert.ok(sessionInterval(pr, 0.99).low < pr.ci.low);
});

test('threshold comparisons are symmetric on the log scale; exactly the threshold is within it', () => {
  // Ratio methods: ×1.05 and ÷1.05 are the same size of change.
  assert.equal(thresholdSide('welch-log', 1.05, 1, 0.05), 0);
  assert.equal(thresholdSide('welch-log', 1 / 1.05, 1, 0.05), 0);
  assert.equal(thresholdSide('paired-log', 1.0501, 1, 0.05), 1);
  assert.equal(thresholdSide('paired-log', 1 / 1.0501, 1, 0.05), -1);
  // 0.95 is a factor 1/0.95 = 1.0526: beyond 5% (it would be a tie only on the linear scale).
  assert.equal(thresholdSide('welch-log', 0.95, 1, 0.05), -1);
  assert.equal(thresholdSide('welch-log', 1, 1, 0), 0);
  // Difference methods: relative to the baseline centre.
  assert.equal(thresholdSide('welch-diff', 50, 1000, 0.05), 0);
  assert.equal(thresholdSide('welch-diff', -50, 1000, 0.05), 0);
  assert.equal(thresholdSide('welch-diff', 51, -1000, 0.05), 1);
  assert.equal(thresholdSide('paired-diff', 1, 0, 0.05), 1, 'a zero baseline has a zero threshold');
  assert.equal(intervalSide('welch-log', { low: 1.01, high: 1.2, level: 0.95 }), 1);
  assert.equal(intervalSide('welch-diff', { low: -3, high: -1, level: 0.95 }), -1);
  assert.equal(intervalSide('welch-diff', { low: -3, high: 1, level: 0.95 }), 0);
  assert.ok(intervalWithinThreshold('welch-log', { low: 1 / 1.05, high: 1.05, level: 0.95 }, 1, 0.05));
  assert.ok(!intervalWithinThreshold('welch-log', { low: 0.9, high: 1.02, level: 0.95 }, 1, 0.05));
  assert.ok(!intervalWithinThreshold('welch-log', { low: Number.NaN, high: Number.NaN, level: 0.95 }, 1, 0.05));
});
