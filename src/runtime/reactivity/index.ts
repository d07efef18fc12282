/**
 * The reference runtime's fine-grained reactivity: atoms (writable state), computeds (lazy,
 * memoised, glitch-free derived values with dynamic dependencies) and effects (side effects that
 * re-run when what they read changes), with batching. See graph.ts for the algorithm and
 * scheduler.ts for when effects run.
 */
import { AtomNode, ComputedNode, autoName, createEffect, type EffectCleanup, type EffectFn } from './graph.js';

export { untracked } from './graph.js';
export { batch, flushSync } from './scheduler.js';
export { stats, resetStats, type ReactivityStats } from './stats.js';
export { ReactiveCycleError } from './errors.js';
export type { EffectCleanup, EffectFn };

export interface NodeOptions<T> {
  /** Debug name, used in cycle errors (default `atom#N` / `computed#N`). */
  name?: string;
  /** Values considered equal do not propagate (default `Object.is`). */
  equals?: (a: T, b: T) => boolean;
}

export interface Atom<T> {
  readonly name: string;
  /** Current value; inside a computed or effect, also subscribes to it. */
  get(): T;
  /** Writes a value; an equal value (per `equals`) changes nothing. */
  set(value: T): void;
  /** `set(fn(current))`, reading the current value without subscribing. */
  update(fn: (prev: T) => T): void;
}

export interface Computed<T> {
  readonly name: string;
  /** Up-to-date value (computed lazily, at most once per change); rethrows the function's error. */
  get(): T;
}

export interface EffectOptions {
  name?: string;
  /**
   * Not owned by the effect running when it is created, whose re-run or disposal would otherwise
   * dispose it. For effects whose lifetime something else manages (components own their render
   * and hook effects through their Owner tree).
   */
  detached?: boolean;
}

export type Dispose = () => void;

export function atom<T>(value: T, options?: NodeOptions<T>): Atom<T> {
  return new AtomNode<T>(value, options?.equals ?? Object.is, options?.name ?? autoName('atom'));
}

export function computed<T>(fn: () => T, options?: NodeOptions<T>): Computed<T> {
  return new ComputedNode<T>(fn, options?.equals ?? Object.is, options?.name ?? autoName('computed'));
}

/**
 * Runs `fn` now and again whenever something it read changes (after the outermost batch, in a
 * microtask, or on `flushSync()`). A function returned by `fn` is called before the next run and
 * on dispose. Returns the dispose function, which unsubscribes everything the effect read.
 * Created while another effect runs, it is owned by that effect (unless `detached`): disposed
 * before the owner re-runs and when the owner is disposed.
 */
export function effect(fn: EffectFn, options?: EffectOptions): Dispose {
  return createEffect(fn, options?.name ?? autoName('effect'), options?.detached === true);
}
