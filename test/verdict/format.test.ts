import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatChange, formatDifference, formatP, formatPercent, formatValue, formatWithUnit } from '../../src/verdict/format.js';

test('formatValue: about three significant digits', () => {
  const table: [number, string][] = [
    [1.2, '1.20'],
    [1.4499, '1.45'],
    [12.345, '12.3'],
    [123456, '123,456'],
    [0.01234, '0.0123'],
    [0.0001234, '1.23e-4'],
    [0, '0'],
    [-2.5, '-2.50'],
    [Number.NaN, 'n/a'],
    [Infinity, '∞'],
  ];
  for (const [x, s] of table) assert.equal(formatValue(x), s, String(x));
  assert.equal(formatWithUnit(1.2, 'ms'), '1.20 ms');
  assert.equal(formatWithUnit(12, '%'), '12.0%');
  assert.equal(formatWithUnit(3, ''), '3.00');
});

test('formatChange, formatP, formatPercent', () => {
  assert.equal(formatChange(0.2083), '+20.8%');
  assert.equal(formatChange(-0.05), '-5.0%');
  assert.equal(formatChange(-0.0001), '+0.0%');
  assert.equal(formatChange(0), '+0.0%');
  assert.equal(formatChange(Infinity), '+inf%');
  assert.equal(formatP(0.0003), '0.0003');
  assert.equal(formatP(0.04321), '0.0432');
  assert.equal(formatP(1), '1');
  assert.equal(formatP(3.21e-7), '3.2e-7');
  assert.equal(formatP(0), '0');
  assert.equal(formatPercent(0.05), '5%');
  assert.equal(formatPercent(0.025), '2.5%');
});

test('formatDifference: signed, with a readable unit', () => {
  assert.equal(formatDifference(307200, 'bytes'), '+300 KiB');
  assert.equal(formatDifference(-1.2, 'ms'), '-1.20 ms');
  assert.equal(formatDifference(0, 'bytes'), '+0 bytes');
  assert.equal(formatDifference(Number.NaN, 'ms'), 'n/a');
});
