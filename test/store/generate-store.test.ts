/**
 * The generated stores of the harness benchmark (scripts/bench/): seeded, so the same seed gives
 * the same samples; noisy copies keep counters exact and put the step where asked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { generateStore } from '../../scripts/bench/generate-store.js';
import { noisyCopy, onClockGrid, quickSummary, syntheticTemplate } from '../../scripts/bench/store-template.js';
import { mulberry32 } from '../../src/suite/prng.js';
import { tempDir } from '../helpers.js';
import { openStore } from './history.js';
import { plainBytes } from '../../src/store/samples.js';

const NOISE = { noise: 0.03, step: 0.1, stepAt: 2 };

test('onClockGrid rounds to whole timer ticks over the inner iterations, never to zero', () => {
  assert.equal(onClockGrid(0.0123, 0.005, 1), 0.01);
  assert.ok(Math.abs(onClockGrid(0.0123, 0.005, 10) - 0.0125) < 1e-15);
  assert.equal(onClockGrid(0.0001, 0.005, 1), 0.005);
  assert.equal(onClockGrid(0.0123, 0, 1), 0.0123, 'no resolution: unchanged');
});

test('noisy copies: counters exact, times within the noise, and 10% slower from the step on', () => {
  const template = syntheticTemplate(mulberry32(1), { benchmarks: 3 });
  const random = mulberry32(2);
  const before = noisyCopy(template, 0, random, NOISE);
  const after = noisyCopy(template, 2, random, NOISE);
  template.results.forEach((t, i) => {
    if (t.kind === 'counter') {
      assert.deepEqual(after[i]!.samples, t.samples);
      return;
    }
    assert.deepEqual(after[i]!.rounds, t.rounds);
    const ratio = (r: number[]) => median(r) / median(t.samples);
    assert.ok(Math.abs(ratio(before[i]!.samples) - 1) < 0.06, `${t.benchmarkId} before: ${ratio(before[i]!.samples)}`);
    assert.ok(Math.abs(ratio(after[i]!.samples) - 1.1) < 0.07, `${t.benchmarkId} after: ${ratio(after[i]!.samples)}`);
  });
});

test('quickSummary: the stored statistics of summarize, with an order-statistic interval around the median', () => {
  const s = quickSummary([5, 1, 4, 2, 3]);
  assert.equal(s.median, 3);
  assert.equal(s.n, 5);
  assert.ok(s.medianCI.low <= 3 && s.medianCI.high >= 3);
  assert.equal(s.medianCI.level, 0.95);
});

test('generateStore: N complete runs with summaries, the same samples for the same seed', () => {
  const { dir, cleanup } = tempDir();
  try {
    const make = (name: string, seed: number): string => {
      const out = join(dir, name);
      const template = syntheticTemplate(mulberry32(7), { benchmarks: 2, sessions: 3 });
      const outcome = generateStore({ out, runs: 4, random: mulberry32(seed), template, ...NOISE });
      const store = openStore(out);
      try {
        assert.equal(outcome.runs, 4);
        assert.equal(outcome.results, 4 * 4);
        assert.equal(store.listRuns({ status: 'complete' }).length, 4);
        assert.equal(store.runSummaries(4).length, 4);
        // Uuids differ from store to store: the samples alone, in run order.
        const blobs = store.db
          .prepare('SELECT samples FROM results ORDER BY run_id, benchmark_id, metric')
          .pluck()
          .all() as Buffer[];
        return Buffer.concat(blobs.map((b) => plainBytes(b))).toString('hex');
      } finally {
        store.close();
      }
    };
    const a = make('a.sqlite', 8);
    assert.equal(make('b.sqlite', 8), a);
    assert.notEqual(make('c.sqlite', 9), a);
  } finally {
    cleanup();
  }
});
