/**
 * Each single-optimization variant does what its name claims, checked on the text of the
 * emitted bytes (re-read by binaryen), not only "the bytes changed".
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runIsolated } from '../../src/wasm/isolated.js';
import { INSPECT } from './helpers.js';

let text: Record<string, string>;
before(async () => {
  text = await runIsolated<Record<string, string>>(INSPECT, 'printAll');
});

const wat = (kernel: string, variant: string): string => {
  const t = text[`${kernel}/${variant}`];
  assert.ok(t, `no module ${kernel}/${variant}`);
  return t;
};
const count = (t: string, op: string) => t.split(`(${op}`).length - 1;

test('strength: multiplications by a power of two become shifts, division by 2 a shift', () => {
  for (const k of ['matmul', 'sum', 'dot', 'map', 'flex']) {
    const o0 = wat(k, 'O0');
    const sr = wat(k, 'strength');
    assert.equal(count(o0, 'i32.shl'), 0, k);
    assert.ok(count(sr, 'i32.shl') > 0, `${k}: no shl after optimize-instructions`);
    assert.ok(count(sr, 'i32.mul') < count(o0, 'i32.mul'), k);
  }
  assert.ok(count(wat('lis', 'O0'), 'i32.div_u') > 0);
  assert.equal(count(wat('lis', 'strength'), 'i32.div_u'), 0);
  assert.ok(count(wat('lis', 'strength'), 'i32.shr_u') > 0);
});

test('inlining: accessor and helper calls disappear', () => {
  for (const k of ['matmul', 'sieve', 'sum', 'map', 'dot', 'lis', 'flex']) {
    assert.ok(count(wat(k, 'O0'), 'call ') > 0, k);
    assert.equal(count(wat(k, 'inlining'), 'call '), 0, `${k}: calls left after inlining`);
  }
});

test('Os keeps multi-caller accessors as calls where O3 inlines them (size vs speed)', () => {
  assert.equal(count(wat('matmul', 'O3'), 'call '), 0);
  assert.ok(count(wat('matmul', 'Os'), 'call ') > 0);
});

test('cse: matmul computes the C index once for its load and store', () => {
  assert.ok(count(wat('matmul', 'cse'), 'i32.mul') < count(wat('matmul', 'O0'), 'i32.mul'));
});

test('constfold: map multiplies and adds by constants instead of locals', () => {
  const o0 = wat('map', 'O0');
  const cf = wat('map', 'constfold');
  assert.ok(count(cf, 'f64.const 2') > count(o0, 'f64.const 2'));
  assert.ok(count(cf, 'f64.const 1') > count(o0, 'f64.const 1'));
});

test('tailcall: only the tail-position recursive call becomes return_call', () => {
  assert.equal(count(wat('fib-rec', 'O0'), 'return_call'), 0);
  const tc = wat('fib-rec', 'tailcall');
  assert.equal(count(tc, 'return_call'), 1);
  assert.equal(count(tc, 'call '), 2); // the non-tail recursive call and the entry wrapper
});

test('simd: the f64 array kernels use f64x2 arithmetic on v128 loads', () => {
  for (const k of ['matmul', 'sum', 'map', 'dot']) {
    const s = wat(k, 'simd');
    assert.ok(count(s, 'f64x2.') > 0 && count(s, 'v128.load') > 0, k);
    assert.equal(count(wat(k, 'O0'), 'f64x2'), 0, k);
  }
});

test('unroll: a main loop with four bodies plus a remainder loop', () => {
  // [loops in O0, loops unrolled]: every unrolled loop gains a remainder loop; matmul's i and k
  // loops and the sieve's outer loop are not unrolled.
  const loops: Record<string, [number, number]> = {
    'fib-iter': [1, 2],
    matmul: [4, 6],
    sieve: [3, 5],
    sum: [1, 2],
    map: [1, 2],
    dot: [1, 2],
  };
  for (const [k, [o0, unrolled]] of Object.entries(loops)) {
    assert.equal(count(wat(k, 'O0'), 'loop'), o0, k);
    assert.equal(count(wat(k, 'unroll'), 'loop'), unrolled, k);
  }
  // sum: one f64 load call per element; unrolled: 4 in the main loop + 1 in the remainder.
  assert.equal(count(wat('sum', 'O0'), 'call '), 1);
  assert.equal(count(wat('sum', 'unroll'), 'call '), 5);
});
