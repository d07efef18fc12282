import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatNumber,
  formatPValue,
  formatPValueShort,
  formatPercent,
  formatSignedPercent,
  formatSignedValue,
  formatValue,
} from '../../src/model/format.js';

test('formatNumber: about three significant digits', () => {
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
  for (const [x, s] of table) assert.equal(formatNumber(x), s, String(x));
  assert.equal(formatValue(1.2, 'ms'), '1.20 ms');
  assert.equal(formatValue(12, '%'), '12.0%');
  assert.equal(formatValue(3, ''), '3.00');
});

test('formatSignedPercent: a change with its sign; zero has none', () => {
  assert.equal(formatSignedPercent(0.2083), '+20.8%');
  assert.equal(formatSignedPercent(-0.05), '-5.0%');
  assert.equal(formatSignedPercent(-0.0001), '±0.0%');
  assert.equal(formatSignedPercent(0), '±0.0%');
  assert.equal(formatSignedPercent(0.12345, 2), '+12.35%');
  assert.equal(formatSignedPercent(Infinity), '+∞%');
  assert.equal(formatSignedPercent(-Infinity), '-∞%');
  assert.equal(formatSignedPercent(Number.NaN), 'n/a');
});

test('formatPercent: a fraction, compact and unsigned', () => {
  assert.equal(formatPercent(0.05), '5%');
  assert.equal(formatPercent(0.025), '2.5%');
  assert.equal(formatPercent(0.0125), '1.25%');
});

test('formatPValue (explanations) and formatPValueShort (tables)', () => {
  assert.equal(formatPValue(0.0003), '0.0003');
  assert.equal(formatPValue(0.04321), '0.0432');
  assert.equal(formatPValue(1), '1');
  assert.equal(formatPValue(3.21e-7), '3.2e-7');
  assert.equal(formatPValue(0), '0');
  assert.equal(formatPValue(Number.NaN), 'n/a');
  assert.equal(formatPValueShort(0.0003), '<0.001');
  assert.equal(formatPValueShort(0.004321), '0.004');
  assert.equal(formatPValueShort(0.04321), '0.04');
  assert.equal(formatPValueShort(1), '1.00');
  assert.equal(formatPValueShort(Number.NaN), 'n/a');
});

test('formatSignedValue: signed, with a readable unit', () => {
  assert.equal(formatSignedValue(307200, 'bytes'), '+300 KiB');
  assert.equal(formatSignedValue(-1.2, 'ms'), '-1.20 ms');
  assert.equal(formatSignedValue(0, 'bytes'), '+0 bytes');
  assert.equal(formatSignedValue(Number.NaN, 'ms'), 'n/a');
});
