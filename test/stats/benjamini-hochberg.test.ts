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

test('NaN entries pass through and do not count towards m', () => {
  const got = benjaminiHochberg([0.01, Number.NaN, 0.04]);
  assertClose(got[0]!, 0.02, 1e-15, 'first');
  assert.ok(Number.isNaN(got[1]!));
  assertClose(got[2]!, 0.04, 1e-15, 'third');
  assert.throws(() => benjaminiHochberg([0.5, 1.5]), RangeError);
  assert.throws(() => benjaminiHochberg([-0.1]), RangeError);
});
