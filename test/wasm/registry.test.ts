import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildVariant, listKernels, runtimeModule, boundaryModule } from '../../src/wasm/registry.js';
import { VARIANT_NAMES } from '../../src/wasm/types.js';
import { VARIANTS } from '../../src/wasm/variants.js';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

test('every kernel has the pipeline variants and only known variant names', () => {
  const kernels = listKernels();
  assert.deepEqual(
    kernels.map((k) => k.name),
    ['fib-rec', 'fib-iter', 'matmul', 'sieve', 'sum', 'map', 'dot', 'lis'],
  );
  for (const k of kernels) {
    assert.deepEqual(k.variants.slice(0, 3), ['O0', 'O3', 'Os'], k.name);
    for (const v of k.variants) assert.ok(VARIANT_NAMES.includes(v), `${k.name}: ${v}`);
    assert.equal(new Set(k.variants).size, k.variants.length, `${k.name}: duplicate variant names`);
  }
});

test('each of the seven optimizations is a variant of at least one kernel', () => {
  const used = new Set(listKernels().flatMap((k) => k.variants));
  for (const v of VARIANT_NAMES) assert.ok(used.has(v), v);
  assert.equal(Object.values(VARIANTS).filter((d) => d.optimization !== null).length, 7);
});

test('builds are valid, deterministic, and single optimizations never duplicate O0 or each other', () => {
  for (const k of listKernels()) {
    const built = new Map(k.variants.map((v) => [v, buildVariant(k.name, v)] as const));
    for (const [v, b] of built) {
      assert.ok(WebAssembly.validate(b.binary), `${k.name}/${v} does not validate`);
      assert.equal(b.sizeRaw, b.binary.byteLength);
      assert.ok(same(b.binary, buildVariant(k.name, v).binary), `${k.name}/${v} is not deterministic`);
      assert.deepEqual(b.passes, VARIANTS[v].passes);
    }
    const o0 = built.get('O0')!.binary;
    const singles = k.variants.filter((v) => VARIANTS[v].optimization !== null);
    for (const v of singles) assert.ok(!same(built.get(v)!.binary, o0), `${k.name}/${v} is identical to O0`);
    for (let i = 0; i < singles.length; i++) {
      for (let j = i + 1; j < singles.length; j++) {
        assert.ok(!same(built.get(singles[i])!.binary, built.get(singles[j])!.binary), `${k.name}: ${singles[i]} == ${singles[j]}`);
      }
    }
  }
});

test('features follow the code-generation choice', () => {
  assert.deepEqual(buildVariant('matmul', 'simd').features, ['simd128']);
  assert.deepEqual(buildVariant('fib-rec', 'tailcall').features, ['tail-call']);
  assert.deepEqual(buildVariant('matmul', 'O3').features, []);
  // An MVP build must not validate SIMD or tail calls in by accident: the flags are per variant.
  assert.deepEqual(buildVariant('sum', 'unroll').features, []);
});

test('inapplicable or unknown variants are refused, not silently built', () => {
  assert.throws(() => buildVariant('fib-rec', 'simd'), /does not apply/);
  assert.throws(() => buildVariant('lis', 'tailcall'), /does not apply/);
  assert.throws(() => buildVariant('nope', 'O0'), /unknown wasm kernel/);
});

test('binaryen global levels are restored after a build', async () => {
  const { default: binaryen } = await import('binaryen');
  binaryen.setOptimizeLevel(1);
  binaryen.setShrinkLevel(2);
  buildVariant('lis', 'O3');
  assert.equal(binaryen.getOptimizeLevel(), 1);
  assert.equal(binaryen.getShrinkLevel(), 2);
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(1);
});

test('runtime module is the LIS hot path at Os and fits the 50 KB budget', () => {
  const rt = runtimeModule();
  assert.equal(rt.kernel, 'runtime');
  assert.deepEqual(rt.passes, ['-Os']);
  assert.ok(same(rt.binary, buildVariant('lis', 'Os').binary));
  assert.ok(rt.sizeRaw < 50 * 1024, `runtime module is ${rt.sizeRaw} bytes`);
  assert.deepEqual(runtimeModule('O3').passes, ['-O3']);
});

test('boundary module exports inc and incAll', async () => {
  const b = boundaryModule();
  const { instance } = await WebAssembly.instantiate(b.binary);
  const inc = instance.exports.inc as (x: number) => number;
  assert.equal(inc(41), 42);
  assert.equal(inc(0x7fffffff), -0x80000000); // i32 wrap-around
});
