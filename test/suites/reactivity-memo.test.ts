import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchContext, BenchmarkDef, Params, SuiteDef } from '../../src/suite/api.js';
import reactivity, { type CellxState } from '../../suites/reactivity.js';
import { CELLX_EXPECTED } from '../../suites/_shared/cellx.js';
import memo from '../../suites/memo.js';

/** A stand-in for the page runner: one context whose `counting` flag the test switches. */
function fakeContext(params: Params) {
  const totals = new Map<string, number>();
  let counting = false;
  // `state` writable: the test stores setup's return value there, as the runner does.
  const ctx: BenchContext<Params, unknown> & { state: unknown; setCounting(on: boolean): void } = {
    params,
    host: null,
    state: undefined,
    get counting() {
      return counting;
    },
    count(metric: string, value = 1) {
      if (counting) totals.set(metric, (totals.get(metric) ?? 0) + value);
    },
    report() {
      throw new Error('run-style benchmarks must not report raw samples');
    },
    setCounting(on: boolean) {
      counting = on;
    },
  };
  return { ctx, totals };
}

/** setup, counter pass, a few plain runs, verify, teardown; returns counters per op. */
async function execute(def: BenchmarkDef, params: Params): Promise<Record<string, number>> {
  const { ctx, totals } = fakeContext(params);
  ctx.state = await def.setup?.(ctx);
  const ops = def.counterOps ?? 1;
  ctx.setCounting(true);
  for (let i = 0; i < ops; i++) def.run!(ctx);
  ctx.setCounting(false);
  for (let i = 0; i < 3; i++) def.run!(ctx);
  def.verify?.(ctx);
  await def.teardown?.(ctx);
  const perOp: Record<string, number> = {};
  for (const [metric, total] of [...totals].sort(([a], [b]) => a.localeCompare(b))) perOp[metric] = total / ops;
  return perOp;
}

/** The first value of every parameter (all values of cellx's `layers`). */
function paramSets(def: BenchmarkDef): Params[] {
  const entries = Object.entries((def.params ?? {}) as Record<string, readonly Params[string][]>);
  if (def.name === 'cellx') return entries[0]![1].map((v) => ({ [entries[0]![0]]: v }));
  return [Object.fromEntries(entries.map(([k, values]) => [k, values[0]!]))];
}

function find(suite: SuiteDef, name: string): BenchmarkDef {
  const def = suite.benchmarks.find((b) => b.name === name);
  assert.ok(def, `benchmark ${name} exists`);
  return def;
}

/**
 * Exact per-update work, derived from each graph: e.g. deep = 50 chained computeds + 1 effect;
 * broad = 50 x 2 computeds + 50 effects; mux = merge + 100 splits (the merged object is new) +
 * the one `+1` computed whose input changed; unstable = `current` + the branch it switches to;
 * avoidable = c1 and c2 only (c2 stays 0, so nothing below it runs).
 */
const EXPECTED_COUNTERS: Record<string, Record<string, number>> = {
  'deep-propagation': { computedRuns: 50, effectRuns: 1 },
  'broad-propagation': { computedRuns: 100, effectRuns: 50 },
  diamond: { computedRuns: 6, effectRuns: 1 },
  triangle: { computedRuns: 10, effectRuns: 1 },
  mux: { computedRuns: 102, effectRuns: 1 },
  'repeated-observers': { computedRuns: 1, effectRuns: 1 },
  unstable: { computedRuns: 2, effectRuns: 1 },
  'avoidable-propagation': { computedRuns: 2, effectRuns: 0 },
  'create-10000-atoms': { computedRuns: 0, effectRuns: 0 },
  'update-10000-atoms': { computedRuns: 10_000, effectRuns: 1 },
  'effect-fan-out': { computedRuns: 0, effectRuns: 1000 },
  'lru-hit': { evictions: 0, hits: 1, misses: 0 },
  'lru-miss': { evictions: 1, hits: 0, misses: 1 },
};

test('suites have the expected benchmarks, kebab-case names and declared counters', () => {
  assert.equal(reactivity.name, 'reactivity');
  assert.deepEqual(reactivity.benchmarks.map((b) => b.name).sort(), [
    'avoidable-propagation',
    'broad-propagation',
    'cellx',
    'create-10000-atoms',
    'deep-propagation',
    'diamond',
    'effect-fan-out',
    'mux',
    'repeated-observers',
    'triangle',
    'unstable',
    'update-10000-atoms',
  ]);
  assert.deepEqual(find(reactivity, 'cellx').params, { layers: [1000, 2500] });
  for (const def of reactivity.benchmarks) {
    assert.match(def.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.deepEqual(Object.keys(def.metrics ?? {}).sort(), ['computedRuns', 'effectRuns']);
    for (const m of Object.values(def.metrics!))
      assert.deepEqual([m.unit, m.direction, m.kind], ['count', 'lower', 'counter']);
  }
  assert.equal(memo.name, 'memo');
  assert.deepEqual(
    memo.benchmarks.map((b) => b.name),
    ['lru-hit', 'lru-miss'],
  );
  for (const def of memo.benchmarks) assert.deepEqual(def.params, { entries: [1000, 100_000] });
});

test('every benchmark runs, verifies, and gives identical counters in two fresh executions', async () => {
  for (const suite of [reactivity, memo]) {
    for (const def of suite.benchmarks) {
      for (const params of paramSets(def)) {
        const id = `${suite.name}/${def.name} ${JSON.stringify(params)}`;
        const first = await execute(def, params);
        const second = await execute(def, params);
        assert.deepEqual(second, first, `${id}: counters differ between executions`);
        assert.ok(Object.keys(first).length > 0, `${id}: counts something`);
        const expected = EXPECTED_COUNTERS[def.name];
        if (expected !== undefined) assert.deepEqual(first, expected, `${id}: counters per op`);
      }
    }
  }
});

test('cellx counters are exactly 4 computeds and 4 effects per layer: 4,000/4,000 and 10,000/10,000', async () => {
  // Derivation: an op switches all four start atoms between (1,2,3,4) and (4,3,2,1). Each layer
  // applies the linear map (a,b,c,d) -> (b, a-c, b+d, c), so the change of a layer's four values
  // between the two phases follows the same map from (3,1,-1,-3). If no component of that change
  // is ever 0, every computed sees a changed input and gets a new value: each of its 4 computeds
  // re-runs once and each of its 4 effects runs once, 4·layers of each per op.
  let diff = [3, 1, -1, -3];
  for (let layer = 1; layer <= 2500; layer++) {
    diff = [diff[1]!, diff[0]! - diff[2]!, diff[1]! + diff[3]!, diff[2]!];
    assert.ok(
      diff.every((d) => d !== 0),
      `layer ${layer}: a node keeps its value (${diff.join(',')})`,
    );
  }
  const def = find(reactivity, 'cellx');
  assert.deepEqual(await execute(def, { layers: 1000 }), { computedRuns: 4000, effectRuns: 4000 });
  assert.deepEqual(await execute(def, { layers: 2500 }), { computedRuns: 10_000, effectRuns: 10_000 });
});

test('cellx expected values agree with the layer recurrence computed without the runtime', () => {
  const step = ([a, b, c, d]: number[]) => [b!, a! - c!, b! + d!, c!];
  for (const [layers, expected] of Object.entries(CELLX_EXPECTED)) {
    let before = [1, 2, 3, 4];
    let after = [4, 3, 2, 1];
    for (let i = 0; i < Number(layers); i++) {
      before = step(before);
      after = step(after);
    }
    assert.deepEqual(before, [...expected.before], `${layers} layers, before`);
    assert.deepEqual(after, [...expected.after], `${layers} layers, after`);
  }
});

test('cellx verify and counter pass throw when the runtime gives a wrong value', async () => {
  const def = find(reactivity, 'cellx');

  // A corrupted input: the end layer no longer matches the published values.
  {
    const { ctx } = fakeContext({ layers: 1000 });
    ctx.state = await def.setup!(ctx);
    def.run!(ctx);
    def.verify!(ctx); // sanity: correct so far
    (ctx.state as CellxState).start.prop1.set(99);
    assert.throws(() => def.verify!(ctx), /cellx 1000 layers/);
    await def.teardown!(ctx);
  }

  // A wrong node in the graph: the counter pass itself catches it.
  {
    const { ctx } = fakeContext({ layers: 2500 });
    ctx.state = await def.setup!(ctx);
    const state = ctx.state as CellxState;
    const real = state.end.prop3;
    state.end.prop3 = { get: () => real.get() + 1 };
    ctx.setCounting(true);
    assert.throws(() => def.run!(ctx), /cellx 2500 layers, after: end layer -2,-4,3,3, expected -2,-4,2,3/);
    await def.teardown!(ctx);
  }
});

test('kairo verify catches an effect that did not see the update', async () => {
  const def = find(reactivity, 'deep-propagation');
  const { ctx } = fakeContext({});
  ctx.state = await def.setup!(ctx);
  def.run!(ctx);
  def.verify!(ctx);
  // Disposing the effects means the next write is never observed by them.
  await def.teardown!(ctx);
  def.run!(ctx);
  assert.throws(() => def.verify!(ctx), /effect saw/);
});
