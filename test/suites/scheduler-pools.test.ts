import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchContext, BenchmarkDef, HostApi, MetricDecl, SuiteDef } from '../../src/suite/api.js';
import type { Params, ParamValue } from '../../src/model/types.js';
import schedulerSuite, {
  FRAME_BUDGET_SUMMARY_METRICS,
  droppedFramesPct,
  frameBudgetPeersBenchmark,
  frameBudgetBenchmark,
  percentile,
} from '../../suites/scheduler.js';
import { POST_TASK_PRIORITY, type PostTaskPriority } from '../../suites/_shared/frame-load.js';
import poolsSuite, { BATCH, poolsBenchmarks } from '../../suites/pools.js';
import { mulberry32 } from '../../src/suite/prng.js';

/** A stand-in for the page runner's context: rejects undeclared metrics and non-finite values. */
class FakeContext implements BenchContext {
  /** What setup returned, stored by `execute` as the runner does. */
  state: unknown = undefined;
  counting = false;
  readonly counters = new Map<string, number>();
  readonly reports = new Map<string, number[]>();
  constructor(
    readonly params: Params,
    private readonly declared: Record<string, MetricDecl>,
    readonly host: HostApi | null = null,
  ) {}
  count(metric: string, value = 1): void {
    if (!this.counting) return;
    assert.ok(metric in this.declared, `undeclared counter ${metric}`);
    this.counters.set(metric, (this.counters.get(metric) ?? 0) + value);
  }
  report(metric: string, value: number): void {
    assert.ok(metric in this.declared, `undeclared metric ${metric}`);
    assert.ok(Number.isFinite(value), `${metric} = ${value}`);
    const list = this.reports.get(metric) ?? [];
    list.push(value);
    this.reports.set(metric, list);
  }
}

function combos(def: BenchmarkDef): Params[] {
  let out: Params[] = [{}];
  for (const [key, values] of Object.entries((def.params ?? {}) as Record<string, readonly ParamValue[]>)) {
    out = out.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return out;
}

const SMALL = { minSamples: 2, minTimeMs: 0 };

/** setup -> counter pass -> verify -> a few runs / one measure -> verify -> teardown, as the runner does. */
async function execute(def: BenchmarkDef, params: Params, runs = 3, host: HostApi | null = null): Promise<FakeContext> {
  const ctx = new FakeContext(params, def.metrics ?? {}, host);
  ctx.state = await def.setup?.(ctx);
  try {
    if (def.run) {
      ctx.counting = true;
      for (let i = 0; i < (def.counterOps ?? 1); i++) {
        def.reset?.(ctx);
        def.run(ctx);
      }
      ctx.counting = false;
    }
    def.verify?.(ctx);
    if (def.run) {
      for (let i = 0; i < runs; i++) {
        def.reset?.(ctx);
        def.run(ctx);
      }
    }
    if (def.measure) await def.measure(ctx, SMALL);
    def.verify?.(ctx);
  } finally {
    await def.teardown?.(ctx);
  }
  return ctx;
}

function byName(suite: SuiteDef, name: string): BenchmarkDef {
  const def = suite.benchmarks.find((b) => b.name === name);
  assert.ok(def, `benchmark ${name} in ${suite.name}`);
  return def;
}

test('suite shapes: kebab-case unique names, declared gauges for measure metrics', () => {
  for (const suite of [schedulerSuite, poolsSuite]) {
    const names = suite.benchmarks.map((b) => b.name);
    assert.equal(new Set(names).size, names.length);
    for (const n of names) assert.match(n, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  }
  assert.deepEqual(
    schedulerSuite.benchmarks.map((b) => b.name),
    ['throughput-10k', 'frame-budget'],
  );
  assert.deepEqual(
    poolsSuite.benchmarks.map((b) => b.name),
    ['component-node', 'layout-box', 'component-node-gc', 'layout-box-gc'],
  );
  const fb = byName(schedulerSuite, 'frame-budget');
  for (const m of ['frameWork', ...FRAME_BUDGET_SUMMARY_METRICS]) {
    assert.equal(fb.metrics?.[m]?.kind, 'gauge', m);
    assert.equal(fb.metrics?.[m]?.direction, 'lower', m);
  }
  // The peers' version reports the same metrics; the reference keeps its parameterless id here.
  const peers = frameBudgetPeersBenchmark();
  assert.deepEqual(peers.metrics, fb.metrics);
  assert.equal(fb.params, undefined);
  assert.deepEqual(peers.params, { impl: ['jepsh', 'raf-microtask', 'post-task'] });
});

/**
 * The frame count of throughput-10k from a plain model of the documented frame rule
 * (src/runtime/scheduler/scheduler.ts header, SchedulerOptions.agingFrames), O(n) per pick:
 * - the candidates are the oldest pending task of each base level (queue heads); rank is
 *   (effective level, arrival), effective level = level - floor(frames passed over / 4), >= 0;
 * - the first task of a frame always runs; later ones only if elapsed + estimate <= 16 ms;
 * - a task over the whole budget runs alone; when it is the best-ranked head but does not run,
 *   it is reserved to open the next frame.
 * The fake clock advances only by each task's own cost (= its estimate), multiples of 1/4 ms,
 * so elapsed is exact. The task mix is the benchmark's: mulberry32(0x5eed), cost first then priority.
 */
function throughputFramesModel(): { frames: number; oversized: number; smallWork: number } {
  const BUDGET = 16;
  const rand = mulberry32(0x5eed);
  type T = { level: number; seq: number; cost: number; done: boolean };
  const tasks: T[] = [];
  for (let i = 0; i < 10_000; i++) {
    const cost = rand() < 0.005 ? BUDGET + 4 : 0.25 * (1 + Math.floor(rand() * 8));
    const r = rand();
    tasks.push({ level: r < 0.1 ? 0 : r < 0.3 ? 1 : r < 0.75 ? 2 : 3, seq: i, cost, done: false });
  }
  let left = tasks.length;
  let frames = 0;
  let reserved: T | null = null;
  while (left > 0) {
    frames++; // all tasks were scheduled before frame 1, so frame f passed them over f - 1 times
    const eff = (t: T) => Math.max(0, t.level - Math.floor((frames - 1) / 4));
    const better = (a: T, b: T | null) => b === null || eff(a) < eff(b) || (eff(a) === eff(b) && a.seq < b.seq);
    let elapsed = 0;
    let ran = 0;
    for (;;) {
      let pick: T | null;
      if (ran === 0 && reserved !== null) pick = reserved;
      else {
        const remaining = ran === 0 ? Infinity : BUDGET - elapsed;
        let best: T | null = null;
        pick = null;
        for (let level = 0; level < 4; level++) {
          const head = tasks.find((t) => !t.done && t.level === level);
          if (head === undefined) continue;
          if (better(head, best)) best = head;
          if (head.cost <= remaining && better(head, pick)) pick = head;
        }
        if (reserved === null && best !== null && best !== pick && best.cost > BUDGET) reserved = best;
        if (pick === null) break;
      }
      if (pick === reserved) reserved = null;
      pick.done = true;
      left--;
      ran++;
      elapsed += pick.cost;
      if (pick.cost > BUDGET) break;
    }
  }
  const oversized = tasks.filter((t) => t.cost > BUDGET).length;
  const smallWork = tasks.reduce((s, t) => s + (t.cost > BUDGET ? 0 : t.cost), 0);
  return { frames, oversized, smallWork };
}

test('throughput-10k: the fake clock implies exactly 772 frames, the same in two fresh executions', async () => {
  const def = byName(schedulerSuite, 'throughput-10k');
  const a = await execute(def, {});
  const b = await execute(def, {});
  const model = throughputFramesModel();
  // Sanity of the model: 59 lone 20 ms tasks plus 11,247 ms of small work in 16 ms frames need at
  // least 59 + ceil(11247 / 16) = 59 + 703 = 762 frames; packing losses bring it to 772.
  assert.deepEqual([model.oversized, model.smallWork], [59, 11_247]);
  assert.equal(model.frames, 772);
  assert.equal(a.counters.get('frames'), 772);
  assert.deepEqual([...a.counters], [...b.counters]);
});

/** A page clock that moves only when a task spends time: every frame figure is a sum of task costs. */
function fakeFrameClock(): { now: () => number; spend: (ms: number) => void } {
  let t = 0;
  return { now: () => t, spend: (ms) => void (t += ms) };
}

test(
  'frame-budget on a fake clock: one frameWork sample per frame, ' + 'exact frame work, one lone oversized frame',
  async () => {
    // timeScale 0.25: budget 2.5 ms; per frame 1 critical 0.075, 2 high 0.125, 3 normal 0.2, 1 low 0.375 = 1.3 ms;
    // every 5th frame (f % 5 = 4) adds 2 high 0.25 and 4 normal 0.25 (2.8 ms in all); frame 19 adds a 3 ms low task.
    const short = frameBudgetBenchmark({ minFrames: 40, timeScale: 0.25, ...fakeFrameClock() });
    assert.deepEqual(
      short.metrics,
      byName(schedulerSuite, 'frame-budget').metrics,
      'same declarations as the real benchmark',
    );
    const ctx = await execute(short, {});
    const work = ctx.reports.get('frameWork')!;
    assert.equal(work.length, 40);
    for (const m of FRAME_BUDGET_SUMMARY_METRICS) assert.equal(ctx.reports.get(m)?.length, 1, `${m} reported once`);
    const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} != ${b}`);
    // Frames 0-3 run all 1.3 ms. Frame 4 takes tasks by priority while elapsed + estimate <= 2.5:
    // 0.075 + 2x0.125 + 2x0.25 + 3x0.2 + 4x0.25 = 2.425; the 0.375 low task would end at 2.8, so it
    // spills into frame 5: 1.3 + 0.375 = 1.675.
    [1.3, 1.3, 1.3, 1.3, 2.425, 1.675].forEach((w, i) => close(work[i]!, w, `frame ${i}`));
    // Only the 3 ms task exceeds the budget, and it runs alone: one frame over budget of 40, none avoidable.
    const over = work.map((w, i) => [w, i] as const).filter(([w]) => w > 2.5);
    assert.equal(over.length, 1, JSON.stringify(work));
    close(over[0]![0], 3, 'the lone oversized frame');
    assert.equal(ctx.reports.get('framesOverBudgetPct')![0], 2.5);
    assert.equal(ctx.reports.get('avoidableOverBudgetPct')![0], 0);
    // Critical tasks run first in the frame they arrive in (wait 0), except in the frame the lone
    // task takes over: 1 of >= 40, so the nearest-rank 95th percentile is 0.
    assert.equal(ctx.reports.get('waitP95Critical')![0], 0);
    // Same clock, same arrivals: a second execution reports the same figures.
    const again = await execute(frameBudgetBenchmark({ minFrames: 40, timeScale: 0.25, ...fakeFrameClock() }), {});
    assert.deepEqual([...again.reports], [...ctx.reports]);
  },
);

test('frame-budget uses requestAnimationFrame when the page has it', async () => {
  const g = globalThis as { requestAnimationFrame?: unknown; cancelAnimationFrame?: unknown };
  let calls = 0;
  g.requestAnimationFrame = (cb: (t: number) => void) => {
    calls++;
    return setTimeout(() => cb(performance.now()), 0) as unknown as number;
  };
  g.cancelAnimationFrame = (id: number) => clearTimeout(id);
  try {
    const ctx = await execute(frameBudgetBenchmark({ minFrames: 10, timeScale: 0.1, ...fakeFrameClock() }), {});
    assert.equal(ctx.reports.get('frameWork')?.length, 10);
    assert.ok(calls >= 10, `requestAnimationFrame called ${calls} times`);
  } finally {
    delete g.requestAnimationFrame;
    delete g.cancelAnimationFrame;
  }
});

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} != ${b}`);

test('peers frame-budget impl=raf-microtask on a fake clock: every arrival runs in its own frame', async () => {
  const def = frameBudgetPeersBenchmark({ minFrames: 40, timeScale: 0.25, ...fakeFrameClock() });
  const ctx = await execute(def, { impl: 'raf-microtask' });
  for (const m of FRAME_BUDGET_SUMMARY_METRICS) assert.equal(ctx.reports.get(m)?.length, 1, `${m} reported once`);
  const work = ctx.reports.get('frameWork')!;
  assert.equal(work.length, 40);
  // No budget: 1.3 ms a frame, 2.8 ms every 5th, and frame 19 (a 5th) also runs the 3 ms task.
  work.forEach((w, f) => close(w, f === 19 ? 5.8 : f % 5 === 4 ? 2.8 : 1.3, `frame ${f}`));
  // 8 of 40 frames over the 2.5 ms budget, all avoidable (frame 19 ran more than the lone task).
  assert.equal(ctx.reports.get('framesOverBudgetPct')![0], 20);
  assert.equal(ctx.reports.get('avoidableOverBudgetPct')![0], 20);
  // Frame intervals are the frames' work on this clock: the 8 long ones are over 1.5x the median 1.3.
  assert.equal(ctx.reports.get('droppedFramesPct')![0], 20);
  assert.equal(ctx.reports.get('drainFrames')![0], 0);
  // Arrival order, no priorities: the critical task is first (wait 0); the 3 ms low task waits for
  // the 2.8 ms of its frame's other arrivals.
  assert.equal(ctx.reports.get('waitP95Critical')![0], 0);
  close(ctx.reports.get('maxWaitLow')![0]!, 2.8, 'maxWaitLow');
  const again = await execute(frameBudgetPeersBenchmark({ minFrames: 40, timeScale: 0.25, ...fakeFrameClock() }), {
    impl: 'raf-microtask',
  });
  assert.deepEqual([...again.reports], [...ctx.reports]);
});

test('peers frame-budget impl=post-task fails with a clear message without scheduler.postTask', async () => {
  const def = frameBudgetPeersBenchmark({ minFrames: 10, timeScale: 0.1, ...fakeFrameClock() });
  await assert.rejects(execute(def, { impl: 'post-task' }), /needs scheduler\.postTask/);
});

test('peers frame-budget impl=post-task posts every arrival at its mapped priority and drains', async () => {
  // A stand-in for Chromium's scheduler: runs the tasks posted in one frame callback right after
  // it, by priority (a microtask, so the test does not depend on timer and message ordering).
  const order: PostTaskPriority[] = ['user-blocking', 'user-visible', 'background'];
  const queues = new Map<PostTaskPriority, Array<() => void>>(order.map((p) => [p, []]));
  const posted = new Map<PostTaskPriority, number>();
  let flushQueued = false;
  const flush = (): void => {
    flushQueued = false;
    for (const p of order) {
      const q = queues.get(p)!;
      while (q.length > 0) q.shift()!();
    }
  };
  const g = globalThis as { scheduler?: unknown };
  g.scheduler = {
    postTask(cb: () => void, o: { priority: PostTaskPriority; signal: AbortSignal }) {
      posted.set(o.priority, (posted.get(o.priority) ?? 0) + 1);
      return new Promise((resolve, reject) => {
        queues.get(o.priority)!.push(() => (o.signal.aborted ? reject(new Error('aborted')) : resolve(cb())));
        if (!flushQueued) queueMicrotask(flush);
        flushQueued = true;
      });
    },
  };
  try {
    const def = frameBudgetPeersBenchmark({ minFrames: 20, timeScale: 0.1, ...fakeFrameClock() });
    const ctx = await execute(def, { impl: 'post-task' });
    for (const m of FRAME_BUDGET_SUMMARY_METRICS) assert.equal(ctx.reports.get(m)?.length, 1, `${m} reported once`);
    assert.equal(ctx.reports.get('frameWork')?.length, 20);
    // 20 frames: 1 critical + 2 high a frame, plus 2 high every 5th, are user-blocking; and so on.
    assert.deepEqual(Object.fromEntries(posted), {
      'user-blocking': 20 * 3 + 4 * 2,
      'user-visible': 20 * 3 + 4 * 4,
      background: 20 + 1,
    });
    assert.deepEqual(POST_TASK_PRIORITY, {
      critical: 'user-blocking',
      high: 'user-blocking',
      normal: 'user-visible',
      low: 'background',
    });
  } finally {
    delete g.scheduler;
  }
});

test('droppedFramesPct: intervals over 1.5x the median interval', () => {
  assert.equal(droppedFramesPct([]), 0);
  assert.equal(droppedFramesPct([5]), 0);
  assert.equal(droppedFramesPct([0, 16, 32, 48, 80]), 25);
  assert.equal(droppedFramesPct([0, 16, 32, 56]), 0); // 24 = 1.5 x 16: not over
});

test('percentile is nearest-rank', () => {
  const xs = Array.from({ length: 20 }, (_, i) => i + 1);
  assert.equal(percentile(xs, 95), 19);
  assert.equal(percentile(xs, 100), 20);
  assert.equal(percentile([7], 95), 7);
  assert.throws(() => percentile([], 95));
});

test('pools: counters are exact and identical across two fresh executions', async () => {
  for (const name of ['component-node', 'layout-box']) {
    const def = byName(poolsSuite, name);
    for (const params of combos(def)) {
      const a = await execute(def, params);
      const b = await execute(def, params);
      assert.deepEqual([...a.counters], [...b.counters], `${name} ${JSON.stringify(params)}`);
      const pool = params.strategy === 'pool';
      assert.equal(a.counters.get('poolMisses'), 0, 'prewarmed to one batch: no misses');
      assert.equal(a.counters.get('objectsCreated'), pool ? 0 : BATCH * 3);
    }
  }
});

/** The pools suite with short GC rounds (same code and declarations, fewer ops per round). */
const shortPools: SuiteDef = { name: 'pools', benchmarks: poolsBenchmarks({ gcOpsPerRound: 20 }) };

test('pools gc benchmarks in Node: heap growth from process.memoryUsage, no GC count', async () => {
  for (const name of ['component-node-gc', 'layout-box-gc']) {
    assert.deepEqual(
      Object.keys(byName(shortPools, name).metrics ?? {}),
      Object.keys(byName(poolsSuite, name).metrics ?? {}),
    );
    const def = byName(shortPools, name);
    for (const params of combos(def)) {
      const ctx = await execute(def, params);
      assert.equal(ctx.reports.get('heapGrowth')?.length, 5, 'at least five rounds');
      assert.equal(ctx.reports.has('gcCount'), false);
    }
  }
});

/** A host whose heap grows 250 bytes between reads and whose trace holds `windows` rounds of 2 + 1 GCs. */
function gcHost(calls: string[], windows: (rounds: number) => number): HostApi {
  let heap = 1000;
  let rounds = 0;
  return {
    heapUsed: async () => {
      calls.push('heap');
      if (calls.filter((c) => c === 'heap').length % 2 === 0) rounds++;
      return (heap += 250);
    },
    gcCountStart: async () => {
      calls.push('start');
    },
    gcCountStop: async () => {
      throw new Error('one trace per measure: gcCountWindows, not gcCountStop');
    },
    gcCountWindows: async () => {
      calls.push('windows');
      return Array.from({ length: windows(rounds) }, () => ({ minor: 2, major: 1 }));
    },
    collectGarbage: async () => {},
    domCounters: async () => ({ documents: 1, nodes: 0, jsEventListeners: 0 }),

    loadPage: async () => {
      throw new Error('not used');
    },
  };
}

test('pools gc benchmarks with the harness host report a heapGrowth and a gcCount per round, one trace', async () => {
  const calls: string[] = [];
  const ctx = await execute(
    byName(shortPools, 'layout-box-gc'),
    { strategy: 'alloc' },
    3,
    gcHost(calls, (r) => r),
  );
  assert.deepEqual(ctx.reports.get('heapGrowth'), [250, 250, 250, 250, 250]);
  assert.deepEqual(ctx.reports.get('gcCount'), [3, 3, 3, 3, 3]);
  assert.deepEqual(calls, ['start', ...Array<string>(10).fill('heap'), 'windows']);
});

test('pools gc benchmarks fail when the trace holds another number of windows than rounds', async () => {
  const host = gcHost([], (r) => r - 1);
  await assert.rejects(
    execute(byName(shortPools, 'layout-box-gc'), { strategy: 'alloc' }, 3, host),
    /4 GC windows traced for 5 rounds/,
  );
});
