/**
 * Instrumentation counters for benchmarks: plain integer increments on a module-level object, so
 * leaving them on costs one add per run. They count work actually done (function invocations),
 * which is deterministic for a given graph and update, unlike time.
 */

export interface ReactivityStats {
  /** Invocations of computed functions (including ones aborted and retried on deep graphs). */
  computedRuns: number;
  /** Invocations of effect functions. */
  effectRuns: number;
}

export const counters: ReactivityStats = { computedRuns: 0, effectRuns: 0 };

/** A snapshot of the counters since the last `resetStats()`. */
export function stats(): ReactivityStats {
  return { computedRuns: counters.computedRuns, effectRuns: counters.effectRuns };
}

export function resetStats(): void {
  counters.computedRuns = 0;
  counters.effectRuns = 0;
}
