/**
 * A time budget for the sessions of a paired run (`ab` / `check --base --time-budget S`): when to
 * stop taking sessions, and how few sessions it may leave.
 *
 * Why stopping early keeps the tests valid: the rule stops between sessions, so pairs stay whole,
 * and it looks only at how long sessions took, which a swap of the two sides' labels does not
 * change. Under "no change" each session's sign is still a fair coin given the number taken, so the
 * exact signed-rank null holds as for a fixed number (docs/statistics.md section 2).
 * What it costs is power, hence the floor (budgetFloor).
 */

export interface SessionDeadline {
  /** Clock value (ms) by which the last session should have ended. */
  atMs: number;
  /** Sessions taken whatever the clock says. */
  minSessions: number;
  now: () => number;
}

/** The smallest floor, whatever the family: the paired tests need this many to decide anything. */
export const MIN_BUDGET_SESSIONS = 8;

/**
 * The fewest sessions at which one metric alone can still be flagged in a check of `benchmarks`
 * benchmarks at level `alpha`. The exact signed-rank test's smallest two-sided p is 2/2^n, the
 * mode-aware test's Bonferroni doubles it, and Benjamini–Hochberg asks the smallest p of a family of
 * m to be below alpha/m (each benchmark has at least its time metric): n >= log2(4m / alpha).
 * Fewer sessions could flag a change only when many metrics move together.
 */
export function budgetFloor(benchmarks: number, alpha: number): number {
  const m = Math.max(1, benchmarks);
  return Math.max(MIN_BUDGET_SESSIONS, Math.ceil(Math.log2((4 * m) / alpha)));
}

/**
 * Whether to stop before the next session: at least `minSessions` (and one, to know how long a
 * session takes) taken, and one more session as long as the mean so far would end past the deadline.
 */
export function pastDeadline(
  nowMs: number,
  startedMs: number,
  taken: number,
  deadline: Pick<SessionDeadline, 'atMs' | 'minSessions'>,
): boolean {
  if (taken < Math.max(1, deadline.minSessions)) return false;
  return nowMs + (nowMs - startedMs) / taken > deadline.atMs;
}
