/**
 * The reference runtime against real peer libraries.
 * - Reactivity (@preact/signals-core, alien-signals, @vue/reactivity, solid-js) through one adapter
 *   (src/adapters/reactive.ts): the same graphs, the same updates, the same answers. Counters are
 *   counted by the benchmark itself (wrapped computeds and effects), so they mean the same for
 *   every library: evaluations per update, not a library's own instrumentation.
 * - Keyed list diffing (snabbdom, udomdiff) through another (src/adapters/differ): the
 *   js-framework-benchmark table operations, `diff-*` (./_shared/diff-peers.ts).
 */
import { defineSuite, bench, type SetupContext } from '../src/suite/api.js';
import { REACTIVE_ADAPTERS, type ReactiveAdapter, type Readable, type Writable } from '../src/adapters/reactive.js';
import { CELLX_EXPECTED, CELLX_START } from './_shared/cellx.js';
import { diffPeerBenchmarks } from './_shared/diff-peers.js';
import { frameBudgetPeersBenchmark } from './scheduler.js';

interface Counts {
  computed: number;
  effect: number;
}

/** A built graph: `update` writes new values to its sources (inside a batch), `check` verifies the result. */
interface Graph {
  update(): void;
  check(): void;
  dispose: Array<() => void>;
}

type Params = { framework: string; layers?: number };
type Counted = ReturnType<typeof counted>;

const METRICS = {
  computedRuns: { unit: 'count', direction: 'lower', kind: 'counter', description: 'computed evaluations per update' },
  effectRuns: { unit: 'count', direction: 'lower', kind: 'counter', description: 'effect runs per update' },
} as const;

function fail(message: string): never {
  throw new Error(message);
}

function adapterOf(ctx: SetupContext<Params>): ReactiveAdapter {
  return REACTIVE_ADAPTERS[ctx.params.framework] ?? fail(`unknown framework ${ctx.params.framework}`);
}

/** Wraps an adapter so every computed evaluation and effect run is counted. */
function counted(a: ReactiveAdapter, counts: Counts) {
  return {
    computed: <T>(fn: () => T): Readable<T> => a.computed(() => (counts.computed++, fn())),
    effect: (fn: () => void) => a.effect(() => (counts.effect++, fn())),
  };
}

/** One op = one batched update of the graph's sources; counters are per update. */
function graphBench(
  name: string,
  description: string,
  build: (a: ReactiveAdapter, c: Counted, params: Params) => Graph,
  extra: { layers?: readonly number[]; counterOps?: number } = {},
) {
  return bench({
    name,
    description,
    params: { framework: Object.keys(REACTIVE_ADAPTERS), ...(extra.layers && { layers: extra.layers }) },
    metrics: METRICS,
    ...(extra.counterOps !== undefined && { counterOps: extra.counterOps }),
    setup(ctx) {
      const counts: Counts = { computed: 0, effect: 0 };
      const a = adapterOf(ctx);
      const graph = build(a, counted(a, counts), ctx.params);
      graph.check();
      return { graph, counts };
    },
    run(ctx) {
      const { graph, counts } = ctx.state;
      const before = { ...counts };
      adapterOf(ctx).batch(() => graph.update());
      if (ctx.counting) {
        ctx.count('computedRuns', counts.computed - before.computed);
        ctx.count('effectRuns', counts.effect - before.effect);
        graph.check();
      }
    },
    verify(ctx) {
      ctx.state.graph.check();
    },
    teardown(ctx) {
      for (const d of ctx.state?.graph.dispose ?? []) d();
    },
  });
}

/** A single source that counts up: each update writes the next integer. */
function counter(a: ReactiveAdapter): { head: Writable<number>; update(): void } {
  const head = a.signal(0);
  let next = 1;
  return { head, update: () => head.set(next++) };
}

const deep = graphBench('deep-propagation', 'a chain of 50 computeds and one effect', (a, c) => {
  const { head, update } = counter(a);
  let node: Readable<number> = head;
  for (let i = 0; i < 50; i++) {
    const prev = node;
    node = c.computed(() => prev.get() + 1);
  }
  const tail = node;
  let seen = -1;
  const dispose = [c.effect(() => void (seen = tail.get()))];
  return {
    update,
    dispose,
    check: () => void (seen === head.get() + 50 || fail(`deep: effect saw ${seen}, expected ${head.get() + 50}`)),
  };
});

const broad = graphBench('broad-propagation', 'one signal read by 50 computeds, each with an effect', (a, c) => {
  const { head, update } = counter(a);
  const seen: number[] = [];
  const dispose: Array<() => void> = [];
  for (let i = 0; i < 50; i++) {
    const node = c.computed(() => head.get() + i);
    dispose.push(c.effect(() => void (seen[i] = node.get())));
  }
  const check = () => {
    const sum = seen.reduce((acc, v) => acc + v, 0);
    const want = 50 * head.get() + (49 * 50) / 2;
    if (sum !== want) fail(`broad: effects saw a sum of ${sum}, expected ${want}`);
  };
  return { update, dispose, check };
});

const diamond = graphBench(
  'diamond',
  'one signal, 5 parallel computeds joined by one computed and an effect',
  (a, c) => {
    const { head, update } = counter(a);
    const sides = Array.from({ length: 5 }, (_, i) => c.computed(() => head.get() * (i + 1)));
    const join = c.computed(() => sides.reduce((acc, side) => acc + side.get(), 0));
    let seen = -1;
    const dispose = [c.effect(() => void (seen = join.get()))];
    return {
      update,
      dispose,
      check: () => void (seen === head.get() * 15 || fail(`diamond: effect saw ${seen}, expected ${head.get() * 15}`)),
    };
  },
);

/** cellx (js-reactivity-benchmark): layers of 4 computeds; the end layer's values are published. */
const cellx = graphBench(
  'cellx',
  'layers of 4 computeds and 4 effects; the 4 start signals toggle between the published start states',
  (a, c, params) => {
    const layers = params.layers ?? fail('cellx needs layers');
    const start = CELLX_START;
    const head = start.before.map((v) => a.signal(v));
    const dispose: Array<() => void> = [];
    let layer: Readable<number>[] = head;
    for (let i = 0; i < layers; i++) {
      const [p1, p2, p3, p4] = layer as [Readable<number>, Readable<number>, Readable<number>, Readable<number>];
      const next = [
        c.computed(() => p2.get()),
        c.computed(() => p1.get() - p3.get()),
        c.computed(() => p2.get() + p4.get()),
        c.computed(() => p3.get()),
      ];
      for (const n of next) dispose.push(c.effect(() => void n.get()));
      layer = next;
    }
    const end = layer;
    let phase: 'before' | 'after' = 'before';
    return {
      dispose,
      update: () => {
        phase = phase === 'before' ? 'after' : 'before';
        head.forEach((h, k) => h.set(start[phase][k]!));
      },
      check: () => {
        const want = CELLX_EXPECTED[layers]?.[phase] ?? fail(`cellx: no published values for ${layers} layers`);
        const got = end.map((n) => n.get());
        if (got.some((v, k) => v !== want[k]))
          fail(`cellx ${layers} (${params.framework}), ${phase}: got ${got.join(',')}, expected ${want.join(',')}`);
      },
    };
  },
  { layers: [1000, 2500], counterOps: 2 },
);

/** kairo triangle: a chain of 10 nodes, the head and the first 9 computeds summed by one computed. */
const triangle = graphBench('triangle', 'a chain of 10 nodes all summed by one computed, one effect', (a, c) => {
  const { head, update } = counter(a);
  const list: Readable<number>[] = [];
  let current: Readable<number> = head;
  for (let i = 0; i < 10; i++) {
    const prev = current;
    list.push(current);
    current = c.computed(() => prev.get() + 1);
  }
  const sum = c.computed(() => list.reduce((total, x) => total + x.get(), 0));
  let seen = -1;
  const dispose = [c.effect(() => void (seen = sum.get()))];
  const want = () => head.get() * 10 + 45;
  return {
    update,
    dispose,
    check: () => void (seen === want() || fail(`triangle: effect saw ${seen}, expected ${want()}`)),
  };
});

/** kairo repeated observers: one computed reads the same signal 30 times. */
const repeated = graphBench(
  'repeated-observers',
  'one computed reading the same signal 30 times, one effect',
  (a, c) => {
    const { head, update } = counter(a);
    const current = c.computed(() => {
      let result = 0;
      for (let i = 0; i < 30; i++) result += head.get();
      return result;
    });
    let seen = -1;
    const dispose = [c.effect(() => void (seen = current.get()))];
    const want = () => head.get() * 30;
    return {
      update,
      dispose,
      check: () => void (seen === want() || fail(`repeated: effect saw ${seen}, expected ${want()}`)),
    };
  },
);

/** kairo unstable: the computed's dependencies switch on every update (odd: double, even: inverse). */
const unstable = graphBench('unstable', 'a computed whose dependencies switch on every update', (a, c) => {
  const { head, update } = counter(a);
  const double = c.computed(() => head.get() * 2);
  const inverse = c.computed(() => -head.get());
  const current = c.computed(() => {
    let result = 0;
    for (let i = 0; i < 20; i++) result += head.get() % 2 ? double.get() : inverse.get();
    return result;
  });
  let seen = NaN;
  const dispose = [c.effect(() => void (seen = current.get()))];
  const want = () => (head.get() % 2 ? 40 * head.get() : -20 * head.get());
  return {
    update,
    dispose,
    check: () => void (seen === want() || fail(`unstable: effect saw ${seen}, expected ${want()}`)),
  };
});

/** As kairo's busy(): work that a computed which does not change must shield. */
function busy(seed: number): number {
  let x = seed | 0;
  for (let i = 0; i < 100; i++) x = (x * 31 + i) | 0;
  return x;
}

/** kairo avoidable propagation: a computed that always returns 0 shields a heavy chain and its effect. */
const avoidable = graphBench('avoidable-propagation', 'a computed returning 0 shields a heavy chain', (a, c) => {
  const { head, update } = counter(a);
  const c1 = c.computed(() => head.get());
  const c2 = c.computed(() => (c1.get(), 0));
  const c3 = c.computed(() => (busy(c2.get()), c2.get() + 1));
  const c4 = c.computed(() => c3.get() + 2);
  const c5 = c.computed(() => c4.get() + 3);
  let runs = 0;
  const dispose = [c.effect(() => void (busy(c5.get()), runs++))];
  const check = () => {
    if (c5.get() !== 6 || c1.get() !== head.get()) fail(`avoidable: c5 ${c5.get()}, c1 ${c1.get()}`);
    if (runs !== 1) fail(`avoidable: the effect ran ${runs} times, expected once (at setup)`);
  };
  return { update, dispose, check };
});

/** kairo mux: 100 signals merged into one object, split into 100 computeds with an effect each; one write. */
const mux = graphBench(
  'mux',
  '100 signals merged into one object and split again; one signal written per update',
  (a, c) => {
    const heads = Array.from({ length: 100 }, () => a.signal(0));
    const merged = c.computed(() => Object.fromEntries(heads.map((h) => h.get()).entries()));
    const split = heads.map((_, i) => c.computed(() => merged.get()[i]!)).map((x) => c.computed(() => x.get() + 1));
    const seen = new Float64Array(100);
    const dispose = split.map((x, k) => c.effect(() => void (seen[k] = x.get())));
    let op = 0;
    return {
      dispose,
      update: () => void heads[++op % 100]!.set(op),
      check: () => {
        const k = op % 100;
        if (op > 0 && seen[k] !== op + 1) fail(`mux: effect ${k} saw ${seen[k]}, expected ${op + 1}`);
      },
    };
  },
  { counterOps: 10 },
);

export default defineSuite({
  name: 'peers',
  description:
    'reference runtime reactivity against preact, alien-signals, vue and solid, its keyed differ against ' +
    'snabbdom and udomdiff, and its frame scheduler against rAF + microtasks and scheduler.postTask',
  benchmarks: [
    deep,
    broad,
    diamond,
    triangle,
    mux,
    repeated,
    unstable,
    avoidable,
    cellx,
    ...diffPeerBenchmarks,
    frameBudgetPeersBenchmark(),
  ],
});
