import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, downsampleLttb } from '../../src/report/downsample.js';
import { createRng } from '../../src/stats/prng.js';

const ascending = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

test('LTTB on a hand-checked input: first, last, and the largest triangle of each bucket', () => {
  // Inner points 1..5 in two buckets, {1, 2} and {3, 4, 5}.
  // Bucket 1, against (0, 0) and the next bucket's mean (4, 2): twice the area is 2 at index 1,
  // 4 at index 2. Bucket 2, against (2, 0) and the end point (6, 0): 20 at 3, 0 at 4, 4 at 5.
  const values = [0, 1, 0, 5, 0, 1, 0];
  assert.deepEqual(downsampleLttb(values, 4), [0, 2, 3, 6]);
});

test('LTTB keeps forced indices exactly and splits the series there', () => {
  // Kept 5 splits [0..6] into [0, 5] (inner 1..4, one pick) and [5, 6] (no inner point). The one
  // bucket {1..4} against (0, 0) and (5, 1): twice the area |i - 5v| is 4, 2, 22, 4: index 3.
  const values = [0, 1, 0, 5, 0, 1, 0];
  assert.deepEqual(downsampleLttb(values, 4, [5]), [0, 3, 5, 6]);
});

test('LTTB returns everything when the series is short, nothing when it is empty', () => {
  assert.deepEqual(downsampleLttb([3, 1, 2], 10), [0, 1, 2]);
  assert.deepEqual(downsampleLttb([3, 1, 2], 3), [0, 1, 2]);
  assert.deepEqual(downsampleLttb([], 10), []);
  assert.deepEqual(downsampleLttb([7], 1), [0]);
});

test('LTTB output: length = threshold, ascending, first and last, every forced index, deterministic', () => {
  const rng = createRng(7);
  const values = Array.from({ length: 1000 }, (_, i) => (i < 400 ? 1 : 1.3) + 0.05 * rng());
  const keep = [399, 400, ...Array.from({ length: 30 }, (_, k) => 970 + k), 123];
  const out = downsampleLttb(values, 100, keep);
  assert.equal(out.length, 100);
  assert.ok(ascending(out));
  assert.equal(out[0], 0);
  assert.equal(out[out.length - 1], 999);
  for (const k of keep) assert.ok(out.includes(k), `forced ${k} kept`);
  assert.deepEqual(downsampleLttb(values, 100, keep), out);
});

test('LTTB keeps a one-run spike that a regular stride would miss', () => {
  const values = Array.from({ length: 1000 }, () => 1);
  values[517] = 9;
  const out = downsampleLttb(values, 20);
  assert.ok(out.includes(517));
  assert.equal(out.length, 20);
});

test('LTTB: forced indices beyond the threshold win; out-of-range ones are ignored', () => {
  const values = Array.from({ length: 50 }, (_, i) => Math.sin(i));
  const keep = Array.from({ length: 20 }, (_, k) => k * 2 + 1);
  const out = downsampleLttb(values, 10, [...keep, -1, 50, 2.5]);
  assert.deepEqual(out, [0, ...keep, 49]);
});

test('LTTB never picks a non-finite value it was not told to keep', () => {
  const values = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? NaN : Math.cos(i / 9)));
  values[0] = 1;
  values[199] = 1;
  const out = downsampleLttb(values, 30);
  assert.equal(out.length, 30);
  for (const i of out) assert.ok(Number.isFinite(values[i]!), `index ${i}`);
});

test('allocate splits a budget in proportion, largest remainders first, ties to the earlier segment', () => {
  assert.deepEqual(allocate([3, 1], 2), [2, 0]);
  assert.deepEqual(allocate([5, 5, 0], 3), [2, 1, 0]);
  assert.deepEqual(allocate([10, 30], 4), [1, 3]);
  assert.deepEqual(allocate([2, 2], 9), [2, 2]);
  assert.deepEqual(allocate([0, 0], 3), [0, 0]);
});
