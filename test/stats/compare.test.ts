import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, type ComparisonMeta } from '../../src/stats/compare.js';
import { createRng, randomLogNormal, randomNormal } from '../../src/stats/prng.js';
import { sessionTest, sessionValues } from '../../src/stats/sessions.js';
import { assertClose, reference } from './reference.js';
import { sessionsReference } from './sessions-reference.js';

const meta: ComparisonMeta = {
  benchmarkId: 'suite/bench?n=1',
  metric: 'time',
  unit: 'ms',
  direction: 'lower',
  kind: 'time',
};
// The scipy references below are on session medians: the statistic of a gauge (time takes the
// geometric mean, sessions.test.ts).
const medianMeta: ComparisonMeta = { ...meta, metric: 'heap', kind: 'gauge' };

test('compare: the session test decides; pooled-sample statistics stay as diagnostics', () => {
  const c0 = sessionsReference.sessions.find((x) => x.name === 'unpaired_multimodal')!;
  const e = c0.expected['welch-log']!;
  const c = compare(c0.base.samples, c0.cand.samples, medianMeta, {
    rounds: { baseline: c0.base.rounds, candidate: c0.cand.rounds },
    alpha: sessionsReference.alpha,
    test: 't',
  });
  assert.equal(c.method, 'welch-log');
  assert.equal(c.paired, false);
  assert.deepEqual(c.sessions, [20, 20]);
  assert.deepEqual(c.rounds, [20, 20]);
  assertClose(c.pSession!, e.p, 1e-9, 'session p');
  assert.equal(c.pAdjusted, c.pSession);
  assertClose(c.df!, e.df, 1e-10, 'df');
  assertClose(c.ratio, e.estimate, 1e-10, 'ratio of geometric means');
  assertClose(c.ratioCI.low, e.ci[0], 1e-9, 'ci low');
  assertClose(c.ratioCI.high, e.ci[1], 1e-9, 'ci high');
  assertClose(c.mdc!, e.mdc, 1e-9, 'mdc');
  // shift: difference of the session centres, its interval the ratio interval in the metric's unit.
  const [cb, cc] = c.centres!;
  assertClose(cc / cb, c.ratio, 1e-12, 'centres');
  assertClose(c.shift, cc - cb, 1e-12, 'shift');
  assertClose(c.shiftCI.low, cb * (c.ratioCI.low - 1), 1e-12, 'shift ci');
  assert.deepEqual(c.sessionSamples, [Math.min(...c0.base.rounds), Math.min(...c0.cand.rounds)]);
  assert.equal(c.untested, undefined);
  // Diagnostics on the pooled samples (110 vs 115, no ties, so `auto` is asymptotic), from scipy 1.17.1 on
  // test/fixtures/stats/sessions.json: mannwhitneyu(base, cand, method='asymptotic', use_continuity=True)
  // gives U = 4400, p = 8.052267559124488e-05; ttest_ind(log base, log cand, equal_var=False).pvalue.
  assertClose(c.pMannWhitney, 8.052267559124488e-5, 1e-9, 'pooled Mann-Whitney p');
  assertClose(c.pWelch, 2.4831159555149603e-5, 1e-9, 'pooled Welch-log p');
  assert.equal(c.baseline.n, c0.base.samples.length);
});

test('compare with one session per side: reference diagnostics, no session test', () => {
  const a = reference.vectors.small_a!;
  const b = reference.vectors.small_b!;
  const e = reference.twoSample.find((x) => x.a === 'small_a')!;
  const c = compare(a, b, medianMeta);
  assertClose(c.baseline.median, reference.summaries.small_a!.median, 1e-12, 'baseline median');
  assertClose(c.candidate.median, reference.summaries.small_b!.median, 1e-12, 'candidate median');
  assertClose(
    c.ratio,
    reference.summaries.small_b!.median / reference.summaries.small_a!.median,
    1e-12,
    'ratio of the two session medians',
  );
  assertClose(c.pMannWhitney, e.mw_p_exact!, 1e-12, 'MW p (auto = exact here)');
  assertClose(c.pWelch, e.welch_log_p, 1e-9, 'Welch p');
  assert.deepEqual(c.sessions, [1, 1]);
  assert.equal(c.rounds, undefined);
  assert.ok(Number.isNaN(c.pSession!) && Number.isNaN(c.pAdjusted));
  assert.ok(Number.isNaN(c.ratioCI.low) && Number.isNaN(c.ratioCI.high));
  assert.match(c.untested!, /1\/1 sessions/);
});

test('compare is deterministic, seeded per benchmark, and independent of call order', () => {
  const rng = createRng(5);
  const rounds = [10, 10, 10];
  const a = Array.from({ length: 30 }, () => randomLogNormal(rng, 0, 0.1));
  const b = Array.from({ length: 30 }, () => randomLogNormal(rng, 0.05, 0.1));
  const opts = { seed: 1, rounds: { baseline: rounds, candidate: rounds } };
  const first = compare(a, b, meta, opts);
  compare(b, a, { ...meta, benchmarkId: 'other' }, opts);
  assert.deepEqual(compare(a, b, meta, opts), first);
  assert.notDeepEqual(compare(a, b, meta, { ...opts, seed: 2 }).baseline.medianCI, first.baseline.medianCI);
});

test('compare detects a clear 30% slowdown over sessions and not a null difference', () => {
  const rng = createRng(11);
  const rounds = Array.from({ length: 10 }, () => 5);
  const sessions = (shift: number) =>
    rounds.flatMap(() => {
      const level = Math.log(shift) + 0.05 * randomNormal(rng);
      return Array.from({ length: 5 }, () => randomLogNormal(rng, level, 0.02));
    });
  const c = compare(sessions(1), sessions(1.3), meta, { rounds: { baseline: rounds, candidate: rounds } });
  assert.ok(c.ratio > 1.2 && c.ratio < 1.4, `ratio ${c.ratio}`);
  assert.ok(c.ratioCI.low > 1.15, `ci ${c.ratioCI.low}`);
  // Complete separation of 10 vs 10 sessions: the exact Mann-Whitney minimum, 2 / C(20, 10).
  assert.ok(c.pSession! <= 2 / 184756 + 1e-15, `p ${c.pSession}`);
  assert.ok(c.shift > 0 && c.shiftCI.low > 0, 'shift');
  const same = compare(sessions(1), sessions(1), meta, { rounds: { baseline: rounds, candidate: rounds } });
  assert.ok(same.ratioCI.low < 1 && same.ratioCI.high > 1, `null ci ${JSON.stringify(same.ratioCI)}`);
});

test('compare: difference and count scales, pairing', () => {
  const ones = (n: number) => Array.from({ length: n }, () => 1);
  const heap = { ...meta, metric: 'heapGrowth', unit: 'bytes', kind: 'gauge' as const };
  const hb = [-3000, 5000, 1000, -2000, 4000, 0];
  const hc = [-1000, 7000, 3000, 0, 6000, 2000];
  const h = compare(hb, hc, heap, { rounds: { baseline: ones(6), candidate: ones(6) } });
  assert.equal(h.method, 'welch-diff');
  assertClose(h.shift, 2000, 1e-12, 'difference of means');
  assert.deepEqual(h.shiftCI, sessionTest('welch-diff', hb, hc).ci);
  assert.ok(Number.isNaN(h.ratioCI.low), 'no ratio interval for a difference');
  assertClose(h.ratio, 2833.3333333333335 / 833.3333333333334, 1e-12, 'ratio of means when both are > 0');
  const paired = compare(hb, hc, heap, { paired: true, rounds: { baseline: ones(6), candidate: ones(6) } });
  assert.equal(paired.method, 'paired-diff');
  assert.equal(paired.paired, true);
  assert.equal(paired.pSession, 0, 'every pair moved by exactly +2000');
  const gc = compare(
    [0, 1, 0, 0],
    [1, 2, 1, 1],
    { ...meta, metric: 'gcCount', unit: 'count', kind: 'gauge' },
    { rounds: { baseline: ones(4), candidate: ones(4) } },
  );
  assert.equal(gc.method, 'poisson-rate');
  assert.ok(Number.isNaN(gc.df!));
  assert.equal(gc.ratio, 5);
  assert.throws(
    () => compare([1, 2, 3], [1, 2], meta, { paired: true, rounds: { baseline: [1, 1, 1], candidate: [1, 1] } }),
    /paired comparison needs the same sessions on both sides, got 3 and 2/,
  );
  assert.deepEqual(sessionValues([1, 2, 3, 4], [2, 2], 'median'), [1.5, 3.5]);
  assert.deepEqual(sessionValues([1, 4, 3, 12], [2, 2], 'geomean'), [2, 6]);
});

test('compare tolerates empty and zero-valued samples', () => {
  const empty = compare([], [1, 2, 3], meta);
  assert.ok(Number.isNaN(empty.ratio) && Number.isNaN(empty.pMannWhitney) && Number.isNaN(empty.pSession!));
  const zeros = compare(
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    { ...meta, kind: 'gauge' },
    { rounds: { baseline: [2, 2], candidate: [2, 2] } },
  );
  assert.equal(zeros.method, 'welch-diff');
  assert.ok(Number.isNaN(zeros.ratio), 'no meaningful ratio of two zero means');
  assert.equal(zeros.shift, 0);
  assert.equal(zeros.pSession, 1);
  assert.ok(Number.isNaN(zeros.pWelch)); // log of 0 undefined
  assert.equal(zeros.pMannWhitney, 1);
});
