/**
 * The layout box tree: a flexbox subset (direction, grow, shrink, basis, fixed or auto width and
 * height, padding, gap; one line, align-items stretch, justify-content flex-start). Sizes are
 * border-box px, as with `box-sizing: border-box`; a box never gets narrower than its padding.
 * Leaves have no content, so an auto-sized leaf is as large as its padding.
 *
 * Style is stored unpacked as numbers (NaN = auto) so the layout loop reads fields, never parses.
 * Every mutation goes through the functions below, which invalidate the cached intrinsic sizes and
 * static-subtree layouts on the path to the root.
 */
export type FlexDirection = 'row' | 'column';
/** A length in px, or 'auto'. */
export type Size = number | 'auto';

export interface BoxStyle {
  /** Main axis of the box's children (default 'row'). */
  direction?: FlexDirection;
  /** flex-grow (default 0). */
  grow?: number;
  /** flex-shrink (default 1). */
  shrink?: number;
  /** flex-basis, border-box px (default 'auto': the main size property, else the content size). */
  basis?: Size;
  width?: Size;
  height?: Size;
  /** One value for all sides, or [top, right, bottom, left]. */
  padding?: number | readonly [number, number, number, number];
  /** Space between adjacent children on the main axis. */
  gap?: number;
}

/** A box and its subtree as plain data (what tests and suites generate). */
export interface BoxSpec extends BoxStyle {
  /** Mark the box as static: its subtree's layout is computed once per size and reused. */
  static?: boolean;
  children?: readonly BoxSpec[];
}

/** One remembered layout of a static subtree: the size it was computed for and its descendants. */
export interface StaticEntry {
  width: number;
  height: number;
  /** x, y, width, height of every descendant (pre-order), relative to its parent. */
  rects: Float64Array;
}

export class FlexNode {
  column = false;
  grow = 0;
  shrink = 1;
  basis = NaN;
  styleWidth = NaN;
  styleHeight = NaN;
  padTop = 0;
  padRight = 0;
  padBottom = 0;
  padLeft = 0;
  gap = 0;
  readonly children: FlexNode[] = [];
  parent: FlexNode | null = null;
  isStatic = false;
  /** Content-based border-box sizes (max-content width, auto height); NaN until computed. */
  intrinsicWidth = NaN;
  intrinsicHeight = NaN;
  /** Result of the last layout: the border box relative to the parent's border box. */
  x = 0;
  y = 0;
  width = 0;
  height = 0;
  /** Static boxes only: remembered layouts, most recent first. */
  cache: StaticEntry[] = [];
  /** The entry whose rects the descendants currently hold (so a hit on it copies nothing). */
  applied: StaticEntry | null = null;
}

function length(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`layout: ${name} must be a finite number >= 0, got ${v}`);
  return v;
}

const size = (name: string, v: Size | undefined): number => (v === undefined || v === 'auto' ? NaN : length(name, v));

function applyStyle(box: FlexNode, style: BoxStyle): void {
  if (style.direction !== undefined) box.column = style.direction === 'column';
  if (style.grow !== undefined) box.grow = length('grow', style.grow);
  if (style.shrink !== undefined) box.shrink = length('shrink', style.shrink);
  if ('basis' in style) box.basis = size('basis', style.basis);
  if ('width' in style) box.styleWidth = size('width', style.width);
  if ('height' in style) box.styleHeight = size('height', style.height);
  if (style.padding !== undefined) {
    const p = style.padding;
    const [t, r, b, l] = typeof p === 'number' ? [p, p, p, p] : p;
    box.padTop = length('padding', t);
    box.padRight = length('padding', r);
    box.padBottom = length('padding', b);
    box.padLeft = length('padding', l);
  }
  if (style.gap !== undefined) box.gap = length('gap', style.gap);
}

/**
 * Drops what depended on the box: intrinsic sizes and static layouts of it and its ancestors
 * (a change inside a subtree can change every enclosing content size). O(depth).
 */
export function invalidateBox(box: FlexNode): void {
  for (let b: FlexNode | null = box; b !== null; b = b.parent) {
    b.intrinsicWidth = NaN;
    b.intrinsicHeight = NaN;
    if (b.cache.length > 0) b.cache = [];
    b.applied = null;
  }
}

/** Forgets every cached result in the subtree (a from-scratch layout follows). */
export function invalidateTree(root: FlexNode): void {
  root.intrinsicWidth = NaN;
  root.intrinsicHeight = NaN;
  if (root.cache.length > 0) root.cache = [];
  root.applied = null;
  const kids = root.children;
  for (let i = 0; i < kids.length; i++) invalidateTree(kids[i]);
}

export function createBox(style: BoxStyle = {}, children: readonly FlexNode[] = []): FlexNode {
  const box = new FlexNode();
  applyStyle(box, style);
  for (const c of children) appendBox(box, c);
  return box;
}

/** Builds a tree from plain data. */
export function buildBoxTree(spec: BoxSpec): FlexNode {
  const box = createBox(spec);
  box.isStatic = spec.static === true;
  if (spec.children) for (const c of spec.children) appendBox(box, buildBoxTree(c));
  return box;
}

/** Changes some style properties (an absent key keeps its value; 'auto' resets a size). */
export function setBoxStyle(box: FlexNode, style: BoxStyle): void {
  applyStyle(box, style);
  invalidateBox(box);
}

export function setBoxStatic(box: FlexNode, isStatic = true): void {
  box.isStatic = isStatic;
  box.cache = [];
  box.applied = null;
}

/** Inserts `child` before position `index` (default: last). */
export function appendBox(parent: FlexNode, child: FlexNode, index = parent.children.length): void {
  if (child.parent !== null) throw new Error('layout: the box already has a parent; remove it first');
  for (let a: FlexNode | null = parent; a !== null; a = a.parent)
    if (a === child) throw new Error('layout: a box cannot become its own descendant');
  parent.children.splice(index, 0, child);
  child.parent = parent;
  invalidateBox(parent);
}

export function removeBox(child: FlexNode): void {
  const parent = child.parent;
  if (parent === null) return;
  parent.children.splice(parent.children.indexOf(child), 1);
  child.parent = null;
  invalidateBox(parent);
}

/** Boxes in the subtree, the root included. */
export function countBoxes(root: FlexNode): number {
  let n = 1;
  const kids = root.children;
  for (let i = 0; i < kids.length; i++) n += countBoxes(kids[i]);
  return n;
}
