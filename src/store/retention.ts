/**
 * Retention of raw samples (`prune --keep-samples N`), decided here and applied by store/prune.ts.
 *
 * Which runs keep their samples: the newest N complete runs of each branch (by id, the order in
 * which `latest`, histories and `--against branch:NAME` read runs) and every run a baseline names.
 * The others keep one value per session instead of every sample (the session value the tests use:
 * stats/sessions.ts sessionValues, a geometric mean for time): what their readers use. Trends draw
 * the stored summary (median, its interval, n), which prune leaves as it was; a relative trend
 * (`run --reference`) and the session tests work on session values, which a session of one value
 * reproduces exactly (runs pruned before 2026-12-01 kept the session median). Sample-level
 * statistics (pooled summaries, Mann-Whitney, the minimum samples per session) cannot be remade, so
 * compare refuses a pruned run (core/compare.ts).
 */
import { sessionStatistic, sessionValues } from '../stats/sessions.js';
import type { MetricKind } from '../model/types.js';

export interface RetentionRun {
  id: number;
  branch: string | null;
}

/**
 * The fewest runs per branch `prune` may keep: `--against branch:NAME` pools the newest
 * `branchRuns` runs of a branch, and when the candidate is itself the newest it pools the next
 * ones, so one more must keep its samples.
 */
export function minimumKeep(branchRuns: number): number {
  return branchRuns + 1;
}

/**
 * Ids of the complete runs whose samples go: all but the newest `keep` of each branch (runs without a branch are one)
 * and the pinned ones.
 */
export function runsToPrune(runs: readonly RetentionRun[], keep: number, pinned: ReadonlySet<number>): number[] {
  const seen = new Map<string | null, number>();
  const out: number[] = [];
  for (const run of [...runs].sort((a, b) => b.id - a.id)) {
    const n = (seen.get(run.branch) ?? 0) + 1;
    seen.set(run.branch, n);
    if (n > keep && !pinned.has(run.id)) out.push(run.id);
  }
  return out.sort((a, b) => a - b);
}

/**
 * A result's samples reduced to its session values, one per session (rounds all 1; an empty session stays an
 * empty one), or null when that saves nothing (one sample per session already, as counters have).
 */
export function toSessionValues(
  samples: readonly number[],
  rounds: readonly number[] | null,
  kind: MetricKind,
): { samples: number[]; rounds: number[] } | null {
  const sizes = rounds ?? [samples.length];
  const values = sessionValues(samples, sizes, sessionStatistic(kind));
  const kept = values.filter((_, i) => sizes[i]! > 0);
  if (kept.length >= samples.length) return null;
  return { samples: kept, rounds: sizes.map((s) => (s > 0 ? 1 : 0)) };
}
