import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrate, suggestNoise } from '../../src/core/calibrate.js';
import { DEFAULT_THRESHOLDS } from '../../src/verdict/thresholds.js';
import { result } from '../verdict/helpers.js';

// Rule: the largest A/A shift × 1.25, at least 2%, rounded up to the next 1%.
const cases: [number, number][] = [
  [0.056, 0.07], // 0.056 × 1.25 = 0.07 exactly; a plain ceil of 0.07 × 100 (7.000000000000001) gave 0.08
  [0.0560001, 0.08],
  [0.05608, 0.08], // × 1.25 = 0.0701
  [0.0559, 0.07],
  [0.064, 0.08], // × 1.25 = 0.08 exactly
  [0.072, 0.09],
  [0.08, 0.1],
  [0.088, 0.11],
  [0.2, 0.25],
  [0, 0.02],
  [0.01, 0.02],
  [0.016, 0.02], // × 1.25 = 0.02 exactly: the floor
  [0.0161, 0.03],
];

for (const [shift, expected] of cases) {
  test(`suggestNoise(${shift}) = ${expected}`, () => {
    // Exact equality: the suggestion is written to the config as a decimal.
    assert.equal(suggestNoise(shift), expected);
  });
}

test('suggestNoise: every whole percent maps to itself (shift = p / 1.25)', () => {
  for (let p = 2; p <= 100; p++) assert.equal(suggestNoise(p / 100 / 1.25), p / 100, `${p}%`);
});

test('suggestNoise of a non-finite shift (a zero median) is NaN', () => {
  assert.ok(Number.isNaN(suggestNoise(Infinity)));
  assert.ok(Number.isNaN(suggestNoise(Number.NaN)));
});

test('calibrate suggests 0.07 for run medians 1.000 and 1.056 ms', () => {
  const runs = [[result('memo/lru-hit', [0.99, 1, 1.01])], [result('memo/lru-hit', [1.046, 1.056, 1.066])]];
  const [row] = calibrate(runs, { thresholds: DEFAULT_THRESHOLDS, overrides: [] });
  assert.ok(row);
  assert.ok(Math.abs(row.maxShift - 0.056) < 1e-12, `maxShift ${row.maxShift}`);
  assert.equal(row.suggestedNoise, 0.07);
  assert.equal(row.runs, 2);
});
