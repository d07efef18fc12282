/**
 * Patches produced by `diff` and performed by `applyPatches`.
 *
 * Coordinate system: every patch names its target by `path`, the child indices from the root
 * (`[]` is the root itself), **in the tree as it is at the moment that patch is applied**, i.e.
 * after all earlier patches of the same list have been applied in order. So patches must be
 * applied in order, exactly once, to a DOM equal to `render(old)`.
 *
 * - INSERT  `path` is where the new node will be: insert `render(node)` as child
 *           `path[last]` of the node at `path[0..last-1]` (append when that index equals the
 *           child count).
 * - REMOVE  remove the node at `path`.
 * - MOVE    take the node at `path` (its index is `path[last]`) out of its parent, then insert it
 *           so that it becomes child `to` of the same parent (`to` counts in the list without it).
 * - SET_PROP / REMOVE_PROP  set or remove attribute `name` of the element at `path`.
 * - SET_TEXT  set the data of the text node at `path`.
 * - REPLACE   replace the node at `path` (possibly the root) with `render(node)`.
 */
import type { VNode } from './vnode.js';

export type Path = readonly number[];

export type Patch =
  | { type: 'INSERT'; path: Path; node: VNode }
  | { type: 'REMOVE'; path: Path }
  | { type: 'MOVE'; path: Path; to: number }
  | { type: 'SET_PROP'; path: Path; name: string; value: unknown }
  | { type: 'REMOVE_PROP'; path: Path; name: string }
  | { type: 'SET_TEXT'; path: Path; text: string }
  | { type: 'REPLACE'; path: Path; node: VNode };

export type PatchType = Patch['type'];

export type PatchCounts = Record<PatchType, number>;

export function emptyCounts(): PatchCounts {
  return { INSERT: 0, REMOVE: 0, MOVE: 0, SET_PROP: 0, REMOVE_PROP: 0, SET_TEXT: 0, REPLACE: 0 };
}

/** Patches by type: what a DOM would be asked to do, without a DOM. */
export function countPatches(patches: readonly Patch[]): PatchCounts {
  const c = emptyCounts();
  for (const p of patches) c[p.type]++;
  return c;
}
