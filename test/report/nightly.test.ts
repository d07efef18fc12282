import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderNightlyText, type NightlyOutcome } from '../../src/report/nightly.js';
import type { NightlyChange } from '../../src/stats/nightly.js';

const change = (over: Partial<NightlyChange>): NightlyChange => ({
  benchmarkId: 'diffing/create-rows?rows=1000',
  metric: 'time',
  index: 27,
  runId: 41,
  commit: '0123456789abcdef',
  medianBefore: 1.25,
  medianAfter: 1.64,
  change: 0.312,
  pValue: 0.0021,
  regression: true,
  kind: 'level',
  pAdjusted: 0.0105,
  alert: true,
  ...over,
});

test('renderNightlyText: a summary line, then one line per change point, alerts marked', () => {
  const alert = change({});
  const variance = change({
    benchmarkId: 'reactivity/diamond',
    medianBefore: 0.0004,
    medianAfter: 0.00041,
    change: 0.025,
    commit: null,
    kind: 'variance',
    pAdjusted: Number.NaN,
    alert: false,
    runId: 43,
  });
  const nightly = {
    series: [
      { benchmarkId: alert.benchmarkId, metric: 'time', unit: 'ms' },
      { benchmarkId: 'reactivity/diamond', metric: 'time', unit: 'ms', relative: true },
    ],
    regressions: [alert],
    changes: [alert, variance],
  } as unknown as NightlyOutcome;
  const settings = { nightlyMinChange: 0.05, nightlyWindow: 5, nightlyFdr: 0.05 };
  assert.equal(
    renderNightlyText(nightly, settings, false),
    'nightly: 2 series checked (1 as ratios to the reference), 1 alert(s): ' +
      'bad-direction changes of >= 5% within the newest 5 runs at FDR 0.05\n' +
      'CHANGE diffing/create-rows?rows=1000 time: ' +
      '1.25 ms -> 1.64 ms (+31.2%) from run 41 (0123456789), permutation p=0.002, p_adj=0.011\n' +
      'variance reactivity/diamond time: 400 ns -> 410 ns (+2.5%) from run 43, ' +
      'permutation p=0.002, a change in spread or shape (median moved less than the minimum)\n',
  );
  assert.match(renderNightlyText(nightly, settings, true), /^\x1b\[31mCHANGE\x1b\[0m diffing/m);
});
