/**
 * The dependency graph's edges. One `Link` object is one edge (source -> target) and sits in two
 * intrusive doubly-linked lists at once: the target's dependencies (in read order) and, while the
 * target is live, the source's subscribers. Intrusive lists make subscribe, unsubscribe and
 * "move to the end" O(1) per edge without a Set per node (the layout of Preact signals' `Node`,
 * https://github.com/preactjs/signals/blob/main/packages/core/src/index.ts).
 */

/** Something that can be read: an atom or a computed. */
export interface SourceNode {
  /** Bumped whenever the value changes; a link remembers the version it last saw. */
  version: number;
  subsHead: Link | null;
  subsTail: Link | null;
  /**
   * The link from this source to the target being evaluated right now, if any. Lets a read find
   * "do I already depend on this?" in O(1); saved and restored around nested evaluations
   * (Preact's `_node` / `_rollbackNode` trick).
   */
  currentLink: Link | undefined;
  readonly name: string;
}

/** Something that reads: a computed or an effect. */
export interface TargetNode {
  flags: number;
  depsHead: Link | null;
  depsTail: Link | null;
  readonly name: string;
}

/** Link version meaning "not read (yet) in the current evaluation". */
export const UNUSED = -1;

export class Link {
  version = 0;
  prevDep: Link | null = null;
  nextDep: Link | null = null;
  prevSub: Link | null = null;
  nextSub: Link | null = null;
  /** The source's `currentLink` before this evaluation claimed it. */
  rollback: Link | undefined = undefined;
  /** True while the link is in the source's subscriber list. */
  subscribed = false;

  constructor(
    readonly source: SourceNode,
    readonly target: TargetNode,
  ) {}
}

export function appendDep(target: TargetNode, link: Link): void {
  link.prevDep = target.depsTail;
  link.nextDep = null;
  if (target.depsTail !== null) target.depsTail.nextDep = link;
  else target.depsHead = link;
  target.depsTail = link;
}

export function removeDep(target: TargetNode, link: Link): void {
  const { prevDep, nextDep } = link;
  if (prevDep !== null) prevDep.nextDep = nextDep;
  else target.depsHead = nextDep;
  if (nextDep !== null) nextDep.prevDep = prevDep;
  else target.depsTail = prevDep;
  link.prevDep = link.nextDep = null;
}

/** Keeps a target's dependency list in read order, which the staleness check relies on. */
export function moveDepToTail(target: TargetNode, link: Link): void {
  if (target.depsTail === link) return;
  removeDep(target, link);
  appendDep(target, link);
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
