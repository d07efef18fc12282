/**
 * Object pools of the reference runtime (src/runtime/pools) against plain allocation, for the
 * two shapes the Jepsh runtime pools (component nodes, layout boxes). One op builds a batch of
 * 1,000 objects, fills them, reads them back (so the work cannot be optimised away), then
 * releases them (pool) or drops them (alloc).
 *
 * - `component-node` / `layout-box`: time per op; counters `poolMisses` and `objectsCreated`.
 * - `*-gc`: heap growth and garbage collections over a fixed number of ops per round, through the
 *   harness's CDP host API (`ctx.host`); in Node, heap growth from process.memoryUsage only.
 */
import { bench, defineSuite, GC_WINDOW, type BenchmarkDef, type HostApi, type MetricDecl } from '../src/suite/api.js';
import {
  createComponentNodePool,
  createLayoutBoxPool,
  type ComponentNode,
  type LayoutBox,
  type Pool,
} from '../src/runtime/pools/index.js';

export const BATCH = 1000;
/** Ops per GC round: `alloc` makes ~40 MB of garbage, more than V8's young generation holds. */
export const GC_OPS_PER_ROUND = 500;
const MIN_GC_ROUNDS = 5;
const MAX_GC_ROUNDS = 30;

type Strategy = 'pool' | 'alloc';
interface Params {
  strategy: Strategy;
  [key: string]: string;
}

/** One shape's op, written once for both strategies. */
interface Shape<T extends object> {
  name: string;
  /** JS objects per shape instance (node: node + props + children array). */
  objectsPerItem: number;
  createPool(prewarm: number): Pool<T>;
  alloc(i: number): T;
  fill(item: T, i: number): void;
  /** Links item i into the batch (e.g. into its parent's children). */
  link(items: T[], i: number): void;
  checksum(items: readonly T[], n: number): number;
}

const NODE_TYPES = ['div', 'span', 'button', 'li'];

const componentNode: Shape<ComponentNode> = {
  name: 'component-node',
  objectsPerItem: 3,
  createPool: (prewarm) => createComponentNodePool({ prewarm, maxSize: BATCH }),
  alloc: (i) => ({
    type: NODE_TYPES[i & 3]!,
    props: { id: i, className: 'row', selected: (i & 7) === 0 },
    children: [],
    key: i,
  }),
  fill(node, i) {
    node.type = NODE_TYPES[i & 3]!;
    const p = node.props;
    p.id = i;
    p.className = 'row';
    p.selected = (i & 7) === 0;
    node.key = i;
  },
  link(nodes, i) {
    // An 8-ary tree: every parent precedes its children in the batch.
    if (i > 0) nodes[(i - 1) >> 3]!.children.push(nodes[i]!);
  },
  checksum(nodes, n) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      sum += node.children.length + (node.props.selected === true ? (node.props.id as number) : 0) + node.type.length;
    }
    return sum;
  },
};

const layoutBox: Shape<LayoutBox> = {
  name: 'layout-box',
  objectsPerItem: 3,
  createPool: (prewarm) => createLayoutBoxPool({ prewarm, maxSize: BATCH }),
  alloc: (i) => ({
    x: (i & 31) * 10,
    y: i >> 5,
    width: 100 + (i & 15),
    height: 20,
    margin: { top: 4, right: 8, bottom: 4, left: 8 },
    padding: { top: 2, right: 2, bottom: 2, left: 2 },
  }),
  fill(box, i) {
    box.x = (i & 31) * 10;
    box.y = i >> 5;
    box.width = 100 + (i & 15);
    box.height = 20;
    const m = box.margin;
    m.top = 4;
    m.right = 8;
    m.bottom = 4;
    m.left = 8;
    const p = box.padding;
    p.top = 2;
    p.right = 2;
    p.bottom = 2;
    p.left = 2;
  },
  link() {},
  checksum(boxes, n) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const b = boxes[i]!;
      sum += b.x + b.y + b.width + b.margin.left + b.margin.right + b.padding.left + b.padding.right;
    }
    return sum;
  },
};

interface State<T extends object> {
  pool: Pool<T> | null;
  items: T[];
  lastChecksum: number;
  expected: number;
  opsRun: number;
  op(): void;
}

function makeState<T extends object>(shape: Shape<T>, strategy: Strategy): State<T> {
  const items: T[] = new Array<T>(BATCH);
  const state: State<T> = {
    // Prewarmed to one batch: in steady state an op never misses.
    pool: strategy === 'pool' ? shape.createPool(BATCH) : null,
    items,
    lastChecksum: 0,
    expected: 0,
    opsRun: 0,
    op: () => {},
  };
  const pool = state.pool;
  if (pool) {
    state.op = () => {
      for (let i = 0; i < BATCH; i++) {
        const item = pool.acquire();
        shape.fill(item, i);
        items[i] = item;
        shape.link(items, i);
      }
      state.lastChecksum = shape.checksum(items, BATCH);
      for (let i = 0; i < BATCH; i++) pool.release(items[i]!);
      state.opsRun++;
    };
  } else {
    state.op = () => {
      for (let i = 0; i < BATCH; i++) {
        items[i] = shape.alloc(i);
        shape.link(items, i);
      }
      state.lastChecksum = shape.checksum(items, BATCH);
      // The batch becomes garbage when the next op overwrites `items`.
      state.opsRun++;
    };
  }
  // Reference answer from a fresh allocation, independent of the pool.
  const ref: T[] = [];
  for (let i = 0; i < BATCH; i++) {
    ref.push(shape.alloc(i));
    shape.link(ref, i);
  }
  state.expected = shape.checksum(ref, BATCH);
  return state;
}

const counter = (description: string): MetricDecl => ({
  unit: 'count',
  direction: 'lower',
  kind: 'counter',
  description,
});

function timedBenchmark<T extends object>(shape: Shape<T>): BenchmarkDef<Params, State<T>> {
  return bench({
    name: shape.name,
    description: `fill ${BATCH} ${shape.name} objects per op: pool acquire/release vs fresh allocation`,
    params: { strategy: ['pool', 'alloc'] },
    metrics: {
      poolMisses: counter('pool acquires that had to create an object, per op (0 for alloc: no pool)'),
      objectsCreated: counter('JS objects allocated for the shapes per op'),
    },
    setup(ctx) {
      return makeState(shape, ctx.params.strategy);
    },
    run(ctx) {
      const { pool, op } = ctx.state;
      if (!ctx.counting) return op();
      // Stats are read only in the untimed counter pass: they allocate.
      const before = pool?.stats().misses ?? 0;
      op();
      const misses = (pool?.stats().misses ?? 0) - before;
      ctx.count('poolMisses', misses);
      ctx.count('objectsCreated', (pool ? misses : BATCH) * shape.objectsPerItem);
    },
    verify(ctx) {
      verifyState(ctx.state);
    },
  });
}

function verifyState<T extends object>(state: State<T>): void {
  if (state.opsRun === 0) return; // measure-only benchmarks are verified before their first op too
  if (state.lastChecksum !== state.expected)
    throw new Error(`checksum ${state.lastChecksum}, expected ${state.expected}`);
  const out = state.pool?.stats().outstanding ?? 0;
  if (out !== 0) throw new Error(`${out} pooled objects not released`);
}

/** A mark in the page's trace (a no-op without one, and where console has no timeStamp). */
const timeStamp = (label: string): void => (console as { timeStamp?: (label: string) => void }).timeStamp?.(label);

/** Heap in use: the harness's CDP host in a page, process.memoryUsage in Node, else none. */
function heapReader(host: HostApi | null): (() => Promise<number>) | null {
  if (host) return () => host.heapUsed();
  const proc = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number } } }).process;
  if (typeof proc?.memoryUsage === 'function') return async () => proc.memoryUsage!().heapUsed;
  return null;
}

function gcBenchmark<T extends object>(shape: Shape<T>, opsPerRound: number): BenchmarkDef<Params, State<T>> {
  const gauge = (unit: string, description: string): MetricDecl => ({
    unit,
    direction: 'lower',
    kind: 'gauge',
    description,
  });
  return bench({
    name: `${shape.name}-gc`,
    description: `heap growth and GCs over ${opsPerRound} ops of ${shape.name} (${BATCH} objects each), per round`,
    params: { strategy: ['pool', 'alloc'] },
    metrics: {
      heapGrowth: gauge(
        'bytes',
        `heap used after minus before ${opsPerRound} ops (net of collections during the round)`,
      ),
      gcCount: gauge('count', `garbage collections (minor + major) during ${opsPerRound} ops; page only`),
    },
    setup(ctx) {
      return makeState(shape, ctx.params.strategy);
    },
    async measure(ctx, opts) {
      const host = ctx.host;
      const heapUsed = heapReader(host);
      if (!heapUsed) return; // nowhere to read the heap from: no samples rather than made-up ones
      const forceGc = (globalThis as { gc?: () => void }).gc;
      const { op } = ctx.state;
      for (let i = 0; i < opsPerRound; i++) op(); // warm-up round, not reported
      const rounds = Math.min(MAX_GC_ROUNDS, Math.max(MIN_GC_ROUNDS, opts.minSamples));
      // One trace for all rounds; each round's ops are a window of it (HostApi.gcCountWindows).
      if (host) await host.gcCountStart();
      for (let r = 0; r < rounds; r++) {
        // A forced collection (when exposed) starts every round from the same heap; not counted.
        forceGc?.();
        const before = await heapUsed();
        timeStamp(GC_WINDOW.open);
        for (let i = 0; i < opsPerRound; i++) op();
        timeStamp(GC_WINDOW.close);
        const after = await heapUsed();
        ctx.report('heapGrowth', after - before);
      }
      if (host) {
        const windows = await host.gcCountWindows();
        if (windows.length !== rounds) throw new Error(`${windows.length} GC windows traced for ${rounds} rounds`);
        for (const gc of windows) ctx.report('gcCount', gc.minor + gc.major);
      }
    },
    verify(ctx) {
      verifyState(ctx.state);
    },
  });
}

/** The suite's benchmarks; tests pass a small `gcOpsPerRound` to stay fast. */
export function poolsBenchmarks(config: { gcOpsPerRound?: number } = {}): BenchmarkDef[] {
  const ops = config.gcOpsPerRound ?? GC_OPS_PER_ROUND;
  return [
    timedBenchmark(componentNode),
    timedBenchmark(layoutBox),
    gcBenchmark(componentNode, ops),
    gcBenchmark(layoutBox, ops),
  ];
}

export default defineSuite({
  name: 'pools',
  description: 'object pools vs plain allocation: time, heap growth and GC counts',
  benchmarks: poolsBenchmarks(),
});
