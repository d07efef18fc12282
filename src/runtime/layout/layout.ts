/**
 * The layout pass: every box gets its final border-box size from its parent (the root from its
 * own size or the available space), then places its children with one flex line. Top-down in one
 * traversal: children's content sizes come from the intrinsic-size cache, so no subtree is walked
 * twice.
 *
 * Pre-calculation of static layouts: a static box remembers its descendants' layout per border-box
 * size it was given (a few sizes, most recent first). Laying it out again at a remembered size
 * lays out none of its descendants: if the descendants still hold that layout nothing happens,
 * otherwise their rects are copied back from a flat array. Any change in the subtree forgets the
 * entries (invalidateBox).
 */
import type { FlexNode, StaticEntry } from './box.js';
import { countBoxes } from './box.js';
import { FlexLine, resolveFlexibleLengths, type FlexResolver } from './flex.js';
import { intrinsicHeight, intrinsicWidth } from './intrinsic.js';

/** Deterministic work counters of layout calls (accumulated across calls that share the object). */
export interface LayoutStats {
  /** Boxes whose children were placed by the flex algorithm (leaves included). */
  boxesLaidOut: number;
  /** Static boxes whose subtree layout was reused. */
  cacheHits: number;
  /** Static boxes laid out because no layout for their size was remembered. */
  cacheMisses: number;
}

export const newLayoutStats = (): LayoutStats => ({ boxesLaidOut: 0, cacheHits: 0, cacheMisses: 0 });

/** Remembered sizes per static box: enough for a panel that toggles between a few widths. */
export const STATIC_CACHE_SIZE = 4;

// One line's scratch arrays serve every container: a container is done with them before its
// children are laid out.
const line = new FlexLine();

/**
 * Lays out the tree. The root's border box is its fixed width/height, else the available size;
 * the results are in each box's x, y, width, height (relative to its parent; see layoutRects for
 * rects relative to the root). With a `resolver`, each container's flexible lengths are resolved
 * by it (e.g. in WASM) instead of by resolveFlexibleLengths; the rest of the pass is the same.
 */
export function layoutTree(
  root: FlexNode,
  availableWidth: number,
  availableHeight: number,
  stats: LayoutStats = newLayoutStats(),
  resolver?: FlexResolver,
): LayoutStats {
  const w = root.styleWidth;
  const h = root.styleHeight;
  root.x = 0;
  root.y = 0;
  layoutBox(
    root,
    w === w ? Math.max(w, root.padLeft + root.padRight) : availableWidth,
    h === h ? Math.max(h, root.padTop + root.padBottom) : availableHeight,
    stats,
    resolver ?? null,
  );
  return stats;
}

function layoutBox(
  box: FlexNode,
  width: number,
  height: number,
  stats: LayoutStats,
  resolver: FlexResolver | null,
): void {
  box.width = width;
  box.height = height;
  if (box.isStatic) {
    if (reuse(box, width, height)) {
      stats.cacheHits++;
      return;
    }
    stats.cacheMisses++;
  }
  stats.boxesLaidOut++;
  const kids = box.children;
  const n = kids.length;
  if (n > 0) {
    placeChildren(box, n, resolver);
    for (let i = 0; i < n; i++) {
      const c = kids[i];
      layoutBox(c, c.width, c.height, stats, resolver);
    }
  }
  if (box.isStatic) remember(box, width, height);
}

/**
 * Sets each child's position and border-box size (§9.2-9.4 for one line, stretch, flex-start).
 * Without a resolver (null) the flex step is a direct call on the module's own line: the default
 * path has no indirection.
 */
function placeChildren(box: FlexNode, n: number, resolver: FlexResolver | null): void {
  const kids = box.children;
  const row = !box.column;
  const innerMain = Math.max(0, row ? box.width - box.padLeft - box.padRight : box.height - box.padTop - box.padBottom);
  // A single line in a container of definite size is as thick as the container's content box.
  const innerCross = Math.max(
    0,
    row ? box.height - box.padTop - box.padBottom : box.width - box.padLeft - box.padRight,
  );
  const fl = resolver === null ? line : resolver.line;
  fl.reserve(n);
  const { base, padding, grow, shrink, target } = fl;
  for (let i = 0; i < n; i++) {
    const c = kids[i];
    const pad = row ? c.padLeft + c.padRight : c.padTop + c.padBottom;
    padding[i] = pad;
    grow[i] = c.grow;
    shrink[i] = c.shrink;
    // §9.2 step 3: flex base size from flex-basis, else the main size property, else content.
    const b = c.basis;
    const main = row ? c.styleWidth : c.styleHeight;
    if (b === b) base[i] = Math.max(0, b - pad);
    else if (main === main) base[i] = Math.max(0, main - pad);
    else base[i] = (row ? intrinsicWidth(c) : intrinsicHeight(c)) - pad;
  }
  const gaps = n > 1 ? box.gap * (n - 1) : 0;
  if (resolver === null) resolveFlexibleLengths(line, n, innerMain, gaps);
  else resolver.resolve(n, innerMain, gaps);

  let pos = row ? box.padLeft : box.padTop;
  const crossStart = row ? box.padTop : box.padLeft;
  for (let i = 0; i < n; i++) {
    const c = kids[i];
    const main = target[i] + padding[i];
    // align-items: stretch fills the line when the cross size is auto; otherwise flex-start.
    const fixed = row ? c.styleHeight : c.styleWidth;
    const crossPad = row ? c.padTop + c.padBottom : c.padLeft + c.padRight;
    const cross = Math.max(fixed === fixed ? fixed : innerCross, crossPad);
    if (row) {
      c.x = pos;
      c.y = crossStart;
      c.width = main;
      c.height = cross;
    } else {
      c.x = crossStart;
      c.y = pos;
      c.width = cross;
      c.height = main;
    }
    pos += main + box.gap;
  }
}

function reuse(box: FlexNode, width: number, height: number): boolean {
  const cache = box.cache;
  for (let i = 0; i < cache.length; i++) {
    const e = cache[i];
    if (e.width !== width || e.height !== height) continue;
    if (box.applied !== e) {
      restore(box, e.rects, 0);
      box.applied = e;
    }
    if (i > 0) {
      cache.splice(i, 1);
      cache.unshift(e);
    }
    return true;
  }
  return false;
}

function remember(box: FlexNode, width: number, height: number): void {
  const rects = new Float64Array((countBoxes(box) - 1) * 4);
  save(box, rects, 0);
  const entry: StaticEntry = { width, height, rects };
  box.cache.unshift(entry);
  if (box.cache.length > STATIC_CACHE_SIZE) box.cache.pop();
  box.applied = entry;
}

/** Writes the descendants' rects in pre-order from offset `at`; returns the next offset. */
function save(box: FlexNode, out: Float64Array, at: number): number {
  const kids = box.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    out[at] = c.x;
    out[at + 1] = c.y;
    out[at + 2] = c.width;
    out[at + 3] = c.height;
    at = save(c, out, at + 4);
  }
  return at;
}

function restore(box: FlexNode, from: Float64Array, at: number): number {
  const kids = box.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    c.x = from[at];
    c.y = from[at + 1];
    c.width = from[at + 2];
    c.height = from[at + 3];
    // A nested static box's descendants now hold the outer entry's copy, not its own entry.
    c.applied = null;
    at = restore(c, from, at + 4);
  }
  return at;
}

/**
 * Rects relative to the root, 4 numbers per box (x, y, width, height) in pre-order, the root
 * first. Pass `out` to reuse an array (it must hold 4 * countBoxes(root) numbers).
 */
export function layoutRects(root: FlexNode, out: Float64Array = new Float64Array(countBoxes(root) * 4)): Float64Array {
  out[0] = root.x;
  out[1] = root.y;
  out[2] = root.width;
  out[3] = root.height;
  absolute(root, root.x, root.y, out, 4);
  return out;
}

function absolute(box: FlexNode, x: number, y: number, out: Float64Array, at: number): number {
  const kids = box.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    const cx = x + c.x;
    const cy = y + c.y;
    out[at] = cx;
    out[at + 1] = cy;
    out[at + 2] = c.width;
    out[at + 3] = c.height;
    at = absolute(c, cx, cy, out, at + 4);
  }
  return at;
}
