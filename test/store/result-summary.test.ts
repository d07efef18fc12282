/** The per-result summary (store/result-summary.ts) against values worked out by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resultSummary, sessionSpread } from '../../src/store/result-summary.js';
import { summarize } from '../../src/stats/summary.js';

const source = {
  benchmarkId: 'reactivity/diamond',
  metric: 'time',
  unit: 'ms',
  direction: 'lower' as const,
  samples: [1, 2, 3, 4, 10, 20],
  rounds: [4, 2],
};

test('session values of a time are per-session geometric means, in session order', () => {
  const s = resultSummary({ ...source, kind: 'time' }, summarize(source.samples, { resamples: 10 }));
  // (1*2*3*4)^(1/4) = 24^(1/4) = 2.2133638...; (10*20)^(1/2) = 14.1421356...
  assert.equal(s.sessionValues.length, 2);
  assert.ok(Math.abs(s.sessionValues[0]! - 2.213363839400643) < 1e-12);
  assert.ok(Math.abs(s.sessionValues[1]! - 14.142135623730951) < 1e-12);
  // The pooled summary is the one given, untouched: median of 1,2,3,4,10,20 is (3+4)/2.
  assert.equal(s.summary.median, 3.5);
  assert.equal(s.summary.n, 6);
  assert.equal(s.benchmarkId, 'reactivity/diamond');
});

test('session values of a counter or gauge are per-session medians; no rounds is one session', () => {
  const pooled = summarize(source.samples, { resamples: 10 });
  assert.deepEqual(resultSummary({ ...source, kind: 'counter' }, pooled).sessionValues, [2.5, 15]);
  assert.deepEqual(resultSummary({ ...source, kind: 'gauge', rounds: undefined }, pooled).sessionValues, [3.5]);
});

test('sessionSpread: count, median, min and max of the sessions, empty ones left out', () => {
  assert.deepEqual(sessionSpread([3, Number.NaN, 1, 2]), { sessions: 3, median: 2, min: 1, max: 3 });
  assert.deepEqual(sessionSpread([4, 1]), { sessions: 2, median: 2.5, min: 1, max: 4 });
  const none = sessionSpread([Number.NaN]);
  assert.equal(none.sessions, 0);
  assert.ok(Number.isNaN(none.median));
});
