/** Every WASM variant computes exactly what its plain JS equivalent computes. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as js from '../../src/wasm/js-kernels.js';
import { assertSameResult, createWorkload, exactF64, keyedMoves } from '../../src/wasm/workloads.js';
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

test('known answers, independent of the JS reference', async () => {
  assert.equal(js.fibRec(20), 6765);
  assert.equal(js.fibIter(40), 102334155);
  // fib(50) mod 2^32 as a signed i32: both sides wrap the same way.
  const fib50 = Number(BigInt.asIntN(32, 12586269025n));
  assert.equal(js.fibIter(50), fib50);
  assert.equal(((await instance('fib-iter', 'unroll')).fib as (n: number) => number)(50), fib50);
  assert.equal(((await instance('fib-rec', 'tailcall')).fib as (n: number) => number)(20), 6765);

  for (const variant of ['O0', 'O3', 'unroll']) {
    const w = createWorkload('sieve', 1_000_000);
    const bound = w.bind(await instance('sieve', variant), 'sieve');
    assert.equal(bound.run(), 78498, `sieve/${variant}`);
  }
  assert.equal(js.sieve(new Uint8Array(101), 100), 25);

  assert.equal(js.lis(Int32Array.from([3, 1, 2, -1, 5, 4]), 6, new Int32Array(6)), 3);
  assert.equal(js.lis(Int32Array.from([5, 4, 3, 2, 1]), 5, new Int32Array(5)), 1);
  assert.equal(js.lis(Int32Array.from([1, 1, 1]), 3, new Int32Array(3)), 1); // strictly increasing

  const c = new Float64Array(4);
  js.matmul(Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 6, 7, 8]), c, 2);
  assert.deepEqual([...c], [19, 22, 43, 50]);
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
