import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangePoint } from '../../src/model/types.js';
import { nightlyChanges } from '../../src/stats/nightly.js';

function cp(id: string, index: number, change: number, pValue: number, regression = change > 0): ChangePoint {
  return {
    benchmarkId: id,
    metric: 'time',
    index,
    runId: index + 1,
    commit: null,
    medianBefore: 1,
    medianAfter: 1 + change,
    change,
    pValue,
    regression,
  };
}

const opts = { window: 3, minChange: 0.05, fdr: 0.05 };

test('nightly: only level changes in the newest window, beyond the minimum, in the bad direction alert', () => {
  const changes = nightlyChanges(
    [
      { changePoints: [cp('a', 28, 0.2, 0.005)], length: 30 },
      { changePoints: [cp('b', 10, 0.3, 0.005)], length: 30 }, // outside the window
      { changePoints: [cp('c', 29, -0.2, 0.005, false)], length: 30 }, // improvement
      { changePoints: [cp('d', 29, 0.02, 0.005)], length: 30 }, // too small: variance
    ],
    opts,
  );
  assert.deepEqual(
    changes.map((c) => [c.benchmarkId, c.kind, c.alert]),
    [
      ['a', 'level', true],
      ['c', 'level', false],
      ['d', 'variance', false],
    ],
  );
  assert.ok(Number.isNaN(changes[2]!.pAdjusted));
});

test('nightly: Benjamini-Hochberg across the series of one night', () => {
  // One change at p = 0.01 alone passes FDR 0.05; among 20 series with p = 0.5 it does not (0.01 * 20 > 0.05).
  const alone = nightlyChanges([{ changePoints: [cp('a', 29, 0.2, 0.01)], length: 30 }], opts);
  assert.equal(alone[0]!.alert, true);
  const crowd = nightlyChanges(
    [
      { changePoints: [cp('a', 29, 0.2, 0.01)], length: 30 },
      ...Array.from({ length: 19 }, (_, i) => ({ changePoints: [cp(`n${i}`, 29, 0.1, 0.5)], length: 30 })),
    ],
    opts,
  );
  assert.equal(crowd.find((c) => c.benchmarkId === 'a')!.alert, false);
  assert.ok(Math.abs(crowd.find((c) => c.benchmarkId === 'a')!.pAdjusted - 0.2) < 1e-12);
});
