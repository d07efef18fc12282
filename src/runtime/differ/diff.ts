/**
 * Structural differ: `diff(old, new)` returns the patches that turn `render(old)` into a DOM
 * equal to `render(new)` (coordinates are explained in patch.ts).
 *
 * Per node: the same static object on both sides is skipped; a different `type` or `key` is a
 * REPLACE; text nodes compare `text`; elements compare props, then children.
 *
 * Children are reconciled by key when every child of both lists has a key, by index otherwise.
 * The keyed pass (after Inferno / ivi / Vue 3) trims the common prefix and suffix, maps the new
 * middle's keys to indices, and keeps one longest increasing subsequence (LIS) of the surviving
 * old children in place, so it emits exactly (kept children - LIS length) MOVEs, the minimum for
 * any sequence of single-node moves.
 */
import { longestIncreasingSubsequence } from './lis.js';
import type { Patch } from './patch.js';
import { TEXT, type Key, type VNode } from './vnode.js';

/** Optional instrumentation (tests, counters): node pairs actually compared. */
export interface DiffStats {
  nodesVisited: number;
}

interface Ctx {
  patches: Patch[];
  /** Path of the node pair being compared; copied only when a patch is emitted. */
  path: number[];
  stats: DiffStats | undefined;
}

export function diff(oldNode: VNode, newNode: VNode, stats?: DiffStats): Patch[] {
  const ctx: Ctx = { patches: [], path: [], stats };
  diffNode(ctx, oldNode, newNode);
  return ctx.patches;
}

function here(ctx: Ctx): number[] {
  return ctx.path.slice();
}

function childPath(ctx: Ctx, index: number): number[] {
  const p = ctx.path.slice();
  p.push(index);
  return p;
}

function diffNode(ctx: Ctx, a: VNode, b: VNode): void {
  if (a === b && a.static) return;
  if (ctx.stats) ctx.stats.nodesVisited++;
  if (a.type !== b.type || a.key !== b.key) {
    ctx.patches.push({ type: 'REPLACE', path: here(ctx), node: b });
    return;
  }
  if (a.type === TEXT) {
    const t = b.text ?? '';
    if ((a.text ?? '') !== t) ctx.patches.push({ type: 'SET_TEXT', path: here(ctx), text: t });
    return;
  }
  diffProps(ctx, a.props, b.props);
  diffChildren(ctx, a.children, b.children);
}

const hasOwn = Object.hasOwn;

/**
 * A prop whose value is `undefined` counts as absent. Plain `o[name]` reads are the fast path;
 * `hasOwn` is consulted only for function values, the one way an inherited member of
 * Object.prototype (`toString`...) could be mistaken for a prop.
 */
function diffProps(ctx: Ctx, ap: Record<string, unknown>, bp: Record<string, unknown>): void {
  if (ap === bp) return;
  for (const name in bp) {
    const v = bp[name];
    if (v !== undefined && (v !== ap[name] || (typeof v === 'function' && !hasOwn(ap, name)))) {
      ctx.patches.push({ type: 'SET_PROP', path: here(ctx), name, value: v });
    }
  }
  for (const name in ap) {
    if (ap[name] === undefined) continue;
    const v = bp[name];
    if (v === undefined || (typeof v === 'function' && !hasOwn(bp, name))) {
      ctx.patches.push({ type: 'REMOVE_PROP', path: here(ctx), name });
    }
  }
}

function diffChildren(ctx: Ctx, ac: VNode[], bc: VNode[]): void {
  if (ac.length === 0 && bc.length === 0) return;
  // Cheap exit for the common unkeyed list (e.g. the cells of a row): no map allocated.
  if ((bc.length > 0 ? bc[0] : ac[0]).key === undefined) {
    diffByIndex(ctx, ac, bc);
    return;
  }
  const newKeys = keyIndex(ctx, bc);
  if (newKeys !== null && allKeyed(ac)) diffKeyed(ctx, ac, bc, newKeys);
  else diffByIndex(ctx, ac, bc);
}

function showKey(key: Key): string {
  return typeof key === 'string' ? JSON.stringify(key) : String(key);
}

function duplicateKey(ctx: Ctx, key: Key, side: 'old' | 'new'): Error {
  return new Error(
    `duplicate key ${showKey(key)} among the ${side} children of the node at path [${ctx.path.join(',')}]; ` +
      'keys must be unique among siblings',
  );
}

/**
 * key -> index over the whole new list, or null when some child has no key (index mode). The
 * whole list, not just the middle left after trimming, so duplicates are reported even where
 * old and new agree (an O(n) cost kept on purpose: silent duplicates make later diffs wrong).
 */
function keyIndex(ctx: Ctx, list: VNode[]): Map<Key, number> | null {
  const map = new Map<Key, number>();
  for (let i = 0; i < list.length; i++) {
    const key = list[i].key;
    if (key === undefined) return null;
    if (map.has(key)) throw duplicateKey(ctx, key, 'new');
    map.set(key, i);
  }
  return map;
}

function allKeyed(list: VNode[]): boolean {
  for (let i = 0; i < list.length; i++) if (list[i].key === undefined) return false;
  return true;
}

function diffByIndex(ctx: Ctx, ac: VNode[], bc: VNode[]): void {
  const la = ac.length;
  const lb = bc.length;
  const common = la < lb ? la : lb;
  for (let i = 0; i < common; i++) {
    ctx.path.push(i);
    diffNode(ctx, ac[i], bc[i]);
    ctx.path.pop();
  }
  // From the end, so the indices of the remaining ones do not shift.
  for (let i = la - 1; i >= common; i--) ctx.patches.push({ type: 'REMOVE', path: childPath(ctx, i) });
  for (let i = common; i < lb; i++) ctx.patches.push({ type: 'INSERT', path: childPath(ctx, i), node: bc[i] });
}

/**
 * Keyed reconciliation. The new list's keys are already known unique (`newKeys`); duplicates in
 * the old list are caught without a second full map: an old middle key must map into the new
 * middle at most once, and removed keys (absent from the new list) go through a small set.
 * (Old prefix/suffix keys equal new prefix/suffix keys position by position, so they are
 * unique, and an old middle key that repeats one of them maps outside the new middle.)
 *
 * Patch order for the middle section [start, endA] / [start, endB]:
 *   1. REMOVE dropped old children, highest index first;
 *   2. MOVE the kept children outside the LIS (see moveFloaters);
 *   3. INSERT new children in ascending final index;
 *   4. recurse into kept children at their final index.
 */
function diffKeyed(ctx: Ctx, ac: VNode[], bc: VNode[], newKeys: Map<Key, number>): void {
  let start = 0;
  let endA = ac.length - 1;
  let endB = bc.length - 1;

  // Common prefix and suffix never move, so their subtrees can be diffed right away at their
  // current (old) index, before any structural patch of the middle.
  while (start <= endA && start <= endB && ac[start].key === bc[start].key) {
    ctx.path.push(start);
    diffNode(ctx, ac[start], bc[start]);
    ctx.path.pop();
    start++;
  }
  while (start <= endA && start <= endB && ac[endA].key === bc[endB].key) {
    ctx.path.push(endA);
    diffNode(ctx, ac[endA], bc[endB]);
    ctx.path.pop();
    endA--;
    endB--;
  }

  if (start > endA) {
    for (let j = start; j <= endB; j++) ctx.patches.push({ type: 'INSERT', path: childPath(ctx, j), node: bc[j] });
    return;
  }

  const nb = endB - start + 1;
  // sources[j - start] = ordinal of the kept old child that becomes new child j, or -1 (insert).
  const sources = new Int32Array(nb > 0 ? nb : 0).fill(-1);
  const keptOld: number[] = []; // kept ordinal -> old index
  let removed: number[] | null = null;
  let removedKeys: Set<Key> | null = null;
  let lastJ = -1;
  let moved = false;
  for (let i = start; i <= endA; i++) {
    const key = ac[i].key as Key;
    const j = newKeys.get(key);
    if (j === undefined) {
      if (removed === null) {
        removed = [];
        removedKeys = new Set();
      }
      if (removedKeys!.has(key)) throw duplicateKey(ctx, key, 'old');
      removedKeys!.add(key);
      removed.push(i);
    } else {
      if (j < start || j > endB || sources[j - start] !== -1) throw duplicateKey(ctx, key, 'old');
      sources[j - start] = keptOld.length;
      keptOld.push(i);
      if (j < lastJ) moved = true;
      else lastJ = j;
    }
  }

  if (removed !== null) {
    for (let r = removed.length - 1; r >= 0; r--)
      ctx.patches.push({ type: 'REMOVE', path: childPath(ctx, removed[r]) });
  }
  // The middle now holds the kept children in old order at start + ordinal.
  if (moved) moveFloaters(ctx, start, sources, keptOld.length);
  for (let jj = 0; jj < nb; jj++) {
    if (sources[jj] === -1)
      ctx.patches.push({ type: 'INSERT', path: childPath(ctx, start + jj), node: bc[start + jj] });
  }
  for (let jj = 0; jj < nb; jj++) {
    const o = sources[jj];
    if (o === -1) continue;
    ctx.path.push(start + jj);
    diffNode(ctx, ac[keptOld[o]], bc[start + jj]);
    ctx.path.pop();
  }
}

/**
 * Puts the k kept children (currently at start + ordinal, in old order) into new order with
 * one MOVE per child outside the LIS.
 *
 * Ranks are positions in the new order. Children on the LIS ("stable") stay; the others
 * ("floaters") are moved in ascending rank, each to just after the child of rank r - 1 (or to
 * the front). By induction every floater ends up right after its predecessor, and between two
 * consecutive stable children only floaters ever stood, so the final order is the new order.
 *
 * A MOVE needs current indices. Every position a child ever occupies is known up front, and
 * their relative order never changes, so they are laid out once as "slots" (each child's
 * original slot; after each stable child, the destination slots of the floaters that follow it
 * in rank). A Fenwick tree over occupied slots gives a child's current index in O(log k), so
 * the pass costs O(k + moves * log k) after the O(k log k) LIS.
 */
function moveFloaters(ctx: Ctx, start: number, sources: Int32Array, k: number): void {
  const byRank = new Int32Array(k); // rank -> kept ordinal
  let r = 0;
  for (let jj = 0; jj < sources.length; jj++) if (sources[jj] !== -1) byRank[r++] = sources[jj];
  const { inLis } = longestIncreasingSubsequence(byRank);
  const rankOf = new Int32Array(k);
  for (r = 0; r < k; r++) rankOf[byRank[r]] = r;

  const origSlot = new Int32Array(k); // by ordinal
  const destSlot = new Int32Array(k); // by rank (floaters only)
  let u = 0;
  for (r = 0; r < k && !inLis[r]; r++) destSlot[r] = u++;
  for (let o = 0; o < k; o++) {
    origSlot[o] = u++;
    const ro = rankOf[o];
    if (inLis[ro]) for (r = ro + 1; r < k && !inLis[r]; r++) destSlot[r] = u++;
  }

  // Fenwick tree (1-based) over slots; built in O(u).
  const tree = new Int32Array(u + 1);
  for (let o = 0; o < k; o++) tree[origSlot[o] + 1] = 1;
  for (let i = 1; i <= u; i++) {
    const p = i + (i & -i);
    if (p <= u) tree[p] += tree[i];
  }
  // Occupied slots before `slot` = the current index of whatever occupies `slot`.
  const before = (slot: number): number => {
    let s = 0;
    for (let i = slot; i > 0; i -= i & -i) s += tree[i];
    return s;
  };
  const add = (slot: number, d: number): void => {
    for (let i = slot + 1; i <= u; i += i & -i) tree[i] += d;
  };

  for (r = 0; r < k; r++) {
    if (inLis[r]) continue;
    const o = byRank[r];
    const from = before(origSlot[o]);
    add(origSlot[o], -1);
    const to = before(destSlot[r]);
    add(destSlot[r], 1);
    if (from !== to) ctx.patches.push({ type: 'MOVE', path: childPath(ctx, start + from), to: start + to });
  }
}
