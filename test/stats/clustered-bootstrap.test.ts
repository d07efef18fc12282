import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapClusteredRatioCI, bootstrapRatioOfMediansCI } from '../../src/stats/bootstrap.js';
import { compare } from '../../src/stats/compare.js';
import { createRng, randomLogNormal } from '../../src/stats/prng.js';

/** Rounds whose levels differ (session effects) with tight noise inside each round. */
function rounds(levels: number[], perRound: number, seed: number): { samples: number[]; sizes: number[] } {
  const rng = createRng(seed);
  const samples: number[] = [];
  for (const level of levels)
    for (let i = 0; i < perRound; i++) samples.push(randomLogNormal(rng, Math.log(level), 0.01));
  return { samples, sizes: levels.map(() => perRound) };
}

test('round-level variation widens the interval; independent-sample bootstrap does not see it', () => {
  const base = rounds([1.0, 1.1, 0.95], 100, 1);
  const cand = rounds([1.08, 0.97, 1.12], 100, 2);
  const naive = bootstrapRatioOfMediansCI(base.samples, cand.samples, { seed: 3 });
  const clustered = bootstrapClusteredRatioCI(base.samples, base.sizes, cand.samples, cand.sizes, { seed: 3 });
  const width = (i: { low: number; high: number }) => i.high - i.low;
  assert.ok(width(clustered) > 3 * width(naive), `clustered ${width(clustered)} vs naive ${width(naive)}`);
  assert.ok(clustered.low < 1 && clustered.high > 1, 'same level mix on both sides: no change is inside the interval');
  assert.ok(naive.low > 1 || naive.high < 1 || width(naive) < 0.05, 'the naive interval is narrow');
});

test('with identical rounds the clustered interval is close to the naive one and still finds a real shift', () => {
  const base = rounds([1, 1, 1], 100, 4);
  const cand = rounds([1.3, 1.3, 1.3], 100, 5);
  const clustered = bootstrapClusteredRatioCI(base.samples, base.sizes, cand.samples, cand.sizes, { seed: 6 });
  assert.ok(clustered.low > 1.25 && clustered.high < 1.35, JSON.stringify(clustered));
});

test('deterministic for a seed; sizes must add up', () => {
  const base = rounds([1, 1.1], 20, 7);
  const cand = rounds([1, 1.2], 20, 8);
  assert.deepEqual(
    bootstrapClusteredRatioCI(base.samples, base.sizes, cand.samples, cand.sizes, { seed: 9 }),
    bootstrapClusteredRatioCI(base.samples, base.sizes, cand.samples, cand.sizes, { seed: 9 }),
  );
  assert.throws(() => bootstrapClusteredRatioCI(base.samples, [1, 2], cand.samples, cand.sizes), /add up/);
});

test('compare tests sessions only when both sides have at least two', () => {
  const base = rounds([1.0, 1.1, 0.95], 50, 10);
  const cand = rounds([1.08, 0.97, 1.12], 50, 11);
  const meta = { benchmarkId: 's/b', metric: 'time', unit: 'ms', direction: 'lower' as const, kind: 'time' as const };
  const withRounds = compare(base.samples, cand.samples, meta, {
    rounds: { baseline: base.sizes, candidate: cand.sizes },
  });
  const without = compare(base.samples, cand.samples, meta, { rounds: { baseline: [150], candidate: cand.sizes } });
  assert.deepEqual(withRounds.rounds, [3, 3]);
  assert.deepEqual(withRounds.sessions, [3, 3]);
  assert.ok(
    withRounds.ratioCI.low < 1 && withRounds.ratioCI.high > 1,
    'same level mix on both sides: no change is inside the interval',
  );
  assert.equal(without.rounds, undefined);
  assert.deepEqual(without.sessions, [1, 3]);
  assert.ok(Number.isNaN(without.pSession!) && Number.isNaN(without.ratioCI.low), 'no interval from one session');
});
