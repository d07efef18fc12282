import { test } from 'node:test';
import assert from 'node:assert/strict';
import { falseAlarmRate, logSigmaFromCV, minDetectableChange, samplesForChange } from '../../src/stats/power.js';
import { assertClose, reference } from './reference.js';

test('minDetectableChange matches the normal-approximation formula computed with scipy', () => {
  for (const { cv, n, alpha, power, change } of reference.power) {
    assertClose(minDetectableChange(cv, n, { alpha, power }), change, 1e-12, `cv=${cv}, n=${n}`);
  }
});

test('detectable change shrinks with n and grows with CV; samplesForChange inverts it', () => {
  assert.ok(minDetectableChange(0.05, 40) < minDetectableChange(0.05, 10));
  assert.ok(minDetectableChange(0.1, 20) > minDetectableChange(0.05, 20));
  assert.ok(minDetectableChange(0.05, 20, { alpha: 0.01 }) > minDetectableChange(0.05, 20));
  assert.equal(minDetectableChange(0.05, [20, 20]), minDetectableChange(0.05, 20));
  assert.equal(minDetectableChange(0, 10), 0);
  for (const cv of [0.02, 0.05, 0.2]) {
    for (const n of [5, 12, 40, 100]) {
      const change = minDetectableChange(cv, n);
      const need = samplesForChange(cv, change);
      assert.ok(Math.abs(need - n) <= 1, `cv=${cv} n=${n} -> ${need}`);
    }
  }
  // CV 5%, 5% change, alpha 0.05, power 0.8: 2 * (2.8016 * 0.04997 / ln 1.05)^2 = 16.5 -> 17.
  assert.equal(samplesForChange(0.05, 0.05), 17);
  assertClose(logSigmaFromCV(0.05), Math.sqrt(Math.log(1.0025)), 1e-12, 'sigma');
  assert.ok(Number.isNaN(minDetectableChange(-1, 10)));
});

test('falseAlarmRate counts flagged A/A comparisons with a Wilson interval', () => {
  const r = falseAlarmRate([true, false, false, false, false, false, false, false, false, false]);
  assert.equal(r.flagged, 1);
  assert.equal(r.total, 10);
  assert.equal(r.rate, 0.1);
  // Wilson 95% for 1/10, evaluated in python with scipy's norm.ppf(0.975).
  assertClose(r.ci.low, 0.017876213095072868, 1e-12, 'low');
  assertClose(r.ci.high, 0.4041500267952385, 1e-12, 'high');
  const none = falseAlarmRate(Array.from({ length: 200 }, () => false));
  assert.equal(none.ci.low, 0);
  assert.ok(none.ci.high > 0 && none.ci.high < 0.02);
  assert.ok(Number.isNaN(falseAlarmRate([]).rate));
});
