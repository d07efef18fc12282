/**
 * The reactive graph: atoms, computeds, effects, and the push-pull algorithm that keeps them
 * consistent.
 *
 * Push (on write): walk the subscribers once, marking computeds STALE ("a source may have
 * changed") and queueing effects. A node already NOTIFIED is not walked again, so a write costs
 * O(edges newly reached), not O(paths).
 * Pull (on read or when a queued effect is checked): a STALE computed brings its sources up to
 * date in read order and re-runs only if one of their versions differs from the version its link
 * recorded; an equal result does not bump the computed's version, which stops propagation below
 * it. Every computed therefore runs at most once per change and only sees settled inputs
 * (glitch-free). This is the colouring algorithm of Reactively
 * (https://github.com/milomg/reactively, "Super-Charging Fine-Grained Reactive Performance") with
 * Preact signals' version numbers and lazy subscription
 * (https://github.com/preactjs/signals/blob/main/packages/core/src/index.ts).
 *
 * Only computeds that something live (an effect, directly or through other computeds) depends
 * on are subscribed to their sources; others are checked on read, guarded by a global version
 * counter, so an unread computed never leaks into its sources' subscriber lists.
 *
 * A run records its reads by walking last run's dependency list with a cursor (alien-signals,
 * https://github.com/stackblitz/alien-signals/blob/master/src/system.ts): a run that reads what the
 * last one read, in the same order, allocates nothing and walks nothing before or after; only the
 * links left past the cursor are dropped. Only a run that reads out of order pays for Preact's
 * lookup by source (a walk when it starts doing so and one at its end), see `track`.
 *
 * No recursion proportional to graph depth on updates: marking, subscribing, unsubscribing and
 * the staleness check all use explicit stacks. Only reading a dependency that has never been
 * evaluated (or was dropped) recurses, because a function calls `get()` on its sources; beyond
 * MAX_EVAL_DEPTH nested evaluations the read is suspended, the stack unwinds to the outermost
 * read, and the deep source is evaluated first from there (a trampoline), so a cold chain of any
 * length fits on the stack. The price: on such a cold deep graph, the functions between the
 * outermost read and the suspension point are aborted and run once more (computeds must be pure
 * anyway), and `computedRuns` counts both runs.
 */
import { Link, UNUSED, appendSub, detachDep, insertDep, removeSub, type SourceNode, type TargetNode } from './links.js';
import { counters } from './stats.js';
import { currentFlushEpoch, enqueue, type Job } from './scheduler.js';
import { ReactiveCycleError } from './errors.js';

export type Equals<T> = (a: T, b: T) => boolean;
export type EffectCleanup = () => void;
export type EffectFn = () => void | EffectCleanup;

// Node flags.
/** A source may have changed since the last refresh: check before using the value. */
const STALE = 1 << 0;
/** Subscribers were already told about a change since the last refresh. */
const NOTIFIED = 1 << 1;
/** Must re-run without checking (never ran, or its last run was aborted). */
const DIRTY = 1 << 2;
/** On the evaluation stack (being checked or computed); reaching it again means a cycle. */
const RUNNING = 1 << 3;
/** Live: has subscribers (computed) or is an effect; its source links are subscribed. */
const TRACKING = 1 << 4;
const HAS_VALUE = 1 << 5;
const HAS_ERROR = 1 << 6;
/** Effect is in the scheduler queue. */
const QUEUED = 1 << 7;
const DISPOSED = 1 << 8;
/** The node is a computed: tells a link's source or target apart by a bit test, not `instanceof`. */
const COMPUTED = 1 << 9;
/** The running target has read out of order and finds its links through `currentLink` (see `track`). */
const CLAIMING = 1 << 10;

/**
 * Nested first-time evaluations allowed before suspending to the outermost read. Each level is
 * about five frames (get, ensureFresh, updateComputed, recompute, the user function): measured in
 * Node 20 without this limit, 2,343 levels of `() => prev.get() + 1` fit in V8's default ~1 MB
 * stack (~420 B a level), 1,757 with a map/reduce per level. 400 levels thus take under a quarter
 * of the stack, leaving room for the caller and for heavier user functions.
 */
export const MAX_EVAL_DEPTH = 400;
/** An effect re-queued more often than this in one flush is in a write cycle. */
const MAX_EFFECT_RERUNS = 100;

/** The computed or effect whose function is running (reads link to it), or null (untracked). */
let current: TargetNode | null = null;
/** Bumped on every atom change; a non-live computed whose `gv` equals it is still fresh. */
let globalVersion = 0;
/** Nested computed evaluations on the JS stack. */
let evalDepth = 0;
/** Computeds being checked or evaluated, outermost first; names cycles in error messages. */
const active: ComputedNode<unknown>[] = [];
/** Index in `active` where the current outermost read started. */
let rootBase = 0;
/** A suspension raised but not yet handled by the outermost read (see `evaluateSuspended`). */
let pendingSuspend: Suspend | null = null;
let nextId = 0;

export function autoName(kind: string): string {
  return `${kind}#${++nextId}`;
}

export class AtomNode<T> implements SourceNode {
  version = 0;
  /** Always 0: only the COMPUTED bit is ever tested on a source. */
  flags = 0;
  subsHead: Link | null = null;
  subsTail: Link | null = null;
  currentLink: Link | undefined = undefined;
  /**
   * The latest version some computed or effect recorded, and the value it had then. No link holds
   * a later version, so a write back to `seenValue` can return to `seenVersion`: every reader
   * then sees no change (alien-signals compares values the same way; Preact signals does it for
   * writes back within one batch). Costs one retained old value per atom.
   */
  seenVersion = 0;
  seenValue: T;

  constructor(
    public value: T,
    readonly equals: Equals<T>,
    readonly name: string,
  ) {
    this.seenValue = value;
  }

  get(): T {
    if (current !== null) {
      const version = this.version;
      track(this).version = version;
      if (this.seenVersion !== version) {
        this.seenVersion = version;
        this.seenValue = this.value;
      }
    }
    return this.value;
  }

  set(value: T): void {
    if (evalDepth > 0) {
      throw new Error(
        `Cannot set atom "${this.name}" while computing "${active[active.length - 1]?.name}": ` +
          'computeds must not write state',
      );
    }
    if (this.equals(this.value, value)) return;
    // Versions after `seenVersion` were never recorded, so reusing them is safe. When the value
    // being replaced is the one seen, `equals` has just said the new one differs from it.
    const back = this.seenVersion !== this.version && this.equals(this.seenValue, value);
    this.value = value;
    this.version = back ? this.seenVersion : this.seenVersion + 1;
    globalVersion++;
    if (this.subsHead !== null) propagate(this.subsHead);
  }

  update(fn: (prev: T) => T): void {
    this.set(fn(this.value));
  }
}

export class ComputedNode<T> implements SourceNode, TargetNode {
  version = 0;
  subsHead: Link | null = null;
  subsTail: Link | null = null;
  currentLink: Link | undefined = undefined;
  flags = COMPUTED | DIRTY;
  depsHead: Link | null = null;
  depsTail: Link | null = null;
  /** `globalVersion` when this node was last known fresh. */
  gv = -1;
  /** Where the iterative staleness check resumes after bringing a source up to date. */
  checkFrom: Link | null = null;
  /** The last result, or the thrown error when HAS_ERROR (errors are cached like values). */
  value: unknown = undefined;

  constructor(
    readonly fn: () => T,
    readonly equals: Equals<T>,
    readonly name: string,
  ) {}

  get(): T {
    // The internals are written against ComputedNode<unknown> (T only matters to `equals`).
    const self = this as ComputedNode<unknown>;
    if ((this.flags & RUNNING) !== 0) throw cycleError(self);
    const link = current !== null ? track(this) : undefined;
    if (!isFresh(self)) ensureFresh(self);
    if (link !== undefined) link.version = this.version;
    if ((this.flags & HAS_ERROR) !== 0) throw this.value;
    return this.value as T;
  }
}

export class EffectNode implements TargetNode, Job {
  flags = TRACKING;
  depsHead: Link | null = null;
  depsTail: Link | null = null;
  private cleanup: EffectCleanup | undefined = undefined;
  private epoch = -1;
  private runsInEpoch = 0;
  /** Effects created by this effect's last run: disposed before it re-runs and with it. */
  private children: EffectNode[] | null = null;

  constructor(
    readonly fn: EffectFn,
    readonly name: string,
    /** The effect whose run created this one, or null. */
    readonly owner: EffectNode | null = null,
  ) {
    if (owner !== null) (owner.children ??= []).push(this);
  }

  /** Scheduler entry: run again only if a source's version really changed. */
  runQueued(): void {
    // Already run early by a queued effect it owns (below), or re-queued after that.
    if ((this.flags & QUEUED) === 0) return;
    // A queued owner runs first (Solid's runTop): its re-run disposes this effect, which would
    // otherwise run once more for nothing.
    for (let owner = this.owner; owner !== null; owner = owner.owner) {
      if ((owner.flags & QUEUED) !== 0) {
        owner.runQueued();
        break; // that call ran any queued owner above it first
      }
    }
    this.flags &= ~QUEUED;
    if ((this.flags & DISPOSED) !== 0) return;
    // Checked as an outermost read even if someone flushes from inside a computed.
    const prevDepth = evalDepth;
    evalDepth = 0;
    let changed: boolean;
    try {
      changed = this.sourcesChanged();
    } finally {
      evalDepth = prevDepth;
    }
    if (!changed) return;
    const epoch = currentFlushEpoch();
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.runsInEpoch = 0;
    }
    if (++this.runsInEpoch > MAX_EFFECT_RERUNS) {
      throw new Error(
        `Effect "${this.name}" was re-triggered ${MAX_EFFECT_RERUNS} times in one flush: ` +
          'it writes state it depends on (a cycle)',
      );
    }
    this.execute();
  }

  private sourcesChanged(): boolean {
    for (let link = this.depsHead; link !== null; link = link.nextDep) {
      const source = link.source;
      if ((source.flags & COMPUTED) !== 0 && !isFresh(source as ComputedNode<unknown>)) {
        try {
          ensureFresh(source as ComputedNode<unknown>);
        } catch {
          return true; // let the run read the source and see the error itself
        }
      }
      if (source.version !== link.version) return true;
    }
    return false;
  }

  execute(): void {
    this.disposeChildren();
    const cleanup = this.cleanup;
    if (cleanup !== undefined) {
      this.cleanup = undefined;
      untracked(cleanup);
    }
    const prevCurrent = current;
    const prevDepth = evalDepth;
    this.depsTail = null; // the read cursor (see `track`)
    // The running node is tracked globally, as in every signals library.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    current = this;
    // An effect's reads are outermost reads even if the effect was created inside a computed.
    evalDepth = 0;
    this.flags |= RUNNING;
    counters.effectRuns++;
    try {
      const fn = this.fn;
      const result = fn();
      if (typeof result === 'function') this.cleanup = result;
    } finally {
      current = prevCurrent;
      evalDepth = prevDepth;
      this.flags &= ~RUNNING;
      endRun(this, true);
      if ((this.flags & DISPOSED) !== 0) this.teardown();
    }
  }

  dispose(): void {
    if ((this.flags & DISPOSED) !== 0) return;
    this.flags |= DISPOSED;
    // Disposed from inside its own run: `execute` tears down once the run ends.
    if ((this.flags & RUNNING) === 0) this.teardown();
  }

  private disposeChildren(): void {
    const children = this.children;
    if (children === null) return;
    this.children = null;
    for (const child of children) child.dispose();
  }

  private teardown(): void {
    this.disposeChildren();
    let link = this.depsHead;
    while (link !== null) {
      const next = link.nextDep;
      if (link.subscribed) unsubscribe(link);
      link.prevDep = link.nextDep = null;
      link = next;
    }
    this.depsHead = this.depsTail = null;
    const cleanup = this.cleanup;
    this.cleanup = undefined;
    if (cleanup !== undefined) untracked(cleanup);
  }
}

export function untracked<T>(fn: () => T): T {
  const prev = current;
  current = null;
  try {
    return fn();
  } finally {
    current = prev;
  }
}

/** Creates an effect, runs it once now, and returns its dispose function. */
export function createEffect(fn: EffectFn, name: string, detached = false): () => void {
  // Created while another effect runs: owned by it (untracked code has no owner).
  const owner = !detached && current instanceof EffectNode ? current : null;
  const node = new EffectNode(fn, name, owner);
  try {
    node.execute();
  } catch (error) {
    node.dispose();
    throw error;
  }
  return () => node.dispose();
}

/** Test-only introspection: how many live subscribers a node has. */
export function subscriberCount(node: unknown): number {
  if (!(node instanceof AtomNode) && !(node instanceof ComputedNode)) return 0;
  let n = 0;
  for (let link = (node as SourceNode).subsHead; link !== null; link = link.nextSub) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Tracking: which sources a running target reads.

/**
 * Records that the running target reads `source`. Reads are matched against last run's links in
 * order, `depsTail` being the cursor (alien-signals' `link`): a source read again right away or
 * the one the last run read next costs a comparison or two, no allocation, no walk. Any other read
 * goes to `trackOutOfOrder`.
 */
function track(source: SourceNode): Link {
  const target = current!;
  const cursor = target.depsTail;
  if (cursor !== null && cursor.source === source) return cursor;
  const next = cursor !== null ? cursor.nextDep : target.depsHead;
  if (next !== null && next.source === source) {
    target.depsTail = next;
    // Once claiming, UNUSED marks the links not yet read in this run; this one now is.
    if ((target.flags & CLAIMING) !== 0) next.version = 0;
    return next;
  }
  return trackOutOfOrder(target, source, cursor);
}

/**
 * A read that is not the next one in last run's order: a new source, a source read again after
 * others, or last run's sources in another order. The target's link is found in O(1) through
 * `source.currentLink`, which `claimAll` set up; the dependency list stays in first-read order,
 * which the staleness check relies on, and a link read again keeps its subscription.
 */
function trackOutOfOrder(target: TargetNode, source: SourceNode, cursor: Link | null): Link {
  if ((target.flags & CLAIMING) === 0) claimAll(target, cursor);
  const claimed = source.currentLink;
  if (claimed !== undefined && claimed.target === target) {
    if (claimed.version !== UNUSED) return claimed; // read earlier in this run: stays where it is
    claimed.version = 0;
    detachDep(target, claimed);
    insertDep(target, cursor, claimed);
    target.depsTail = claimed;
    return claimed;
  }
  const link = new Link(source, target);
  link.rollback = claimed;
  source.currentLink = link;
  insertDep(target, cursor, link);
  target.depsTail = link;
  if ((target.flags & TRACKING) !== 0) subscribe(link);
  return link;
}

/**
 * From the first out-of-order read to the end of the run, the target's links are found by source
 * (Preact's scheme): each claims its source's `currentLink`, and those past the cursor, not read
 * yet in this run, are marked UNUSED. `currentLink`s are saved and restored, so nested runs nest.
 */
function claimAll(target: TargetNode, cursor: Link | null): void {
  target.flags |= CLAIMING;
  let unread = cursor === null;
  for (let link = target.depsHead; link !== null; link = link.nextDep) {
    const source = link.source;
    link.rollback = source.currentLink;
    source.currentLink = link;
    if (unread) link.version = UNUSED;
    else if (link === cursor) unread = true;
  }
}

/**
 * After a run: give back claimed `currentLink`s and, if the run completed, drop the links past the
 * cursor, the sources it no longer read (a branch not taken is unsubscribed). An aborted run keeps
 * all links (its target is DIRTY) and gets its real last link back in `depsTail`.
 */
function endRun(target: TargetNode, completed: boolean): void {
  if ((target.flags & CLAIMING) !== 0) {
    target.flags &= ~CLAIMING;
    for (let link = target.depsHead; link !== null; link = link.nextDep) {
      link.source.currentLink = link.rollback;
      link.rollback = undefined;
    }
  }
  const cursor = target.depsTail;
  let link = cursor !== null ? cursor.nextDep : target.depsHead;
  if (link === null) return;
  if (completed) {
    if (cursor !== null) cursor.nextDep = null;
    else target.depsHead = null;
    do {
      const next: Link | null = link.nextDep;
      link.prevDep = link.nextDep = null;
      if (link.subscribed) unsubscribe(link);
      link = next;
    } while (link !== null);
    return;
  }
  for (;;) {
    // Only links past a run's cursor may be UNUSED (trackOutOfOrder relies on it). The version is
    // not looked at before the DIRTY target runs again and records a real one.
    if (link.version === UNUSED) link.version = 0;
    if (link.nextDep === null) break;
    link = link.nextDep;
  }
  target.depsTail = link;
}

// ---------------------------------------------------------------------------------------------
// Push: marking and (un)subscription, all iterative.

const markStack: Link[] = [];

function propagate(first: Link): void {
  const stack = markStack;
  const base = stack.length;
  let link: Link | null = first;
  for (;;) {
    do {
      const target: TargetNode = link.target;
      const flags = target.flags;
      if ((flags & COMPUTED) !== 0) {
        if ((flags & NOTIFIED) === 0) {
          target.flags = flags | STALE | NOTIFIED;
          const subs = (target as ComputedNode<unknown>).subsHead;
          if (subs !== null) {
            // Only a sibling still to visit is worth a stack slot.
            if (link.nextSub !== null) stack.push(link.nextSub);
            link = subs;
            continue;
          }
        }
      } else if ((flags & (QUEUED | DISPOSED)) === 0) {
        target.flags = flags | QUEUED;
        enqueue(target as EffectNode);
      }
      link = link.nextSub;
    } while (link !== null);
    if (stack.length === base) return;
    link = stack.pop()!;
  }
}

const cascadeStack: Link[] = [];

/** Subscribes `first`; a computed gaining its first subscriber goes live and subscribes too. */
function subscribe(first: Link): void {
  const stack = cascadeStack;
  const base = stack.length;
  let link = first;
  for (;;) {
    const source = link.source;
    appendSub(source, link);
    if ((source.flags & COMPUTED) !== 0 && source.subsHead === link) {
      const node = source as ComputedNode<unknown>;
      // Nothing told it about writes while it was not live: unless it is known fresh, check it.
      node.flags |= TRACKING;
      if (node.gv !== globalVersion) node.flags |= STALE;
      for (let dep = node.depsHead; dep !== null; dep = dep.nextDep) {
        if (!dep.subscribed) stack.push(dep);
      }
    }
    if (stack.length === base) return;
    link = stack.pop()!;
  }
}

/** Unsubscribes `first`; a computed losing its last subscriber stops being live, recursively. */
function unsubscribe(first: Link): void {
  const stack = cascadeStack;
  const base = stack.length;
  let link = first;
  for (;;) {
    const source = link.source;
    removeSub(source, link);
    if ((source.flags & COMPUTED) !== 0 && source.subsHead === null) {
      const node = source as ComputedNode<unknown>;
      const flags = node.flags;
      // A clean live node is fresh right now; a stale one must be checked on its next read.
      node.gv = (flags & STALE) !== 0 ? -1 : globalVersion;
      node.flags = flags & ~(TRACKING | STALE | NOTIFIED);
      for (let dep = node.depsHead; dep !== null; dep = dep.nextDep) {
        if (dep.subscribed) stack.push(dep);
      }
    }
    if (stack.length === base) return;
    link = stack.pop()!;
  }
}

// ---------------------------------------------------------------------------------------------
// Pull: bring a computed up to date.

function isFresh(node: ComputedNode<unknown>): boolean {
  const flags = node.flags;
  if ((flags & DIRTY) !== 0) return false;
  return (flags & TRACKING) !== 0 ? (flags & STALE) === 0 : node.gv === globalVersion;
}

function ensureFresh(node: ComputedNode<unknown>): void {
  if (evalDepth === 0) refreshAsRoot(node);
  else if (evalDepth >= MAX_EVAL_DEPTH) throw requestSuspend(node);
  else updateComputed(node);
}

/**
 * Depth-first over stale sources with an explicit stack (`active` plus each node's `checkFrom`):
 * a node's sources are checked in read order; a stale computed source is checked first; the first
 * source whose version differs from the link's makes the node re-run, later sources are not
 * touched (they may belong to a branch the new run will not take). All unchanged: the node is
 * fresh without running.
 */
function updateComputed(root: ComputedNode<unknown>): void {
  const base = active.length;
  root.flags |= RUNNING;
  active.push(root);
  // The node being checked, its next link to check, and whether it must re-run; kept in locals
  // so that returning to a parent resumes at its link without re-reading it from `active`.
  let node = root;
  let link = root.depsHead;
  let changed = (root.flags & DIRTY) !== 0;
  try {
    for (;;) {
      while (!changed && link !== null) {
        const source = link.source;
        if ((source.flags & COMPUTED) !== 0 && !isFresh(source as ComputedNode<unknown>)) {
          const stale = source as ComputedNode<unknown>;
          if ((stale.flags & RUNNING) !== 0) throw cycleError(stale);
          node.checkFrom = link;
          stale.flags |= RUNNING;
          active.push(stale);
          node = stale;
          link = stale.depsHead;
          changed = (stale.flags & DIRTY) !== 0;
          continue;
        }
        if (source.version !== link.version) changed = true;
        else link = link.nextDep;
      }
      if (changed) {
        recompute(node); // still RUNNING and on `active`: recompute takes it off both
      } else {
        active.pop();
        node.flags &= ~(RUNNING | STALE | NOTIFIED);
        node.gv = globalVersion;
      }
      if (active.length === base) return;
      // Back to the parent at the link to `node`, which is now fresh (computeds cannot write, so
      // nothing made it stale again): compare its version without checking it once more.
      const checked = node;
      node = active[active.length - 1]!;
      link = node.checkFrom!;
      node.checkFrom = null;
      changed = checked.version !== link.version;
      if (!changed) link = link.nextDep;
    }
  } catch (error) {
    for (let i = active.length - 1; i >= base; i--) {
      const node = active[i]!;
      node.flags &= ~RUNNING;
      node.checkFrom = null;
    }
    active.length = base;
    throw error;
  }
}

/** Runs `node`'s function; `updateComputed` has left it RUNNING and on top of `active`. */
function recompute(node: ComputedNode<unknown>): void {
  const prevCurrent = current;
  node.depsTail = null; // the read cursor (see `track`)
  current = node;
  evalDepth++;
  counters.computedRuns++;
  let value: unknown;
  let threw = false;
  try {
    const fn = node.fn;
    value = fn();
  } catch (error) {
    value = error;
    threw = true;
  }
  current = prevCurrent;
  evalDepth--;
  node.flags &= ~RUNNING;
  active.pop(); // nested evaluations have removed their own entries, even when they threw

  // A deeper read was suspended (even if user code caught it): abort and let the root retry.
  if (pendingSuspend !== null) {
    endRun(node, false);
    node.flags |= DIRTY;
    throw pendingSuspend;
  }
  endRun(node, true);

  let changed = true;
  if (!threw && (node.flags & HAS_VALUE) !== 0) {
    try {
      changed = !node.equals(node.value, value);
    } catch (error) {
      value = error;
      threw = true;
    }
  }
  let flags = node.flags & ~(DIRTY | STALE | NOTIFIED);
  if (changed) {
    node.value = value;
    node.version++;
    flags = threw ? (flags | HAS_ERROR) & ~HAS_VALUE : (flags | HAS_VALUE) & ~HAS_ERROR;
  }
  node.flags = flags;
  node.gv = globalVersion;
}

function cycleError(node: ComputedNode<unknown>): ReactiveCycleError {
  const start = active.lastIndexOf(node);
  const names = active.slice(start < 0 ? active.length : start).map((n) => n.name);
  names.push(node.name);
  if (start < 0) names.unshift(node.name);
  return new ReactiveCycleError(names);
}

// ---------------------------------------------------------------------------------------------
// Trampoline for evaluations deeper than MAX_EVAL_DEPTH.

/** Thrown (not an Error: no stack capture) to unwind a too-deep evaluation to the root. */
class Suspend {
  constructor(
    readonly node: ComputedNode<unknown>,
    /** Evaluation path from the root's current node down to the reader of `node`. */
    readonly path: readonly ComputedNode<unknown>[],
  ) {}
}

function requestSuspend(node: ComputedNode<unknown>): Suspend {
  if (pendingSuspend === null) pendingSuspend = new Suspend(node, active.slice(rootBase));
  return pendingSuspend;
}

function takeSuspend(): Suspend {
  const suspend = pendingSuspend!;
  pendingSuspend = null;
  return suspend;
}

function refreshAsRoot(node: ComputedNode<unknown>): void {
  const savedBase = rootBase;
  rootBase = active.length;
  try {
    try {
      updateComputed(node);
      return;
    } catch (error) {
      if (!(error instanceof Suspend)) throw error;
    }
    evaluateSuspended(node, takeSuspend());
  } finally {
    rootBase = savedBase;
  }
}

/**
 * Evaluates the suspended source first, on a shallow stack, then retries the readers above it
 * (now finding it fresh). Nodes aborted on the way re-run once, so the cost stays linear.
 *
 * Cycles longer than MAX_EVAL_DEPTH never meet a RUNNING node (the stack was unwound), so they are
 * caught here instead: `paths[k]` is the aborted path from `pending[k-1]` down to the reader of
 * `pending[k]`, and every node on it waits, through `pending[k]`, for the top of `pending`. An
 * evaluation of the top that reaches a waiting node has gone round a cycle.
 */
function evaluateSuspended(root: ComputedNode<unknown>, first: Suspend): void {
  const pending: ComputedNode<unknown>[] = [root];
  const paths: (readonly ComputedNode<unknown>[])[] = [[]];
  /** Waiting node -> index of the path it is on. */
  const waiting = new Map<ComputedNode<unknown>, number>();
  let suspend: Suspend | null = first;
  for (;;) {
    if (suspend !== null) {
      const walk = [...suspend.path, suspend.node];
      for (let i = 0; i < walk.length; i++) {
        const k = waiting.get(walk[i]!);
        if (k !== undefined) throw longCycleError(paths, k, walk.slice(0, i + 1));
      }
      pending.push(suspend.node);
      paths.push(suspend.path);
      const k = paths.length - 1;
      for (const node of suspend.path) if (!waiting.has(node)) waiting.set(node, k);
      suspend = null;
    }
    const top = pending[pending.length - 1]!;
    try {
      if (!isFresh(top)) updateComputed(top);
    } catch (error) {
      if (!(error instanceof Suspend)) throw error;
      suspend = takeSuspend();
      continue;
    }
    const k = paths.length - 1;
    for (const node of paths[k]!) if (waiting.get(node) === k) waiting.delete(node);
    pending.pop();
    paths.pop();
    if (pending.length === 0) return;
  }
}

/** The cycle from a waiting node on `paths[k]`, through the later paths, back to it via `tail`. */
function longCycleError(
  paths: readonly (readonly ComputedNode<unknown>[])[],
  k: number,
  tail: readonly ComputedNode<unknown>[],
): ReactiveCycleError {
  const again = tail[tail.length - 1]!;
  const walk = paths[k]!.slice(paths[k]!.indexOf(again));
  for (let j = k + 1; j < paths.length; j++) walk.push(...paths[j]!);
  walk.push(...tail);
  return new ReactiveCycleError(walk.map((n) => n.name));
}
