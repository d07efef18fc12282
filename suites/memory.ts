/**
 * memory: the runtime guide's §1.1 memory target (< 50 MB baseline) and a leak check, on an app of
 * keyed row components (the `components` suite's table: one component and one owned effect per row).
 * - `baseline?components=N`: mount the app of N rows, collect garbage, read the page's JS heap
 *   (CDP Runtime.getHeapUsage) and its live DOM nodes (CDP Memory.getDOMCounters); unmount. One
 *   reading per round. `heapUsed` is the whole page (harness and suite code included: what a user's
 *   tab holds), `appHeap` the part the mounted app adds, and `userAgentMemory` the browser's own
 *   `performance.measureUserAgentSpecificMemory()` (JS and DOM; needs the page cross-origin
 *   isolated, as the harness serves it). The < 50 MB budget is in jepsh-bench.config.json.
 * - `leak?components=N`: mount and unmount the app once, collect garbage and read; mount and unmount
 *   it LEAK_CYCLES more times, collect and read again. What each cycle left alive, per cycle: heap
 *   bytes, DOM nodes (a detached node still referenced counts, which is how a leaked subtree shows)
 *   and JS event listeners, and the component layer's own count of live effects (deterministic).
 *   A leak-free app gives ~0 on all four; the tolerance of the heap figure comes from measurement
 *   (docs in the README's targets table). `leakBenchmark` is exported so that a test can plant a
 *   leaking row component (test/e2e/memory-leak.test.ts) and see the check catch it.
 * Both read the page from outside through the harness's host API (`ctx.host`); without one (Node,
 * unit tests) `measure` reports nothing rather than made-up figures.
 */
import {
  bench,
  defineSuite,
  type BenchContext,
  type BenchmarkDef,
  type HostApi,
  type MetricDecl,
} from '../src/suite/api.js';
import type { DomDocument, DomElement } from '../src/runtime/differ/index.js';
import { componentStats, mount, type Component } from '../src/runtime/components/index.js';
import { Row, Table, rowModels, type RowModel } from './_shared/row-table.js';

/** Mount-unmount cycles between the two readings of the leak check (the 100). */
export const LEAK_CYCLES = 100;
/** Cycles before the first reading of the leak check. */
export const LEAK_WARMUP_CYCLES = 20;
/** Rounds of the baseline reading per session, at most (each mounts and unmounts the app once). */
const BASELINE_ROUNDS = 3;

type RowComponent = Component<{ row: RowModel }>;

interface MemoryState {
  doc: DomDocument;
  container: DomElement;
  rows: RowModel[];
  row: RowComponent;
}

type Params = { components: number };
type Ctx = BenchContext<Params, MemoryState>;

const gauge = (unit: string, description: string): MetricDecl => ({
  unit,
  direction: 'lower',
  kind: 'gauge',
  description,
});

/** One reading of what the page holds, after a full collection. */
export interface MemoryReading {
  heapBytes: number;
  domNodes: number;
  listeners: number;
  effectsLive: number;
}

export async function readMemory(host: HostApi): Promise<MemoryReading> {
  // Twice: objects freed by the first collection's finalizers (weak callbacks, DOM wrappers) are
  // only reclaimed by the next one.
  await host.collectGarbage();
  await host.collectGarbage();
  const dom = await host.domCounters();
  return {
    heapBytes: await host.heapUsed(),
    domNodes: dom.nodes,
    listeners: dom.jsEventListeners,
    effectsLive: componentStats().effectsLive,
  };
}

/** Longest wait for `measureUserAgentSpecificMemory`, which may wait for the next collection. */
const UA_MEMORY_TIMEOUT_MS = 3000;

/**
 * The browser's own account of the page's memory (JS and DOM, `performance.measureUserAgentSpecificMemory`,
 * available to cross-origin isolated pages), or null when unavailable or not delivered in time:
 * Chromium may hold the result until its next garbage collection.
 */
export async function userAgentMemory(host: HostApi, timeoutMs = UA_MEMORY_TIMEOUT_MS): Promise<number | null> {
  const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
  if (typeof perf.measureUserAgentSpecificMemory !== 'function') return null;
  if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const measured = perf.measureUserAgentSpecificMemory();
    // The measurement is taken at a collection: cause one rather than wait for it.
    await host.collectGarbage();
    const m = await Promise.race([measured, late]);
    return m ? m.bytes : null;
  } catch {
    return null; // e.g. SecurityError: not isolated after all
  } finally {
    clearTimeout(timer);
  }
}

function setup(ctx: { params: Params }, row: RowComponent): MemoryState {
  const doc = (globalThis as { document?: DomDocument & { body: DomElement } }).document;
  if (!doc) throw new Error('memory needs a DOM: run it in the browser');
  const container = doc.createElement('div');
  doc.body.appendChild(container);
  return { doc, container, rows: rowModels(ctx.params.components), row };
}

/** Mounts the app; returns its unmount. */
function mountApp(s: MemoryState): () => void {
  const root = mount(Table, { rows: s.rows, row: s.row }, s.container, { doc: s.doc });
  return () => root.unmount();
}

function teardown(ctx: Ctx): void {
  const c = ctx.state?.container;
  if (c?.parentNode) c.parentNode.removeChild(c);
}

function verify(ctx: Ctx): void {
  // Every measure round unmounts what it mounted: the container must be empty again.
  const n = ctx.state.container.childNodes.length;
  if (n !== 0) throw new Error(`memory: ${n} node(s) left in the container after the rounds`);
}

const baselineBenchmark: BenchmarkDef = bench({
  name: 'baseline',
  description: 'JS heap and DOM nodes of the page with an app of N row components mounted',
  params: { components: [100, 1000] },
  metrics: {
    heapUsed: gauge('bytes', "the page's JS heap with the app mounted, after a full collection"),
    appHeap: gauge('bytes', 'JS heap the mounted app adds to the empty page'),
    domNodes: gauge('count', 'live DOM nodes in the page with the app mounted'),
    userAgentMemory: gauge('bytes', "the browser's measureUserAgentSpecificMemory() of the page (JS and DOM)"),
  },
  setup: (ctx) => setup(ctx, Row),
  async measure(ctx: Ctx, opts) {
    const host = ctx.host;
    if (!host) return;
    const rounds = Math.min(BASELINE_ROUNDS, Math.max(1, opts.minSamples));
    for (let r = 0; r < rounds; r++) {
      const empty = await readMemory(host);
      const unmount = mountApp(ctx.state);
      const full = await readMemory(host);
      const ua = await userAgentMemory(host);
      unmount();
      if (ua !== null) ctx.report('userAgentMemory', ua);
      ctx.report('heapUsed', full.heapBytes);
      ctx.report('appHeap', full.heapBytes - empty.heapBytes);
      ctx.report('domNodes', full.domNodes);
    }
  },
  verify,
  teardown,
});

/** The leak check of an app whose rows are `row` (the real Row, or a test's leaking one). */
export function leakBenchmark(name: string, row: RowComponent, components: readonly number[] = [100]): BenchmarkDef {
  return bench({
    name,
    description: `what each of ${LEAK_CYCLES} mount-unmount cycles of an app of N row components leaves alive`,
    params: { components: [...components] },
    metrics: {
      heapPerCycle: gauge('bytes', `JS heap growth per cycle over ${LEAK_CYCLES} cycles, after full collections`),
      domNodesPerCycle: gauge('count', 'DOM nodes (attached or detached) left alive per cycle'),
      listenersPerCycle: gauge('count', 'JS event listeners left per cycle'),
      effectsPerCycle: gauge('count', "the component layer's live effects left per cycle (deterministic)"),
    },
    setup: (ctx) => setup(ctx, row),
    async measure(ctx: Ctx) {
      const host = ctx.host;
      if (!host) return;
      // Warm-up cycles compile and optimise everything a cycle runs (optimised code and feedback live
      // on the heap too: one cycle of warm-up left up to 1 KB per cycle of such growth at N = 100).
      for (let i = 0; i < LEAK_WARMUP_CYCLES; i++) mountApp(ctx.state)();
      const first = await readMemory(host);
      for (let i = 0; i < LEAK_CYCLES; i++) mountApp(ctx.state)();
      const last = await readMemory(host);
      ctx.report('heapPerCycle', (last.heapBytes - first.heapBytes) / LEAK_CYCLES);
      ctx.report('domNodesPerCycle', (last.domNodes - first.domNodes) / LEAK_CYCLES);
      ctx.report('listenersPerCycle', (last.listeners - first.listeners) / LEAK_CYCLES);
      ctx.report('effectsPerCycle', (last.effectsLive - first.effectsLive) / LEAK_CYCLES);
    },
    verify,
    teardown,
  });
}

export default defineSuite({
  name: 'memory',
  description: "the page's JS heap with an app mounted (guide §1.1: < 50 MB) and a mount-unmount leak check",
  benchmarks: [baselineBenchmark, leakBenchmark('leak', Row)],
});
