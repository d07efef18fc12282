/**
 * `check` for CI: run + compare + budgets (+ optional auto-sampling and nightly change points).
 * Auto-sampling (tachometer's idea, made valid for optional stopping): sessions are added to
 * undecided benchmarks under a group-sequential design (core/auto.ts), until all are decided, the
 * planned looks are used up, or the time budget is spent.
 */
import type { Store } from '../store/store.js';
import type { Run } from '../model/types.js';
import type { Config } from '../config/config.js';
import { runSuites, DEFAULT_ROUNDS, type RunOptions, type RunOutcome, type Measured, type MoreSamples } from './run.js';
import { compareResults, erroredMap, resolveBaseline, type Baseline, type CompareOutcome } from './compare.js';
import { sequentialSessions, autoThresholds, type AutoState } from './auto.js';
import { buildSeries } from './report-data.js';
import { isControl } from '../verdict/drift.js';
import { nightlyChanges } from '../stats/nightly.js';
import type { NightlyOutcome } from '../report/nightly.js';

export interface CheckOptions extends RunOptions {
  against?: string | undefined;
  config: Config;
  auto?: { maxTimeMs: number } | undefined;
  nightly?: boolean | undefined;
  /**
   * Measures the run (default runSuites); `--reference` measures it beside a pinned reference, for a relative nightly
   * series.
   */
  measure?: ((store: Store, opts: RunOptions) => Promise<RunOutcome>) | undefined;
  /** Called before each extra look of --auto with its planned sessions and the ids still open. */
  onAutoRound?: ((sessions: number, undecided: string[]) => void) | undefined;
}

export interface CheckOutcome {
  comparison: CompareOutcome | null;
  /** Sessions per benchmark id (more than planned when --auto added some). */
  rounds: Map<string, number>;
  /** --nightly: the change points of the newest window and the alerts among them. */
  nightly: NightlyOutcome | null;
  /** Benchmarks that failed in this run (exception, wrong answer): they fail the check with or without a comparison. */
  errored: string[];
  runId: number;
}

/** The `beforeCommit` hook of a stored check with --auto: sequential sessions against the baseline. */
function autoStored(baseline: Baseline, opts: CheckOptions, state: { auto?: AutoState }) {
  return async (measured: Measured, more: MoreSamples): Promise<void> => {
    state.auto = await sequentialSessions(
      opts.rounds ?? DEFAULT_ROUNDS,
      () => ({ baseline: baseline.results, candidate: measured.results }),
      more,
      {
        config: opts.config,
        paired: false,
        deadline: Date.now() + opts.auto!.maxTimeMs,
        onLook: opts.onAutoRound,
      },
    );
  };
}

/** The `beforeCommit` hook of `check --base --auto`: the same design on paired sessions. */
export function autoForAb(
  config: Config,
  maxTimeS: number | undefined,
  onLook?: (sessions: number, open: string[]) => void,
  state: { auto?: AutoState } = {},
  initial = DEFAULT_ROUNDS,
) {
  return async (sides: { base: Measured; head: Measured }, more: MoreSamples): Promise<void> => {
    state.auto = await sequentialSessions(
      initial,
      () => ({ baseline: sides.base.results, candidate: sides.head.results }),
      more,
      {
        config,
        paired: true,
        deadline: Date.now() + (maxTimeS ?? config.autoMaxTimeS) * 1000,
        onLook,
      },
    );
  };
}

export async function check(store: Store, opts: CheckOptions): Promise<CheckOutcome> {
  // Resolve the baseline before spending minutes measuring: a typo must fail fast (exit 2).
  const baseline = opts.against ? resolveBaseline(store, opts.against, opts.config) : null;
  const state: { auto?: AutoState } = {};
  const beforeCommit = baseline && opts.auto ? autoStored(baseline, opts, state) : undefined;
  const { run, measured } = await (opts.measure ?? runSuites)(store, { ...opts, beforeCommit });
  const rounds = new Map(
    measured.benchmarks.map((b) => [b.id, state.auto?.sessionsFor.get(b.id) ?? opts.rounds ?? DEFAULT_ROUNDS]),
  );
  const errored = measured.statuses.filter((s) => !s.ok).map((s) => s.benchmarkId);
  // A shard answers for its own benchmarks: the others are measured by the other shards, not missing.
  const measuredIds = new Set(measured.benchmarks.map((b) => b.id));
  const against =
    baseline && opts.shard
      ? {
          ...baseline,
          results: baseline.results.filter((r) => isControl(r.benchmarkId) || measuredIds.has(r.benchmarkId)),
        }
      : baseline;
  const comparison = against
    ? compareResults(
        run,
        measured.results,
        erroredMap(measured.statuses),
        against,
        opts.config,
        state.auto ? { thresholds: autoThresholds(opts.config, state.auto) } : {},
      )
    : null;
  const nightly = opts.nightly ? nightlyOf(store, run, opts.config) : null;
  return { comparison, rounds, nightly, runId: run.id, errored };
}

/**
 * The nightly analysis of a stored run: the change points of each history it belongs to (its
 * branch's last max(30, 10 windows) runs) and the alerts among them. Reads stored summaries only.
 */
export function nightlyOf(store: Store, run: Run, config: Config): NightlyOutcome {
  const history = Math.max(30, config.nightlyWindow * 10);
  // Segments as short as the window, so a step can be confirmed as soon as the window holds it.
  const series = buildSeries(
    store,
    history,
    config,
    { minSize: Math.max(2, config.nightlyWindow) },
    run.git.branch ?? undefined,
  ).filter((s) => s.points.some((p) => p.runId === run.id));
  const changes = nightlyChanges(
    series.map((s) => ({ changePoints: s.changePoints, length: s.points.length })),
    { window: config.nightlyWindow, minChange: config.nightlyMinChange, fdr: config.nightlyFdr },
  );
  return { series, regressions: changes.filter((c) => c.alert), changes };
}
