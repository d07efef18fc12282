/**
 * The flex kernel (src/wasm/kernel-flex.ts) against the layout module's `resolveFlexibleLengths`
 * (src/runtime/layout/flex.ts): hand-computed lines, a seeded differential over random lines,
 * and the suite's workload.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as js from '../../src/wasm/js-kernels.js';
import { FlexLine, resolveFlexibleLengths } from '../../src/runtime/layout/flex.js';
import { createWorkload, flexRow } from '../../src/wasm/workloads.js';
import { ensureMemory, exportedFn, exportedMemory, Layout } from '../../src/wasm/host.js';
import { mulberry32 } from '../../src/suite/prng.js';
import type { PrebuiltKernel } from '../../src/wasm/types.js';
import { bytes, prebuilt } from './helpers.js';

const MAX_N = 300;

let kernel: PrebuiltKernel;
before(async () => {
  kernel = (await prebuilt()).kernels.find((k) => k.name === 'flex')!;
});

/** One instance of a variant with room for MAX_N items; `resolve` runs it on a `FlexLine`'s inputs. */
async function wasmFlex(variant: string) {
  const mod = kernel.variants.find((v) => v.variant === variant)!;
  const exports = (await WebAssembly.instantiate(bytes(mod))).instance.exports;
  const f = exportedFn(exports, kernel.entry);
  const mem = exportedMemory(exports);
  const l = new Layout();
  const ptrs = Array.from({ length: 5 }, () => l.alloc(MAX_N * 8));
  const pFrozen = l.alloc(MAX_N);
  ensureMemory(mem, l.end);
  const f64 = (k: number) => new Float64Array(mem.buffer, ptrs[k], MAX_N);
  return {
    /** Targets and frozen flags; outputs are poisoned first, so nothing carries over from a previous line. */
    resolve(line: FlexLine, n: number, innerMain: number, gaps: number): { target: number[]; frozen: number[] } {
      [line.base, line.padding, line.grow, line.shrink].forEach((a, k) => f64(k).set(a.subarray(0, n)));
      f64(4).fill(NaN);
      new Uint8Array(mem.buffer, pFrozen, MAX_N).fill(7);
      f(...ptrs, pFrozen, n, innerMain, gaps);
      return {
        target: Array.from(f64(4).subarray(0, n)),
        frozen: Array.from(new Uint8Array(mem.buffer, pFrozen, n)),
      };
    },
  };
}

function lineOf(items: { base: number; padding?: number; grow?: number; shrink?: number }[]): FlexLine {
  const line = new FlexLine();
  line.reserve(items.length);
  items.forEach((it, i) => {
    line.base[i] = it.base;
    line.padding[i] = it.padding ?? 0;
    line.grow[i] = it.grow ?? 0;
    line.shrink[i] = it.shrink ?? 0;
  });
  return line;
}

interface Case {
  name: string;
  items: { base: number; padding?: number; grow?: number; shrink?: number }[];
  innerMain: number;
  gaps: number;
  want: number[];
}

// Numbers chosen so every answer is exact in f64.
const HAND: Case[] = [
  // free = 300 - 100 = 200, split 1:3 -> +50, +150.
  {
    name: 'grow 1:3',
    items: [
      { base: 50, grow: 1 },
      { base: 50, grow: 3 },
    ],
    innerMain: 300,
    gaps: 0,
    want: [100, 200],
  },
  // factors sum to 0.5 < 1: only 0.5 * 200 = 100 of the free space is handed out, 50 each.
  {
    name: 'grow, factors sum below 1',
    items: [
      { base: 100, grow: 0.25 },
      { base: 100, grow: 0.25 },
    ],
    innerMain: 400,
    gaps: 0,
    want: [150, 150],
  },
  // used = 20 gaps + 30 padding = 50, free = 60, split 1:1:2 -> 15, 15, 30.
  {
    name: 'grow from zero bases, with padding and gaps',
    items: [
      { base: 0, padding: 10, grow: 1 },
      { base: 0, padding: 10, grow: 1 },
      { base: 0, padding: 10, grow: 2 },
    ],
    innerMain: 110,
    gaps: 20,
    want: [15, 15, 30],
  },
  // No item can grow: targets stay at their bases.
  { name: 'inflexible', items: [{ base: 30 }, { base: 40 }], innerMain: 200, gaps: 0, want: [30, 40] },
  // free = -100, scaled factors 100 : 300 -> -25, -75.
  {
    name: 'shrink scaled by base',
    items: [
      { base: 100, shrink: 1 },
      { base: 300, shrink: 1 },
    ],
    innerMain: 300,
    gaps: 0,
    want: [75, 225],
  },
  // Only the second item shrinks: it absorbs all of free = -50.
  {
    name: 'shrink 0 keeps its size',
    items: [
      { base: 100, shrink: 0 },
      { base: 100, shrink: 1 },
    ],
    innerMain: 150,
    gaps: 0,
    want: [100, 50],
  },
  // Pass 1: free = -60, scaled 100 : 100 -> 10 - 30 = -20 (violates), 100 - 30 = 70; freeze item 0
  // at 0. Pass 2: free = 50 - 0 - 100 = -50, all on item 1 -> 50. Sum 50 = innerMain.
  {
    name: 'shrink clamps at 0 and redistributes',
    items: [
      { base: 10, shrink: 10 },
      { base: 100, shrink: 1 },
    ],
    innerMain: 50,
    gaps: 0,
    want: [0, 50],
  },
  // Shrink factors sum to 0.5: partial = 0.5 * -100 = -50 is smaller than free = -100, so -50.
  {
    name: 'shrink, factors sum below 1',
    items: [
      { base: 100, shrink: 0.5 },
      { base: 100, shrink: 0 },
    ],
    innerMain: 100,
    gaps: 0,
    want: [50, 100],
  },
  // One item, exact fit: free = 0, targets = bases.
  { name: 'exact fit', items: [{ base: 40, padding: 10, grow: 1, shrink: 1 }], innerMain: 50, gaps: 0, want: [40] },
];

test('the JS twin is the layout module’s own function, not a copy', () => {
  assert.equal(js.flex, resolveFlexibleLengths);
});

test('hand-computed lines, in JS and in every WASM variant', async () => {
  assert.deepEqual(
    kernel.variants.map((v) => v.variant),
    ['O0', 'O3', 'Os', 'inlining', 'strength'],
  );
  for (const c of HAND) {
    const line = lineOf(c.items);
    resolveFlexibleLengths(line, c.items.length, c.innerMain, c.gaps);
    assert.deepEqual(Array.from(line.target.subarray(0, c.items.length)), c.want, `js: ${c.name}`);
  }
  for (const { variant } of kernel.variants) {
    const w = await wasmFlex(variant);
    for (const c of HAND) {
      const got = w.resolve(lineOf(c.items), c.items.length, c.innerMain, c.gaps);
      assert.deepEqual(got.target, c.want, `${variant}: ${c.name}`);
    }
  }
});

/** A random line: zeros in every input, factors below 1 at times, free space of either sign. */
function randomLine(r: () => number): { line: FlexLine; n: number; innerMain: number; gaps: number } {
  const n = 1 + Math.floor(r() * MAX_N);
  const line = new FlexLine();
  line.reserve(n);
  // One line in four has factors summing to about 0.4-1.2, the "only part of the free space" case.
  const tiny = r() < 0.25;
  const factor = (): number => {
    const u = r();
    if (u < 0.25) return 0;
    if (tiny) return (r() * 2) / n;
    return u < 0.35 ? r() * 0.02 : u < 0.9 ? r() * 3 : 10 + r() * 40;
  };
  let natural = 0;
  for (let i = 0; i < n; i++) {
    line.base[i] = r() < 0.15 ? 0 : r() * 200;
    line.padding[i] = r() < 0.4 ? 0 : r() * 24;
    line.grow[i] = factor();
    line.shrink[i] = factor();
    natural += line.base[i] + line.padding[i];
  }
  const gaps = r() < 0.3 ? 0 : r() * 8 * (n - 1);
  return { line, n, innerMain: (natural + gaps) * (0.1 + r() * 1.8), gaps };
}

test('seeded differential: 300 random lines, every variant within 1e-9 of JS (and bit-identical)', async () => {
  const variants = await Promise.all(kernel.variants.map(async (v) => [v.variant, await wasmFlex(v.variant)] as const));
  const r = mulberry32(15);
  let growing = 0;
  let shrinking = 0;
  let clamped = 0;
  let partial = 0;
  for (let k = 0; k < 300; k++) {
    const { line, n, innerMain, gaps } = randomLine(r);
    resolveFlexibleLengths(line, n, innerMain, gaps);
    const want = Array.from(line.target.subarray(0, n));
    const wantFrozen = Array.from(line.frozen.subarray(0, n));
    let used = gaps;
    for (let i = 0; i < n; i++) used += line.base[i] + line.padding[i];
    if (used < innerMain) growing++;
    else shrinking++;
    let sumFactors = 0;
    for (let i = 0; i < n; i++) sumFactors += used < innerMain ? line.grow[i] : line.shrink[i];
    if (sumFactors > 0 && sumFactors < 1) partial++;
    if (want.some((t, i) => t === 0 && line.base[i] > 0)) clamped++;
    for (const [variant, w] of variants) {
      const got = w.resolve(line, n, innerMain, gaps);
      for (let i = 0; i < n; i++) {
        const label = `${variant}, line ${k} (n ${n}), item ${i}`;
        assert.ok(Math.abs(got.target[i] - want[i]) <= 1e-9, `${label}: ${got.target[i]} vs JS ${want[i]}`);
        // The suite's verify demands exact equality: same operations in the same order.
        assert.ok(Object.is(got.target[i], want[i]), `${label}: not bit-identical`);
      }
      assert.deepEqual(got.frozen, wantFrozen, `${variant}, line ${k}: frozen flags`);
    }
  }
  // The generator covers both directions and the clamp-and-redistribute path.
  assert.ok(growing > 50 && shrinking > 50, `growing ${growing}, shrinking ${shrinking}`);
  assert.ok(clamped > 20, `clamped ${clamped}`);
  assert.ok(partial > 30, `factors summing below 1: ${partial}`);
});

test('the suite workload overflows, clamps some items, and fills the line exactly', () => {
  const { line, n, innerMain, gaps } = flexRow(1000, 6);
  const w = createWorkload('flex', 1000);
  w.js.run();
  const target = w.js.result().output!;
  assert.equal(target.length, n);
  let natural = gaps;
  let outer = gaps;
  let clamped = 0;
  for (let i = 0; i < n; i++) {
    natural += line.base[i] + line.padding[i];
    outer += target[i] + line.padding[i];
    assert.ok(target[i] >= 0, `target[${i}] = ${target[i]}`);
    if (target[i] === 0 && line.base[i] > 0) clamped++;
  }
  assert.ok(natural > innerMain, 'the row overflows (shrink path)');
  assert.ok(clamped > 10, `only ${clamped} items clamped: the loop would run once`);
  // Shrinkable items remain, so the negative free space is absorbed in full.
  assert.ok(Math.abs(outer - innerMain) < 1e-6, `outer sizes sum to ${outer}, container is ${innerMain}`);
});
