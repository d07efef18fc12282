/**
 * Reactivity benchmarks for the reference runtime (src/runtime/reactivity).
 *
 * Graph shapes follow milomg/js-reactivity-benchmark: the kairo set (packages/core/src/benches/
 * kairo/*.ts: deep, broad, diamond, triangle, mux, repeated observers, unstable, avoidable
 * propagation) and cellx (benches/cellxBench.ts, after https://github.com/Riim/cellx perf).
 * There, one iteration is a loop of writes; here one `run` is ONE write (or one batch of writes)
 * with its whole propagation, effects included (`batch` flushes them synchronously), so the time
 * is per update and `computedRuns` / `effectRuns` are exact per-update counts.
 *
 * Every benchmark checks its result in `verify`; cellx and the single-atom kairo graphs also check
 * every op of the counter pass. A fast wrong answer fails instead of winning.
 */
import { bench, defineSuite, type BenchContext, type MetricDecl } from '../src/suite/api.js';
import {
  atom,
  batch,
  computed,
  effect,
  stats,
  type Atom,
  type Computed,
  type Dispose,
  type ReactivityStats,
} from '../src/runtime/reactivity/index.js';
import { CELLX_EXPECTED, CELLX_START } from './_shared/cellx.js';

type Readable = { get(): number };

const METRICS: Record<string, MetricDecl> = {
  computedRuns: {
    unit: 'count',
    direction: 'lower',
    kind: 'counter',
    description: 'computed function invocations per update',
  },
  effectRuns: {
    unit: 'count',
    direction: 'lower',
    kind: 'counter',
    description: 'effect function invocations per update',
  },
};

/** Counter-pass bookkeeping: snapshot before the op, report the difference after. */
function startCount(ctx: BenchContext): ReactivityStats | undefined {
  return ctx.counting ? stats() : undefined;
}

function endCount(ctx: BenchContext, before: ReactivityStats | undefined): void {
  if (before === undefined) return;
  const after = stats();
  ctx.count('computedRuns', after.computedRuns - before.computedRuns);
  ctx.count('effectRuns', after.effectRuns - before.effectRuns);
}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

function disposeAll(disposers: Dispose[]): void {
  for (const dispose of disposers) dispose();
  disposers.length = 0;
}

/** A little fixed work standing in for kairo's "heavy computation" (result used, so kept). */
function busy(seed: number): number {
  let x = seed | 0;
  for (let i = 0; i < 100; i++) x = (x * 31 + i) | 0;
  return x;
}

/** Shared state of the single-head kairo graphs. */
interface HeadState {
  head: Atom<number>;
  graph: HeadGraph;
  i: number;
  /** `graph.out` read after the last op. */
  seen: number;
  disposers: Dispose[];
}

interface HeadGraph {
  /** Read after each write, as kairo does (cheap: already computed by the effects). */
  out: Readable;
  /** Untimed extra checks after an op (effects saw the value, nothing ran that should not). */
  check?(i: number): string | undefined;
}

/**
 * A kairo-style benchmark: `build` makes the graph under `head`; each op writes the next integer
 * in a batch and reads `out`; `expected(i)` is what `out` must then hold.
 */
function headBench(def: {
  name: string;
  description: string;
  build(head: Atom<number>, disposers: Dispose[]): HeadGraph;
  expected(i: number): number;
}) {
  return bench({
    name: def.name,
    description: def.description,
    metrics: METRICS,
    counterOps: 10,
    setup(): HeadState {
      const head = atom(0, { name: 'head' });
      const disposers: Dispose[] = [];
      const graph = def.build(head, disposers);
      return { head, graph, i: 0, seen: NaN, disposers };
    },
    run(ctx) {
      const state = ctx.state;
      const before = startCount(ctx);
      const i = ++state.i;
      batch(() => state.head.set(i));
      state.seen = state.graph.out.get();
      endCount(ctx, before);
      if (ctx.counting) verifyHead(state, def.expected);
    },
    verify(ctx) {
      verifyHead(ctx.state, def.expected);
    },
    teardown(ctx) {
      disposeAll(ctx.state.disposers);
    },
  });
}

function verifyHead(state: HeadState, expected: (i: number) => number): void {
  const want = expected(state.i);
  check(state.seen === want, () => `after head=${state.i}: read ${state.seen}, expected ${want}`);
  const problem = state.graph.check?.(state.i);
  check(problem === undefined, () => `after head=${state.i}: ${problem}`);
}

/** Check helper: an effect's last observation must equal the computed's current value. */
function sawLatest(what: string, effectSaw: number, value: number): string | undefined {
  return effectSaw === value ? undefined : `${what}: effect saw ${effectSaw}, value is ${value}`;
}

// ---------------------------------------------------------------------------------------------
// kairo

const DEEP_LENGTH = 50;
const deepPropagation = headBench({
  name: 'deep-propagation',
  description: `a chain of ${DEEP_LENGTH} computeds and one effect at the end`,
  build(head, disposers) {
    let current: Readable = head;
    for (let i = 0; i < DEEP_LENGTH; i++) {
      const prev = current;
      current = computed(() => prev.get() + 1);
    }
    const tail = current;
    let effectSaw = NaN;
    disposers.push(effect(() => void (effectSaw = tail.get())));
    return { out: tail, check: () => sawLatest('tail', effectSaw, tail.get()) };
  },
  expected: (i) => i + DEEP_LENGTH,
});

const BROAD_WIDTH = 50;
const broadPropagation = headBench({
  name: 'broad-propagation',
  description: `${BROAD_WIDTH} branches of two computeds and an effect each under one atom`,
  build(head, disposers) {
    const seen = new Float64Array(BROAD_WIDTH);
    let last: Readable = head;
    for (let i = 0; i < BROAD_WIDTH; i++) {
      const current = computed(() => head.get() + i);
      const current2 = computed(() => current.get() + 1);
      disposers.push(effect(() => void (seen[i] = current2.get())));
      last = current2;
    }
    return {
      out: last,
      check(i) {
        for (let k = 0; k < BROAD_WIDTH; k++) {
          if (seen[k] !== i + k + 1) return `branch ${k}: effect saw ${seen[k]}, expected ${i + k + 1}`;
        }
        return undefined;
      },
    };
  },
  expected: (i) => i + BROAD_WIDTH,
});

const DIAMOND_WIDTH = 5;
const diamond = headBench({
  name: 'diamond',
  description: `${DIAMOND_WIDTH} computeds between one atom and one sum, one effect`,
  build(head, disposers) {
    const branches: Readable[] = [];
    for (let i = 0; i < DIAMOND_WIDTH; i++) branches.push(computed(() => head.get() + 1));
    const sum = computed(() => branches.reduce((total, b) => total + b.get(), 0));
    let effectSaw = NaN;
    disposers.push(effect(() => void (effectSaw = sum.get())));
    return { out: sum, check: () => sawLatest('sum', effectSaw, sum.get()) };
  },
  expected: (i) => (i + 1) * DIAMOND_WIDTH,
});

const TRIANGLE_WIDTH = 10;
const triangle = headBench({
  name: 'triangle',
  description: `a chain of ${TRIANGLE_WIDTH} nodes all summed by one computed, one effect`,
  build(head, disposers) {
    // As in kairo: the list holds the head and the first width-1 computeds of the chain.
    const list: Readable[] = [];
    let current: Readable = head;
    for (let i = 0; i < TRIANGLE_WIDTH; i++) {
      const prev = current;
      list.push(current);
      current = computed(() => prev.get() + 1);
    }
    const sum = computed(() => list.reduce((total, x) => total + x.get(), 0));
    let effectSaw = NaN;
    disposers.push(effect(() => void (effectSaw = sum.get())));
    return { out: sum, check: () => sawLatest('sum', effectSaw, sum.get()) };
  },
  // sum over k < width of (i + k)
  expected: (i) => i * TRIANGLE_WIDTH + (TRIANGLE_WIDTH * (TRIANGLE_WIDTH - 1)) / 2,
});

const REPEATED_READS = 30;
const repeatedObservers = headBench({
  name: 'repeated-observers',
  description: `one computed reading the same atom ${REPEATED_READS} times, one effect`,
  build(head, disposers) {
    const current = computed(() => {
      let result = 0;
      for (let i = 0; i < REPEATED_READS; i++) result += head.get();
      return result;
    });
    let effectSaw = NaN;
    disposers.push(effect(() => void (effectSaw = current.get())));
    return { out: current, check: () => sawLatest('current', effectSaw, current.get()) };
  },
  expected: (i) => i * REPEATED_READS,
});

const unstable = headBench({
  name: 'unstable',
  description: 'a computed whose dependencies switch on every update (odd: double, even: inverse)',
  build(head, disposers) {
    const double = computed(() => head.get() * 2);
    const inverse = computed(() => -head.get());
    const current = computed(() => {
      let result = 0;
      for (let i = 0; i < 20; i++) result += head.get() % 2 ? double.get() : inverse.get();
      return result;
    });
    let effectSaw = NaN;
    disposers.push(effect(() => void (effectSaw = current.get())));
    return { out: current, check: () => sawLatest('current', effectSaw, current.get()) };
  },
  expected: (i) => (i % 2 ? 20 * 2 * i : -20 * i),
});

const avoidablePropagation = headBench({
  name: 'avoidable-propagation',
  description: 'a computed that always returns 0 shields a heavy chain and effect from every update',
  build(head, disposers) {
    const c1 = computed(() => head.get());
    const c2 = computed(() => (c1.get(), 0));
    const c3 = computed(() => (busy(c2.get()), c2.get() + 1));
    const c4 = computed(() => c3.get() + 2);
    const c5 = computed(() => c4.get() + 3);
    let effectRunsSeen = 0;
    disposers.push(
      effect(() => {
        busy(c5.get());
        effectRunsSeen++;
      }),
    );
    return {
      out: c5,
      check(i) {
        if (c1.get() !== i) return `c1 is ${c1.get()}, expected ${i}`;
        return effectRunsSeen === 1 ? undefined : `the effect ran ${effectRunsSeen} times, expected once (at setup)`;
      },
    };
  },
  expected: () => 6,
});

// ---------------------------------------------------------------------------------------------
// kairo mux: the one kairo graph with many heads

const MUX_HEADS = 100;

const mux = bench({
  name: 'mux',
  description:
    `${MUX_HEADS} atoms merged into one object, split into ${MUX_HEADS} computeds with an effect each; ` +
    'write one atom',
  metrics: METRICS,
  counterOps: 10,
  setup() {
    const heads = Array.from({ length: MUX_HEADS }, (_, i) => atom(0, { name: `head${i}` }));
    const merged = computed(() => Object.fromEntries(heads.map((h) => h.get()).entries()));
    const split = heads.map((_, index) => computed(() => merged.get()[index]!)).map((x) => computed(() => x.get() + 1));
    const seen = new Float64Array(MUX_HEADS);
    const disposers = split.map((x, k) => effect(() => void (seen[k] = x.get())));
    return { heads, split, seen, op: 0, lastIndex: 0, lastValue: 0, disposers };
  },
  run(ctx) {
    const state = ctx.state;
    const before = startCount(ctx);
    const op = ++state.op;
    const index = op % MUX_HEADS;
    batch(() => state.heads[index]!.set(op));
    state.lastIndex = index;
    state.lastValue = state.split[index]!.get();
    endCount(ctx, before);
  },
  verify(ctx) {
    const { op, lastIndex, lastValue, seen } = ctx.state;
    check(lastValue === op + 1, () => `mux: split[${lastIndex}] = ${lastValue}, expected ${op + 1}`);
    check(seen[lastIndex] === op + 1, () => `mux: effect ${lastIndex} saw ${seen[lastIndex]}, expected ${op + 1}`);
  },
  teardown(ctx) {
    disposeAll(ctx.state.disposers);
  },
});

// ---------------------------------------------------------------------------------------------
// Creation and bulk updates

const ATOM_COUNT = 10_000;

const createAtoms = bench({
  name: 'create-10000-atoms',
  description: `allocate ${ATOM_COUNT} atoms`,
  metrics: METRICS,
  setup(): { atoms: Atom<number>[] } {
    return { atoms: [] };
  },
  run(ctx) {
    const before = startCount(ctx);
    const atoms = new Array<Atom<number>>(ATOM_COUNT);
    for (let i = 0; i < ATOM_COUNT; i++) atoms[i] = atom(i);
    ctx.state.atoms = atoms;
    endCount(ctx, before);
  },
  verify(ctx) {
    const { atoms } = ctx.state;
    check(atoms.length === ATOM_COUNT, () => `created ${atoms.length} atoms`);
    for (let i = 0; i < ATOM_COUNT; i += 997) check(atoms[i]!.get() === i, () => `atom ${i} holds ${atoms[i]!.get()}`);
  },
});

interface UpdateState {
  atoms: Atom<number>[];
  base: number;
  sum: number;
  disposers: Dispose[];
}

const updateAtoms = bench({
  name: 'update-10000-atoms',
  description: `write ${ATOM_COUNT} atoms in one batch; each feeds a computed, one effect sums them all`,
  metrics: METRICS,
  counterOps: 2,
  setup() {
    const atoms: Atom<number>[] = [];
    const doubles: Computed<number>[] = [];
    for (let i = 0; i < ATOM_COUNT; i++) {
      const a = atom(i);
      atoms.push(a);
      doubles.push(computed(() => a.get() * 2));
    }
    const state: UpdateState = { atoms, base: 0, sum: NaN, disposers: [] };
    state.disposers.push(
      effect(() => {
        let total = 0;
        for (let i = 0; i < doubles.length; i++) total += doubles[i]!.get();
        state.sum = total;
      }),
    );
    return state;
  },
  run(ctx) {
    const state = ctx.state;
    const before = startCount(ctx);
    const base = ++state.base;
    batch(() => {
      for (let i = 0; i < ATOM_COUNT; i++) state.atoms[i]!.set(base + i);
    });
    endCount(ctx, before);
  },
  verify(ctx) {
    const { base, sum } = ctx.state;
    const want = 2 * (ATOM_COUNT * base + (ATOM_COUNT * (ATOM_COUNT - 1)) / 2);
    check(sum === want, () => `effect summed ${sum}, expected ${want}`);
  },
  teardown(ctx) {
    disposeAll(ctx.state.disposers);
  },
});

const FAN_OUT = 1000;

const effectFanOut = bench({
  name: 'effect-fan-out',
  description: `one atom read by ${FAN_OUT} effects`,
  metrics: METRICS,
  setup() {
    const source = atom(0);
    const seen = new Float64Array(FAN_OUT);
    const disposers: Dispose[] = [];
    for (let k = 0; k < FAN_OUT; k++) disposers.push(effect(() => void (seen[k] = source.get())));
    return { source, seen, i: 0, disposers };
  },
  run(ctx) {
    const state = ctx.state;
    const before = startCount(ctx);
    const i = ++state.i;
    batch(() => state.source.set(i));
    endCount(ctx, before);
  },
  verify(ctx) {
    const { seen, i } = ctx.state;
    for (let k = 0; k < FAN_OUT; k++) check(seen[k] === i, () => `effect ${k} saw ${seen[k]}, expected ${i}`);
  },
  teardown(ctx) {
    disposeAll(ctx.state.disposers);
  },
});

// ---------------------------------------------------------------------------------------------
// cellx

// Start values and published end values: suites/_shared/cellx.ts, shared with the peers suite.

interface CellxLayer {
  prop1: Readable;
  prop2: Readable;
  prop3: Readable;
  prop4: Readable;
}

export interface CellxState {
  start: { prop1: Atom<number>; prop2: Atom<number>; prop3: Atom<number>; prop4: Atom<number> };
  end: CellxLayer;
  /** Which start values are set: 'before' (1,2,3,4) or 'after' (4,3,2,1). */
  phase: 'before' | 'after';
  last: number[];
  disposers: Dispose[];
}

function readEnd(end: CellxLayer): number[] {
  return [end.prop1.get(), end.prop2.get(), end.prop3.get(), end.prop4.get()];
}

function checkCellx(layers: number, state: CellxState): void {
  const want = CELLX_EXPECTED[layers]![state.phase];
  const got = readEnd(state.end);
  check(
    got.length === 4 && got.every((v, k) => v === want[k]),
    () => `cellx ${layers} layers, ${state.phase}: end layer ${got.join(',')}, expected ${want.join(',')}`,
  );
}

const cellx = bench({
  name: 'cellx',
  description: 'layers of 4 computeds (each reading 1-2 of the previous layer) and 4 effects; update all 4 start atoms',
  params: { layers: [1000, 2500] },
  metrics: METRICS,
  counterOps: 2,
  setup(ctx) {
    const { layers } = ctx.params;
    if (CELLX_EXPECTED[layers] === undefined) {
      throw new Error(
        `cellx: no published expected values for ${layers} layers (known: ${Object.keys(CELLX_EXPECTED).join(', ')})`,
      );
    }
    const [p1, p2, p3, p4] = CELLX_START.before;
    const start = { prop1: atom(p1), prop2: atom(p2), prop3: atom(p3), prop4: atom(p4) };
    const disposers: Dispose[] = [];
    let layer: CellxLayer = start;
    for (let i = layers; i > 0; i--) {
      const m = layer;
      const s: CellxLayer = {
        prop1: computed(() => m.prop2.get()),
        prop2: computed(() => m.prop1.get() - m.prop3.get()),
        prop3: computed(() => m.prop2.get() + m.prop4.get()),
        prop4: computed(() => m.prop3.get()),
      };
      disposers.push(effect(() => void s.prop1.get()));
      disposers.push(effect(() => void s.prop2.get()));
      disposers.push(effect(() => void s.prop3.get()));
      disposers.push(effect(() => void s.prop4.get()));
      layer = s;
    }
    const state: CellxState = { start, end: layer, phase: 'before', last: [], disposers };
    checkCellx(layers, state);
    return state;
  },
  run(ctx) {
    const state = ctx.state;
    const before = startCount(ctx);
    // Toggle between the two published start states so every op is a full update.
    state.phase = state.phase === 'before' ? 'after' : 'before';
    const [p1, p2, p3, p4] = CELLX_START[state.phase];
    const { start } = state;
    batch(() => {
      start.prop1.set(p1);
      start.prop2.set(p2);
      start.prop3.set(p3);
      start.prop4.set(p4);
    });
    state.last = readEnd(state.end);
    endCount(ctx, before);
    if (ctx.counting) checkCellx(ctx.params.layers, state);
  },
  verify(ctx) {
    checkCellx(ctx.params.layers, ctx.state);
  },
  teardown(ctx) {
    disposeAll(ctx.state.disposers);
  },
});

export default defineSuite({
  name: 'reactivity',
  description: 'push-pull reactivity of the reference runtime: kairo graphs, bulk updates, cellx',
  benchmarks: [
    deepPropagation,
    broadPropagation,
    diamond,
    triangle,
    mux,
    repeatedObservers,
    unstable,
    avoidablePropagation,
    createAtoms,
    updateAtoms,
    effectFanOut,
    cellx,
  ],
});
