import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benjaminiHochberg } from '../../src/stats/benjamini-hochberg.js';
import { assertClose, reference } from './reference.js';

test('matches scipy.stats.false_discovery_control(method="bh")', () => {
  for (const { p, adjusted } of reference.bh) {
    const got = benjaminiHochberg(p);
    assert.equal(got.length, p.length);
    got.forEach((q, i) => assertClose(q, adjusted[i]!, 1e-12, `p=${p[i]} of ${p.length}`));
  }
});

test('adjusted values are monotone in the raw ones, >= raw, and capped at 1', () => {
  const p = reference.bh[5]!.p;
  const q = benjaminiHochberg(p);
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
  for (let k = 1; k < order.length; k++) assert.ok(q[order[k]!]! >= q[order[k - 1]!]!);
  q.forEach((v, i) => assert.ok(v >= p[i]! && v <= 1));
});

test('table: small hand-computed cases', () => {
  const cases: { p: number[]; q: number[] }[] = [
    { p: [], q: [] },
    { p: [0.2], q: [0.2] },
    { p: [0.01, 0.04], q: [0.02, 0.04] },
    { p: [0.04, 0.01], q: [0.04, 0.02] },
    { p: [0.03, 0.03, 0.03], q: [0.03, 0.03, 0.03] },
    { p: [0.5, 0.9, 0.9], q: [0.9, 0.9, 0.9] },
  ];
  for (const { p, q } of cases) {
    const got = benjaminiHochberg(p);
    got.forEach((v, i) => assertClose(v, q[i]!, 1e-15, `${JSON.stringify(p)}[${i}]`));
  }
});

test('hand-computed: the step-up minimum, ties and m = 6, arithmetic shown', () => {
  // q_(i) = min_{j >= i} m·p_(j)/j over the ascending order, returned in input order.
  const cases: { p: number[]; q: number[]; why: string }[] = [
    {
      // sorted 0.01(1) 0.04(2) 0.045(3) 0.2(4); m·p/j = 0.04, 0.08, 0.06, 0.2;
      // from the top: 0.2, 0.06, min(0.08, 0.06) = 0.06, min(0.04, 0.06) = 0.04.
      p: [0.04, 0.01, 0.045, 0.2],
      q: [0.06, 0.04, 0.06, 0.2],
      why: 'rank 2 is lowered to rank 3 (step-up)',
    },
    {
      // m = 5, p_(j) = j/100: m·p/j = 5·(j/100)/j = 0.05 for every j.
      p: [0.05, 0.04, 0.03, 0.02, 0.01],
      q: [0.05, 0.05, 0.05, 0.05, 0.05],
      why: 'linear p-values all adjust to m·p_(1)',
    },
    {
      // sorted 0.001(1) 0.008(2) 0.039(3) 0.041(4) 0.042(5) 0.6(6), m = 6;
      // m·p/j = 0.006, 0.024, 0.078, 0.0615, 0.0504, 0.6;
      // from the top: 0.6, 0.0504, 0.0504, 0.0504, 0.024, 0.006.
      p: [0.6, 0.039, 0.001, 0.042, 0.008, 0.041],
      q: [0.6, 0.0504, 0.006, 0.0504, 0.024, 0.0504],
      why: 'ranks 3 and 4 take rank 5',
    },
    {
      // sorted 0.01(1) 0.02(2) 0.02(3) 0.04(4), the tie in either order: m·p/j = 0.04, 0.04, 0.08/3, 0.04;
      // from the top: 0.04, 0.08/3, min(0.04, 0.08/3) = 0.08/3, min(0.04, 0.08/3) = 0.08/3.
      p: [0.02, 0.04, 0.01, 0.02],
      q: [0.08 / 3, 0.04, 0.08 / 3, 0.08 / 3],
      why: 'tied p-values get one adjusted value',
    },
    {
      // sorted 0.3(1) 0.35(2) 0.9(3): m·p/j = 0.9, 0.525, 0.9; from the top 0.9, 0.525, 0.525.
      p: [0.9, 0.35, 0.3],
      q: [0.9, 0.525, 0.525],
      why: "the smallest is lowered from m·p/1 = 0.9 to rank 2's 0.525",
    },
  ];
  for (const { p, q, why } of cases) {
    const got = benjaminiHochberg(p);
    assert.equal(got.length, q.length, why);
    got.forEach((v, i) => assertClose(v, q[i]!, 1e-15, `${why}: ${JSON.stringify(p)}[${i}]`));
  }
});

test('NaN entries pass through and do not count towards m', () => {
  const got = benjaminiHochberg([0.01, Number.NaN, 0.04]);
  assertClose(got[0]!, 0.02, 1e-15, 'first');
  assert.ok(Number.isNaN(got[1]!));
  assertClose(got[2]!, 0.04, 1e-15, 'third');
  assert.throws(() => benjaminiHochberg([0.5, 1.5]), RangeError);
  assert.throws(() => benjaminiHochberg([-0.1]), RangeError);
});
