/**
 * Ownership: who disposes what. The reactivity layer's effects stand alone (an effect created
 * inside another is not disposed with it), so the component layer keeps its own tree of owners:
 * a component instance owns its render effect, its hook effects, the effects its last render
 * created and its child components; an owned effect owns the effects created by its last run.
 *
 * Disposing an owner disposes its subtree children first, newest first, then runs its own
 * cleanups, newest first: the reverse of creation, so nothing is torn down before what may still
 * use it. Children sit in an intrusive doubly-linked list, so disposing one row of a 1,000-row
 * list, or one effect, unlinks in O(1) (with an array, clearing a list one by one is O(n^2)).
 * Disposal walks the tree with a loop, not recursion, so depth costs no stack.
 */
import { effect, untracked, type Dispose, type EffectFn, type EffectOptions } from '../reactivity/index.js';
import { counters } from './stats.js';

export class Owner {
  parent: Owner | null = null;
  prev: Owner | null = null;
  next: Owner | null = null;
  first: Owner | null = null;
  last: Owner | null = null;
  /** Run on disposal, newest first; null until the first one (most owners have one or none). */
  cleanups: (() => void)[] | null = null;
  disposed = false;

  constructor(parent: Owner | null) {
    if (parent === null) return;
    if (parent.disposed) throw new Error('cannot create inside a disposed owner (an unmounted component or effect)');
    this.parent = parent;
    this.prev = parent.last;
    if (parent.last !== null) parent.last.next = this;
    else parent.first = this;
    parent.last = this;
  }

  addCleanup(fn: () => void): void {
    (this.cleanups ??= []).push(fn);
  }
}

function detach(node: Owner): void {
  const parent = node.parent;
  if (parent === null) return;
  if (node.prev !== null) node.prev.next = node.next;
  else parent.first = node.next;
  if (node.next !== null) node.next.prev = node.prev;
  else parent.last = node.prev;
  node.parent = node.prev = node.next = null;
}

/** Collects the first error of a disposal pass, so one throwing cleanup does not leak the rest. */
interface Failure {
  error: unknown;
  failed: boolean;
}

function runCleanups(node: Owner, failure: Failure): void {
  const list = node.cleanups;
  if (list === null) return;
  node.cleanups = null;
  for (let i = list.length - 1; i >= 0; i--) {
    try {
      list[i]!();
    } catch (e) {
      if (!failure.failed) {
        failure.failed = true;
        failure.error = e;
      }
    }
  }
}

/** Post-order walk: newest child subtree first, then the node's own cleanups, then unlink. */
function disposeInto(root: Owner, failure: Failure): void {
  let node = root;
  for (;;) {
    node.disposed = true;
    if (node.last !== null) {
      node = node.last;
      continue;
    }
    const parent = node.parent;
    runCleanups(node, failure);
    detach(node);
    if (node === root || parent === null) return;
    node = parent;
  }
}

/** Disposes `owner` and everything it owns; a second call does nothing. Cleanups run untracked. */
export function disposeOwner(owner: Owner): void {
  if (owner.disposed && owner.first === null && owner.cleanups === null) return;
  const failure: Failure = { error: undefined, failed: false };
  untracked(() => disposeInto(owner, failure));
  if (failure.failed) throw failure.error;
}

/** Disposes what `owner` owns (children and cleanups) and keeps `owner` itself usable. */
export function disposeChildren(owner: Owner): void {
  if (owner.first === null && owner.cleanups === null) return; // the common case, without a closure
  const failure: Failure = { error: undefined, failed: false };
  untracked(() => {
    while (owner.last !== null) disposeInto(owner.last, failure);
    runCleanups(owner, failure);
  });
  if (failure.failed) throw failure.error;
}

let currentOwner: Owner | null = null;

export function getOwner(): Owner | null {
  return currentOwner;
}

export function runWithOwner<T>(owner: Owner | null, fn: () => T): T {
  const prev = currentOwner;
  currentOwner = owner;
  try {
    return fn();
  } finally {
    currentOwner = prev;
  }
}

/**
 * Registers `fn` to run when the current owner is disposed: the running component's next render
 * or unmount (called during a render), or the running owned effect's next run or disposal.
 */
export function onCleanup(fn: () => void): void {
  if (currentOwner === null)
    throw new Error('onCleanup: no owner; call it while a component renders or an owned effect runs');
  currentOwner.addCleanup(fn);
}

/**
 * An effect (see reactivity's `effect`) owned by the current owner, if any: disposed with the
 * component or effect that was running when it was created. Effects it creates while it runs are
 * its own, and are disposed before its next run, so nested effects never pile up. Returns the
 * dispose function (also disposing what it owns). Without an owner, the caller must dispose it.
 */
export function ownedEffect(fn: EffectFn, options?: EffectOptions): Dispose {
  const owner = new Owner(currentOwner);
  // What each run creates (nested effects, onCleanups) lives in a child scope, emptied before the
  // next run; the effect itself is the owner's cleanup, so it goes last, after what it created.
  const runScope = new Owner(owner);
  counters.effectsCreated++;
  counters.effectsLive++;
  let dispose: Dispose | null = null;
  owner.addCleanup(() => {
    counters.effectsDisposed++;
    counters.effectsLive--;
    if (dispose !== null) dispose();
  });
  try {
    // Detached: its lifetime is `owner`'s (a hook effect outlives the render that created it).
    dispose = effect(
      () => {
        disposeChildren(runScope);
        return runWithOwner(runScope, fn);
      },
      { ...options, detached: true },
    );
  } catch (error) {
    disposeOwner(owner);
    throw error;
  }
  return () => disposeOwner(owner);
}
