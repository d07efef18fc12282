import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchContext, BenchmarkDef, MetricDecl, SuiteDef } from '../../src/suite/api.js';
import type { Params, ParamValue } from '../../src/core/types.js';
import schedulerSuite, { FRAME_BUDGET_SUMMARY_METRICS, frameBudgetBenchmark, percentile } from '../../suites/scheduler.js';
import poolsSuite, { BATCH, poolsBenchmarks } from '../../suites/pools.js';

/** A stand-in for the page runner's context: rejects undeclared metrics and non-finite values. */
class FakeContext implements BenchContext {
  state: any = undefined;
  counting = false;
  readonly counters = new Map<string, number>();
  readonly reports = new Map<string, number[]>();
  constructor(
    readonly params: Params,
    private readonly declared: Record<string, MetricDecl>,
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
async function execute(def: BenchmarkDef, params: Params, runs = 3): Promise<FakeContext> {
  const ctx = new FakeContext(params, def.metrics ?? {});
  await def.setup?.(ctx);
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
  assert.deepEqual(schedulerSuite.benchmarks.map((b) => b.name), ['throughput-10k', 'frame-budget']);
  assert.deepEqual(poolsSuite.benchmarks.map((b) => b.name), ['component-node', 'layout-box', 'component-node-gc', 'layout-box-gc']);
  const fb = byName(schedulerSuite, 'frame-budget');
  for (const m of ['frameWork', ...FRAME_BUDGET_SUMMARY_METRICS]) {
    assert.equal(fb.metrics?.[m]?.kind, 'gauge', m);
    assert.equal(fb.metrics?.[m]?.direction, 'lower', m);
  }
});

test('throughput-10k: frame counter is identical across two fresh executions', async () => {
  const def = byName(schedulerSuite, 'throughput-10k');
  const a = await execute(def, {});
  const b = await execute(def, {});
  const frames = a.counters.get('frames');
  assert.ok(frames !== undefined && frames > 10_000 * 0.25 / 16, `frames = ${frames}`);
  assert.deepEqual([...a.counters], [...b.counters]);
});

test('frame-budget (shortened) reports one frameWork sample per frame and every summary metric once', async () => {
  const short = frameBudgetBenchmark({ minFrames: 40, timeScale: 0.2 });
  assert.deepEqual(short.metrics, byName(schedulerSuite, 'frame-budget').metrics, 'same declarations as the real benchmark');
  const ctx = await execute(short, {});
  assert.equal(ctx.reports.get('frameWork')?.length, 40);
  for (const m of FRAME_BUDGET_SUMMARY_METRICS) {
    const v = ctx.reports.get(m);
    assert.equal(v?.length, 1, `${m} reported once`);
    assert.ok(v[0]! >= 0, `${m} = ${v[0]}`);
  }
  const pct = ctx.reports.get('framesOverBudgetPct')![0]!;
  assert.ok(pct <= 100);
  // Frame 20 brings a 12x0.2 ms task, over the 2 ms budget: its frame (within the 40) is over budget.
  assert.ok(pct >= 100 / 40, `framesOverBudgetPct = ${pct}`);
  assert.ok(ctx.reports.get('maxWaitLow')![0]! >= ctx.reports.get('waitP95Low')![0]!);
});

test('frame-budget uses requestAnimationFrame when the page has it', async () => {
  const g = globalThis as { requestAnimationFrame?: unknown; cancelAnimationFrame?: unknown };
  let calls = 0;
  g.requestAnimationFrame = (cb: (t: number) => void) => {
    calls++;
    return setTimeout(() => cb(performance.now()), 0) as unknown as number;
  };
  g.cancelAnimationFrame = (id: number) => clearTimeout(id);
  try {
    const ctx = await execute(frameBudgetBenchmark({ minFrames: 10, timeScale: 0.1 }), {});
    assert.equal(ctx.reports.get('frameWork')?.length, 10);
    assert.ok(calls >= 10, `requestAnimationFrame called ${calls} times`);
  } finally {
    delete g.requestAnimationFrame;
    delete g.cancelAnimationFrame;
  }
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
    assert.deepEqual(Object.keys(byName(shortPools, name).metrics ?? {}), Object.keys(byName(poolsSuite, name).metrics ?? {}));
    const def = byName(shortPools, name);
    for (const params of combos(def)) {
      const ctx = await execute(def, params);
      assert.equal(ctx.reports.get('heapGrowth')?.length, 5, 'at least five rounds');
      assert.equal(ctx.reports.has('gcCount'), false);
    }
  }
});

test('pools gc benchmarks with the harness host report one heapGrowth and gcCount per round', async () => {
  const g = globalThis as { __jepshHost?: unknown };
  const calls: string[] = [];
  let heap = 1000;
  g.__jepshHost = {
    heapUsed: async () => {
      calls.push('heap');
      return (heap += 250);
    },
    gcCountStart: async () => {
      calls.push('start');
    },
    gcCountStop: async () => {
      calls.push('stop');
      return { minor: 2, major: 1 };
    },
  };
  try {
    const ctx = await execute(byName(shortPools, 'layout-box-gc'), { strategy: 'alloc' });
    assert.deepEqual(ctx.reports.get('heapGrowth'), [250, 250, 250, 250, 250]);
    assert.deepEqual(ctx.reports.get('gcCount'), [3, 3, 3, 3, 3]);
    assert.deepEqual(calls.slice(0, 4), ['start', 'heap', 'heap', 'stop']);
    assert.equal(calls.length, 20);
  } finally {
    delete g.__jepshHost;
  }
});
