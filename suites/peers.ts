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
  { layers: [1000], counterOps: 2 },
);

export default defineSuite({
  name: 'peers',
  description:
    'reference runtime reactivity against preact, alien-signals, vue and solid, ' +
    'and its keyed differ against snabbdom and udomdiff, each through one adapter',
  benchmarks: [deep, broad, diamond, cellx, ...diffPeerBenchmarks],
});
