/**
 * One small adapter interface over reactive libraries, as js-reactivity-benchmark does with its
 * `ReactiveFramework`: the same benchmark code runs on the reference runtime and on real peer
 * libraries, so the runtime is measured against something that ships, not only against itself.
 * Each adapter must flush effects synchronously when the outermost `batch` ends.
 */
import * as jepsh from '../runtime/reactivity/index.js';
import * as preact from '@preact/signals-core';
import * as alien from 'alien-signals';
import * as vue from '@vue/reactivity';
// The browser build: under Node the bare `solid-js` is the server build, whose signals never update.
import * as solid from 'solid-js/dist/solid.js';

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
  /** Runs `fn` without subscribing the running computed or effect to what it reads. */
  untracked<T>(fn: () => T): T;
  /**
   * Whether an effect created while another effect runs is owned by it: disposed before the
   * parent re-runs and when the parent is disposed. Libraries without ownership leave it to the
   * caller.
   */
  ownsNestedEffects: boolean;
  /**
   * Whether computeds are lazy (evaluated on read, only when a source changed). Solid's memos are
   * eager: evaluated on creation and on every change of a source, read or not.
   */
  lazyComputeds: boolean;
}

export const jepshAdapter: ReactiveAdapter = {
  name: 'jepsh',
  signal: (value) => jepsh.atom(value),
  computed: (fn) => jepsh.computed(fn),
  effect: (fn) => jepsh.effect(fn),
  batch: (fn) => void jepsh.batch(fn),
  untracked: (fn) => jepsh.untracked(fn),
  ownsNestedEffects: true,
  lazyComputeds: true,
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
  untracked: (fn) => preact.untracked(fn),
  ownsNestedEffects: false,
  lazyComputeds: true,
};

export const alienAdapter: ReactiveAdapter = {
  name: 'alien',
  signal: <T>(value: T): Writable<T> => {
    const s = alien.signal(value);
    return { get: () => s(), set: (v) => s(v) };
  },
  computed: <T>(fn: () => T): Readable<T> => {
    const c = alien.computed(fn);
    return { get: c };
  },
  effect: (fn) => alien.effect(fn),
  batch: (fn) => {
    alien.startBatch();
    try {
      fn();
    } finally {
      alien.endBatch();
    }
  },
  untracked: (fn) => {
    const prev = alien.setActiveSub(undefined);
    try {
      return fn();
    } finally {
      alien.setActiveSub(prev);
    }
  },
  ownsNestedEffects: true,
  lazyComputeds: true,
};

/**
 * Vue 3.5 exports no batch (3.4's pauseScheduling/resetScheduling are gone, and its internal
 * startBatch/endBatch are not exported), so the adapter batches through each effect's `scheduler`
 * option: Vue calls it when a source may have changed; outside a batch the effect runs at once
 * (what Vue does without a scheduler), inside one it is queued until the outermost batch ends.
 * A queued effect re-runs only if `dirty` (a source really changed), as Vue's own trigger does.
 */
interface VueJob {
  queued: boolean;
  run(): void;
}

let vueBatchDepth = 0;
let vueFlushing = false;
const vueQueue: VueJob[] = [];

function vueFlush(): void {
  if (vueFlushing) return;
  vueFlushing = true;
  try {
    // Re-read length: effects that write queue more effects into this flush.
    for (let i = 0; i < vueQueue.length; i++) {
      const job = vueQueue[i]!;
      job.queued = false;
      job.run();
    }
  } finally {
    vueQueue.length = 0;
    vueFlushing = false;
  }
}

export const vueAdapter: ReactiveAdapter = {
  name: 'vue',
  // shallowRef: a plain signal, without ref's deep conversion of objects to reactive proxies.
  signal: <T>(value: T): Writable<T> => {
    const r = vue.shallowRef(value);
    return { get: () => r.value, set: (v) => void (r.value = v) };
  },
  computed: <T>(fn: () => T): Readable<T> => {
    const c = vue.computed(fn);
    return { get: () => c.value };
  },
  effect: (fn) => {
    let stopped = false;
    const job: VueJob = {
      queued: false,
      // A stopped effect's `run` would call fn untracked: a disposed effect must not run at all.
      run: () => {
        if (!stopped && runner.effect.dirty) runner.effect.run();
      },
    };
    const runner = vue.effect(fn, {
      scheduler: () => {
        if (!job.queued) {
          job.queued = true;
          vueQueue.push(job);
        }
        if (vueBatchDepth === 0) vueFlush();
      },
    });
    return () => {
      stopped = true;
      vue.stop(runner);
    };
  },
  batch: (fn) => {
    vueBatchDepth++;
    try {
      fn();
    } finally {
      if (--vueBatchDepth === 0) vueFlush();
    }
  },
  untracked: (fn) => {
    vue.pauseTracking();
    try {
      return fn();
    } finally {
      vue.resetTracking();
    }
  },
  ownsNestedEffects: false,
  lazyComputeds: true,
};

/**
 * Solid's reactive core. Each effect is a render effect (runs at once on creation, where
 * `createEffect` would defer to the end of the current update) in its own root so it can be
 * disposed alone; the root is tied to the running owner with `onCleanup`, which gives Solid's
 * ownership: a nested effect is disposed when its parent re-runs or is disposed.
 */
export const solidAdapter: ReactiveAdapter = {
  name: 'solid',
  signal: <T>(value: T): Writable<T> => {
    const [get, set] = solid.createSignal(value);
    // The updater form: a function value would otherwise be called as an updater.
    return { get, set: (v) => void set(() => v) };
  },
  computed: <T>(fn: () => T): Readable<T> => {
    const c = solid.createMemo(fn);
    return { get: c };
  },
  effect: (fn) => {
    const dispose = solid.createRoot((d) => {
      solid.createRenderEffect(fn);
      return d;
    });
    if (solid.getOwner() !== null) solid.onCleanup(dispose);
    return dispose;
  },
  batch: (fn) => void solid.batch(fn),
  untracked: (fn) => solid.untrack(fn),
  ownsNestedEffects: true,
  lazyComputeds: false,
};

export const REACTIVE_ADAPTERS: Readonly<Record<string, ReactiveAdapter>> = {
  jepsh: jepshAdapter,
  preact: preactAdapter,
  alien: alienAdapter,
  vue: vueAdapter,
  solid: solidAdapter,
};
