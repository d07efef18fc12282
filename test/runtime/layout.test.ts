/**
 * The layout module on hand-computed cases (each expected rect is worked out in the comment above
 * it) and the counters of static-subtree pre-calculation. Agreement with Chromium's flexbox on
 * random trees is test/e2e/layout-differential.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STATIC_CACHE_SIZE,
  appendBox,
  buildBoxTree,
  createBox,
  layoutRects,
  layoutTree,
  removeBox,
  setBoxStyle,
  type BoxSpec,
  type FlexNode,
  type LayoutStats,
} from '../../src/runtime/layout/index.js';

/** Rects relative to the root, one [x, y, width, height] per box in pre-order. */
function rectsOf(spec: BoxSpec, width = 1000, height = 1000): number[][] {
  const root = buildBoxTree(spec);
  layoutTree(root, width, height);
  const flat = Array.from(layoutRects(root));
  return Array.from({ length: flat.length / 4 }, (_, i) => flat.slice(i * 4, i * 4 + 4));
}

test('row: free space goes to flex-grow 1:2, on top of each base size', () => {
  // 300 - (30 + 60) = 210 free: +70 and +140. Heights stretch to the line (100).
  assert.deepEqual(
    rectsOf({
      width: 300,
      height: 100,
      children: [
        { width: 30, grow: 1 },
        { width: 60, grow: 2 },
      ],
    }),
    [
      [0, 0, 300, 100],
      [0, 0, 100, 100],
      [100, 0, 200, 100],
    ],
  );
});

test('row: overflow is taken in proportion to flex-shrink x base size', () => {
  // Overflow 100; scaled factors 1x100 and 1x300: -25 and -75.
  assert.deepEqual(rectsOf({ width: 300, height: 10, children: [{ basis: 100 }, { basis: 300 }] }).slice(1), [
    [0, 0, 75, 10],
    [75, 0, 225, 10],
  ]);
  // shrink 2 on the first: scaled 200 and 300, so -40 and -60.
  assert.deepEqual(
    rectsOf({ width: 300, height: 10, children: [{ basis: 100, shrink: 2 }, { basis: 300 }] }).slice(1),
    [
      [0, 0, 60, 10],
      [60, 0, 240, 10],
    ],
  );
});

test('shrinking clamps at zero and gives the rest of the overflow to the others', () => {
  // Overflow 90, scaled 10x50 = 500 and 1x100 = 100: the first would get 50 - 75 < 0, so it is
  // frozen at 0 and the second takes the remaining 40 (100 -> 60).
  assert.deepEqual(rectsOf({ width: 60, height: 10, children: [{ basis: 50, shrink: 10 }, { basis: 100 }] }).slice(1), [
    [0, 0, 0, 10],
    [0, 0, 60, 10],
  ]);
});

test('grow factors that sum to less than 1 distribute only that fraction of the free space', () => {
  // Sum 0.5: half of the 300 px is distributed, 75 px each.
  assert.deepEqual(rectsOf({ width: 300, height: 10, children: [{ grow: 0.25 }, { grow: 0.25 }] }).slice(1), [
    [0, 0, 75, 10],
    [75, 0, 75, 10],
  ]);
});

test('padding and gap: children sit in the content box, gap between them', () => {
  // Content box: x 40..180 (140 wide), y 10..70 (60 tall). Free: 140 - 50 - 5 = 85 to the grower.
  assert.deepEqual(
    rectsOf({
      width: 200,
      height: 100,
      padding: [10, 20, 30, 40],
      gap: 5,
      children: [{ width: 50 }, { grow: 1 }],
    }).slice(1),
    [
      [40, 10, 50, 60],
      [95, 10, 85, 60],
    ],
  );
});

test('column: heights flex, widths stretch', () => {
  // Used 50 + 0 + 40 + 2 gaps of 10 = 110; 190 free, 95 each to the two growers.
  assert.deepEqual(
    rectsOf({
      direction: 'column',
      width: 100,
      height: 300,
      gap: 10,
      children: [{ height: 50 }, { grow: 1 }, { basis: 40, grow: 1 }],
    }).slice(1),
    [
      [0, 0, 100, 50],
      [0, 60, 100, 95],
      [0, 165, 100, 135],
    ],
  );
});

test('nested: a sidebar column and a content row, positions relative to the root', () => {
  // Root content box 380x180 at (10,10). Sidebar 100 wide; its second child takes 180 - 30.
  // The content row's base is its max-content width (50 + padding 10 = 60), then it grows by
  // 380 - 100 - 60 = 220 to 280; inside (270x170 at +5,+5) the grower gets 270 - 50.
  assert.deepEqual(
    rectsOf({
      width: 400,
      height: 200,
      padding: 10,
      children: [
        { direction: 'column', width: 100, children: [{ height: 30 }, { grow: 1 }] },
        { grow: 1, padding: 5, children: [{ grow: 1 }, { width: 50 }] },
      ],
    }).slice(1),
    [
      [10, 10, 100, 180],
      [10, 10, 100, 30],
      [10, 40, 100, 150],
      [110, 10, 280, 180],
      [115, 15, 220, 170],
      [335, 15, 50, 170],
    ],
  );
});

test('stretch: an auto-height row is as tall as its tallest child; auto-height children fill it', () => {
  // The row's height is its content height, 40; the fixed 20 keeps its height, the auto one
  // stretches to 40. In the column root the fixed-width child keeps its width.
  assert.deepEqual(
    rectsOf({
      direction: 'column',
      width: 200,
      height: 300,
      children: [
        { children: [{ width: 30, height: 20 }, { width: 30, height: 40 }, { width: 30 }] },
        { width: 70, height: 10 },
      ],
    }).slice(1),
    [
      [0, 0, 200, 40],
      [0, 0, 30, 20],
      [30, 0, 30, 40],
      [60, 0, 30, 40],
      [0, 40, 70, 10],
    ],
  );
});

test('a box is never below its padding; a non-growing item adds at most its basis to a max-content width', () => {
  // width 5 with 10 + 10 padding is 20 wide. The middle row's max-content width is its child's
  // contribution, 100 clamped to the child's basis 30 (it cannot grow), so the row is 30 wide
  // and its child shrinks from 100 to 30.
  assert.deepEqual(
    rectsOf({
      width: 500,
      height: 100,
      children: [{ width: 5, padding: [0, 10, 0, 10] }, { children: [{ width: 100, basis: 30 }] }],
    }).slice(1),
    [
      [0, 0, 20, 100],
      [20, 0, 30, 100],
      [20, 0, 30, 100],
    ],
  );
});

test('the root takes the available size unless it has its own', () => {
  assert.deepEqual(rectsOf({}, 640, 480), [[0, 0, 640, 480]]);
  assert.deepEqual(rectsOf({ width: 10, height: 'auto' }, 640, 480), [[0, 0, 10, 480]]);
});

test('negative or non-finite lengths are rejected', () => {
  assert.throws(() => createBox({ width: -1 }), /width must be a finite number >= 0, got -1/);
  assert.throws(() => createBox({ grow: Number.NaN }), RangeError);
  assert.throws(() => createBox({ padding: [0, 0, Infinity, 0] }), RangeError);
});

// --- pre-calculation of static subtrees -----------------------------------------------------------

/** A 400x100 row: a static panel (3 growing leaves) that takes what the 100 px box D leaves. */
function appShell(): { root: FlexNode; panel: FlexNode; d: FlexNode } {
  const root = buildBoxTree({
    width: 400,
    height: 100,
    children: [{ grow: 1, static: true, children: [{ grow: 1 }, { grow: 1 }, { grow: 1 }] }, { width: 100 }],
  });
  return { root, panel: root.children[0]!, d: root.children[1]! };
}

const stats = (s: LayoutStats): [number, number, number] => [s.boxesLaidOut, s.cacheHits, s.cacheMisses];

test('a second layout of an unchanged static subtree lays out none of its boxes', () => {
  const { root } = appShell();
  assert.deepEqual(stats(layoutTree(root, 0, 0)), [6, 0, 1]);
  const first = layoutRects(root);
  // Only the root and D: the panel and its 3 children are reused.
  assert.deepEqual(stats(layoutTree(root, 0, 0)), [2, 1, 0]);
  assert.deepEqual(layoutRects(root), first);
  assert.deepEqual(Array.from(first.subarray(4, 8)), [0, 0, 300, 100]);
});

test('a new size misses; a remembered one is restored without layout', () => {
  const { root, d } = appShell();
  layoutTree(root, 0, 0);
  const at300 = layoutRects(root);
  setBoxStyle(d, { width: 150 }); // the panel gets 250: not laid out at that size yet
  assert.deepEqual(stats(layoutTree(root, 0, 0)), [6, 0, 1]);
  assert.deepEqual(Array.from(layoutRects(root).subarray(8, 12)), [0, 0, 250 / 3, 100]);
  setBoxStyle(d, { width: 100 }); // back to 300: remembered
  assert.deepEqual(stats(layoutTree(root, 0, 0)), [2, 1, 0]);
  assert.deepEqual(layoutRects(root), at300);
});

test('a change inside a static subtree invalidates it', () => {
  const { root, panel } = appShell();
  layoutTree(root, 0, 0);
  setBoxStyle(panel.children[0]!, { grow: 4 }); // 4:1:1 of 300
  assert.deepEqual(stats(layoutTree(root, 0, 0)), [6, 0, 1]);
  assert.deepEqual(Array.from(layoutRects(root).subarray(8, 12)), [0, 0, 200, 100]);
  removeBox(panel.children[2]!); // 4:1 of 300
  assert.deepEqual(stats(layoutTree(root, 0, 0)), [5, 0, 1]);
  assert.deepEqual(Array.from(layoutRects(root).subarray(12, 16)), [240, 0, 60, 100]);
  appendBox(panel, createBox({ width: 60 })); // 240 left for 4:1
  assert.deepEqual(stats(layoutTree(root, 0, 0)), [6, 0, 1]);
  assert.deepEqual(Array.from(layoutRects(root).subarray(8, 20)), [0, 0, 192, 100, 192, 0, 48, 100, 240, 0, 60, 100]);
});

test('nested static boxes: restoring the outer one and then reusing the inner one stay exact', () => {
  const spec: BoxSpec = {
    width: 300,
    height: 50,
    children: [
      {
        grow: 1,
        static: true,
        children: [{ grow: 1, static: true, children: [{ grow: 1 }, { width: 10 }] }, { width: 20 }],
      },
      { width: 100 },
    ],
  };
  const root = buildBoxTree(spec);
  const fresh = (): Float64Array => {
    const r = buildBoxTree(spec);
    setBoxStyle(r.children[1]!, { width: root.children[1]!.styleWidth });
    layoutTree(r, 0, 0);
    return layoutRects(r);
  };
  for (const w of [100, 150, 100, 150, 120, 100]) {
    setBoxStyle(root.children[1]!, { width: w });
    layoutTree(root, 0, 0);
    assert.deepEqual(layoutRects(root), fresh(), `after D = ${w}`);
  }
});

test(`a static box remembers its ${STATIC_CACHE_SIZE} most recent sizes`, () => {
  const { root, d } = appShell();
  const widths = [100, 110, 120, 130, 140];
  for (const w of widths) {
    setBoxStyle(d, { width: w });
    layoutTree(root, 0, 0);
  }
  // setBoxStyle on D invalidates only D and the root, never the panel beside it.
  for (const w of widths.slice(1).reverse()) {
    setBoxStyle(d, { width: w });
    assert.deepEqual(stats(layoutTree(root, 0, 0)), [2, 1, 0], `D = ${w}`);
  }
  setBoxStyle(d, { width: 100 }); // the oldest was dropped
  assert.deepEqual(stats(layoutTree(root, 0, 0)), [6, 0, 1]);
});
