/**
 * `check` for CI: run + compare + budgets (+ optional auto-sampling and nightly change points).
 * Auto-sampling (tachometer's idea): while some benchmark's verdict is still `inconclusive`, run
 * another round of only those benchmarks (a fresh browser each round, so session-to-session noise
 * is sampled too) and add it as one more round, until all are decided or the time budget is spent.
 */
import type { Store } from '../store/store.js';
import type { Config } from '../config/config.js';
import type { ChangePoint } from './types.js';
import { runSuites, type RunOptions, type Measured, type MoreSamples } from './run.js';
import { compareResults, resolveBaseline, type Baseline, type CompareOutcome } from './compare.js';
import { decideAll } from '../verdict/decide-all.js';
import { buildSeries } from './report-data.js';
import { newestWindowRegression } from '../stats/changepoint.js';
import type { ReportSeries } from '../report/model.js';

export interface CheckOptions extends RunOptions {
  against?: string | undefined;
  config: Config;
  auto?: { maxTimeMs: number } | undefined;
  nightly?: boolean | undefined;
  /** Called after each auto-sampling round with the ids still undecided. */
  onAutoRound?: ((round: number, undecided: string[]) => void) | undefined;
}

export interface CheckOutcome {
  comparison: CompareOutcome | null;
  /** Rounds per benchmark id (1 = no extra round) when --auto was used. */
  rounds: Map<string, number>;
  /** Bad-direction change points in the newest window (--nightly). */
  nightly: { series: ReportSeries[]; regressions: ChangePoint[] } | null;
  runId: number;
}

function undecided(baseline: Baseline, measured: Measured, config: Config): string[] {
  const verdicts = decideAll(baseline.results, measured.results, { thresholds: config.thresholds, overrides: config.overrides, errored: measured.statuses.filter((s) => !s.ok).map((s) => s.benchmarkId) });
  return [...new Set(verdicts.filter((v) => v.verdict === 'inconclusive').map((v) => v.benchmarkId))];
}

export async function autoSample(baseline: Baseline, measured: Measured, more: MoreSamples, opts: CheckOptions, rounds: Map<string, number>): Promise<void> {
  const deadline = Date.now() + opts.auto!.maxTimeMs;
  for (let round = 2; ; round++) {
    const ids = undecided(baseline, measured, opts.config);
    if (ids.length === 0 || Date.now() >= deadline) return;
    opts.onAutoRound?.(round, ids);
    const started = Date.now();
    await more(ids, opts.sampling);
    for (const id of ids) rounds.set(id, (rounds.get(id) ?? 1) + 1);
    // Do not start a round that would likely overrun the budget.
    if (Date.now() + (Date.now() - started) > deadline) return;
  }
}

export async function check(store: Store, opts: CheckOptions): Promise<CheckOutcome> {
  // Resolve the baseline before spending minutes measuring: a typo must fail fast (exit 2).
  const baseline = opts.against ? resolveBaseline(store, opts.against, opts.config) : null;
  const rounds = new Map<string, number>();
  const beforeCommit = baseline && opts.auto ? (m: Measured, more: MoreSamples) => autoSample(baseline, m, more, opts, rounds) : undefined;
  const { run, measured } = await runSuites(store, { ...opts, beforeCommit });
  for (const b of measured.benchmarks) if (!rounds.has(b.id)) rounds.set(b.id, 1);
  const errored = measured.statuses.filter((s) => !s.ok).map((s) => s.benchmarkId);
  const comparison = baseline ? compareResults(run, measured.results, errored, baseline, opts.config) : null;
  let nightly: CheckOutcome['nightly'] = null;
  if (opts.nightly) {
    const history = Math.max(30, opts.config.nightlyWindow * 10);
    // Segments as short as the window, so a step can be confirmed as soon as the window holds it.
    const series = buildSeries(store, history, opts.config, { minSize: Math.max(2, opts.config.nightlyWindow) }, run.git.branch ?? undefined).filter((s) => s.points.some((p) => p.runId === run.id));
    const regressions = series.flatMap((s) => (newestWindowRegression(s.changePoints, s.points.length, opts.config.nightlyWindow) ? s.changePoints.filter((c) => c.regression && c.index >= s.points.length - opts.config.nightlyWindow) : []));
    nightly = { series, regressions };
  }
  return { comparison, rounds, nightly, runId: run.id };
}
