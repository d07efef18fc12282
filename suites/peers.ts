/**
 * The reference runtime's reactivity against a real peer library (@preact/signals-core) through
 * one adapter (src/adapters/reactive.ts): the same graphs, the same updates, the same answers.
 * Counters are counted by the benchmark itself (wrapped computeds and effects), so they mean the
 * same for every library: evaluations per update, not a library's own instrumentation.
 */
import { defineSuite, bench, type BenchContext } from '../src/suite/api.js';
import { REACTIVE_ADAPTERS, type ReactiveAdapter, type Readable, type Writable } from '../src/adapters/reactive.js';
import { CELLX_EXPECTED } from './reactivity.js';

interface Counts {
  computed: number;
  effect: number;
}

interface GraphState {
  head: Writable<number>[];
  /** Reads the value the graph must end with after an update, and checks it. */
  check(): void;
  dispose: Array<() => void>;
  counts: Counts;
  next: number;
}

type Params = { framework: string };
type Ctx = BenchContext<Params, GraphState>;

const METRICS = {
  computedRuns: { unit: 'count', direction: 'lower', kind: 'counter', description: 'computed evaluations per update' },
  effectRuns: { unit: 'count', direction: 'lower', kind: 'counter', description: 'effect runs per update' },
} as const;

function adapterOf(ctx: Ctx): ReactiveAdapter {
  const a = REACTIVE_ADAPTERS[ctx.params.framework];
  if (!a) throw new Error(`unknown framework ${ctx.params.framework}`);
  return a;
}

/** Wraps an adapter so every computed evaluation and effect run is counted. */
function counted(a: ReactiveAdapter, counts: Counts) {
  return {
    computed: <T>(fn: () => T): Readable<T> => a.computed(() => (counts.computed++, fn())),
    effect: (fn: () => void) => a.effect(() => (counts.effect++, fn())),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/** Sets up a graph, then each op writes a new value to every head signal in one batch. */
function graphBench(name: string, description: string, build: (a: ReactiveAdapter, c: ReturnType<typeof counted>, counts: Counts) => Omit<GraphState, 'counts' | 'next'>) {
  return bench<Params, GraphState>({
    name,
    description,
    params: { framework: Object.keys(REACTIVE_ADAPTERS) },
    metrics: METRICS,
    setup(ctx) {
      const a = adapterOf(ctx);
      const counts: Counts = { computed: 0, effect: 0 };
      ctx.state = { ...build(a, counted(a, counts), counts), counts, next: 1 };
    },
    run(ctx) {
      const s = ctx.state;
      const before = { ...s.counts };
      const v = s.next++;
      adapterOf(ctx).batch(() => {
        for (const h of s.head) h.set(v);
      });
      if (ctx.counting) {
        ctx.count('computedRuns', s.counts.computed - before.computed);
        ctx.count('effectRuns', s.counts.effect - before.effect);
        s.check();
      }
    },
    verify(ctx) {
      ctx.state.check();
    },
    teardown(ctx) {
      for (const d of ctx.state?.dispose ?? []) d();
    },
  });
}

const deep = graphBench('deep-propagation', 'a chain of 50 computeds and one effect', (a, c) => {
  const head = a.signal(0);
  let node: Readable<number> = head;
  for (let i = 0; i < 50; i++) {
    const prev = node;
    node = c.computed(() => prev.get() + 1);
  }
  const tail = node;
  let seen = 0;
  const dispose = [c.effect(() => void (seen = tail.get()))];
  return { head: [head], dispose, check: () => void (seen === head.get() + 50 || fail(`deep: effect saw ${seen}, expected ${head.get() + 50}`)) };
});

const broad = graphBench('broad-propagation', 'one signal read by 50 computeds, each with an effect', (a, c) => {
  const head = a.signal(0);
  let sum = 0;
  const dispose: Array<() => void> = [];
  const seen: number[] = [];
  for (let i = 0; i < 50; i++) {
    const node = c.computed(() => head.get() + i);
    dispose.push(c.effect(() => void (seen[i] = node.get())));
  }
  return {
    head: [head],
    dispose,
    check: () => {
      sum = seen.reduce((acc, v) => acc + v, 0);
      const want = 50 * head.get() + (49 * 50) / 2;
      if (sum !== want) fail(`broad: effects saw a sum of ${sum}, expected ${want}`);
    },
  };
});

const diamond = graphBench('diamond', 'one signal, 5 parallel computeds joined by one computed and an effect', (a, c) => {
  const head = a.signal(0);
  const sides = Array.from({ length: 5 }, (_, i) => c.computed(() => head.get() * (i + 1)));
  const join = c.computed(() => sides.reduce((acc, s) => acc + s.get(), 0));
  let seen = 0;
  const dispose = [c.effect(() => void (seen = join.get()))];
  return { head: [head], dispose, check: () => void (seen === head.get() * 15 || fail(`diamond: effect saw ${seen}, expected ${head.get() * 15}`)) };
});

/** cellx (js-reactivity-benchmark): layers of 4 computeds; the end layer's values are published. */
const cellx = bench<Params & { layers: number }, GraphState & { phase: 'before' | 'after'; end: Readable<number>[] }>({
  name: 'cellx',
  description: 'layers of 4 computeds and 4 effects; the 4 start signals toggle between the published start states',
  params: { framework: Object.keys(REACTIVE_ADAPTERS), layers: [1000] },
  metrics: METRICS,
  counterOps: 2,
  setup(ctx) {
    const a = REACTIVE_ADAPTERS[ctx.params.framework] ?? fail(`unknown framework ${ctx.params.framework}`);
    const counts: Counts = { computed: 0, effect: 0 };
    const c = counted(a, counts);
    const head = [1, 2, 3, 4].map((v) => a.signal(v));
    const dispose: Array<() => void> = [];
    let layer: Readable<number>[] = head;
    for (let i = 0; i < ctx.params.layers; i++) {
      const [p1, p2, p3, p4] = layer as [Readable<number>, Readable<number>, Readable<number>, Readable<number>];
      const next = [c.computed(() => p2.get()), c.computed(() => p1.get() - p3.get()), c.computed(() => p2.get() + p4.get()), c.computed(() => p3.get())];
      for (const n of next) dispose.push(c.effect(() => void n.get()));
      layer = next;
    }
    const end = layer;
    const state = {
      head,
      dispose,
      counts,
      next: 0,
      phase: 'before' as 'before' | 'after',
      end,
      check: () => {
        const want = CELLX_EXPECTED[ctx.params.layers]![state.phase];
        const got = end.map((n) => n.get());
        if (got.some((v, k) => v !== want[k])) fail(`cellx ${ctx.params.layers} (${ctx.params.framework}), ${state.phase}: got ${got.join(',')}, expected ${want.join(',')}`);
      },
    };
    state.check();
    ctx.state = state;
  },
  run(ctx) {
    const s = ctx.state;
    const before = { ...s.counts };
    s.phase = s.phase === 'before' ? 'after' : 'before';
    const values = s.phase === 'before' ? [1, 2, 3, 4] : [4, 3, 2, 1];
    (REACTIVE_ADAPTERS[ctx.params.framework] as ReactiveAdapter).batch(() => s.head.forEach((h, k) => (h as Writable<number>).set(values[k]!)));
    if (ctx.counting) {
      ctx.count('computedRuns', s.counts.computed - before.computed);
      ctx.count('effectRuns', s.counts.effect - before.effect);
      s.check();
    }
  },
  verify(ctx) {
    ctx.state.check();
  },
  teardown(ctx) {
    for (const d of ctx.state?.dispose ?? []) d();
  },
});

export default defineSuite({
  name: 'peers',
  description: 'reference runtime reactivity against @preact/signals-core through one adapter',
  benchmarks: [deep, broad, diamond, cellx],
});
