import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, type ComparisonMeta } from '../../src/stats/compare.js';
import { createRng, randomLogNormal } from '../../src/stats/prng.js';
import { assertClose, reference } from './reference.js';

const meta: ComparisonMeta = { benchmarkId: 'suite/bench?n=1', metric: 'time', unit: 'ms', direction: 'lower', kind: 'time' };

test('compare combines the reference statistics', () => {
  const a = reference.vectors.small_a!;
  const b = reference.vectors.small_b!;
  const e = reference.twoSample.find((x) => x.a === 'small_a')!;
  const c = compare(a, b, meta);
  assert.equal(c.benchmarkId, meta.benchmarkId);
  assert.equal(c.metric, 'time');
  assertClose(c.baseline.median, reference.summaries.small_a!.median, 1e-12, 'baseline median');
  assertClose(c.candidate.median, reference.summaries.small_b!.median, 1e-12, 'candidate median');
  assertClose(c.ratio, reference.summaries.small_b!.median / reference.summaries.small_a!.median, 1e-12, 'ratio');
  assertClose(c.shift, e.hl_shift, 1e-12, 'shift');
  assert.deepEqual([c.shiftCI.low, c.shiftCI.high], e.hl_ci_exact);
  assertClose(c.pMannWhitney, e.mw_p_exact!, 1e-12, 'MW p (auto = exact here)');
  assertClose(c.pWelch, e.welch_log_p, 1e-9, 'Welch p');
  assert.equal(c.pAdjusted, c.pMannWhitney);
  assert.ok(c.ratioCI.low < c.ratio && c.ratio < c.ratioCI.high);
  assert.equal(c.ratioCI.level, 0.95);
});

test('compare is deterministic, seeded per benchmark, and independent of call order', () => {
  const rng = createRng(5);
  const a = Array.from({ length: 30 }, () => randomLogNormal(rng, 0, 0.1));
  const b = Array.from({ length: 30 }, () => randomLogNormal(rng, 0.05, 0.1));
  const first = compare(a, b, meta, { seed: 1 });
  compare(b, a, { ...meta, benchmarkId: 'other' }, { seed: 1 });
  assert.deepEqual(compare(a, b, meta, { seed: 1 }), first);
  assert.notDeepEqual(compare(a, b, meta, { seed: 2 }).ratioCI, first.ratioCI);
});

test('compare detects a clear 30% slowdown and not a null difference', () => {
  const rng = createRng(11);
  const a = Array.from({ length: 30 }, () => randomLogNormal(rng, 0, 0.05));
  const slow = Array.from({ length: 30 }, () => randomLogNormal(rng, Math.log(1.3), 0.05));
  const c = compare(a, slow, meta);
  assert.ok(c.ratio > 1.2 && c.ratio < 1.4);
  assert.ok(c.ratioCI.low > 1.2);
  assert.ok(c.pMannWhitney < 1e-10);
  assert.ok(c.shift > 0 && c.shiftCI.low > 0);
});

test('compare tolerates empty and zero-valued samples', () => {
  const empty = compare([], [1, 2, 3], meta);
  assert.ok(Number.isNaN(empty.ratio) && Number.isNaN(empty.pMannWhitney));
  const zeros = compare([0, 0, 0, 0], [0, 0, 0, 0], { ...meta, kind: 'gauge' });
  assert.equal(zeros.ratio, 1);
  assert.ok(Number.isNaN(zeros.pWelch)); // log of 0 undefined
  assert.equal(zeros.pMannWhitney, 1);
});
