/**
 * Differential test in real Chromium: the reference runtime's flexbox subset (src/runtime/layout)
 * against the browser's own flexbox, on seeded random trees. Each tree is rendered as DOM with the
 * module's boxCssText (display:flex, border-box, min-width/min-height 0, no margins, the root
 * absolutely positioned at 0,0), every box's getBoundingClientRect is read, and the module's rects
 * for the same tree must match to within 0.5 px (Chromium rounds to 1/64 px).
 *
 * The generator covers the whole subset: direction, grow and shrink factors (fractional ones too,
 * so the "factors sum to less than 1" rule runs), px or auto basis, fixed or auto width and height,
 * per-side padding (also larger than a fixed size or basis), gap, depth <= 4, up to 6 children.
 * Each tree is also laid out twice with every third box static (pre-order 1, 4, 7, ...): the
 * second pass must miss no cache, lay out only the boxes outside static subtrees, and give exactly
 * the fresh layout's rects.
 *
 * Restrictions: the root has a fixed width and height (a tree's outer size is the caller's choice,
 * not something to compare), and sizes are whole px so rounding differences stay far below 0.5.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';
import { discoverBrowser } from '../../src/browser/discover.js';
import { launchBrowser } from '../../src/browser/launch.js';
import { mulberry32 } from '../../src/suite/prng.js';
import type { BoxSpec } from '../../src/runtime/layout/index.js';
import { ROOT, noBrowserReason } from '../helpers.js';

const TREES = 150;
const BASE_SEED = 0x1a70;
const TOLERANCE_PX = 0.5;

/** A random tree for one seed (see the header for what is covered). */
export function randomTree(seed: number): BoxSpec {
  const rng = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const maybe = (p: number, v: () => number): number | 'auto' => (rng() < p ? v() : 'auto');

  const box = (depth: number): BoxSpec => {
    const spec: BoxSpec = {
      direction: pick(['row', 'column'] as const),
      grow: pick([0, 0, 1, 1, 2, 0.5, 0.25]),
      shrink: pick([1, 1, 0, 2, 0.5, 3]),
      basis: maybe(0.4, () => int(0, 160)),
      width: maybe(0.35, () => int(0, 220)),
      height: maybe(0.35, () => int(0, 160)),
      padding: rng() < 0.5 ? 0 : [int(0, 12), int(0, 12), int(0, 12), int(0, 12)],
      gap: rng() < 0.5 ? 0 : int(0, 10),
    };
    const kids = depth < 3 && rng() < 0.75 - depth * 0.15 ? int(1, 6) : 0;
    if (kids > 0) spec.children = Array.from({ length: kids }, () => box(depth + 1));
    return spec;
  };
  return { ...box(0), width: int(120, 900), height: int(80, 600) };
}

interface TreeResult {
  boxes: number;
  maxDiff: number;
  /** Pre-order index of the worst box, its DOM rect and the module's rect (x, y, width, height). */
  worst: number;
  dom: number[];
  mine: number[];
  /** Whether a second layout with static boxes reused everything and gave identical rects. */
  staticExact: boolean;
}

// Runs in the page: renders each tree as DOM, reads the rects, lays the same tree out with the
// module, and reports the largest difference per tree.
const PAGE_ENTRY = `
import { buildBoxTree, layoutRects, layoutTree, renderBoxSpec } from './index.ts';
globalThis.compareLayouts = (trees) => trees.map((spec) => {
  const { root, elements: els } = renderBoxSpec(document, spec);
  const dom = els.map((el) => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; });
  root.remove();
  const tree = buildBoxTree(spec);
  layoutTree(tree, 1280, 800);
  const mine = layoutRects(tree);
  let maxDiff = 0, worst = 0;
  for (let i = 0; i < dom.length; i++)
    for (let k = 0; k < 4; k++) {
      const d = Math.abs(dom[i][k] - mine[i * 4 + k]);
      if (d > maxDiff) { maxDiff = d; worst = i; }
    }
  // The same tree with every third box static, laid out twice: the second pass reuses the static
  // layouts and must give exactly the rects of a fresh layout.
  let n = 0;
  let dynamic = 0; // boxes neither static nor inside a static subtree: all the second pass lays out
  const withStatic = (s, inStatic) => {
    const isStatic = n++ % 3 === 1;
    if (!isStatic && !inStatic) dynamic++;
    return { ...s, static: isStatic, children: s.children?.map((c) => withStatic(c, inStatic || isStatic)) };
  };
  const st = buildBoxTree(withStatic(spec, false));
  layoutTree(st, 1280, 800);
  const again = layoutTree(st, 1280, 800);
  const reused = layoutRects(st);
  const staticExact =
    again.cacheMisses === 0 && again.boxesLaidOut === dynamic && reused.every((v, i) => v === mine[i]);
  return {
    boxes: dom.length, maxDiff, worst, dom: dom[worst], mine: Array.from(mine.subarray(worst * 4, worst * 4 + 4)),
    staticExact,
  };
});
`;

test(
  `layout module matches Chromium's flexbox within ${TOLERANCE_PX} px on ${TREES} seeded random trees`,
  { skip: noBrowserReason(), timeout: 60_000 },
  async () => {
    const bundle = await build({
      stdin: { contents: PAGE_ENTRY, resolveDir: join(ROOT, 'src', 'runtime', 'layout'), loader: 'js' },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const seeds = Array.from({ length: TREES }, (_, i) => BASE_SEED + i);
    const trees = seeds.map(randomTree);
    const launched = await launchBrowser(discoverBrowser().path);
    try {
      const page = await launched.browser.newPage();
      await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const results = await page.evaluate(
        (ts: BoxSpec[]) => (globalThis as unknown as { compareLayouts(t: BoxSpec[]): TreeResult[] }).compareLayouts(ts),
        trees,
      );
      assert.equal(results.length, TREES);
      const boxes = results.reduce((n, r) => n + r.boxes, 0);
      const maxDiff = Math.max(...results.map((r) => r.maxDiff));
      const bad = results.findIndex((r) => !(r.maxDiff <= TOLERANCE_PX));
      if (bad >= 0) {
        const r = results[bad]!;
        assert.fail(
          `seed ${seeds[bad]}: box ${r.worst} (pre-order) is off by ${r.maxDiff.toFixed(3)} px: ` +
            `Chromium x,y,w,h = ${r.dom.join(', ')}, module = ${r.mine.join(', ')}; ` +
            `tree: ${JSON.stringify(trees[bad])}`,
        );
      }
      assert.deepEqual(
        seeds.filter((_, i) => !results[i]!.staticExact),
        [],
        'seeds whose relayout with static boxes was not a pure cache hit with identical rects',
      );
      process.stderr.write(`# ${TREES} trees, ${boxes} boxes, max difference ${maxDiff.toFixed(4)} px\n`);
    } finally {
      await launched.close();
    }
  },
);
