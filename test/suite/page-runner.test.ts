/** The in-page runner, driven in Node with a small suite: counters, verify, errors, calibration. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRunner } from '../../src/suite/page-runner.js';
import { defineSuite } from '../../src/suite/api.js';

const FAST = { minSamples: 5, minTimeMs: 20, warmupMs: 5, minSampleMs: 1 };

const suite = defineSuite({
  name: 'unit',
  benchmarks: [
    {
      name: 'sum',
      params: { n: [100, 200] },
      metrics: { adds: { unit: 'count', direction: 'lower', kind: 'counter' } },
      setup(ctx) {
        ctx.state = { total: 0 };
      },
      run(ctx) {
        let s = 0;
        for (let i = 0; i < (ctx.params.n as number); i++) s += i;
        ctx.state.total = s;
        ctx.count('adds', ctx.params.n as number);
      },
    },
    {
      name: 'wrong',
      run() {},
      verify() {
        throw new Error('wrong answer');
      },
    },
    {
      name: 'undeclared',
      run(ctx) {
        ctx.count('nope');
      },
    },
    {
      name: 'measured',
      metrics: { frames: { unit: 'count', direction: 'higher', kind: 'gauge' } },
      measure(ctx) {
        for (let i = 0; i < 3; i++) ctx.report('frames', 60 + i);
      },
    },
  ],
});

test('lists expanded benchmarks with their metrics', () => {
  const runner = createRunner(suite, { gc: () => {} });
  assert.deepEqual(
    runner.list().map((b) => [b.id, b.metrics.map((m) => m.name)]),
    [
      ['unit/sum?n=100', ['time', 'adds']],
      ['unit/sum?n=200', ['time', 'adds']],
      ['unit/wrong', ['time']],
      ['unit/undeclared', ['time']],
      ['unit/measured', ['frames']],
    ],
  );
});

test('a timed benchmark: exact per-op counters, samples per op of >= 1 ms batches', async () => {
  let gcs = 0;
  const runner = createRunner(suite, { gc: () => gcs++ });
  const out = await runner.runBenchmark('unit/sum?n=200', FAST);
  assert.equal(out.ok, true, out.error);
  assert.deepEqual(out.metrics.find((m) => m.metric === 'adds')!.samples, [200]);
  const time = out.metrics.find((m) => m.metric === 'time')!;
  assert.ok(time.samples.length >= 5);
  assert.ok(time.samples.every((s) => s * time.innerIterations >= 1), 'every batch lasted >= 1 ms');
  assert.equal(gcs, 1, 'gc() after the benchmark');
});

test('inner iterations given by an earlier round are reused', async () => {
  const runner = createRunner(suite, { gc: () => {} });
  const out = await runner.runBenchmark('unit/sum?n=100', { ...FAST, innerFor: { 'unit/sum?n=100': 123457 } });
  assert.equal(out.metrics.find((m) => m.metric === 'time')!.innerIterations, 123457);
});

test('a wrong answer fails the benchmark; an undeclared metric is an error; unknown ids too', async () => {
  const runner = createRunner(suite, { gc: () => {} });
  const wrong = await runner.runBenchmark('unit/wrong', FAST);
  assert.equal(wrong.ok, false);
  assert.match(wrong.error!, /wrong answer/);
  assert.deepEqual(wrong.metrics, []);
  const undeclared = await runner.runBenchmark('unit/undeclared', FAST);
  assert.match(undeclared.error!, /metric "nope" is not declared/);
  assert.match((await runner.runBenchmark('unit/none', FAST)).error!, /unknown benchmark/);
});

test('measure() reports its own samples', async () => {
  const runner = createRunner(suite, { gc: () => {} });
  const out = await runner.runBenchmark('unit/measured', FAST);
  assert.deepEqual(out.metrics, [{ metric: 'frames', unit: 'count', direction: 'higher', kind: 'gauge', samples: [60, 61, 62], innerIterations: 1 }]);
});
