/** Keys that identify a result across runs and sides. */

/**
 * Key of a result (or verdict, comparison, series): benchmark id and metric, joined by NUL, which
 * can occur in neither, so two different pairs never share a key.
 */
export function resultKey(r: { benchmarkId: string; metric: string }): string {
  return `${r.benchmarkId}\u0000${r.metric}`;
}
