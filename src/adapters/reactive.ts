/**
 * One small adapter interface over reactive libraries, as js-reactivity-benchmark does with its
 * `ReactiveFramework`: the same benchmark code runs on the reference runtime and on real peer
 * libraries, so the runtime is measured against something that ships, not only against itself.
 * Each adapter must flush effects synchronously when the outermost `batch` ends.
 */
import * as jepsh from '../runtime/reactivity/index.js';
import * as preact from '@preact/signals-core';

export interface Readable<T> {
  get(): T;
}

export interface Writable<T> extends Readable<T> {
  set(value: T): void;
}

export interface ReactiveAdapter {
  name: string;
  signal<T>(value: T): Writable<T>;
  computed<T>(fn: () => T): Readable<T>;
  /** Runs `fn` now and whenever what it read changes; returns a dispose function. */
  effect(fn: () => void): () => void;
  batch(fn: () => void): void;
}

export const jepshAdapter: ReactiveAdapter = {
  name: 'jepsh',
  signal: (value) => jepsh.atom(value),
  computed: (fn) => jepsh.computed(fn),
  effect: (fn) => jepsh.effect(fn),
  batch: (fn) => void jepsh.batch(fn),
};

export const preactAdapter: ReactiveAdapter = {
  name: 'preact',
  signal: <T>(value: T): Writable<T> => {
    const s = preact.signal(value);
    return { get: () => s.value, set: (v) => void (s.value = v) };
  },
  computed: <T>(fn: () => T): Readable<T> => {
    const c = preact.computed(fn);
    return { get: () => c.value };
  },
  effect: (fn) => preact.effect(fn),
  batch: (fn) => preact.batch(fn),
};

export const REACTIVE_ADAPTERS: Readonly<Record<string, ReactiveAdapter>> = {
  jepsh: jepshAdapter,
  preact: preactAdapter,
};
