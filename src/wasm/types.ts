/**
 * Types of the WASM kernel registry. Browser-safe: no binaryen import here, so the suite bundle
 * (which only sees prebuilt bytes) can share them with the Node-side builders.
 */

export type KernelName = 'fib-rec' | 'fib-iter' | 'matmul' | 'sieve' | 'sum' | 'map' | 'dot' | 'lis' | 'flex';

/**
 * `O0`/`O3`/`Os` are whole pipelines; the other seven are the optimizations the Jepsh design names
 * (inlining, loop unrolling, SIMD, constant folding, tail calls, CSE, strength reduction), each
 * applied alone to the O0 code (see docs/wasm.md for the mapping to Binaryen passes or code generation).
 */
export type VariantName =
  'O0' | 'O3' | 'Os' | 'inlining' | 'unroll' | 'simd' | 'constfold' | 'tailcall' | 'cse' | 'strength';

export const VARIANT_NAMES: readonly VariantName[] = [
  'O0',
  'O3',
  'Os',
  'inlining',
  'unroll',
  'simd',
  'constfold',
  'tailcall',
  'cse',
  'strength',
];

/** Code-generation choices, as opposed to passes run on the emitted IR. */
export interface Codegen {
  /** Emit loop bodies x4 plus a remainder loop (Binaryen has no unrolling pass). */
  unroll: boolean;
  /** Emit f64x2 loops plus a scalar tail (Binaryen has no auto-vectorizer). */
  simd: boolean;
  /** Emit `return_call` for calls in tail position. */
  tailCall: boolean;
}

export interface KernelInfo {
  name: KernelName;
  description: string;
  /** Name of the exported function that runs the kernel. */
  entry: string;
  /** Variants that change this kernel's code; inapplicable ones are not listed (no duplicates). */
  variants: VariantName[];
}

export interface BuiltVariant {
  kernel: string;
  variant: string;
  binary: Uint8Array;
  /** Binaryen passes run, in order; a pipeline is written as its wasm-opt flag (`-O3`, `-Os`). */
  passes: string[];
  /** Post-MVP features enabled on the module (`simd128`, `tail-call`); empty for MVP. */
  features: string[];
  sizeRaw: number;
  /** Global Binaryen levels the passes ran with (they change pass behaviour, e.g. inlining). */
  optimizeLevel: number;
  shrinkLevel: number;
  codegen: Codegen;
}

/** One prebuilt module as serialised into the `jepsh:wasm-kernels` virtual module. */
export interface PrebuiltModule {
  kernel: string;
  variant: string;
  entry: string;
  base64: string;
  passes: string[];
  features: string[];
  sizeRaw: number;
  /** gzip size computed in Node at bundle time (see `PrebuiltWasm.gzip`). */
  sizeGzip: number;
  optimizeLevel: number;
  shrinkLevel: number;
}

export interface PrebuiltKernel {
  name: KernelName;
  description: string;
  entry: string;
  variants: PrebuiltModule[];
}

/** Default export of the virtual module `jepsh:wasm-kernels`. */
export interface PrebuiltWasm {
  format: 1;
  binaryenVersion: string;
  /** How `sizeGzip` was computed. */
  gzip: 'node-zlib-gzipSync-level-9';
  kernels: PrebuiltKernel[];
  /** What the Jepsh runtime itself would ship (LIS hot path), for the 50 KB budget. */
  runtime: PrebuiltModule;
  /** Trivial exports used to measure the JS<->WASM call boundary. */
  boundary: PrebuiltModule;
}
