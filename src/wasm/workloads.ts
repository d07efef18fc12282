/**
 * Deterministic inputs for every kernel and one way to run them, shared by the suite and the
 * tests so that what is verified is exactly what is timed. Browser-safe (no binaryen).
 */
import * as js from './js-kernels.js';
import { ensureMemory, exportedFn, exportedMemory, Layout } from './host.js';
import type { KernelName } from './types.js';
import { mulberry32 as prng } from '../suite/prng.js';
import { FlexLine } from '../runtime/layout/flex.js';

/** What one operation produced: a scalar, and for map/matmul/flex the output array. */
export interface KernelResult {
  value: number;
  output: Float64Array | null;
}

export interface BoundKernel {
  /** One operation. */
  run(): number;
  /** Result of the last `run` (output copied out of linear memory). */
  result(): KernelResult;
}

export interface Workload {
  kernel: KernelName;
  size: number;
  /** The JS reference as a bound kernel. */
  js: BoundKernel;
  /** Lays the inputs out in the instance's memory (growing it) and binds the entry export. */
  bind(exports: WebAssembly.Exports, entry: string): BoundKernel;
}

/**
 * Multiples of 1/4 in [-8, 8): every sum and product the kernels form stays exact in f64, so
 * SIMD and unrolled orders of addition give bit-identical results to the JS loop.
 */
export function exactF64(n: number, seed: number): Float64Array {
  const r = prng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (Math.floor(r() * 64) - 32) / 4;
  return out;
}

/** Old positions of a keyed list after some moves; -1 marks inserted nodes (skipped by LIS). */
export function keyedMoves(n: number, seed: number): Int32Array {
  const r = prng(seed);
  const seq = new Int32Array(n);
  for (let i = 0; i < n; i++) seq[i] = i;
  for (let s = 0; s < Math.max(1, n >> 4); s++) {
    const x = Math.floor(r() * n);
    const y = Math.floor(r() * n);
    const t = seq[x];
    seq[x] = seq[y];
    seq[y] = t;
  }
  for (let i = 0; i < n; i++) if (r() < 0.05) seq[i] = -1;
  return seq;
}

/** One flex line's inputs: the arrays of a `FlexLine` plus the container's main size and gaps. */
export interface FlexInput {
  line: FlexLine;
  n: number;
  innerMain: number;
  gaps: number;
}

/**
 * An overflowing row of n items, as a toolbar or tab strip squeezed to 70% of its natural width:
 * bases 0-119.5 px, paddings 0/8/16, a few inflexible items (shrink 0), and about 1 in 20 with
 * shrink 20, whose share of the shrinkage exceeds their size, so they clamp to 0 and the
 * resolution loop runs more than once (the expensive path of §9.7).
 */
export function flexRow(n: number, seed: number): FlexInput {
  const r = prng(seed);
  const line = new FlexLine();
  line.reserve(n);
  const gap = 4;
  let natural = gap * Math.max(0, n - 1);
  for (let i = 0; i < n; i++) {
    line.base[i] = Math.floor(r() * 240) / 2;
    line.padding[i] = 8 * Math.floor(r() * 3);
    line.grow[i] = Math.floor(r() * 3);
    const s = r();
    line.shrink[i] = s < 0.1 ? 0 : s < 0.95 ? 1 + Math.floor(r() * 3) : 20;
    natural += line.base[i] + line.padding[i];
  }
  return { line, n, innerMain: Math.round(natural * 0.7), gaps: gap * Math.max(0, n - 1) };
}

function bound(run: () => number, output?: () => Float64Array): BoundKernel {
  let last = NaN;
  return {
    run: () => (last = run()),
    result: () => ({ value: last, output: output ? output().slice() : null }),
  };
}

export function createWorkload(kernel: KernelName, size: number): Workload {
  switch (kernel) {
    case 'fib-rec':
    case 'fib-iter': {
      const ref = kernel === 'fib-rec' ? js.fibRec : js.fibIter;
      return {
        kernel,
        size,
        js: bound(() => ref(size)),
        bind: (exports, entry) => {
          const f = exportedFn(exports, entry);
          return bound(() => f(size));
        },
      };
    }
    case 'matmul': {
      const n = size;
      const a = exactF64(n * n, 1);
      const b = exactF64(n * n, 2);
      const c = new Float64Array(n * n);
      return {
        kernel,
        size,
        js: bound(
          () => (js.matmul(a, b, c, n), 0),
          () => c,
        ),
        bind: (exports, entry) => {
          const f = exportedFn(exports, entry);
          const mem = exportedMemory(exports);
          const l = new Layout();
          const [pa, pb, pc] = [l.alloc(a.byteLength), l.alloc(b.byteLength), l.alloc(c.byteLength)];
          ensureMemory(mem, l.end);
          new Float64Array(mem.buffer, pa, n * n).set(a);
          new Float64Array(mem.buffer, pb, n * n).set(b);
          return bound(
            () => (f(pa, pb, pc, n), 0),
            () => new Float64Array(mem.buffer, pc, n * n),
          );
        },
      };
    }
    case 'sieve': {
      const limit = size;
      const flags = new Uint8Array(limit + 1);
      return {
        kernel,
        size,
        js: bound(() => js.sieve(flags, limit)),
        bind: (exports, entry) => {
          const f = exportedFn(exports, entry);
          const mem = exportedMemory(exports);
          const l = new Layout();
          const p = l.alloc(limit + 1);
          ensureMemory(mem, l.end);
          return bound(() => f(p, limit));
        },
      };
    }
    case 'sum':
    case 'dot':
    case 'map': {
      const n = size;
      const a = exactF64(n, 3);
      const b = exactF64(n, 4);
      const out = new Float64Array(n);
      const ref =
        kernel === 'sum' ? () => js.sum(a, n) : kernel === 'dot' ? () => js.dot(a, b, n) : () => (js.map(a, out, n), 0);
      return {
        kernel,
        size,
        js: bound(ref, kernel === 'map' ? () => out : undefined),
        bind: (exports, entry) => {
          const f = exportedFn(exports, entry);
          const mem = exportedMemory(exports);
          const l = new Layout();
          const [pa, pb] = [l.alloc(a.byteLength), l.alloc(b.byteLength)];
          ensureMemory(mem, l.end);
          new Float64Array(mem.buffer, pa, n).set(a);
          new Float64Array(mem.buffer, pb, n).set(b);
          // map writes into the second array; sum ignores it.
          if (kernel === 'map')
            return bound(
              () => (f(pa, pb, n), 0),
              () => new Float64Array(mem.buffer, pb, n),
            );
          return bound(kernel === 'sum' ? () => f(pa, n) : () => f(pa, pb, n));
        },
      };
    }
    case 'lis': {
      const n = size;
      const seq = keyedMoves(n, 5);
      const tails = new Int32Array(n);
      return {
        kernel,
        size,
        js: bound(() => js.lis(seq, n, tails)),
        bind: (exports, entry) => {
          const f = exportedFn(exports, entry);
          const mem = exportedMemory(exports);
          const l = new Layout();
          const [ps, pt] = [l.alloc(seq.byteLength), l.alloc(tails.byteLength)];
          ensureMemory(mem, l.end);
          new Int32Array(mem.buffer, ps, n).set(seq);
          return bound(() => f(ps, n, pt));
        },
      };
    }
    case 'flex': {
      const { line, n, innerMain, gaps } = flexRow(size, 6);
      return {
        kernel,
        size,
        js: bound(
          () => (js.flex(line, n, innerMain, gaps), 0),
          () => line.target.subarray(0, n),
        ),
        bind: (exports, entry) => {
          const f = exportedFn(exports, entry);
          const mem = exportedMemory(exports);
          const l = new Layout();
          const inputs = [line.base, line.padding, line.grow, line.shrink];
          const ptrs = inputs.map(() => l.alloc(n * 8));
          const pt = l.alloc(n * 8);
          const pf = l.alloc(n);
          ensureMemory(mem, l.end);
          inputs.forEach((a, k) => new Float64Array(mem.buffer, ptrs[k], n).set(a.subarray(0, n)));
          return bound(
            () => (f(...ptrs, pt, pf, n, innerMain, gaps), 0),
            () => new Float64Array(mem.buffer, pt, n),
          );
        },
      };
    }
  }
}

/** Throws with the first difference when `actual` is not bit-identical to `expected`. */
export function assertSameResult(label: string, expected: KernelResult, actual: KernelResult): void {
  if (!Object.is(expected.value, actual.value)) {
    throw new Error(`${label}: result ${actual.value} differs from the JS reference ${expected.value}`);
  }
  if (expected.output === null && actual.output === null) return;
  if (!expected.output || !actual.output || expected.output.length !== actual.output.length) {
    throw new Error(`${label}: output shape differs from the JS reference`);
  }
  for (let i = 0; i < expected.output.length; i++) {
    if (!Object.is(expected.output[i], actual.output[i])) {
      throw new Error(
        `${label}: output[${i}] = ${actual.output[i]} differs from the JS reference ${expected.output[i]}`,
      );
    }
  }
}
