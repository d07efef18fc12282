/**
 * `power --write` (src/core/power-thresholds.ts): which noise overrides a power report asks for, and
 * that every benchmark it cannot serve at the global threshold is named. No browser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ceilPercent, thresholdsFromPower } from '../../src/core/power-thresholds.js';
import { MDC_GRID, type PowerReport, type PowerRow } from '../../src/analysis/power.js';
import { parseConfig } from '../../src/config/config.js';

const nan = { low: Number.NaN, high: Number.NaN, level: 0.95 };
const noRate = { hits: 0, trials: 0, rate: Number.NaN, ci: nan };

const row = (benchmarkId: string, mdcPaired: number | null, metric = 'time'): PowerRow => ({
  benchmarkId,
  metric,
  label: 'noisy',
  pairedLabel: 'noisy',
  sdBetween: 0.2,
  sdWithin: 0.01,
  sdPaired: 0.1,
  bestSamplesPerSession: Number.NaN,
  mdcPaired,
  mdcUnpaired: null,
  detectsPaired: null,
  detectsUnpaired: null,
  paired: { falseAlarms: noRate, detection: [] },
  unpaired: { falseAlarms: noRate, detection: [] },
});

const report = (rows: PowerRow[]): PowerReport => ({
  poolSessions: 18,
  trialSessions: 16,
  trials: 20,
  delays: [2, 5, 10],
  mdcTrials: 20,
  mdcGrid: [...MDC_GRID],
  rows,
  checks: { paired: noRate, unpaired: noRate },
});

test('ceilPercent rounds up to a whole percent, keeping grid values as they are', () => {
  assert.equal(ceilPercent(0.07), 0.07);
  assert.equal(ceilPercent(0.15), 0.15);
  assert.equal(ceilPercent(0.111), 0.12);
  assert.equal(ceilPercent(0.02), 0.02);
  assert.equal(ceilPercent(1), 1);
});

test('thresholdsFromPower: max(global, paired MDC), every raised or hopeless benchmark named', () => {
  const config = parseConfig({ thresholds: { noise: 0.05 } }, 'test');
  const got = thresholdsFromPower(
    report([
      row('reactivity/triangle', 0.12),
      row('reactivity/diamond', 0.05), // at the global threshold: nothing to write, nothing to say
      row('smoke/array-sum', 0.02), // below it: the global threshold applies
      row('reactivity/cellx?layers=2500', null),
      row('memo/lru-hit', 0.07, 'heapGrowth'),
    ]),
    config,
  );
  assert.deepEqual(got.overrides, [
    { benchmarkId: 'reactivity/triangle', metric: 'time', noise: 0.12 },
    { benchmarkId: 'memo/lru-hit', metric: 'heapGrowth', noise: 0.07 },
  ]);
  assert.deepEqual(got.messages, [
    'reactivity/triangle: cannot detect < 12% with 16 sessions on this machine (threshold set to 12%)',
    'reactivity/cellx?layers=2500: cannot detect <= 100% with 16 sessions on this machine (no override written)',
    'memo/lru-hit heapGrowth: cannot detect < 7% with 16 sessions on this machine (threshold set to 7%)',
  ]);
});

test('thresholdsFromPower: nothing to write when every MDC is within the global threshold', () => {
  const config = parseConfig({}, 'defaults');
  assert.deepEqual(thresholdsFromPower(report([row('s/a', 0.01), row('s/b', 0.02)]), config), {
    overrides: [],
    messages: [],
  });
  assert.deepEqual(thresholdsFromPower(report([]), config), { overrides: [], messages: [] });
});
