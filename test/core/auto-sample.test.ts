import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoSample } from '../../src/core/check.js';
import { appendRound } from '../../src/core/rounds.js';
import { parseConfig } from '../../src/config/config.js';
import type { MetricResult } from '../../src/core/types.js';
import type { Measured } from '../../src/core/run.js';
import type { CheckOptions } from '../../src/core/check.js';

const time = (id: string, samples: number[]): MetricResult => ({ benchmarkId: id, metric: 'time', unit: 'ms', direction: 'lower', kind: 'time', samples, innerIterations: 1 });
const flat = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => 1 + ((i + offset) % 7) * 0.001);

function setup() {
  const config = parseConfig({}, 'test');
  const baseline = { label: 'main', runs: [], environment: null, results: [time('s/a', flat(40)), time('s/b', flat(40))] };
  // s/a is decided already; s/b has too few samples (inconclusive) until more rounds arrive.
  const measured: Measured = { benchmarks: [], statuses: [], results: [time('s/a', flat(40, 3)), time('s/b', flat(4))] };
  const opts = { config, sampling: { minSamples: 30, minTimeMs: 100, warmupMs: 0, minSampleMs: 1 }, auto: { maxTimeMs: 10_000 } } as unknown as CheckOptions;
  return { baseline, measured, opts };
}

test('auto-sampling adds rounds only to undecided benchmarks, until decided', async () => {
  const { baseline, measured, opts } = setup();
  const asked: string[][] = [];
  const rounds = new Map<string, number>();
  await autoSample(baseline, measured, async (ids) => {
    asked.push(ids);
    appendRound(measured.results, ids.map((id) => time(id, flat(4, asked.length))));
  }, opts, rounds);
  assert.ok(asked.length >= 2, `several rounds: ${asked.length}`);
  assert.ok(asked.every((ids) => ids.length === 1 && ids[0] === 's/b'), 'only the undecided benchmark is sampled again');
  assert.equal(rounds.get('s/b'), 1 + asked.length);
  assert.equal(rounds.has('s/a'), false);
  assert.ok(measured.results[1]!.samples.length >= 10, 'enough samples to decide');
});

test('auto-sampling stops when the time budget is spent', async () => {
  const { baseline, measured, opts } = setup();
  (opts as { auto: { maxTimeMs: number } }).auto.maxTimeMs = 30;
  let calls = 0;
  await autoSample(baseline, measured, async () => {
    calls++;
    await new Promise((r) => setTimeout(r, 20)); // a round that adds nothing decisive
  }, opts, new Map());
  assert.ok(calls >= 1 && calls <= 2, `calls ${calls}`);
});
