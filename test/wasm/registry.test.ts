import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { buildAllIsolated } from '../../src/wasm/isolated.js';
import {
  VARIANT_NAMES,
  type BuiltVariant,
  type KernelInfo,
  type PrebuiltWasm,
  type VariantName,
} from '../../src/wasm/types.js';
import { VARIANTS } from '../../src/wasm/variants.js';
import { bytes, callRegistry, prebuilt, sameBytes } from './helpers.js';

let all: PrebuiltWasm;
before(async () => {
  all = await prebuilt();
});

test('every kernel has the pipeline variants and only known variant names', async () => {
  const kernels = await callRegistry<KernelInfo[]>('listKernels');
  assert.deepEqual(
    kernels.map((k) => k.name),
    ['fib-rec', 'fib-iter', 'matmul', 'sieve', 'sum', 'map', 'dot', 'lis', 'flex'],
  );
  for (const k of kernels) {
    assert.deepEqual(k.variants.slice(0, 3), ['O0', 'O3', 'Os'], k.name);
    for (const v of k.variants) assert.ok(VARIANT_NAMES.includes(v), `${k.name}: ${v}`);
    assert.equal(new Set(k.variants).size, k.variants.length, `${k.name}: duplicate variant names`);
  }
  assert.deepEqual(
    all.kernels.map((k) => [k.name, k.variants.map((v) => v.variant)]),
    kernels.map((k) => [k.name, k.variants]),
  );
});

test('each of the seven optimizations is a variant of at least one kernel', () => {
  const used = new Set(all.kernels.flatMap((k) => k.variants.map((v) => v.variant)));
  for (const v of VARIANT_NAMES) assert.ok(used.has(v), v);
  assert.equal(Object.values(VARIANTS).filter((d) => d.optimization !== null).length, 7);
});

test('every module validates; metadata matches the bytes and the variant definition', () => {
  for (const k of all.kernels) {
    for (const m of k.variants) {
      const b = bytes(m);
      assert.ok(WebAssembly.validate(b), `${k.name}/${m.variant} does not validate`);
      assert.equal(m.sizeRaw, b.byteLength);
      // PrebuiltWasm.gzip documents the method: Node zlib gzipSync at level 9 over the module bytes.
      assert.equal(m.sizeGzip, gzipSync(b, { level: 9 }).byteLength, `${k.name}/${m.variant} sizeGzip`);
      const def = VARIANTS[m.variant as VariantName];
      assert.deepEqual(m.passes, def.passes);
      assert.equal(m.optimizeLevel, def.optimizeLevel);
      assert.equal(m.shrinkLevel, def.shrinkLevel);
      assert.deepEqual(m.features, [
        ...(def.codegen.simd ? ['simd128'] : []),
        ...(def.codegen.tailCall ? ['tail-call'] : []),
      ]);
    }
  }
});

test('single optimizations never duplicate O0 or each other', () => {
  for (const k of all.kernels) {
    const o0 = bytes(k.variants[0]);
    const singles = k.variants.filter((m) => VARIANTS[m.variant as VariantName].optimization !== null);
    for (const m of singles) assert.ok(!sameBytes(bytes(m), o0), `${k.name}/${m.variant} is identical to O0`);
    for (let i = 0; i < singles.length; i++) {
      for (let j = i + 1; j < singles.length; j++) {
        assert.ok(
          !sameBytes(bytes(singles[i]), bytes(singles[j])),
          `${k.name}: ${singles[i].variant} == ${singles[j].variant}`,
        );
      }
    }
  }
});

test('builds are deterministic: a second process gives identical bytes', async () => {
  const again = await buildAllIsolated();
  assert.deepEqual(again, all);
});

test('a variant built alone equals the same variant built amid all others (no leaked global state)', async () => {
  for (const [kernel, variant] of [
    ['matmul', 'inlining'],
    ['lis', 'Os'],
    ['map', 'constfold'],
  ] as const) {
    const alone = await callRegistry<BuiltVariant>('buildVariant', kernel, variant);
    const amid = all.kernels.find((k) => k.name === kernel)!.variants.find((v) => v.variant === variant)!;
    assert.ok(sameBytes(alone.binary, bytes(amid)), `${kernel}/${variant}`);
    assert.equal(alone.sizeRaw, alone.binary.byteLength);
  }
});

test('inapplicable or unknown variants are refused, not silently built', async () => {
  await assert.rejects(callRegistry('buildVariant', 'fib-rec', 'simd'), /does not apply/);
  await assert.rejects(callRegistry('buildVariant', 'lis', 'tailcall'), /does not apply/);
  await assert.rejects(callRegistry('buildVariant', 'nope', 'O0'), /unknown wasm kernel/);
});

test('runtime module is the LIS hot path at Os and fits the 50 KB budget', () => {
  const lisOs = all.kernels.find((k) => k.name === 'lis')!.variants.find((v) => v.variant === 'Os')!;
  assert.equal(all.runtime.kernel, 'runtime');
  assert.equal(all.runtime.entry, 'lis');
  assert.deepEqual(all.runtime.passes, ['-Os']);
  assert.ok(sameBytes(bytes(all.runtime), bytes(lisOs)));
  assert.ok(all.runtime.sizeRaw < 50 * 1024, `runtime module is ${all.runtime.sizeRaw} bytes`);
});

test('metadata records how sizes were computed and with which binaryen', () => {
  assert.equal(all.format, 1);
  assert.equal(all.gzip, 'node-zlib-gzipSync-level-9');
  for (const m of [all.runtime, all.boundary]) {
    const b = bytes(m);
    assert.equal(m.sizeRaw, b.byteLength, `${m.kernel} sizeRaw`);
    assert.equal(m.sizeGzip, gzipSync(b, { level: 9 }).byteLength, `${m.kernel} sizeGzip`);
  }
  assert.match(all.binaryenVersion, /^\d+\.\d+\.\d+/);
});

test('boundary module: inc wraps like i32, incAll adds one in memory', async () => {
  const { instance } = await WebAssembly.instantiate(bytes(all.boundary));
  const inc = instance.exports.inc as (x: number) => number;
  const incAll = instance.exports.incAll as (p: number, n: number) => void;
  assert.equal(inc(41), 42);
  assert.equal(inc(0x7fffffff), -0x80000000);
  const view = new Int32Array((instance.exports.memory as WebAssembly.Memory).buffer, 64, 5);
  view.set([1, 2, 3, -1, 0x7fffffff]);
  incAll(64, 4);
  assert.deepEqual([...view], [2, 3, 4, 0, 0x7fffffff]); // the fifth is outside n
});
