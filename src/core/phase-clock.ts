/**
 * Where a measurement's wall time goes, by phase: what a check's time limit is spent on, and the
 * costs a design trades (a session more against a pass or a sample more; docs/statistics.md §1).
 */

/** Wall time (ms) spent in each phase of the session loop. */
export interface PhaseTimes {
  /** Starting, recycling and closing browsers. */
  browser: number;
  /** Opening a suite's page (load, bundle evaluation, benchmark listing). */
  pages: number;
  /** Setup, counters, verify, calibration and warm-up (the sides at once after the first session). */
  prepare: number;
  /** Timed sampling, the sides in turns. */
  sample: number;
  /** `measure` hooks, teardown and gc(). */
  finish: number;
  /** A benchmark measured on one side alone, setup to teardown (`run`, `check --against`). */
  alone: number;
}

export type Phase = keyof PhaseTimes;

const LABELS: Record<Phase, string> = {
  sample: 'sampling',
  alone: 'benchmarks on one side',
  prepare: 'setup and warm-up',
  finish: 'finishing (measure, teardown)',
  pages: 'opening pages',
  browser: 'starting browsers',
};

export class PhaseClock {
  readonly ms: PhaseTimes = { browser: 0, pages: 0, prepare: 0, sample: 0, finish: 0, alone: 0 };

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs `f`, adding its wall time to `phase` (also when it throws). */
  async time<T>(phase: Phase, f: () => Promise<T>): Promise<T> {
    const t0 = this.now();
    try {
      return await f();
    } finally {
      this.ms[phase] += this.now() - t0;
    }
  }
}

/**
 * One line: the whole time, then each phase that took at least half a second, largest first, and
 * what the loop did not see (bundling, worktrees, listing, statistics, the database).
 */
export function formatPhases(times: PhaseTimes, totalMs: number): string {
  const s = (ms: number): string => `${Math.round(ms / 1000)} s`;
  const parts = (Object.keys(LABELS) as Phase[])
    .filter((p) => times[p] >= 500)
    .sort((a, b) => times[b] - times[a])
    .map((p) => `${s(times[p])} ${LABELS[p]}`);
  const inLoop = Object.values(times).reduce((a, b) => a + b, 0);
  const rest = totalMs - inLoop;
  if (rest >= 500) parts.push(`${s(rest)} else (bundling, worktrees, listing, statistics)`);
  return `time: ${s(totalMs)} in all; ${parts.join(', ')}`;
}
