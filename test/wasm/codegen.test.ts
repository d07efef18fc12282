/**
 * Each single-optimization variant does what its name claims, checked on the emitted code
 * (re-read with binaryen and printed), not just "the bytes changed".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { buildVariant } from '../../src/wasm/registry.js';

function wat(kernel: string, variant: string): string {
  const m = binaryen.readBinaryWithFeatures(buildVariant(kernel, variant).binary, binaryen.Features.All);
  const text = m.emitText();
  m.dispose();
  return text;
}

const count = (text: string, op: string) => text.split(`(${op}`).length - 1;

test('strength: multiplications by a power of two become shifts', () => {
  for (const k of ['matmul', 'sum', 'dot', 'map']) {
    const o0 = wat(k, 'O0');
    const sr = wat(k, 'strength');
    assert.ok(count(o0, 'i32.shl') === 0 && count(sr, 'i32.shl') > 0, `${k}: no shl after optimize-instructions`);
    assert.ok(count(sr, 'i32.mul') < count(o0, 'i32.mul'), k);
  }
  const lis = wat('lis', 'strength');
  assert.equal(count(lis, 'i32.div_u'), 0);
  assert.ok(count(lis, 'i32.shr_u') > 0);
  assert.ok(count(wat('lis', 'O0'), 'i32.div_u') > 0);
});

test('inlining: accessor and helper calls disappear', () => {
  for (const k of ['matmul', 'sieve', 'sum', 'map', 'dot', 'lis']) {
    assert.ok(count(wat(k, 'O0'), 'call ') > 0, k);
    assert.equal(count(wat(k, 'inlining'), 'call '), 0, `${k}: calls left after inlining`);
  }
});

test('cse: matmul computes the C index once for its load and store', () => {
  assert.ok(count(wat('matmul', 'cse'), 'i32.mul') < count(wat('matmul', 'O0'), 'i32.mul'));
});

test('constfold: map uses the SCALE/OFFSET constants directly', () => {
  const o0 = wat('map', 'O0');
  const cf = wat('map', 'constfold');
  assert.ok(count(cf, 'f64.const 2') > count(o0, 'f64.const 2'));
  assert.ok(count(cf, 'f64.const 1') > count(o0, 'f64.const 1'));
});

test('tailcall: only the tail-position recursive call becomes return_call', () => {
  assert.equal(count(wat('fib-rec', 'O0'), 'return_call'), 0);
  const tc = wat('fib-rec', 'tailcall');
  assert.equal(count(tc, 'return_call'), 1);
  assert.ok(count(tc, 'call ') >= 2); // the non-tail recursive call and the entry wrapper stay
});

test('simd: the f64 array kernels use f64x2 arithmetic', () => {
  for (const k of ['matmul', 'sum', 'map', 'dot']) {
    const s = wat(k, 'simd');
    assert.ok(count(s, 'f64x2.add') > 0 && count(s, 'v128.load') > 0, k);
    assert.equal(count(wat(k, 'O0'), 'f64x2'), 0);
  }
});

test('unroll: a main loop with four bodies plus a remainder loop', () => {
  for (const k of ['fib-iter', 'matmul', 'sieve', 'sum', 'map', 'dot']) {
    const o0 = wat(k, 'O0');
    const u = wat(k, 'unroll');
    assert.ok(count(u, 'loop') > count(o0, 'loop'), `${k}: no remainder loop`);
  }
  // sum: one f64.get per element; unrolled: 4 in the main loop + 1 in the remainder.
  assert.equal(count(wat('sum', 'O0'), 'call '), 1);
  assert.equal(count(wat('sum', 'unroll'), 'call '), 5);
});
