/**
 * The in-page runner, driven in Node with a small suite: counters, verify, errors, calibration and
 * the injected delay. Time is a fake clock: each reading moves it by one step (so busy-waits end)
 * and each operation of the suite moves it by exactly 1 ms, so every timing is known in advance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRunner, spinFor } from '../../src/suite/page-runner.js';
import { bench, defineSuite, type SuiteDef } from '../../src/suite/api.js';

/** Clock step per reading: a power of two, so fake times add up exactly. */
const STEP = 1 / 1024;

function fakeClock() {
  let t = 0;
  return {
    now: () => (t += STEP),
    /** Work that takes `ms` of fake time. */
    advance: (ms: number) => void (t += ms),
    read: () => t,
  };
}
type Clock = ReturnType<typeof fakeClock>;

const FAST = { minSamples: 5, minTimeMs: 20, warmupMs: 5, minSampleMs: 1 };

function unitSuite(clock: Clock): SuiteDef {
  return defineSuite({
    name: 'unit',
    benchmarks: [
      {
        name: 'sum',
        params: { n: [100, 200] },
        metrics: { adds: { unit: 'count', direction: 'lower', kind: 'counter' } },
        setup() {
          return { total: 0 };
        },
        run(ctx) {
          let s = 0;
          for (let i = 0; i < (ctx.params.n as number); i++) s += i;
          ctx.state.total = s;
          ctx.count('adds', ctx.params.n as number);
          clock.advance(1);
        },
      },
      {
        name: 'wrong',
        run() {
          clock.advance(1);
        },
        verify() {
          throw new Error('wrong answer');
        },
      },
      {
        name: 'undeclared',
        run(ctx) {
          ctx.count('nope');
          clock.advance(1);
        },
      },
      {
        name: 'measured',
        metrics: { frames: { unit: 'count', direction: 'higher', kind: 'gauge' } },
        measure(ctx) {
          for (let i = 0; i < 3; i++) ctx.report('frames', 60 + i);
        },
      },
      {
        name: 'reset',
        // Each operation is timed alone; the reset's 0.5 ms is never part of a sample.
        reset() {
          clock.advance(0.5);
        },
        run() {
          clock.advance(1);
        },
      },
    ],
  });
}

/** A runner on a fresh fake clock, and the clock. */
function setup(gc: () => void = () => {}) {
  const clock = fakeClock();
  return { clock, runner: createRunner(unitSuite(clock), { now: clock.now, gc }) };
}

test('lists expanded benchmarks with their metrics', () => {
  const { runner } = setup();
  assert.deepEqual(
    runner.list().map((b) => [b.id, b.metrics.map((m) => m.name)]),
    [
      ['unit/sum?n=100', ['time', 'adds']],
      ['unit/sum?n=200', ['time', 'adds']],
      ['unit/wrong', ['time']],
      ['unit/undeclared', ['time']],
      ['unit/measured', ['frames']],
      ['unit/reset', ['time']],
    ],
  );
});

test('a timed benchmark: exact per-op counters, samples per op of >= 1 ms batches', async () => {
  let gcs = 0;
  const { runner } = setup(() => gcs++);
  const out = await runner.runBenchmark('unit/sum?n=200', FAST);
  assert.equal(out.ok, true, out.error);
  assert.deepEqual(out.metrics.find((m) => m.metric === 'adds')!.samples, [200]);
  const time = out.metrics.find((m) => m.metric === 'time')!;
  assert.ok(time.samples.length >= 5);
  assert.ok(
    time.samples.every((s) => s * time.innerIterations >= 1),
    'every batch lasted >= 1 ms',
  );
  // One operation takes 1 ms of fake time: calibrated to 1 op per 1 ms sample, then 50% headroom.
  assert.equal(time.innerIterations, 2);
  for (const s of time.samples)
    assert.equal(s, (2 + STEP) / 2, '1 ms per op, plus the clock reading that ends the batch');
  assert.equal(gcs, 1, 'gc() after the benchmark');
});

test('inner iterations given by an earlier round are reused', async () => {
  const { runner } = setup();
  const out = await runner.runBenchmark('unit/sum?n=100', { ...FAST, innerFor: { 'unit/sum?n=100': 1237 } });
  const time = out.metrics.find((m) => m.metric === 'time')!;
  assert.equal(time.innerIterations, 1237);
  for (const s of time.samples) assert.equal(s, (1237 + STEP) / 1237);
});

test('a wrong answer fails the benchmark; an undeclared metric is an error; unknown ids too', async () => {
  const { runner } = setup();
  const wrong = await runner.runBenchmark('unit/wrong', FAST);
  assert.equal(wrong.ok, false);
  assert.match(wrong.error!, /wrong answer/);
  assert.deepEqual(wrong.metrics, []);
  const undeclared = await runner.runBenchmark('unit/undeclared', FAST);
  assert.match(undeclared.error!, /metric "nope" is not declared/);
  assert.match((await runner.runBenchmark('unit/none', FAST)).error!, /unknown benchmark/);
});

test('measure() reports its own samples', async () => {
  const { runner } = setup();
  const out = await runner.runBenchmark('unit/measured', FAST);
  assert.deepEqual(out.metrics, [
    { metric: 'frames', unit: 'count', direction: 'higher', kind: 'gauge', samples: [60, 61, 62], innerIterations: 1 },
  ]);
});

test('spinFor busy-waits on the given clock until the time has passed', () => {
  const clock = fakeClock();
  const start = clock.read();
  spinFor(clock.now, 2.5);
  const spun = clock.read() - start;
  assert.ok(spun >= 2.5 && spun <= 2.5 + 2 * STEP, `spun ${spun} ms`);
  const before = clock.read();
  spinFor(clock.now, 0);
  assert.ok(clock.read() - before <= 2 * STEP, 'no delay: two readings at most');
});

/**
 * --inject-delay: a busy-wait of a fraction of the timed work, inside the timed region. With 1 ms
 * operations on the fake clock every sample is 10% longer with 0.1, exactly up to the few clock
 * readings that start and end the wait.
 */
test('injectDelay 0.1 makes every time sample 10% longer, batched or timed one operation at a time', async () => {
  for (const [id, inner, slack] of [
    ['unit/sum?n=100', 4, (3 * STEP) / 4], // one batch of 4 ops: 3 readings per batch, shared by 4 ops
    ['unit/reset', 4, 3 * STEP], // each op timed alone: 3 readings per op
  ] as const) {
    const sampling = { ...FAST, innerFor: { [id]: inner } };
    const plain = await setup().runner.runBenchmark(id, sampling);
    const delayed = await setup().runner.runBenchmark(id, { ...sampling, injectDelay: 0.1 });
    assert.equal(plain.ok && delayed.ok, true, plain.error ?? delayed.error);
    const time = (o: typeof plain) => o.metrics.find((m) => m.metric === 'time')!;
    assert.equal(time(delayed).innerIterations, inner, 'the same batches on both sides');
    const base = time(plain).samples;
    assert.ok(base.length >= 5);
    assert.ok(
      base.every((s) => s === base[0]),
      `${id}: the fake clock makes every plain sample the same`,
    );
    assert.ok(Math.abs(base[0]! - 1) <= STEP, `${id}: 1 ms per op (resets excluded): ${base[0]}`);
    for (const s of time(delayed).samples)
      assert.ok(Math.abs(s - 1.1 * base[0]!) <= slack, `${id}: ${s} vs 1.1 x ${base[0]}`);
    // Zero is no delay at all.
    const zero = await setup().runner.runBenchmark(id, { ...sampling, injectDelay: 0 });
    assert.deepEqual(time(zero).samples, base.slice(0, time(zero).samples.length));
  }
});

/**
 * The stepwise protocol that interleaves the sides of an A/B: prepare once, sample in short steps,
 * finish once. Steps add up to the same kind of outcome as one runBenchmark, time spent between
 * steps (the other side's turn) is not the benchmark's, and a failure mid-way stops the steps.
 */
test('prepare, sample in steps, finish: samples add up, counters once, time between steps excluded', async () => {
  const { runner, clock } = setup();
  const id = 'unit/sum?n=100';
  const prepared = await runner.prepareBenchmark(id, { ...FAST, innerFor: { [id]: 3 } });
  assert.deepEqual(prepared, { ok: true, innerIterations: 3, measures: false });
  const counts: number[] = [];
  let active = 0;
  for (let k = 0; k < 4; k++) {
    const t0 = clock.read();
    const p = await runner.sampleBenchmark(id, { minSamples: 1, minTimeMs: 5 });
    active += clock.read() - t0;
    assert.equal(p.ok, true);
    assert.ok(p.sampledMs >= 5 * (k + 1) && p.sampledMs <= active, `sampled time adds up: ${p.sampledMs}`);
    counts.push(p.samples);
    clock.advance(1000); // another side's turn: not this benchmark's time
  }
  assert.ok(
    counts.every((c, i) => i === 0 || c > counts[i - 1]!),
    `sample counts grow: ${counts}`,
  );
  const out = await runner.finishBenchmark(id, FAST);
  assert.equal(out.ok, true, out.error);
  const time = out.metrics.find((m) => m.metric === 'time')!;
  assert.equal(time.samples.length, counts.at(-1));
  assert.equal(time.innerIterations, 3);
  assert.ok(
    time.samples.every((s) => Math.abs(s - 1) <= STEP),
    'each op 1 ms',
  );
  assert.deepEqual(out.metrics.find((m) => m.metric === 'adds')!.samples, [100]);
  assert.ok(out.durationMs < 4000, `the 4 s of other turns are excluded: ${out.durationMs}`);
  assert.ok(out.durationMs >= active, `but every step's own time is in: ${out.durationMs} >= ${active}`);
});

test('a slow operation: calibration batches count as warm-up, so the operation is not run once more', async () => {
  const clock = fakeClock();
  let calls = 0;
  const suite = defineSuite({
    name: 'slow',
    benchmarks: [
      {
        name: 'op',
        run() {
          calls++;
          clock.advance(30);
        },
      },
    ],
  });
  const runner = createRunner(suite, { now: clock.now, gc: () => {} });
  const opts = { minSamples: 3, minTimeMs: 20, warmupMs: 5, minSampleMs: 1 };
  const out = await runner.runBenchmark('slow/op', opts);
  assert.equal(out.ok, true, out.error);
  const time = out.metrics.find((m) => m.metric === 'time')!;
  assert.equal(time.innerIterations, 1);
  assert.equal(time.samples.length, 3);
  // 1 counter pass + 2 calibration calls (the second confirms the first) + 0 warm-up + 3 samples.
  assert.equal(calls, 6);
  // With the batch size given (a later session or the other side), there is no calibration to
  // count, so the warm-up runs one batch.
  calls = 0;
  const given = await runner.runBenchmark('slow/op', { ...opts, innerFor: { 'slow/op': 1 } });
  assert.equal(given.ok, true, given.error);
  assert.equal(calls, 1 + 1 + 3);
  // A warm-up longer than the calibration's batches still runs in full: 2 x 30 ms credited, 100 ms asked.
  calls = 0;
  await runner.runBenchmark('slow/op', { ...opts, warmupMs: 100 });
  assert.equal(calls, 1 + 2 + 2 + 3, 'two more 30 ms batches pass the remaining 40 ms');
  // Interleaved steps: each step runs exactly the operations it samples (tinybench is told the
  // task is synchronous, so it does not call it once more to find out).
  await runner.prepareBenchmark('slow/op', { ...opts, innerFor: { 'slow/op': 1 } });
  for (let k = 1; k <= 3; k++) {
    calls = 0;
    const p = await runner.sampleBenchmark('slow/op', { minSamples: 1, minTimeMs: 1 });
    assert.equal(p.samples, k);
    assert.equal(calls, 1, `step ${k}`);
  }
  assert.equal((await runner.finishBenchmark('slow/op', opts)).ok, true);
});

test('a step after a failure says so and finish reports the failure; unprepared ids are refused', async () => {
  const { runner } = setup();
  await assert.rejects(runner.sampleBenchmark('unit/sum?n=100', { minSamples: 1, minTimeMs: 1 }), /not prepared/);
  assert.deepEqual(await runner.prepareBenchmark('unit/none', FAST), {
    ok: false,
    error: 'unknown benchmark "unit/none"',
  });
  // verify fails in prepare: no steps are taken, finish returns the error
  const wrong = await runner.prepareBenchmark('unit/wrong', FAST);
  assert.equal(wrong.ok, false);
  assert.deepEqual(await runner.sampleBenchmark('unit/wrong', { minSamples: 1, minTimeMs: 1 }), {
    ok: false,
    samples: 0,
    sampledMs: 0,
  });
  const out = await runner.finishBenchmark('unit/wrong', FAST);
  assert.equal(out.ok, false);
  assert.match(out.error!, /wrong answer/);
  assert.deepEqual(out.metrics, []);
  // a measure-only benchmark prepares with no batch size: nothing to sample, measure runs in finish
  assert.deepEqual(await runner.prepareBenchmark('unit/measured', FAST), {
    ok: true,
    innerIterations: 0,
    measures: true,
  });
  const measured = await runner.finishBenchmark('unit/measured', FAST);
  assert.deepEqual(
    measured.metrics.map((m) => [m.metric, m.samples]),
    [['frames', [60, 61, 62]]],
  );
});

test(
  'what setup returns (awaited) is ctx.state in every later hook; ' + 'a setup that assigns ctx.state is refused',
  async () => {
    const clock = fakeClock();
    const made = { ops: 0 };
    const seen = new Map<string, unknown>();
    let legacyTeardown: unknown;
    const suite = defineSuite({
      name: 'state',
      benchmarks: [
        bench({
          name: 'flows',
          metrics: { frames: { unit: 'count', direction: 'higher', kind: 'gauge' } },
          setup: async () => made,
          reset: (ctx) => void seen.set('reset', ctx.state),
          run(ctx) {
            ctx.state.ops++;
            seen.set('run', ctx.state);
            clock.advance(1);
          },
          measure(ctx) {
            seen.set('measure', ctx.state);
            ctx.report('frames', 60);
          },
          verify: (ctx) => void seen.set('verify', ctx.state),
          teardown: (ctx) => void seen.set('teardown', ctx.state),
        }),
        {
          name: 'legacy',
          // The older API: assign the state, return nothing.
          setup(ctx) {
            Object.assign(ctx, { state: { old: true } });
          },
          run: () => clock.advance(1),
          teardown(ctx) {
            legacyTeardown = ctx.state;
          },
        },
      ],
    });
    const runner = createRunner(suite, { now: clock.now, gc: () => {} });
    const out = await runner.runBenchmark('state/flows', FAST);
    assert.equal(out.ok, true, out.error);
    assert.deepEqual([...seen.keys()].sort(), ['measure', 'reset', 'run', 'teardown', 'verify']);
    for (const [hook, state] of seen) assert.equal(state, made, hook);
    assert.ok(made.ops > 0);
    const legacy = await runner.runBenchmark('state/legacy', FAST);
    assert.equal(legacy.ok, false);
    assert.match(legacy.error!, /setup assigned ctx\.state: return the state from setup instead/);
    assert.deepEqual(legacyTeardown, { old: true }, 'teardown still runs, on what setup assigned');
  },
);

test("finish drops the state before gc(), so that collection frees it rather than the next benchmark's", async () => {
  const clock = fakeClock();
  const big = { rows: new Array(1000).fill(0) };
  let ctxSeen: { state: unknown } | undefined;
  let atGc: unknown = 'gc() not called';
  const suite = defineSuite({
    name: 'held',
    benchmarks: [
      {
        name: 'table',
        setup: () => big,
        run: () => clock.advance(1),
        teardown(ctx) {
          assert.equal(ctx.state, big, 'teardown still sees the state');
          ctxSeen = ctx;
        },
      },
    ],
  });
  const runner = createRunner(suite, { now: clock.now, gc: () => void (atGc = ctxSeen?.state) });
  const out = await runner.runBenchmark('held/table', FAST);
  assert.equal(out.ok, true, out.error);
  assert.equal(atGc, undefined);
});

/**
 * gcBeforeOp: a collection before every timed operation (after its reset) or every timed batch,
 * never inside the timed region. gc() here takes 5 ms of fake time, so a sample that included it
 * would be off by far more than the clock readings.
 */
test('gcBeforeOp collects before each timed op or batch, outside the samples; without it, no extra gc()', async () => {
  for (const gcBeforeOp of [true, false]) {
    const clock = fakeClock();
    const log: string[] = [];
    const suite = defineSuite({
      name: 'gcop',
      benchmarks: [
        {
          name: 'batched',
          ...(gcBeforeOp && { gcBeforeOp }),
          run: () => void (log.push('run'), clock.advance(1)),
        },
        {
          name: 'alone',
          ...(gcBeforeOp && { gcBeforeOp }),
          reset: () => void (log.push('reset'), clock.advance(0.5)),
          run: () => void (log.push('run'), clock.advance(1)),
        },
      ],
    });
    const runner = createRunner(suite, { now: clock.now, gc: () => void (log.push('gc'), clock.advance(5)) });
    for (const id of ['gcop/batched', 'gcop/alone']) {
      log.length = 0;
      const out = await runner.runBenchmark(id, { ...FAST, innerFor: { [id]: 3 } });
      assert.equal(out.ok, true, out.error);
      const time = out.metrics.find((m) => m.metric === 'time')!;
      assert.equal(time.innerIterations, 3);
      assert.ok(time.samples.length >= 5);
      // 1 ms per op either way: the 5 ms collections are not in any sample.
      for (const s of time.samples) assert.ok(Math.abs(s - 1) <= STEP, `${id} gcBeforeOp=${gcBeforeOp}: ${s}`);
      assert.equal(log.at(-1), 'gc', 'gc() after the benchmark, as always');
      const body = log.slice(0, -1).join(' ');
      if (!gcBeforeOp) assert.ok(!body.includes('gc'), `${id}: no gc() but the final one: ${body}`);
      else if (id === 'gcop/alone') {
        // The counter pass runs once, untimed; then every timed op is reset, gc, run.
        assert.match(body, /^(reset )?run( reset gc run)+$/, body);
      } else {
        // The counter pass, then batches of 3 ops, each after one gc().
        assert.match(body, /^run( gc run run run)+$/, body);
      }
    }
  }
});
