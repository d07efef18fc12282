/**
 * The layout pass with its flex step in the WASM kernel (suites/_shared/wasm-flex.ts over
 * src/wasm/kernel-flex.ts, the variant the layout suite's `mode=wasm` runs) against the pass in JS:
 * on seeded random trees the rects must be identical, bit for bit (the kernel performs the same f64
 * operations in the same order), and so must the work counters. The kernel is built in Node as the
 * wasm tests build it (test/wasm/helpers.ts).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildBoxTree,
  layoutRects,
  layoutTree,
  newLayoutStats,
  type BoxSpec,
  type FlexResolver,
  type LayoutStats,
} from '../../src/runtime/layout/index.js';
import { mulberry32 } from '../../src/suite/prng.js';
import type { PrebuiltModule } from '../../src/wasm/types.js';
import {
  WASM_FLEX_VARIANT,
  WasmFlexResolver,
  flexKernelModule,
  instantiateWasmFlex,
} from '../../suites/_shared/wasm-flex.js';
import { prebuilt } from '../wasm/helpers.js';

let mod: PrebuiltModule;
before(async () => {
  mod = flexKernelModule(await prebuilt());
});

/**
 * A random tree: the whole subset (direction, fractional factors, px or auto basis and sizes,
 * per-side padding, gaps), fractional px so the f64 arithmetic is not all exact, up to 8 children
 * at depth <= 4, and every fifth box static.
 */
function randomTree(seed: number): BoxSpec {
  const rng = mulberry32(seed);
  const px = (hi: number): number => (rng() < 0.5 ? Math.floor(rng() * hi) : rng() * hi);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const maybe = (p: number, v: () => number): number | 'auto' => (rng() < p ? v() : 'auto');
  let count = 0;
  const box = (depth: number): BoxSpec => {
    const spec: BoxSpec = {
      direction: pick(['row', 'column'] as const),
      grow: pick([0, 0, 1, 2, 0.5, 0.25, 0.1]),
      shrink: pick([1, 1, 0, 2, 0.5, 3, 0.2]),
      basis: maybe(0.4, () => px(160)),
      width: maybe(0.35, () => px(220)),
      height: maybe(0.35, () => px(160)),
      padding: rng() < 0.5 ? 0 : [px(12), px(12), px(12), px(12)],
      gap: rng() < 0.5 ? 0 : px(10),
      static: count++ % 5 === 4,
    };
    const kids = depth < 4 && rng() < 0.8 - depth * 0.15 ? 1 + Math.floor(rng() * 8) : 0;
    if (kids > 0) spec.children = Array.from({ length: kids }, () => box(depth + 1));
    return spec;
  };
  return { ...box(0), width: 120 + px(800), height: 80 + px(520) };
}

/** Rects and counters of two layouts of a fresh tree (the second at another size, so static boxes miss once more). */
function layOut(spec: BoxSpec, resolver?: FlexResolver): { rects: Float64Array[]; stats: LayoutStats[] } {
  const root = buildBoxTree(spec);
  const rects: Float64Array[] = [];
  const stats: LayoutStats[] = [];
  for (const [w, h] of [
    [1000, 700],
    [640, 480],
  ] as const) {
    stats.push(layoutTree(root, w, h, newLayoutStats(), resolver));
    rects.push(layoutRects(root));
  }
  return { rects, stats };
}

function assertIdentical(got: Float64Array, want: Float64Array, label: string): void {
  assert.equal(got.length, want.length, `${label}: rect count`);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) {
      const rect = (a: Float64Array): string => Array.from(a.subarray(i & ~3, (i & ~3) + 4)).join(', ');
      assert.fail(`${label}: box ${i >> 2} (pre-order) x,y,w,h ${rect(got)} in WASM, ${rect(want)} in JS`);
    }
  }
}

test(`the suite's flex kernel is the ${WASM_FLEX_VARIANT} variant, and a missing variant is named`, () => {
  assert.equal(mod.kernel, 'flex');
  assert.equal(mod.variant, WASM_FLEX_VARIANT);
  assert.throws(
    () => flexKernelModule({ kernels: [{ name: 'flex', variants: [mod] }] } as never, 'simd'),
    /^Error: wasm-flex: the flex kernel has no variant simd \(have O3\)$/,
  );
});

test('seeded random trees: WASM flex step gives the JS rects bit for bit, and the same counters', async () => {
  // One resolver for every tree, as in the suite: its memory carries over from container to container.
  const resolver = await instantiateWasmFlex(mod);
  let boxes = 0;
  let containers = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const spec = randomTree(seed);
    const js = layOut(spec);
    const wasm = layOut(spec, resolver);
    js.rects.forEach((want, k) => assertIdentical(wasm.rects[k]!, want, `tree ${seed}, layout ${k}`));
    assert.deepEqual(wasm.stats, js.stats, `tree ${seed}: counters`);
    boxes += js.rects[0]!.length / 4;
    containers += js.stats[0]!.boxesLaidOut;
  }
  // The trees are not trivial (about 14 boxes each on average).
  assert.ok(boxes > 2000, `${boxes} boxes in 200 trees`);
  assert.ok(containers > 1000, `${containers} boxes laid out`);
});

test('a container with more children than the memory holds grows it and still matches JS', async () => {
  const resolver = await instantiateWasmFlex(mod);
  const pages = (r: WasmFlexResolver): number => r.line.base.buffer.byteLength / 65536;
  assert.equal(pages(resolver), 1, 'one page at first');
  const rng = mulberry32(7);
  // 5,000 leaves overflowing a row (the flat-row scene, 5x wider): 5 f64 arrays of 8,192 items need 5 pages.
  const leaf = (): BoxSpec => ({
    basis: rng() * 20,
    grow: Math.floor(rng() * 3),
    shrink: rng() < 0.1 ? 0 : rng() * 3,
    padding: [0, Math.floor(rng() * 2), 0, 0],
  });
  const row: BoxSpec = { width: 1280, height: 40, gap: 0.5, children: Array.from({ length: 5000 }, leaf) };
  // A small tree first, then the big row, then the small one again: views made after growing.
  const small = randomTree(3);
  for (const [label, spec] of [
    ['small', small],
    ['row', row],
    ['small again', small],
  ] as const) {
    const js = layOut(spec);
    const wasm = layOut(spec, resolver);
    js.rects.forEach((want, k) => assertIdentical(wasm.rects[k]!, want, `${label}, layout ${k}`));
  }
  assert.ok(resolver.line.base.length >= 5000, `capacity ${resolver.line.base.length}`);
  assert.ok(pages(resolver) >= 5, `${pages(resolver)} pages`);
});

test('without a resolver, layoutTree is the JS pass (undefined and omitted are the same call)', () => {
  const spec = randomTree(11);
  const a = buildBoxTree(spec);
  const b = buildBoxTree(spec);
  assert.deepEqual(layoutTree(a, 800, 600), layoutTree(b, 800, 600, newLayoutStats(), undefined));
  assertIdentical(layoutRects(b), layoutRects(a), 'undefined resolver');
});
