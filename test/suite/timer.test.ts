import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrateInner, measureTimerResolution, zeroShare } from '../../src/suite/timer.js';

test('calibration reaches the target with a batch size proportional to the op cost', () => {
  const perOp = 0.002; // 2 us
  const inner = calibrateInner((n) => n * perOp, 1);
  assert.ok(inner * perOp >= 1, `batch ${inner} x ${perOp} ms >= 1 ms`);
  assert.ok(inner * perOp < 2, 'no wildly oversized batch');
});

test('a slow first call (compilation) does not leave a batch of one', () => {
  let calls = 0;
  const inner = calibrateInner((n) => (calls++ === 0 ? 3 : n * 0.002), 1);
  assert.ok(inner >= 500, `inner ${inner}`);
});

test('the timer resolution is the median step between distinct readings', () => {
  let t = 0;
  // A 5 us clock read every 1 us: distinct readings 5 us apart.
  const now = () => Math.floor((t += 0.001) / 0.005) * 0.005;
  const res = measureTimerResolution(now, 5);
  assert.ok(Math.abs(res - 0.005) < 1e-9, String(res));
});

test('zeroShare counts exact zeros', () => {
  assert.equal(zeroShare([0, 0, 1, 2]), 0.5);
  assert.equal(zeroShare([]), 0);
});
