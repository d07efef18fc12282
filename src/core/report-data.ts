/**
 * Assembles the ReportData every format renders: a comparison, plus (for `report`) each
 * benchmark's history with its change points. Histories come from the stored summaries
 * (store/summaries.ts): no sample blob is decoded for them, however long they are.
 */
import { median } from 'simple-statistics';
import type { ReportData, ReportDistribution, ReportSeries } from '../report/model.js';
import type { Run, SeriesPoint, Summary } from '../model/types.js';
import type { RunReference, Store } from '../store/store.js';
import type { ResultSummary } from '../store/result-summary.js';
import type { HistoryWindow, SeriesKey } from '../store/summaries.js';
import { compareStored, type CompareOutcome } from './compare.js';
import { variantSpeedups } from '../analysis/speedups.js';
import type { Config } from '../config/config.js';
import { changePointsForSeries, type ChangePointOptions } from '../stats/changepoint.js';
import { globMatch } from '../verdict/glob.js';
import { harnessVersion } from '../model/paths.js';
import { resultKey } from '../model/ids.js';
import { REFERENCE_UNIT, chooseSeriesPoints, sessionReferenceRatio, type ReferenceRatio } from './reference-run.js';

export function toSeriesPoint(run: Run, summary: Pick<Summary, 'median' | 'medianCI' | 'n'>): SeriesPoint {
  return {
    runId: run.id,
    runUuid: run.uuid,
    startedAt: run.startedAt,
    commit: run.git.commit,
    branch: run.git.branch,
    label: run.label,
    browserVersion: run.environment?.browserVersion ?? null,
    cpuModel: run.environment?.cpuModel ?? null,
    median: summary.median,
    ci: summary.medianCI,
    n: summary.n,
  };
}

/**
 * What the histories of one report share, read once however many series use it: the runs, their
 * pinned references, and the summaries of each reference side (null when that run is not complete).
 */
class HistoryCache {
  private readonly runs = new Map<number, Run>();
  private readonly references = new Map<number, RunReference | null>();
  private readonly referenceSides = new Map<number, ResultSummary[] | null>();

  constructor(private readonly store: Store) {}

  /** Loads the runs of these ids not yet read, in one query for the runs and one for their references. */
  load(ids: readonly number[]): void {
    const missing = ids.filter((id) => !this.runs.has(id));
    if (missing.length === 0) return;
    for (const [id, run] of this.store.getRuns(missing)) this.runs.set(id, run);
    const refs = this.store.referencesOf(missing);
    for (const id of missing) this.references.set(id, refs.get(id) ?? null);
  }

  /** Whether any of these (loaded) runs was measured beside a pinned reference. */
  anyReference(ids: readonly number[]): boolean {
    return ids.some((id) => (this.references.get(id) ?? null) !== null);
  }

  run(id: number): Run {
    const run = this.runs.get(id);
    if (!run) throw new Error(`run ${id} of a history was not loaded`);
    return run;
  }

  /** The ratio of `current` in run `runId` to its pinned reference, or null without one. */
  ratio(runId: number, current: ResultSummary): (ReferenceRatio & { reference: RunReference }) | null {
    const ref = this.references.get(runId) ?? null;
    if (!ref) return null;
    if (!this.referenceSides.has(ref.runId))
      this.referenceSides.set(
        ref.runId,
        this.store.getRun(ref.runId)?.status === 'complete' ? this.store.runSummaries(ref.runId) : null,
      );
    const other = this.referenceSides
      .get(ref.runId)
      ?.find((r) => r.benchmarkId === current.benchmarkId && r.metric === current.metric);
    return other
      ? { ...sessionReferenceRatio(current, current.sessionValues, other.sessionValues), reference: ref }
      : null;
  }
}

/** A history's points with their ratios to the pinned references, from the whole summaries. */
function withRatios(store: Store, cache: HistoryCache, key: SeriesKey, window: HistoryWindow) {
  const history = store.seriesSummaries(key.benchmarkId, key.metric, window);
  cache.load(history.map((h) => h.runId));
  return history.map((h) => ({
    point: toSeriesPoint(cache.run(h.runId), h.result.summary),
    ratio: cache.ratio(h.runId, h.result),
  }));
}

/** Which histories to build (trend asks for one); all when absent. */
export type SeriesFilter = (key: { benchmarkId: string; metric: string }) => boolean;

/**
 * History of every benchmark and metric seen in the newest `runs` complete runs (those `only`
 * keeps), with change points. A history whose every run was measured beside a pinned reference is
 * drawn as the ratio to it (`relative`, core/reference-run.ts), which cancels the machine's drift
 * between runs.
 */
export function buildSeries(
  store: Store,
  runs: number,
  config: Config,
  cp: ChangePointOptions = {},
  branch?: string,
  only?: SeriesFilter,
): ReportSeries[] {
  const out: ReportSeries[] = [];
  const cache = new HistoryCache(store);
  for (const key of store.seriesKeys(runs)) {
    if (only && !only(key)) continue;
    const window = { limit: runs, branch };
    const medians = store.seriesMedians(key.benchmarkId, key.metric, window);
    if (medians.length === 0) continue;
    const ids = medians.map((h) => h.runId);
    cache.load(ids);
    // A ratio to a pinned reference needs the session values of each run: they are read only then.
    const { points, relative, note } = chooseSeriesPoints(
      cache.anyReference(ids)
        ? withRatios(store, cache, key, window)
        : medians.map((h) => ({ point: toSeriesPoint(cache.run(h.runId), h.summary), ratio: null })),
    );
    const series: ReportSeries = {
      benchmarkId: key.benchmarkId,
      suite: key.suite,
      metric: key.metric,
      unit: relative ? REFERENCE_UNIT : key.unit,
      direction: key.direction,
      points,
      relative,
      ...(note && { note }),
      // Counters are exact: a step is visible without statistics, and E-divisive needs spread.
      changePoints:
        key.kind === 'counter'
          ? []
          : changePointsForSeries(
              points,
              { benchmarkId: key.benchmarkId, metric: key.metric, direction: key.direction },
              cp,
            ),
    };
    // Budgets and baselines are absolute values: they do not belong on a ratio scale.
    const budget = relative
      ? undefined
      : config.budgets.find(
          (b) => b.metric === key.metric && b.stat === 'median' && globMatch(b.benchmark, key.benchmarkId),
        );
    if (budget) series.budgetLimit = budget.limit;
    out.push(series);
  }
  return out;
}

/** Raw samples of both sides of every statistical comparison, for distribution plots. */
export function distributions(outcome: CompareOutcome): ReportDistribution[] {
  const base = new Map(outcome.baseline.results.map((r) => [resultKey(r), r]));
  const out: ReportDistribution[] = [];
  for (const c of outcome.candidateResults) {
    if (c.kind === 'counter') continue;
    const b = base.get(resultKey(c));
    if (b)
      out.push({
        benchmarkId: c.benchmarkId,
        metric: c.metric,
        unit: c.unit,
        baseline: b.samples,
        candidate: c.samples,
      });
  }
  return out;
}

export function reportData(outcome: CompareOutcome, series: ReportSeries[], runs: Run[]): ReportData {
  const medians = new Map(outcome.baseline.results.map((r) => [resultKey(r), r]));
  for (const s of series) {
    const b = medians.get(resultKey(s));
    if (b && b.samples.length && !s.relative) s.baselineMedian = median(b.samples);
  }
  return {
    generatedAt: new Date().toISOString(),
    harnessVersion: harnessVersion(),
    run: outcome.candidate,
    baselineName: outcome.baseline.label,
    baselineRun: outcome.baseline.runs[0] ?? null,
    verdicts: outcome.verdicts,
    budgets: outcome.budgets,
    envWarnings: outcome.envWarnings,
    series,
    runs,
    distributions: distributions(outcome),
  };
}

/** The baseline a report compares against: --against, else baseline "main", else the previous complete run. */
function defaultAgainst(store: Store, candidateId: number): string | null {
  if (store.getBaseline('main')) return 'main';
  const prev = store.listRuns({ status: 'complete', limit: 50 }).find((r) => r.id < candidateId);
  return prev ? String(prev.id) : null;
}

/**
 * The `report` command's data: the candidate run (default the latest complete) against a baseline
 * (default as defaultAgainst), with the newest `runs` complete runs as history.
 */
export function buildReportData(
  store: Store,
  config: Config,
  opts: { run?: string; against?: string; runs: number },
): ReportData {
  const candidate = store.resolveRun(opts.run);
  const against = opts.against ?? defaultAgainst(store, candidate.id);
  const series = buildSeries(store, opts.runs, config);
  const runs = store.listRuns({ status: 'complete', limit: opts.runs });
  if (against === null) {
    // A single run: nothing to compare yet, but its history and environment still render.
    return {
      generatedAt: new Date().toISOString(),
      harnessVersion: harnessVersion(),
      run: candidate,
      baselineName: null,
      baselineRun: null,
      verdicts: [],
      budgets: [],
      envWarnings: [],
      series,
      runs,
      distributions: [],
      speedups: variantSpeedups(store.getResults(candidate.id)),
    };
  }
  return {
    ...reportData(compareStored(store, opts.run, against, config), series, runs),
    speedups: variantSpeedups(store.getResults(candidate.id)),
    profiles: store.getProfiles(candidate.id),
  };
}
