/**
 * Assembles the ReportData every format renders: a comparison, plus (for `report`) each
 * benchmark's history with its change points.
 */
import { median } from 'simple-statistics';
import type { ReportData, ReportDistribution, ReportSeries } from '../report/model.js';
import type { Run, SeriesPoint } from './types.js';
import type { Store, StoredResult } from '../store/store.js';
import type { CompareOutcome } from './compare.js';
import type { Config } from '../config/config.js';
import { changePointsForSeries, type ChangePointOptions } from '../stats/changepoint.js';
import { globMatch } from '../verdict/glob.js';
import { harnessVersion } from './paths.js';
import { resultKey } from '../verdict/decide-all.js';

export function toSeriesPoint(run: Run, result: StoredResult): SeriesPoint {
  return {
    runId: run.id,
    runUuid: run.uuid,
    startedAt: run.startedAt,
    commit: run.git.commit,
    branch: run.git.branch,
    label: run.label,
    browserVersion: run.environment?.browserVersion ?? null,
    cpuModel: run.environment?.cpuModel ?? null,
    median: result.summary.median,
    ci: result.summary.medianCI,
    n: result.summary.n,
  };
}

/** History of every benchmark and metric seen in the newest `runs` complete runs, with change points. */
export function buildSeries(store: Store, runs: number, config: Config, cp: ChangePointOptions = {}, branch?: string): ReportSeries[] {
  const out: ReportSeries[] = [];
  for (const key of store.seriesKeys(runs)) {
    const history = store.series(key.benchmarkId, key.metric, runs, branch);
    if (history.length === 0) continue;
    const points = history.map((h) => toSeriesPoint(h.run, h.result));
    const series: ReportSeries = {
      benchmarkId: key.benchmarkId,
      suite: key.suite,
      metric: key.metric,
      unit: key.unit,
      direction: key.direction,
      points,
      // Counters are exact: a step is visible without statistics, and E-divisive needs spread.
      changePoints: key.kind === 'counter' ? [] : changePointsForSeries(points, { benchmarkId: key.benchmarkId, metric: key.metric, direction: key.direction }, cp),
    };
    const budget = config.budgets.find((b) => b.metric === key.metric && b.stat === 'median' && globMatch(b.benchmark, key.benchmarkId));
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
    if (b) out.push({ benchmarkId: c.benchmarkId, metric: c.metric, unit: c.unit, baseline: b.samples, candidate: c.samples });
  }
  return out;
}

export function reportData(outcome: CompareOutcome, series: ReportSeries[], runs: Run[]): ReportData {
  const medians = new Map(outcome.baseline.results.map((r) => [resultKey(r), r]));
  for (const s of series) {
    const b = medians.get(resultKey(s));
    if (b && b.samples.length) s.baselineMedian = median(b.samples);
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
