import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendMatchingRounds, mergeRounds } from '../../src/core/rounds.js';
import { mergeSide, perRound, validSessions } from '../../src/core/run.js';
import { shuffled, sideOrder } from '../../src/core/sessions.js';
import { createRng } from '../../src/stats/prng.js';
import { UsageError } from '../../src/model/errors.js';
import type { BenchmarkInfo } from '../../src/model/types.js';
import type { PageOutcome } from '../../src/suite/protocol.js';

const outcome = (time: number[], patches: number, ok = true): PageOutcome => ({
  id: 'd/x',
  ok,
  ...(ok ? {} : { error: 'Error: wrong answer' }),
  durationMs: 10,
  metrics: ok
    ? [
        { metric: 'time', unit: 'ms', direction: 'lower', kind: 'time', samples: time, innerIterations: 8 },
        {
          metric: 'patches',
          unit: 'count',
          direction: 'lower',
          kind: 'counter',
          samples: [patches],
          innerIterations: 1,
        },
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

test('one round leaves no rounds field; appendMatchingRounds adds one', () => {
  const merged = mergeRounds('d/x', [outcome([1, 2], 5)]);
  const time = merged.results.find((r) => r.metric === 'time')!;
  assert.equal(time.rounds, undefined);
  appendMatchingRounds(merged.results, mergeRounds('d/x', [outcome([7, 8, 9], 5)]).results);
  assert.deepEqual(time.samples, [1, 2, 7, 8, 9]);
  assert.deepEqual(time.rounds, [2, 3]);
  assert.deepEqual(merged.results.find((r) => r.metric === 'patches')!.samples, [5], 'counters are not appended');
});

test('per-session sampling splits the totals, never below 2 samples; sessions must be a whole number >= 1', () => {
  assert.deepEqual(perRound({ minSamples: 30, minTimeMs: 1000, warmupMs: 200, minSampleMs: 1 }, 3), {
    minSamples: 10,
    minTimeMs: 1000 / 3,
    warmupMs: 200,
    minSampleMs: 1,
  });
  assert.equal(perRound({ minSamples: 3, minTimeMs: 10, warmupMs: 0, minSampleMs: 1 }, 3).minSamples, 2);
  assert.equal(
    perRound({ minSamples: 31, minTimeMs: 10, warmupMs: 0, minSampleMs: 1 }, 3).minSamples,
    11,
    'rounded up',
  );
  assert.equal(validSessions(12), 12);
  for (const bad of [0, -1, 1.5, Number.NaN])
    assert.throws(
      () => validSessions(bad),
      (e: unknown) => e instanceof UsageError && /--sessions must be a whole number >= 1/.test(e.message),
    );
});

test('mergeSide merges each listed benchmark over its sessions and skips unknown or empty ones', () => {
  const info: BenchmarkInfo = { id: 'd/x', suite: 'd', name: 'x', params: {} };
  const measured = mergeSide(
    new Map([['d/x', info]]),
    new Map([
      ['d/x', [outcome([1, 2], 5), outcome([3], 5)]],
      ['d/unlisted', [outcome([1], 5)]],
      ['d/empty', []],
    ]),
  );
  assert.deepEqual(measured.benchmarks, [info]);
  assert.deepEqual(measured.statuses, [{ benchmarkId: 'd/x', ok: true, durationMs: 20 }]);
  assert.deepEqual(measured.results.find((r) => r.metric === 'time')!.rounds, [2, 1]);
});

test('sideOrder: two sides alternate ABBA over positions, and the next session starts with the other side', () => {
  const order = (session: number) => [0, 1, 2, 3].flatMap((position) => sideOrder(['A', 'B'], session, position));
  assert.deepEqual(order(0), ['A', 'B', 'B', 'A', 'A', 'B', 'B', 'A']);
  assert.deepEqual(order(1), ['B', 'A', 'A', 'B', 'B', 'A', 'A', 'B']);
  // Over a session pair, each side runs first equally often at every position.
  for (let position = 0; position < 4; position++) {
    assert.deepEqual(
      new Set([0, 1].map((session) => sideOrder(['A', 'B'], session, position)[0])),
      new Set(['A', 'B']),
    );
  }
});

test('sideOrder: with k sides every side takes every place once per k consecutive (session + position) values', () => {
  const sides = ['A', 'A0', 'A+5%', 'A+20%'];
  const input = sides.slice();
  for (const session of [0, 7]) {
    const orders = [0, 1, 2, 3].map((position) => sideOrder(sides, session, position));
    for (const o of orders) assert.deepEqual([...o].sort(), [...sides].sort(), 'a rotation of all sides');
    for (let place = 0; place < sides.length; place++)
      assert.deepEqual(new Set(orders.map((o) => o[place])), new Set(sides), `place ${place}`);
  }
  assert.deepEqual(sideOrder(sides, 1, 1), ['A+5%', 'A+20%', 'A', 'A0'], 'rotated by session + position');
  assert.deepEqual(sides, input, 'input not modified');
  assert.deepEqual(sideOrder(['only'], 5, 3), ['only']);
  assert.deepEqual(sideOrder([], 2, 1), []);
});

test('shuffled: a seeded permutation that leaves its input alone and repeats with the seed', () => {
  const items = Array.from({ length: 10 }, (_, i) => `b${i}`);
  const copy = items.slice();
  const a = shuffled(items, createRng(1));
  assert.deepEqual(items, copy, 'input not modified');
  assert.deepEqual([...a].sort(), [...items].sort(), 'same items');
  assert.deepEqual(shuffled(items, createRng(1)), a, 'same seed, same order');
  assert.notDeepEqual(shuffled(items, createRng(2)), a, 'another seed, another order');
  assert.deepEqual(shuffled([], createRng(1)), []);
  assert.deepEqual(shuffled(['x'], createRng(1)), ['x']);
});

test('shuffled: every order of three items is about equally likely (Fisher-Yates, not a biased swap)', () => {
  const rng = createRng(20261130);
  const draws = 6000;
  const counts = new Map<string, number>();
  for (let i = 0; i < draws; i++) {
    const key = shuffled(['a', 'b', 'c'], rng).join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 6);
  // Each count is Binomial(6000, 1/6): mean 1000, sd 28.9; 5 sd either side.
  for (const [order, n] of counts) assert.ok(Math.abs(n - draws / 6) < 145, `${order}: ${n}`);
});
