/**
 * Domain types shared by every layer. Data flows one way:
 * suite -> page samples -> Run -> store -> Comparison -> Verdict[] -> report and exit code.
 * Each of these is a plain value that a test can build without a browser.
 */

/** Whether smaller or larger values of a metric are better. */
export type Direction = 'lower' | 'higher';

/**
 * How a metric behaves:
 * - `time`: a noisy timing, per operation, in ms; compared with statistics.
 * - `counter`: deterministic (patches per op, bytes, recomputations); any change is a verdict.
 * - `gauge`: a noisy non-time measurement (heap bytes, frames over budget %); compared with statistics.
 */
export type MetricKind = 'time' | 'counter' | 'gauge';

export interface MetricSpec {
  unit: string;
  direction: Direction;
  kind: MetricKind;
  description?: string;
}

export type ParamValue = string | number | boolean;
export type Params = Record<string, ParamValue>;

/** Stable identifier such as `diffing/create-rows?rows=1000` (params sorted by name). */
export type BenchmarkId = string;

export interface BenchmarkInfo {
  id: BenchmarkId;
  suite: string;
  name: string;
  params: Params;
  description?: string;
}

/** The raw measurement of one metric of one benchmark within one run. */
export interface MetricResult {
  benchmarkId: BenchmarkId;
  metric: string;
  unit: string;
  direction: Direction;
  kind: MetricKind;
  /** Raw samples: for `time`, ms per operation (already divided by innerIterations). */
  samples: number[];
  /** Operations per timed sample (calibrated so one sample lasts >= 1 ms); 1 for non-time metrics. */
  innerIterations: number;
  /**
   * Samples per round, in sample order (each round ran in a fresh browser); sums to
   * samples.length. Absent = one round. Statistics resample rounds first (see stats/bootstrap.ts).
   */
  rounds?: number[];
}

export type RunStatus = 'running' | 'complete' | 'failed' | 'aborted';

export interface Environment {
  browserVersion: string;
  userAgent: string;
  os: string;
  cpuModel: string;
  cpuCores: number;
  nodeVersion: string;
  harnessVersion: string;
  launchFlags: string[];
  /** Smallest positive step of performance.now() observed in the page, in ms. */
  timerResolutionMs: number;
  crossOriginIsolated: boolean;
}

export interface GitInfo {
  commit: string | null;
  branch: string | null;
  dirty: boolean | null;
}

export interface Run {
  id: number;
  uuid: string;
  startedAt: string; // ISO 8601
  endedAt: string | null;
  status: RunStatus;
  git: GitInfo;
  label: string | null;
  environment: Environment | null;
  warnings: string[];
  error: string | null;
  suites: string[];
}

export interface RunWithResults extends Run {
  benchmarks: BenchmarkInfo[];
  results: MetricResult[];
}

/** A confidence interval at `level` (e.g. 0.95). */
export interface Interval {
  low: number;
  high: number;
  level: number;
}

export interface Summary {
  n: number;
  mean: number;
  median: number;
  stdev: number;
  mad: number;
  /** Coefficient of variation: stdev / mean. */
  cv: number;
  min: number;
  max: number;
  p75: number;
  p95: number;
  p99: number;
  outliers: number;
  medianCI: Interval;
}

export type VerdictKind =
  | 'regressed'
  | 'improved'
  | 'unchanged'
  | 'inconclusive'
  | 'new'
  | 'missing'
  | 'errored'
  | 'budget-failed';

export type Severity = 'minor' | 'major' | 'critical';

/** Statistics of candidate against baseline for one benchmark and metric. */
export interface Comparison {
  benchmarkId: BenchmarkId;
  metric: string;
  unit: string;
  direction: Direction;
  kind: MetricKind;
  baseline: Summary;
  candidate: Summary;
  /** candidate median / baseline median, with bootstrap CI. */
  ratio: number;
  ratioCI: Interval;
  /** Hodges-Lehmann shift (candidate - baseline) with CI, in the metric's unit. */
  shift: number;
  shiftCI: Interval;
  /** Mann-Whitney U two-sided p-value. */
  pMannWhitney: number;
  /** Welch t-test two-sided p-value on log values. */
  pWelch: number;
  /** Benjamini-Hochberg adjusted p-value (filled in across all comparisons of one check). */
  pAdjusted: number;
  /** Rounds (fresh browsers) on each side when the interval resampled rounds; absent otherwise. */
  rounds?: [number, number];
}

export interface Thresholds {
  /** Relative change treated as noise, e.g. 0.05 for 5%. */
  noise: number;
  /** Significance level for the adjusted p-value. */
  alpha: number;
  /** Ratio factors from which a regression is minor/major/critical (seed 12.1 uses 1.25/1.5/2.0). */
  severity: { minor: number; major: number; critical: number };
  /** Fewer samples than this on either side makes a verdict inconclusive. */
  minSamples: number;
}

export interface Verdict {
  benchmarkId: BenchmarkId;
  metric: string;
  unit: string;
  direction: Direction;
  verdict: VerdictKind;
  severity?: Severity;
  comparison?: Comparison;
  /** One line that explains the verdict: medians, change with interval, adjusted p, threshold, n. */
  explanation: string;
  threshold: number;
}

export interface Budget {
  /** Benchmark id or glob pattern (`*` wildcard), e.g. `reactivity/update-*`. */
  benchmark: string;
  metric: string;
  /** Statistic of the candidate's samples the limit applies to. */
  stat: 'median' | 'mean' | 'p95' | 'p99' | 'max' | 'min';
  /** The value must stay below (`<`) or above (`>`) the limit. */
  op: '<' | '<=' | '>' | '>=';
  limit: number;
  description?: string;
}

export interface BudgetResult {
  budget: Budget;
  benchmarkId: BenchmarkId;
  value: number;
  passed: boolean;
  explanation: string;
}

/** A change point found in the history of one benchmark and metric. */
export interface ChangePoint {
  benchmarkId: BenchmarkId;
  metric: string;
  /** Index into the series where the new regime begins. */
  index: number;
  runId: number;
  commit: string | null;
  medianBefore: number;
  medianAfter: number;
  /** (after - before) / before. */
  change: number;
  pValue: number;
  /** Whether the change goes in the metric's bad direction. */
  regression: boolean;
}

/** One point of a benchmark's history: one run's summary of one metric. */
export interface SeriesPoint {
  runId: number;
  runUuid: string;
  startedAt: string;
  commit: string | null;
  branch: string | null;
  label: string | null;
  browserVersion: string | null;
  cpuModel: string | null;
  median: number;
  ci: Interval;
  n: number;
}
