/**
 * The suite authoring API. Suites are TypeScript files in `suites/` that default-export
 * `defineSuite({...})`. They are bundled per suite with esbuild and run in a fresh Chromium page;
 * the same module also loads in Node (for `jepsh-bench list`), so a suite must not touch the DOM
 * at module top level, only inside its hooks.
 *
 * Timing model (see src/suite/page-runner.ts):
 * - `run(ctx)` is one operation. The runner calibrates how many operations make one sample
 *   (>= 1 ms, i.e. >= 200x the 5 us timer of an isolated page) and stores time per operation.
 * - `reset(ctx)` (optional) restores the state `run` changed and is never timed. When a benchmark
 *   has `reset`, every operation is timed on its own and the runner sums operations into samples.
 * - Counters (`ctx.count`) are collected in a separate, untimed pass of exactly `counterOps`
 *   operations, so they are deterministic and never distort timings.
 * - `measure(ctx)` (instead of `run`) is for benchmarks that produce their own samples
 *   (frame statistics over real animation frames, compile times): call `ctx.report` per sample.
 *
 * State: `setup(ctx)` (untimed, may be async) returns the benchmark's state; every other hook reads
 * it as `ctx.state`, typed by what setup returns. Keep what changes between operations in fields
 * of that object (`ctx.state.sum = s`): the state itself is never replaced. Without setup it is
 * undefined. Write `bench({ params, setup, run, ... })` with setup before the hooks that read the
 * state: TypeScript infers P from `params` (each key typed as the union of its listed values) and
 * S from setup's return in that order, so no type arguments are needed.
 */
import type { MetricSpec, ParamValue, Params } from '../model/types.js';

export type { MetricSpec, ParamValue, Params };

/** A metric declared by a benchmark; `kind` defaults to 'counter' for declared extra metrics. */
export interface MetricDecl {
  unit: string;
  direction: 'lower' | 'higher';
  kind?: 'counter' | 'gauge' | 'time';
  description?: string;
}

/**
 * What the harness offers a benchmark from outside the page (CDP-backed), as `ctx.host`; null when
 * the suite runs elsewhere (unit tests in Node).
 */
export interface HostApi {
  /** JS heap in use, bytes (CDP Runtime.getHeapUsage). */
  heapUsed(): Promise<number>;
  /** Starts counting garbage collections (CDP tracing of V8 GC events). */
  gcCountStart(): Promise<void>;
  /** Stops counting and returns minor (scavenge) and major (mark-compact) collections seen. */
  gcCountStop(): Promise<GcCount>;
  /**
   * Stops counting and returns the page's own collections inside each window it marked with
   * `console.timeStamp(GC_WINDOW.open)` ... `console.timeStamp(GC_WINDOW.close)`, in order: one
   * trace for many rounds, where gcCountStart/gcCountStop per round cost 35-60 ms a round.
   */
  gcCountWindows(): Promise<GcCount[]>;
  /** A full collection of the page's V8 and DOM heaps (CDP HeapProfiler.collectGarbage). */
  collectGarbage(): Promise<void>;
  /** Live documents, DOM nodes (attached or detached) and JS event listeners (CDP Memory.getDOMCounters). */
  domCounters(): Promise<DomCounters>;
  /**
   * A cold load of `url` (relative to the suite page, same origin only) in a fresh tab of the suite
   * page's browser context, cache disabled, CPU throttled if asked; resolves once the page is
   * interactive, with its timings, and closes the tab.
   */
  loadPage(url: string, opts?: PageLoadOptions): Promise<PageLoadTimings>;
}

/** Collections counted by the host: minor (scavenges) and major (mark-compacts). */
export interface GcCount {
  minor: number;
  major: number;
}

/** The `console.timeStamp` labels that open and close a window of HostApi.gcCountWindows. */
export const GC_WINDOW = { open: '__jepsh_gc_open', close: '__jepsh_gc_close' } as const;

/** The performance.mark an app sets when its first render is done; `loadPage` reads it. */
export const FIRST_RENDER_MARK = 'jepsh:first-render';

export interface PageLoadOptions {
  /** CPU slowdown factor (CDP Emulation.setCPUThrottlingRate): 1 none, 4 Lighthouse's mobile preset. */
  cpuThrottling?: number;
  /** Long-task-free time after which the page counts as interactive (src/suite/tti.ts); default 1000 ms. */
  quietWindowMs?: number;
  /** Give up (reject) when the page is not interactive by then; default 30000 ms. */
  timeoutMs?: number;
}

/** What a cold load measured, ms from navigation start. */
export interface PageLoadTimings {
  /** First contentful paint (performance paint timing). */
  fcp: number;
  /** When the app set FIRST_RENDER_MARK; null when it set none. */
  firstRender: number | null;
  /** Time to interactive (src/suite/tti.ts). */
  tti: number;
  domContentLoadedEnd: number;
  /** Long tasks (>= 50 ms) seen from navigation start until TTI's quiet window ended. */
  longTasks: number;
}

export interface DomCounters {
  documents: number;
  nodes: number;
  jsEventListeners: number;
}

/** What `setup` receives: no `state` yet, since setup is what makes it. */
export interface SetupContext<P extends Params = Params> {
  readonly params: P;
  /** The harness's host API in a page (heap, GC counts); null outside one. */
  readonly host: HostApi | null;
}

/** What `run`, `reset`, `measure`, `verify` and `teardown` receive. */
export interface BenchContext<P extends Params = Params, S = unknown> extends SetupContext<P> {
  /** What `setup` returned (undefined without setup); the same object for the whole benchmark. */
  readonly state: S;
  /**
   * Adds `value` to a counter metric. Counted only during the counter pass; the stored value is
   * the total divided by the number of operations of that pass (so "per op").
   */
  count(metric: string, value?: number): void;
  /** Pushes one raw sample of a metric (gauge, counter or time in ms). Used by `measure`. */
  report(metric: string, value: number): void;
  /** Whether this call of `run` is in the counter pass (counters only matter there). */
  readonly counting: boolean;
}

// `any` defaults: a SuiteDef holds benchmarks of many P and S, which the runner treats alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface BenchmarkDef<P extends Params = any, S = any> {
  name: string;
  description?: string;
  /** Each key lists the values to expand; one benchmark per combination. */
  params?: { [K in keyof P]: readonly P[K][] };
  /** Extra metrics besides `time`. */
  metrics?: Record<string, MetricDecl>;
  /** Operations in the counter pass (default 1). */
  counterOps?: number;
  /**
   * Untimed, once per benchmark (per parameter combination); returns the state. Its parameter
   * does not mention S, so S is inferred from the return value alone.
   */
  setup?(ctx: SetupContext<P>): S | Promise<S>;
  /** One operation: the timed unit. Must be synchronous to be timed precisely. */
  run?(ctx: BenchContext<P, S>): void;
  /** Untimed, before every operation when present (e.g. rebuild a table before 'remove row'). */
  reset?(ctx: BenchContext<P, S>): void;
  /**
   * A forced, untimed gc() before every timed operation (after `reset`), or before every timed
   * batch without `reset`. For operations that allocate so much that a collection falls inside
   * some of them and not others: their samples are then two modes about 2x apart, and which mode
   * a session draws dominates its value. From the same heap every time they are one mode, at the
   * price of a collection per operation (docs/statistics.md section 1). Needs the page's `gc`.
   */
  gcBeforeOp?: boolean;
  /** Produces its own samples via `ctx.report`; no `time` metric unless it reports one. */
  measure?(ctx: BenchContext<P, S>, opts: { minSamples: number; minTimeMs: number }): void | Promise<void>;
  /** Untimed, once after the benchmark. */
  teardown?(ctx: BenchContext<P, S>): void | Promise<void>;
  /**
   * Throws when a result is wrong (e.g. cellx layer values). Called after the counter pass and
   * after sampling; a wrong answer fails the benchmark, it is never timed as a success.
   */
  verify?(ctx: BenchContext<P, S>): void;
}

export interface SuiteDef {
  name: string;
  description?: string;
  benchmarks: BenchmarkDef[];
}

/** Identity function that gives suite files type checking. */
export function defineSuite(suite: SuiteDef): SuiteDef {
  return suite;
}

/**
 * Typed helper for a single benchmark definition: infers P from `params` and S from what `setup`
 * returns (undefined without setup), per benchmark.
 */
export function bench<P extends Params = Params, S = undefined>(def: BenchmarkDef<P, S>): BenchmarkDef<P, S> {
  return def;
}
