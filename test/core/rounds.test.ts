import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendRound, mergeRounds } from '../../src/core/rounds.js';
import { perRound, rotate } from '../../src/core/run.js';
import type { PageOutcome } from '../../src/suite/protocol.js';

const outcome = (time: number[], patches: number, ok = true): PageOutcome => ({
  id: 'd/x',
  ok,
  ...(ok ? {} : { error: 'Error: wrong answer' }),
  durationMs: 10,
  metrics: ok
    ? [
        { metric: 'time', unit: 'ms', direction: 'lower', kind: 'time', samples: time, innerIterations: 8 },
        { metric: 'patches', unit: 'count', direction: 'lower', kind: 'counter', samples: [patches], innerIterations: 1 },
      ]
    : [],
});

test('rounds merge: samples concatenated with the size of each round; counters kept once', () => {
  const merged = mergeRounds('d/x', [outcome([1, 2], 5), outcome([3, 4, 5], 5), outcome([6], 5)]);
  assert.equal(merged.status.ok, true);
  assert.equal(merged.status.durationMs, 30);
  const time = merged.results.find((r) => r.metric === 'time')!;
  assert.deepEqual(time.samples, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(time.rounds, [2, 3, 1]);
  const patches = merged.results.find((r) => r.metric === 'patches')!;
  assert.deepEqual(patches.samples, [5]);
  assert.equal(patches.rounds, undefined);
});

test('a counter that differs between rounds fails the benchmark (counters must be deterministic)', () => {
  const merged = mergeRounds('d/x', [outcome([1], 5), outcome([2], 6)]);
  assert.equal(merged.status.ok, false);
  assert.match(merged.status.error!, /counter patches is not deterministic: 5 in round 1, 6 in round 2/);
  assert.deepEqual(merged.results, []);
});

test('a failure in any round fails the benchmark and names the round', () => {
  const merged = mergeRounds('d/x', [outcome([1], 5), outcome([], 0, false)]);
  assert.equal(merged.status.ok, false);
  assert.equal(merged.status.error, 'round 2: Error: wrong answer');
});

test('one round leaves no rounds field; appendRound adds one', () => {
  const merged = mergeRounds('d/x', [outcome([1, 2], 5)]);
  const time = merged.results.find((r) => r.metric === 'time')!;
  assert.equal(time.rounds, undefined);
  appendRound(merged.results, mergeRounds('d/x', [outcome([7, 8, 9], 5)]).results);
  assert.deepEqual(time.samples, [1, 2, 7, 8, 9]);
  assert.deepEqual(time.rounds, [2, 3]);
  assert.deepEqual(merged.results.find((r) => r.metric === 'patches')!.samples, [5], 'counters are not appended');
});

test('per-round sampling splits the totals; suite order rotates by round', () => {
  assert.deepEqual(perRound({ minSamples: 30, minTimeMs: 1000, warmupMs: 200, minSampleMs: 1 }, 3), { minSamples: 10, minTimeMs: 1000 / 3, warmupMs: 200, minSampleMs: 1 });
  assert.equal(perRound({ minSamples: 3, minTimeMs: 10, warmupMs: 0, minSampleMs: 1 }, 3).minSamples, 2);
  assert.deepEqual(rotate(['a', 'b', 'c'], 0), ['a', 'b', 'c']);
  assert.deepEqual(rotate(['a', 'b', 'c'], 1), ['b', 'c', 'a']);
  assert.deepEqual(rotate(['a', 'b', 'c'], 4), ['b', 'c', 'a']);
});
