/** Every WASM variant computes exactly what its plain JS equivalent computes. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as js from '../../src/wasm/js-kernels.js';
import { assertSameResult, createWorkload, exactF64, keyedMoves } from '../../src/wasm/workloads.js';
import { ensureMemory, exportedFn, exportedMemory, Layout } from '../../src/wasm/host.js';
import type { KernelName, PrebuiltWasm } from '../../src/wasm/types.js';
import { bytes, prebuilt } from './helpers.js';

let all: PrebuiltWasm;
before(async () => {
  all = await prebuilt();
});

async function instance(kernel: string, variant: string): Promise<WebAssembly.Exports> {
  const k = all.kernels.find((x) => x.name === kernel)!;
  const mod = k.variants.find((v) => v.variant === variant)!;
  return (await WebAssembly.instantiate(bytes(mod))).instance.exports;
}

// Sizes that exercise remainder loops (not multiples of 2 or 4) and the degenerate cases.
const SIZES: Record<KernelName, number[]> = {
  'fib-rec': [0, 1, 2, 20],
  'fib-iter': [0, 1, 47, 1000],
  matmul: [1, 3, 7, 16],
  sieve: [1, 2, 30, 10_007],
  sum: [0, 1, 3, 1001],
  map: [0, 1, 3, 1001],
  dot: [0, 1, 3, 1001],
  lis: [0, 1, 7, 2000],
  flex: [0, 1, 7, 1000],
};

test('every kernel variant matches the JS reference, twice in a row (state is reset per op)', async () => {
  for (const k of all.kernels) {
    for (const { variant } of k.variants) {
      const exports = await instance(k.name, variant);
      for (const size of SIZES[k.name]) {
        const w = createWorkload(k.name, size);
        w.js.run();
        const expected = w.js.result();
        const bound = w.bind(exports, k.entry);
        for (let rep = 0; rep < 2; rep++) {
          bound.run();
          assertSameResult(`${k.name}/${variant} size ${size} rep ${rep}`, expected, bound.result());
        }
      }
    }
  }
});

test('known answers, independent of the JS reference (JS kernels)', async () => {
  assert.equal(js.fibRec(20), 6765);
  assert.equal(js.fibIter(40), 102334155);
  // fib(50) mod 2^32 as a signed i32: both sides wrap the same way.
  const fib50 = Number(BigInt.asIntN(32, 12586269025n));
  assert.equal(js.fibIter(50), fib50);
  assert.equal(js.sieve(new Uint8Array(101), 100), 25);

  assert.equal(js.lis(Int32Array.from([3, 1, 2, -1, 5, 4]), 6, new Int32Array(6)), 3);
  assert.equal(js.lis(Int32Array.from([5, 4, 3, 2, 1]), 5, new Int32Array(5)), 1);
  assert.equal(js.lis(Int32Array.from([1, 1, 1]), 3, new Int32Array(3)), 1); // strictly increasing

  const c = new Float64Array(4);
  js.matmul(Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 6, 7, 8]), c, 2);
  assert.deepEqual([...c], [19, 22, 43, 50]);
});

/** [F(n), F(n+1)] mod 2^32 by fast doubling: F(2k) = F(k)(2F(k+1) - F(k)), F(2k+1) = F(k)² + F(k+1)². */
function fibMod32(n: bigint): [bigint, bigint] {
  const M = 1n << 32n;
  if (n === 0n) return [0n, 1n];
  const [a, b] = fibMod32(n >> 1n);
  const even = (a * ((2n * b - a + M) % M)) % M;
  const odd = (a * a + b * b) % M;
  return n & 1n ? [odd, (even + odd) % M] : [even, odd];
}
const fibI32 = (n: number) => Number(BigInt.asIntN(32, fibMod32(BigInt(n))[0]));

/**
 * Every input the workloads make is a multiple of 1/4 (see exactF64), so x·4 is an integer: sums in
 * BigInt are exact.
 */
const quarters = (xs: Float64Array) => Array.from(xs, (x) => BigInt(x * 4));

/**
 * Known answers at the sizes the suite runs (suites/wasm.ts), each derived without the kernels:
 * - fib-rec(25) = 75025 (no wrap below 2^31); fib-iter(47) = 2971215073 - 2^32 = -1323752223 (first
 *   to wrap); fib-iter(10^6) from fast doubling mod 2^32, read as i32;
 * - sieve: pi(10^6) = 78498 primes <= 10^6;
 * - matmul: sum of all entries of A·B = Σ_k (column k of A summed)·(row k of B summed), exact in
 *   integers of 1/16; every entry also against a plain i-j-k dot product (exact, so order-free);
 * - sum / dot: Σ 4a / 4 and Σ (4a)(4b) / 16 in BigInt; map: every dst[i] = 2·src[i] + 1;
 * - lis: the O(n²) dynamic programme L[i] = 1 + max{L[j] : j < i, 0 <= seq[j] < seq[i]};
 * - flex: none here (its answers are not closed-form); test/wasm/flex.test.ts has hand-computed
 *   lines and the invariants of the suite workload.
 */
interface Known {
  size: number;
  value: number;
  output?: Float64Array;
}

function knownMatmul(n: number): Known {
  const a = exactF64(n * n, 1);
  const b = exactF64(n * n, 2);
  let checksum = 0n;
  const qa = quarters(a);
  const qb = quarters(b);
  for (let k = 0; k < n; k++) {
    let col = 0n;
    let row = 0n;
    for (let i = 0; i < n; i++) col += qa[i * n + k]!;
    for (let j = 0; j < n; j++) row += qb[k * n + j]!;
    checksum += col * row;
  }
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k]! * b[k * n + j]!;
      c[i * n + j] = s;
    }
  }
  const total = c.reduce((s, x) => s + x, 0);
  assert.equal(total, Number(checksum) / 16, `matmul ${n}: the closed-form checksum and the plain product agree`);
  return { size: n, value: 0, output: c };
}

function knownLis(n: number): Known {
  const seq = keyedMoves(n, 5);
  const len = new Int32Array(n);
  let best = 0;
  for (let i = 0; i < n; i++) {
    if (seq[i]! < 0) continue;
    let l = 1;
    for (let j = 0; j < i; j++) if (seq[j]! >= 0 && seq[j]! < seq[i]! && len[j]! + 1 > l) l = len[j]! + 1;
    len[i] = l;
    if (l > best) best = l;
  }
  return { size: n, value: best };
}

function knownAnswers(): Record<KernelName, Known[]> {
  const n = 100_000;
  const qa = quarters(exactF64(n, 3));
  const qb = quarters(exactF64(n, 4));
  const src = exactF64(n, 3);
  return {
    'fib-rec': [
      { size: 20, value: 6765 },
      { size: 25, value: 75025 },
    ],
    'fib-iter': [
      { size: 40, value: 102334155 },
      { size: 47, value: 2971215073 - 2 ** 32 },
      { size: 1_000_000, value: fibI32(1_000_000) },
    ],
    matmul: [knownMatmul(64), knownMatmul(128)],
    sieve: [
      { size: 100, value: 25 },
      { size: 1_000_000, value: 78498 },
    ],
    sum: [{ size: n, value: Number(qa.reduce((s, x) => s + x, 0n)) / 4 }],
    dot: [{ size: n, value: Number(qa.reduce((s, x, i) => s + x * qb[i]!, 0n)) / 16 }],
    map: [{ size: n, value: 0, output: src.map((x) => 2 * x + 1) }],
    lis: [knownLis(2000), knownLis(10_000)],
    flex: [],
  };
}

test('known answers at the suite sizes, for every variant of every kernel', async () => {
  const known = knownAnswers();
  // The derived values, pinned: a change of the input generators or of the sizes shows here.
  assert.equal(fibI32(1_000_000), 1884755131);
  assert.equal(
    known.matmul[0]!.output!.reduce((s, x) => s + x, 0),
    281678 / 16,
  );
  assert.equal(
    known.matmul[1]!.output!.reduce((s, x) => s + x, 0),
    1263917 / 16,
  );
  assert.equal(known.sum[0]!.value, -11108);
  assert.equal(known.dot[0]!.value, 20371 / 16);
  assert.equal(
    known.map[0]!.output!.reduce((s, x) => s + x, 0),
    2 * -11108 + 100_000,
  );
  assert.equal(known.lis[1]!.value, 8366);

  let checked = 0;
  for (const k of all.kernels) {
    for (const { variant } of k.variants) {
      for (const { size, value, output } of known[k.name]) {
        const label = `${k.name}/${variant} size ${size}`;
        const bound = createWorkload(k.name, size).bind(await instance(k.name, variant), k.entry);
        assert.equal(bound.run(), value, label);
        if (output !== undefined) {
          const got = bound.result().output!;
          assert.equal(got.length, output.length, label);
          for (let i = 0; i < output.length; i++)
            if (got[i] !== output[i]) assert.fail(`${label}: output[${i}] = ${got[i]}, expected ${output[i]}`);
        }
      }
      checked++;
    }
  }
  // 4 + 4 + 8 + 6 + 7 + 8 + 7 + 5 + 5 variants (listKernels(), see registry.test.ts).
  assert.equal(checked, 54);
});

/** Lays out `arrays` in a fresh instance's memory; returns their addresses and views. */
function layout(exports: WebAssembly.Exports, arrays: (Float64Array | Int32Array | Uint8Array)[]) {
  const mem = exportedMemory(exports);
  const l = new Layout();
  const ptrs = arrays.map((a) => l.alloc(Math.max(16, a.byteLength)));
  ensureMemory(mem, l.end);
  arrays.forEach((a, i) =>
    new Uint8Array(mem.buffer, ptrs[i], a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)),
  );
  const f64 = (i: number, n: number) => Array.from(new Float64Array(mem.buffer, ptrs[i], n));
  return { ptrs, f64 };
}

test('hand-made inputs give the hand-computed answers on every variant', async () => {
  const F = (xs: number[]) => Float64Array.from(xs);
  const I = (xs: number[]) => Int32Array.from(xs);
  let checked = 0;
  for (const k of all.kernels) {
    for (const { variant } of k.variants) {
      const label = `${k.name}/${variant}`;
      const ex = async () => instance(k.name, variant);
      const fn = (e: WebAssembly.Exports) => exportedFn(e, k.entry);
      switch (k.name) {
        case 'fib-rec':
        case 'fib-iter': {
          const f = fn(await ex());
          // 0, 1, 1, 2, 3, 5, 8, 13
          assert.deepEqual(
            [0, 1, 2, 3, 4, 5, 6, 7].map((n) => f(n)),
            [0, 1, 1, 2, 3, 5, 8, 13],
            label,
          );
          break;
        }
        case 'sieve': {
          // primes <= 1: none; <= 2: {2}; <= 10: {2,3,5,7}; <= 30: also 11,13,17,19,23,29.
          for (const [limit, count] of [
            [1, 0],
            [2, 1],
            [10, 4],
            [30, 10],
          ] as const) {
            const e = await ex();
            const { ptrs } = layout(e, [new Uint8Array(limit + 1)]);
            assert.equal(fn(e)(ptrs[0]!, limit), count, `${label} limit ${limit}`);
          }
          break;
        }
        case 'sum': {
          // 5 and 7 elements leave remainders after 2- and 4-wide loops: 1+2+3+4+5 = 15;
          // 0.25 - 0.5 + 1.5 - 2 + 8 - 7.75 + 0.5 = 0 (+0 in any order: no partial sum is -0).
          for (const [xs, want] of [
            [[1, 2, 3, 4, 5], 15],
            [[0.25, -0.5, 1.5, -2, 8, -7.75, 0.5], 0],
          ] as const) {
            const e = await ex();
            const { ptrs } = layout(e, [F([...xs])]);
            assert.equal(fn(e)(ptrs[0]!, xs.length), want, `${label} ${xs}`);
          }
          break;
        }
        case 'dot': {
          // 1·5 + 2·4 + 3·3 + 4·2 + 5·1 = 5 + 8 + 9 + 8 + 5 = 35
          const e = await ex();
          const { ptrs } = layout(e, [F([1, 2, 3, 4, 5]), F([5, 4, 3, 2, 1])]);
          assert.equal(fn(e)(ptrs[0]!, ptrs[1]!, 5), 35, label);
          break;
        }
        case 'map': {
          // dst = 2·src + 1 into the second array: 1->3, 2->5, -0.5->0, 7->15, -3->-5
          const e = await ex();
          const { ptrs, f64 } = layout(e, [F([1, 2, -0.5, 7, -3]), new Float64Array(5)]);
          fn(e)(ptrs[0]!, ptrs[1]!, 5);
          assert.deepEqual(f64(1, 5), [3, 5, 0, 15, -5], label);
          break;
        }
        case 'matmul': {
          // [[1,2],[3,4]]·[[5,6],[7,8]] = [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]] = [[19,22],[43,50]]
          {
            const e = await ex();
            const { ptrs, f64 } = layout(e, [F([1, 2, 3, 4]), F([5, 6, 7, 8]), new Float64Array(4)]);
            fn(e)(ptrs[0]!, ptrs[1]!, ptrs[2]!, 2);
            assert.deepEqual(f64(2, 4), [19, 22, 43, 50], `${label} 2x2`);
          }
          // 3x3: I·M = M (odd size: remainder of the unrolled and SIMD inner loops)
          {
            const m = [1, -2, 3, 0.5, 4, -6, 7, 8, 9.25];
            const e = await ex();
            const { ptrs, f64 } = layout(e, [F([1, 0, 0, 0, 1, 0, 0, 0, 1]), F(m), new Float64Array(9)]);
            fn(e)(ptrs[0]!, ptrs[1]!, ptrs[2]!, 3);
            assert.deepEqual(f64(2, 9), m, `${label} 3x3 identity`);
          }
          break;
        }
        case 'lis': {
          // [3,1,2,-1,5,4]: 1,2,5 (or 1,2,4), -1 skipped -> 3; decreasing -> 1; equal -> 1 (strict);
          // [0,-1,1,-1,2,-1] -> 0,1,2 = 3; all inserted -> 0.
          for (const [xs, want] of [
            [[3, 1, 2, -1, 5, 4], 3],
            [[5, 4, 3, 2, 1], 1],
            [[1, 1, 1], 1],
            [[0, -1, 1, -1, 2, -1], 3],
            [[-1, -1], 0],
          ] as const) {
            const e = await ex();
            const { ptrs } = layout(e, [I([...xs]), new Int32Array(xs.length)]);
            assert.equal(fn(e)(ptrs[0]!, xs.length, ptrs[1]!), want, `${label} ${xs}`);
          }
          break;
        }
        case 'flex': {
          // Two items grow 1:3 into 200 px of free space: 50 + 50, 50 + 150 (more in flex.test.ts).
          const e = await ex();
          const { ptrs, f64 } = layout(e, [F([50, 50]), F([0, 0]), F([1, 3]), F([1, 1]), F([0, 0]), new Uint8Array(2)]);
          fn(e)(...ptrs, 2, 300, 0);
          assert.deepEqual(f64(4, 2), [100, 200], label);
          break;
        }
      }
      checked++;
    }
  }
  assert.equal(checked, 54);
});

test('workload data is exact in f64, so every summation order agrees bit for bit', () => {
  const a = exactF64(4096, 9);
  for (const x of a) {
    assert.equal(x * 4, Math.trunc(x * 4));
    assert.ok(x >= -8 && x < 8);
  }
  const forward = js.sum(a, a.length);
  let backward = 0;
  for (let i = a.length - 1; i >= 0; i--) backward += a[i];
  assert.equal(forward, backward);
  const seq = keyedMoves(1000, 5);
  assert.ok(seq.some((x) => x < 0) && seq.some((x) => x >= 0));
});

test('assertSameResult rejects a different scalar, a different element, and -0 vs 0', () => {
  const out = Float64Array.from([1, 2, 3]);
  assert.doesNotThrow(() => assertSameResult('x', { value: 1, output: out }, { value: 1, output: out.slice() }));
  assert.throws(() => assertSameResult('x', { value: 1, output: null }, { value: 2, output: null }), /differs/);
  const bad = out.slice();
  bad[2] = 3.0000001;
  assert.throws(() => assertSameResult('x', { value: 0, output: out }, { value: 0, output: bad }), /output\[2\]/);
  assert.throws(() => assertSameResult('x', { value: 0, output: null }, { value: -0, output: null }));
  assert.throws(() => assertSameResult('x', { value: 0, output: out }, { value: 0, output: null }), /shape/);
});

test('a wrong kernel is caught: map bound to the wrong output is detected', async () => {
  const w = createWorkload('map', 33);
  w.js.run();
  const bound = w.bind(await instance('map', 'O3'), 'map');
  bound.run();
  const res = bound.result();
  res.output![5] += 1;
  assert.throws(() => assertSameResult('map', w.js.result(), res), /output\[5\]/);
});
