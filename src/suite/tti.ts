/**
 * Time to interactive, Lighthouse's definition (https://web.dev/articles/tti): from first
 * contentful paint, find the first quiet window (no long task, at most two network requests in
 * flight) of a given length; TTI is the end of the last long task before that window, or FCP when
 * there is none, and never earlier than the end of DOMContentLoaded. Pure, so the rule is tested
 * on hand-made task lists; browser/page-session.ts feeds it what a page observed.
 *
 *   FCP         long task           quiet window (>= quietWindowMs, no long task)
 *    |   [####]     [######]    |----------------------------------|
 *                           ^ TTI
 */

/** A long task as PerformanceObserver('longtask') reports it (ms from navigation start). */
export interface LongTask {
  startTime: number;
  duration: number;
}

/**
 * Where the first quiet window of `quietWindowMs` after `fcp` starts: the end of the last long task
 * ending after FCP that is followed by such a gap, else the end of the last one (the window may
 * still be open), or FCP without any. A task straddling FCP counts from its end, as in Lighthouse.
 */
export function quietWindowStart(longTasks: readonly LongTask[], fcp: number, quietWindowMs: number): number {
  const after = longTasks
    .filter((t) => t.startTime + t.duration > fcp)
    .slice()
    .sort((a, b) => a.startTime - b.startTime);
  let start = fcp;
  for (const t of after) {
    if (t.startTime - start >= quietWindowMs) return start;
    start = Math.max(start, t.startTime + t.duration);
  }
  return start;
}

export interface TtiInput {
  fcp: number;
  domContentLoadedEnd: number;
  longTasks: readonly LongTask[];
  quietWindowMs: number;
  /** The page's clock when the long tasks were read: the window must have elapsed by then. */
  now: number;
}

/**
 * TTI in ms from navigation start, or null while the quiet window has not been seen whole yet
 * (read again later). Network quietness is not checked: the caller's pages load from a local
 * server and make no request after load, so it always holds.
 */
export function timeToInteractive(input: TtiInput): number | null {
  const start = quietWindowStart(input.longTasks, input.fcp, input.quietWindowMs);
  if (input.now - start < input.quietWindowMs) return null;
  return Math.max(start, input.domContentLoadedEnd);
}
