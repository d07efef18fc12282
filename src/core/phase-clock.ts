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

const zero = (): PhaseTimes => ({ browser: 0, pages: 0, prepare: 0, sample: 0, finish: 0, alone: 0 });

export class PhaseClock {
  readonly ms: PhaseTimes = zero();
  /** The same, for the phases charged to one benchmark (all sides and passes): which ones a check's time goes to. */
  readonly byBenchmark = new Map<string, PhaseTimes>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs `f`, adding its wall time to `phase`, and to `benchmark`'s when given (also when it throws). */
  async time<T>(phase: Phase, f: () => Promise<T>, benchmark?: string): Promise<T> {
    const t0 = this.now();
    try {
      return await f();
    } finally {
      const ms = this.now() - t0;
      this.ms[phase] += ms;
      if (benchmark !== undefined) {
        let own = this.byBenchmark.get(benchmark);
        if (!own) this.byBenchmark.set(benchmark, (own = zero()));
        own[phase] += ms;
      }
    }
  }
}

const sum = (t: PhaseTimes): number => Object.values(t).reduce((a, b) => a + b, 0);
const secs = (ms: number): string => `${Math.round(ms / 1000)} s`;

/**
 * One line: the whole time, then each phase that took at least half a second, largest first, and
 * what the loop did not see (bundling, worktrees, listing, statistics, the database).
 */
export function formatPhases(times: PhaseTimes, totalMs: number): string {
  const s = secs;
  const parts = (Object.keys(LABELS) as Phase[])
    .filter((p) => times[p] >= 500)
    .sort((a, b) => times[b] - times[a])
    .map((p) => `${s(times[p])} ${LABELS[p]}`);
  const inLoop = sum(times);
  const rest = totalMs - inLoop;
  if (rest >= 500) parts.push(`${s(rest)} else (bundling, worktrees, listing, statistics)`);
  return `time: ${s(totalMs)} in all; ${parts.join(', ')}`;
}

/**
 * The time line, then the costliest line when a benchmark was charged: what a measuring command
 * ends with on stderr. None when the clock saw no session loop (a command that measured nothing).
 */
export function phaseLines(
  clock: { ms: PhaseTimes; byBenchmark: ReadonlyMap<string, PhaseTimes> },
  totalMs: number,
): string[] {
  if (sum(clock.ms) === 0) return [];
  const costliest = formatCostliest(clock.byBenchmark);
  return [formatPhases(clock.ms, totalMs), ...(costliest ? [costliest] : [])];
}

/**
 * One line: the `n` benchmarks that took longest (all sides, passes and sessions), each with its
 * share of sampling, setup and finishing; those under half a second are left out (a short `run`
 * would list "0 s"), and undefined when none is left. What a design that
 * trims time should look at first: three DOM benchmarks took a third of a 700 s check.
 */
export function formatCostliest(byBenchmark: ReadonlyMap<string, PhaseTimes>, n = 5): string | undefined {
  const top = [...byBenchmark]
    .map(([id, t]) => ({ id, t, all: sum(t) }))
    .filter((x) => x.all >= 500)
    .sort((a, b) => b.all - a.all || (a.id < b.id ? -1 : 1))
    .slice(0, n);
  if (top.length === 0) return undefined;
  const part = (ms: number, what: string): string[] => (ms >= 500 ? [`${secs(ms)} ${what}`] : []);
  const one = ({ id, t, all }: (typeof top)[number]): string => {
    const parts = [
      ...part(t.alone, 'on one side'),
      ...part(t.sample, 'sampling'),
      ...part(t.prepare, 'setup'),
      ...part(t.finish, 'finishing'),
    ];
    return `${id} ${secs(all)}${parts.length ? ` (${parts.join(', ')})` : ''}`;
  };
  return `costliest: ${top.map(one).join('; ')}`;
}
