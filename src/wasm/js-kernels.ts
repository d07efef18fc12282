/**
 * Plain JavaScript equivalents of the WASM kernels: the `js` variant of every benchmark and the
 * reference the WASM outputs are checked against. Written as idiomatic JS (the baseline should
 * be what a JS author would write), taking preallocated buffers so no op allocates.
 */

/**
 * The flex kernel's twin is the layout module's own function (a `FlexLine` of preallocated
 * arrays): the WASM kernel is checked against the code the runtime runs, not against a copy.
 */
export { resolveFlexibleLengths as flex } from '../runtime/layout/flex.js';

/** i32 wrap-around like the WASM kernel. */
export function fibRec(n: number): number {
  return n < 2 ? n : (fibRec(n - 1) + fibRec(n - 2)) | 0;
}

export function fibIter(n: number): number {
  let a = 0;
  let b = 1;
  for (let i = 0; i < n; i++) {
    const t = (a + b) | 0;
    a = b;
    b = t;
  }
  return a;
}

/** c = a x b, n x n row-major, i-k-j order (same summation order as the WASM kernel). */
export function matmul(a: Float64Array, b: Float64Array, c: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) c[row + j] = 0;
    for (let k = 0; k < n; k++) {
      const aik = a[row + k];
      const bRow = k * n;
      for (let j = 0; j < n; j++) c[row + j] += aik * b[bRow + j];
    }
  }
}

/** Number of primes <= limit; `flags` needs limit + 1 bytes. */
export function sieve(flags: Uint8Array, limit: number): number {
  flags.fill(0, 0, limit + 1);
  let count = 0;
  for (let i = 2; i <= limit; i++) {
    if (flags[i] === 0) {
      count++;
      for (let j = i * i; j <= limit; j += i) flags[j] = 1;
    }
  }
  return count;
}

export function sum(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  return s;
}

export function map(src: Float64Array, dst: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = src[i] * 2 + 1;
}

export function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

/**
 * Length of the longest strictly increasing subsequence of `seq[0..n)`, skipping negative
 * entries (new nodes in a keyed diff); `tails` needs room for n values.
 */
export function lis(seq: Int32Array, n: number, tails: Int32Array): number {
  let len = 0;
  for (let i = 0; i < n; i++) {
    const x = seq[i];
    if (x < 0) continue;
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (tails[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
    if (lo === len) len++;
  }
  return len;
}
