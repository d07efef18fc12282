/**
 * WASM kernels built with binaryen.js (src/wasm): each kernel in every applicable variant
 * (O0, O3, Os, and the seven optimizations the Jepsh design names, each alone) against plain JS, plus compile /
 * instantiate cost, the JS<->WASM call boundary, main-thread vs worker compilation, and the
 * size of the module the runtime would ship. The bytes come from the virtual import
 * `jepsh:wasm-kernels`, built in Node at bundle time by `wasmKernelsPlugin()`.
 *
 * Speedups are what these benchmarks measure, never what they assume: read docs/wasm.md.
 * Nothing here touches the DOM or Worker at module top level (the file also loads in Node).
 */
import prebuilt from 'jepsh:wasm-kernels';
import { bench, defineSuite, type BenchmarkDef } from '../src/suite/api.js';
import { decodeBase64, ensureMemory, exportedFn, exportedMemory, Layout, withNonce } from '../src/wasm/host.js';
import { assertSameResult, createWorkload, type BoundKernel, type KernelResult } from '../src/wasm/workloads.js';
import type { KernelName, PrebuiltKernel, PrebuiltModule } from '../src/wasm/types.js';

/** Problem sizes per kernel (the parameter keeps its natural name: `n` or `limit`). */
const SIZES: Record<KernelName, { param: string; values: number[] }> = {
  'fib-rec': { param: 'n', values: [25] },
  'fib-iter': { param: 'n', values: [1_000_000] },
  matmul: { param: 'n', values: [64, 128] },
  sieve: { param: 'limit', values: [1_000_000] },
  sum: { param: 'n', values: [100_000] },
  map: { param: 'n', values: [100_000] },
  dot: { param: 'n', values: [100_000] },
  lis: { param: 'n', values: [10_000] },
  flex: { param: 'n', values: [1_000] },
};

const SIZE_METRICS = {
  sizeRaw: { unit: 'bytes', direction: 'lower', kind: 'counter', description: 'module size as emitted by binaryen' },
  sizeGzip: {
    unit: 'bytes',
    direction: 'lower',
    kind: 'counter',
    description: 'gzip size (Node zlib level 9, at bundle time)',
  },
} as const;

/** Cap for self-sampling loops, so a large minTimeMs cannot produce an unbounded sample list. */
const MAX_SAMPLES = 500;

function moduleOf(k: PrebuiltKernel, variant: string): PrebuiltModule {
  const mod = k.variants.find((v) => v.variant === variant);
  if (!mod) throw new Error(`wasm: kernel ${k.name} has no variant ${variant}`);
  return mod;
}

async function instantiate(mod: PrebuiltModule): Promise<WebAssembly.Exports> {
  const { instance } = await WebAssembly.instantiate(decodeBase64(mod.base64), {});
  return instance.exports;
}

interface KernelState {
  kernel: BoundKernel;
  expected: KernelResult;
  mod: PrebuiltModule | null;
  label: string;
}

/** `matmul?n=64&variant=O3`: one kernel operation per timed op; `variant=js` is the JS reference. */
function kernelBench(k: PrebuiltKernel): BenchmarkDef {
  const { param, values } = SIZES[k.name];
  return bench({
    name: k.name,
    description: `${k.description}; variants as in docs/wasm.md, js = plain JavaScript`,
    params: { [param]: values, variant: [...k.variants.map((v) => v.variant), 'js'] },
    metrics: SIZE_METRICS,
    counterOps: 1,
    async setup(ctx): Promise<KernelState> {
      const variant = String(ctx.params.variant);
      const workload = createWorkload(k.name, Number(ctx.params[param]));
      workload.js.run();
      const expected = workload.js.result();
      const label = `${k.name}/${variant}`;
      if (variant === 'js') return { kernel: workload.js, expected, mod: null, label };
      const mod = moduleOf(k, variant);
      return { kernel: workload.bind(await instantiate(mod), k.entry), expected, mod, label };
    },
    run(ctx) {
      ctx.state.kernel.run();
      // Sizes are properties of the module, counted once per op in the (single-op) counter pass.
      if (ctx.counting && ctx.state.mod) {
        ctx.count('sizeRaw', ctx.state.mod.sizeRaw);
        ctx.count('sizeGzip', ctx.state.mod.sizeGzip);
      }
    },
    verify(ctx) {
      assertSameResult(ctx.state.label, ctx.state.expected, ctx.state.kernel.result());
    },
  });
}

/**
 * `compile?kernel=matmul&variant=O3` and `instantiate?...`: one def per kernel (same name, the
 * `kernel` param keeps ids unique) so each lists only that kernel's variants.
 * Compile samples use byte-distinct copies (`withNonce`) so V8 cannot serve them from its cache.
 */
function compileBench(k: PrebuiltKernel, what: 'compile' | 'instantiate'): BenchmarkDef {
  return bench({
    name: what,
    description:
      what === 'compile'
        ? `WebAssembly.compile time of ${k.name} (ms per compile; the engine may defer function bodies to first call)`
        : `instantiation time of a precompiled ${k.name} module (new WebAssembly.Instance, ms per instance)`,
    params: { kernel: [k.name], variant: k.variants.map((v) => v.variant) },
    async setup(ctx) {
      const bytes = decodeBase64(moduleOf(k, String(ctx.params.variant)).base64);
      return { bytes, module: what === 'instantiate' ? await WebAssembly.compile(bytes) : null };
    },
    async measure(ctx, { minSamples, minTimeMs }) {
      // One sample times a batch of operations lasting >= 1 ms (200x the 5 us timer), as the
      // runner does for `run` benchmarks: a single instantiate takes a few timer ticks.
      let nonce = 0;
      const batch = async (n: number): Promise<number> => {
        if (what === 'compile') {
          const copies = Array.from({ length: n }, () => withNonce(ctx.state.bytes, nonce++));
          const t0 = performance.now();
          for (const bytes of copies) await WebAssembly.compile(bytes);
          return performance.now() - t0;
        }
        const module = ctx.state.module as WebAssembly.Module;
        const t0 = performance.now();
        // Synchronous instantiation: no promise turn inside the timed window.
        for (let i = 0; i < n; i++) new WebAssembly.Instance(module, {});
        return performance.now() - t0;
      };
      let per = 1;
      for (let t = await batch(per); t < 1 && per < 1e6; t = await batch(per))
        per = t > 0 ? Math.max(per * 2, Math.ceil((per * 1.5) / t)) : per * 10;
      const start = performance.now();
      for (let s = 0; s < MAX_SAMPLES && (s < minSamples || performance.now() - start < minTimeMs); s++)
        ctx.report('time', (await batch(per)) / per);
    },
  });
}

interface BoundaryState {
  view: Int32Array;
  ptr: number;
  n: number;
  inc: (x: number) => number;
  incAll: (ptr: number, n: number) => number;
}

/**
 * `boundary?mode=per-call|batched&n=10000`: the same work (add 1 to n i32 values in linear
 * memory) as n calls of a trivial export from JS, or one call that loops inside WASM.
 */
const boundary = bench({
  name: 'boundary',
  description: 'JS->WASM call overhead: n calls of a trivial export vs one batched call over shared memory',
  params: { mode: ['per-call', 'batched'], n: [10_000] },
  metrics: { crossings: { unit: 'calls', direction: 'lower', kind: 'counter', description: 'JS->WASM calls per op' } },
  counterOps: 1,
  async setup(ctx): Promise<BoundaryState> {
    const exports = await instantiate(prebuilt.boundary);
    const memory = exportedMemory(exports);
    const n = ctx.params.n;
    const layout = new Layout();
    const ptr = layout.alloc(n * 4);
    ensureMemory(memory, layout.end);
    const view = new Int32Array(memory.buffer, ptr, n);
    for (let i = 0; i < n; i++) view[i] = i;
    return { view, ptr, n, inc: exportedFn(exports, 'inc'), incAll: exportedFn(exports, 'incAll') };
  },
  run(ctx) {
    const { view, ptr, n, inc, incAll } = ctx.state;
    if (ctx.params.mode === 'per-call') {
      for (let i = 0; i < n; i++) view[i] = inc(view[i]);
      if (ctx.counting) ctx.count('crossings', n);
    } else {
      incAll(ptr, n);
      if (ctx.counting) ctx.count('crossings', 1);
    }
  },
  verify(ctx) {
    const { view, ptr, n, inc, incAll } = ctx.state;
    for (let i = 0; i < n; i++) view[i] = i;
    if (ctx.params.mode === 'per-call') for (let i = 0; i < n; i++) view[i] = inc(view[i]);
    else incAll(ptr, n);
    for (let i = 0; i < n; i++) {
      if (view[i] !== i + 1) throw new Error(`boundary/${ctx.params.mode}: view[${i}] = ${view[i]}, expected ${i + 1}`);
    }
  },
});

/** The largest module of all (by raw size): the one where compile blocking would show first. */
function largestModule(): PrebuiltModule {
  const all = [...prebuilt.kernels.flatMap((k) => k.variants), prebuilt.runtime];
  return all.reduce((a, b) => (b.sizeRaw > a.sizeRaw ? b : a));
}

const WORKER_SOURCE = `self.onmessage = async (e) => {
  try { self.postMessage({ id: e.data.id, module: await WebAssembly.compile(e.data.bytes) }); }
  catch (err) { self.postMessage({ id: e.data.id, error: String(err) }); }
};`;

interface ThreadState {
  bytes: Uint8Array<ArrayBuffer>;
  worker: Worker | null;
  url: string | null;
  pending: Map<number, (r: { module?: WebAssembly.Module; error?: string }) => void>;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function compileInWorker(state: ThreadState, bytes: Uint8Array<ArrayBuffer>, id: number): Promise<WebAssembly.Module> {
  const worker = state.worker as Worker;
  return new Promise((resolve, reject) => {
    state.pending.set(id, (r) => (r.module ? resolve(r.module) : reject(new Error(`worker compile: ${r.error}`))));
    worker.postMessage({ id, bytes }, [bytes.buffer]);
  });
}

/** Main-thread time covered by long tasks within [from, to], clipped to the window. */
function longTaskOverlap(entries: readonly PerformanceEntry[], from: number, to: number): number {
  let ms = 0;
  for (const e of entries) ms += Math.max(0, Math.min(e.startTime + e.duration, to) - Math.max(e.startTime, from));
  return ms;
}

/**
 * `compile-thread?mode=main-sync|main-async|worker`: time until a usable WebAssembly.Module is
 * on the main thread, and main-thread long-task time meanwhile (PerformanceObserver 'longtask').
 * The worker comes from a Blob URL (it inherits the page's cross-origin isolation) and is
 * created and warmed up in setup, so its start-up is not in the samples.
 */
const compileThread = bench({
  name: 'compile-thread',
  description: 'compile the largest module on the main thread (sync / async) or in a Web Worker',
  params: { mode: ['main-sync', 'main-async', 'worker'] },
  metrics: {
    longTaskMs: {
      unit: 'ms',
      direction: 'lower',
      kind: 'gauge',
      description: 'main-thread long-task time during the compile',
    },
  },
  async setup(ctx) {
    if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes.includes('longtask')) {
      throw new Error("compile-thread needs PerformanceObserver 'longtask' (Chromium)");
    }
    const state: ThreadState = {
      bytes: decodeBase64(largestModule().base64),
      worker: null,
      url: null,
      pending: new Map(),
    };
    if (ctx.params.mode === 'worker') {
      state.url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
      state.worker = new Worker(state.url);
      state.worker.onmessage = (e: MessageEvent<{ id: number; module?: WebAssembly.Module; error?: string }>) => {
        state.pending.get(e.data.id)?.(e.data);
        state.pending.delete(e.data.id);
      };
      await compileInWorker(state, withNonce(state.bytes, 0xffffffff), -1); // warm-up, not sampled
    }
    return state;
  },
  async measure(ctx, { minSamples, minTimeMs }) {
    const state = ctx.state;
    const entries: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    try {
      const start = performance.now();
      for (let s = 0; s < MAX_SAMPLES && (s < minSamples || performance.now() - start < minTimeMs); s++) {
        const bytes = withNonce(state.bytes, s);
        await nextTask(); // start each sample on a fresh task
        const t0 = performance.now();
        if (ctx.params.mode === 'main-sync') new WebAssembly.Module(bytes);
        else if (ctx.params.mode === 'main-async') await WebAssembly.compile(bytes);
        else await compileInWorker(state, bytes, s);
        const usable = performance.now();
        // Long-task entries are queued after their task ends: let it end, then collect.
        await nextTask();
        await nextTask();
        entries.push(...observer.takeRecords());
        ctx.report('time', usable - t0);
        ctx.report('longTaskMs', longTaskOverlap(entries, t0, performance.now()));
        entries.length = 0;
      }
    } finally {
      observer.disconnect();
    }
  },
  teardown(ctx) {
    ctx.state?.worker?.terminate();
    if (ctx.state?.url) URL.revokeObjectURL(ctx.state.url);
  },
});

/**
 * `runtime-bundle`: the module the runtime would ship (LIS hot path, Os). The timed op is one
 * LIS over n keyed moves; the counters are what a 50 KB bundle budget applies to.
 */
const runtimeBundle = bench({
  name: 'runtime-bundle',
  description: 'WASM the runtime ships (differ LIS hot path, Os): size for the <50 KB budget, and one LIS op',
  params: { n: [1_000] },
  metrics: {
    totalWasmBytes: {
      unit: 'bytes',
      direction: 'lower',
      kind: 'counter',
      description: 'raw bytes of all runtime WASM',
    },
    totalWasmGzipBytes: {
      unit: 'bytes',
      direction: 'lower',
      kind: 'counter',
      description: 'gzip (zlib level 9) bytes of all runtime WASM',
    },
  },
  counterOps: 1,
  async setup(ctx) {
    const workload = createWorkload('lis', ctx.params.n);
    workload.js.run();
    const mod = prebuilt.runtime;
    return {
      kernel: workload.bind(await instantiate(mod), mod.entry),
      expected: workload.js.result(),
      label: 'runtime-bundle',
    };
  },
  run(ctx) {
    ctx.state.kernel.run();
    if (ctx.counting) {
      ctx.count('totalWasmBytes', prebuilt.runtime.sizeRaw);
      ctx.count('totalWasmGzipBytes', prebuilt.runtime.sizeGzip);
    }
  },
  verify(ctx) {
    assertSameResult(ctx.state.label, ctx.state.expected, ctx.state.kernel.result());
  },
});

export default defineSuite({
  name: 'wasm',
  description:
    `binaryen ${prebuilt.binaryenVersion} kernels: O0/O3/Os and single optimizations vs JS, ` +
    'compile cost, call boundary, bundle size',
  benchmarks: [
    ...prebuilt.kernels.map(kernelBench),
    ...prebuilt.kernels.map((k) => compileBench(k, 'compile')),
    ...prebuilt.kernels.map((k) => compileBench(k, 'instantiate')),
    boundary,
    compileThread,
    runtimeBundle,
  ],
});
