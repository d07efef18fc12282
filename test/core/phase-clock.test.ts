/** PhaseClock and formatPhases (src/core/phase-clock.ts), on a fake clock. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCostliest, formatPhases, PhaseClock, phaseLines, type PhaseTimes } from '../../src/core/phase-clock.js';
import { interleaved, type MeasuredSide } from '../../src/core/sessions.js';
import type { SuitePage } from '../../src/browser/session.js';

/** A clock that reads 0, then advances by `step` ms on every read. */
function stepping(step: number): () => number {
  let t = -step;
  return () => (t += step);
}

test('PhaseClock adds each call’s time to its phase, also when the call throws', async () => {
  const clock = new PhaseClock(stepping(10));
  assert.equal(await clock.time('sample', async () => 7), 7);
  await assert.rejects(
    clock.time('pages', async () => {
      throw new Error('load failed');
    }),
    /load failed/,
  );
  await clock.time('sample', async () => undefined);
  assert.deepEqual(clock.ms, { browser: 0, pages: 10, prepare: 0, sample: 20, finish: 0, alone: 0 });
});

test('formatPhases: total, phases of at least half a second largest first, then what the loop did not see', () => {
  const times: PhaseTimes = {
    browser: 400,
    pages: 21_000,
    prepare: 153_000,
    sample: 391_000,
    finish: 128_000,
    alone: 0,
  };
  assert.equal(
    formatPhases(times, 700_000),
    'time: 700 s in all; 391 s sampling, 153 s setup and warm-up, 128 s finishing (measure, teardown), ' +
      '21 s opening pages, 7 s else (bundling, worktrees, listing, statistics)',
  );
  assert.equal(
    formatPhases({ ...times, pages: 0, prepare: 0, finish: 0, sample: 0, alone: 1_000 }, 1_200),
    'time: 1 s in all; 1 s benchmarks on one side',
  );
});

test('interleaved charges prepare, sampling and finish to the clock it is given', async () => {
  const page = {
    prepare: async () => ({ ok: true, innerIterations: 3 }),
    sample: async () => ({ ok: true, samples: 1, sampledMs: 1 }),
    finish: async (id: string) => ({ id, ok: true, metrics: [], durationMs: 1 }),
  } as Partial<SuitePage> as SuitePage;
  const sides: MeasuredSide[] = [
    { key: 'base', bundles: [] },
    { key: 'head', bundles: [] },
  ];
  const clock = new PhaseClock(stepping(1));
  const sampling = { minSamples: 1, minTimeMs: 1, warmupMs: 0, minSampleMs: 1 };
  const pages = new Map([
    ['base', page],
    ['head', page],
  ]);
  await interleaved(pages, sides, 's/b', () => sampling, 1000, { 's/b': 3 }, true, clock);
  // One prepare group, one finish group (both sides at once) and one sample per side: 1 ms each.
  assert.deepEqual(clock.ms, { browser: 0, pages: 0, prepare: 1, sample: 2, finish: 1, alone: 0 });
  assert.deepEqual([...clock.byBenchmark.keys()], ['s/b']);
  assert.deepEqual(clock.byBenchmark.get('s/b'), clock.ms);
});

test('PhaseClock charges a benchmark only the calls named for it', async () => {
  const clock = new PhaseClock(stepping(10));
  await clock.time('pages', async () => undefined);
  await clock.time('sample', async () => undefined, 'a');
  await clock.time('prepare', async () => undefined, 'b');
  await clock.time('sample', async () => undefined, 'a');
  assert.deepEqual(clock.ms, { browser: 0, pages: 10, prepare: 10, sample: 20, finish: 0, alone: 0 });
  assert.deepEqual(clock.byBenchmark.get('a'), { browser: 0, pages: 0, prepare: 0, sample: 20, finish: 0, alone: 0 });
  assert.deepEqual(clock.byBenchmark.get('b'), { browser: 0, pages: 0, prepare: 10, sample: 0, finish: 0, alone: 0 });
});

test('formatCostliest: the n longest benchmarks, largest first, with their parts of at least half a second', () => {
  const t = (sample: number, prepare: number, finish: number, alone = 0): PhaseTimes => ({
    browser: 0,
    pages: 0,
    prepare,
    sample,
    finish,
    alone,
  });
  const by = new Map([
    ['diffing/replace-all?mode=dom', t(30_000, 15_000, 4_000)],
    ['diffing/create-many-rows?mode=dom', t(70_000, 38_000, 4_400)],
    ['reactivity/triangle', t(6_000, 3_000, 300)],
    ['scheduler/frame-budget', t(0, 2_000, 0, 40_000)],
  ]);
  assert.equal(
    formatCostliest(by, 3),
    'costliest: diffing/create-many-rows?mode=dom 112 s (70 s sampling, 38 s setup, 4 s finishing); ' +
      'diffing/replace-all?mode=dom 49 s (30 s sampling, 15 s setup, 4 s finishing); ' +
      'scheduler/frame-budget 42 s (40 s on one side, 2 s setup)',
  );
  assert.equal(formatCostliest(new Map()), undefined);
  assert.equal(formatCostliest(new Map([['controls/dom', t(300, 100, 50)]])), undefined, 'under half a second');
});

test('phaseLines: the time line and the costliest line, none for a clock that saw no session loop', async () => {
  const clock = new PhaseClock(stepping(1_000));
  assert.deepEqual(phaseLines(clock, 5_000), []);
  await clock.time('alone', async () => undefined, 'pools/layout-box-gc?strategy=pool');
  await clock.time('pages', async () => undefined);
  assert.deepEqual(phaseLines(clock, 5_000), [
    'time: 5 s in all; 1 s benchmarks on one side, 1 s opening pages, ' +
      '3 s else (bundling, worktrees, listing, statistics)',
    'costliest: pools/layout-box-gc?strategy=pool 1 s (1 s on one side)',
  ]);
});
