/**
 * src/suite/tti.ts on hand-made long-task lists (ms from navigation start): Lighthouse's rule of
 * the last long task before a quiet window, from FCP, floored at DOMContentLoaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quietWindowStart, timeToInteractive, type LongTask } from '../../src/suite/tti.js';

const task = (startTime: number, end: number): LongTask => ({ startTime, duration: end - startTime });
const tti = (longTasks: LongTask[], now = 10_000, fcp = 100, domContentLoadedEnd = 80) =>
  timeToInteractive({ fcp, domContentLoadedEnd, longTasks, quietWindowMs: 1000, now });

test('no long task: TTI is FCP, or the end of DOMContentLoaded when that is later', () => {
  assert.equal(tti([]), 100);
  assert.equal(tti([], 10_000, 100, 150), 150);
});

test('long tasks that end before FCP do not count', () => {
  assert.equal(tti([task(20, 90)]), 100);
});

test('a long task straddling FCP counts from its end', () => {
  assert.equal(tti([task(60, 180)]), 180);
});

test('several long tasks: TTI is the end of the last one before the first quiet window', () => {
  // Gaps of 200 and 300 ms, then 1,500 ms of quiet before the next one (which does not count).
  assert.equal(tti([task(300, 360), task(660, 720), task(2220, 2300)]), 720);
});

test('a long task inside the quiet window pushes TTI to its end', () => {
  // 160 -> 1160 would be quiet, but a task at 900 breaks the window; the next window starts at 960.
  assert.equal(tti([task(100, 160), task(900, 960), task(3000, 3100)]), 960);
  assert.equal(quietWindowStart([task(900, 960), task(100, 160)], 100, 1000), 960, 'order does not matter');
});

test('until the whole quiet window has been seen, there is no TTI yet', () => {
  assert.equal(tti([task(150, 400)], 1399), null);
  assert.equal(tti([task(150, 400)], 1400), 400);
});
