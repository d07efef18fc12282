/**
 * The dependency graph's edges. One `Link` object is one edge (source -> target) and sits in two
 * intrusive doubly-linked lists at once: the target's dependencies (in read order) and, while the
 * target is live, the source's subscribers. Intrusive lists make subscribe, unsubscribe and
 * "move to the cursor" O(1) per edge without a Set per node (the layout of Preact signals' `Node`,
 * https://github.com/preactjs/signals/blob/main/packages/core/src/index.ts, and alien-signals' `Link`).
 */

/** Something that can be read: an atom or a computed. */
export interface SourceNode {
  /** Bumped whenever the value changes; a link remembers the version it last saw. */
  version: number;
  /** State bits (graph.ts); an atom's are always 0, so a link's source is told apart without `instanceof`. */
  flags: number;
  subsHead: Link | null;
  subsTail: Link | null;
  /**
   * While a run that reads out of order is in progress (see `track` in graph.ts): this source's
   * link to that run's target, so "do I already depend on this?" is O(1). Saved in the link's
   * `rollback` and restored when that run ends (Preact's `_node` / `_rollbackNode` trick); unset
   * otherwise, so no finished run is kept alive through it.
   */
  currentLink: Link | undefined;
  readonly name: string;
}

/** Something that reads: a computed or an effect. */
export interface TargetNode {
  flags: number;
  depsHead: Link | null;
  /**
   * The last dependency. While the target runs it is the read cursor instead: the last link this
   * run has read, so the links after it are the ones not (yet) read again.
   */
  depsTail: Link | null;
  readonly name: string;
}

/** Link version meaning "not read (yet) in the current run" (only set on runs that read out of order). */
export const UNUSED = -1;

export class Link {
  version = 0;
  prevDep: Link | null = null;
  nextDep: Link | null = null;
  prevSub: Link | null = null;
  nextSub: Link | null = null;
  /** The source's `currentLink` before this run claimed it. */
  rollback: Link | undefined = undefined;
  /** True while the link is in the source's subscriber list. */
  subscribed = false;

  constructor(
    readonly source: SourceNode,
    readonly target: TargetNode,
  ) {}
}

/**
 * Puts `link` right after `prev` (first when `prev` is null) in the target's dependencies. Leaves
 * `depsTail` alone: during a run it is the cursor, which the caller moves.
 */
export function insertDep(target: TargetNode, prev: Link | null, link: Link): void {
  const next = prev !== null ? prev.nextDep : target.depsHead;
  link.prevDep = prev;
  link.nextDep = next;
  if (next !== null) next.prevDep = link;
  if (prev !== null) prev.nextDep = link;
  else target.depsHead = link;
}

/** Takes `link` out of the target's dependencies; `depsTail` is the caller's, as for `insertDep`. */
export function detachDep(target: TargetNode, link: Link): void {
  const { prevDep, nextDep } = link;
  if (prevDep !== null) prevDep.nextDep = nextDep;
  else target.depsHead = nextDep;
  if (nextDep !== null) nextDep.prevDep = prevDep;
  link.prevDep = link.nextDep = null;
}

export function appendSub(source: SourceNode, link: Link): void {
  link.prevSub = source.subsTail;
  link.nextSub = null;
  if (source.subsTail !== null) source.subsTail.nextSub = link;
  else source.subsHead = link;
  source.subsTail = link;
  link.subscribed = true;
}

export function removeSub(source: SourceNode, link: Link): void {
  const { prevSub, nextSub } = link;
  if (prevSub !== null) prevSub.nextSub = nextSub;
  else source.subsHead = nextSub;
  if (nextSub !== null) nextSub.prevSub = prevSub;
  else source.subsTail = prevSub;
  link.prevSub = link.nextSub = null;
  link.subscribed = false;
}
