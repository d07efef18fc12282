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
   * Samples per round, in sample order; sums to samples.length. Absent = one round. A round is one
   * browser session, the unit of replication: verdicts test the per-session values
   * (stats/sessions.ts), because samples from one session share its JIT, heap and machine state.
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
  'regressed' | 'improved' | 'unchanged' | 'inconclusive' | 'new' | 'missing' | 'errored' | 'budget-failed';

export type Severity = 'minor' | 'major' | 'critical';

/**
 * Family of the session test on the ratio scale: rank tests, rank tests that look through two modes of the session
 * values, or t-tests.
 */
export type TestFamily = 'rank' | 'modes' | 't';

/** What a mode-aware rank test found (stats/modes.ts), for the verdict's explanation. */
export interface ModesResult {
  /** Centre of each mode (exp of its mean log value). */
  centres: [number, number];
  /** Sessions in the upper mode: baseline, candidate. */
  upper: [number, number];
  /** Paired: discordant pairs, baseline in the lower mode and candidate in the upper, and the reverse. */
  up?: number;
  down?: number;
  /** Signed-rank (paired) or Mann-Whitney (stored) p of the aligned values: the shift within the modes. */
  pWithin: number;
  /** Exact binomial of up against down (paired) or Fisher's exact test (stored): how often the upper mode occurs. */
  pSwitch: number;
  /** Which question the estimate and interval answer: the within-mode shift, or the plain one (mode switches). */
  estimate: 'within' | 'plain';
}

/**
 * The session-level test behind a verdict (stats/sessions.ts):
 * - `welch-log` / `paired-log`: t on the log of the session values (a ratio of geometric means);
 * - `welch-diff` / `paired-diff`: t on the raw session values, for metrics that can be <= 0;
 * - `poisson-rate`: exact conditional test on event counts per session.
 */
export type SessionMethod =
  'signed-rank-log' | 'rank-sum-log' | 'welch-log' | 'paired-log' | 'welch-diff' | 'paired-diff' | 'poisson-rate';

/**
 * Statistics of candidate against baseline for one benchmark and metric.
 *
 * The verdict is decided on the session test (`method`, `pSession`, `ratio`/`ratioCI` or
 * `shift`/`shiftCI`); the summaries, `pMannWhitney` and `pWelch` are sample-level diagnostics that
 * treat samples as independent, which they are not within a session. Counter comparisons carry no
 * session fields (no test is made).
 */
export interface Comparison {
  benchmarkId: BenchmarkId;
  metric: string;
  unit: string;
  direction: Direction;
  kind: MetricKind;
  /** Summaries of the pooled samples of each side (diagnostic). */
  baseline: Summary;
  candidate: Summary;
  /**
   * candidate / baseline on the session scale: the ratio of geometric means of session values
   * (`*-log`), the rate ratio (`poisson-rate`), the ratio of mean session values for `*-diff` when
   * both are > 0 (else NaN). Counters: ratio of medians.
   */
  ratio: number;
  /** Confidence interval of `ratio` from the session test (NaN bounds for `*-diff` or < 2 sessions). */
  ratioCI: Interval;
  /**
   * candidate - baseline in the metric's unit, on the session scale: the difference of the session
   * centres (`centres`), with the session test's interval (for ratio methods, baseline centre ×
   * (ratioCI - 1)).
   */
  shift: number;
  shiftCI: Interval;
  /** Mann-Whitney U two-sided p-value on pooled samples (diagnostic: samples are not independent). */
  pMannWhitney: number;
  /** Welch t-test two-sided p-value on log pooled samples (diagnostic). */
  pWelch: number;
  /**
   * Benjamini-Hochberg adjusted session p-value across the decidable comparisons of one check
   * (NaN for one that is inconclusive before any test, e.g. a single session).
   */
  pAdjusted: number;
  /** Sessions on each side when both have at least two (same as `sessions`; kept for older readers). */
  rounds?: [number, number];
  /** The session test behind the verdict. */
  method?: SessionMethod;
  /** Sessions used on each side (pairs: both the same). */
  sessions?: [number, number];
  /** Whether session i of the baseline was paired with session i of the candidate. */
  paired?: boolean;
  /** Raw two-sided p-value of the session test (NaN when it could not be computed, see `untested`). */
  pSession?: number;
  /** Degrees of freedom of the session test (NaN for `poisson-rate`, which is exact). */
  df?: number;
  /**
   * Smallest change the session test detects with power 0.8 at the check's alpha: relative (0.06 =
   * 6%) for ratio methods, in the metric's unit for `*-diff`.
   */
  mdc?: number;
  /**
   * The centre of each side that the estimate compares: geometric mean of session values (`*-log`),
   * mean session value (`*-diff`), events per session (`poisson-rate`).
   */
  centres?: [number, number];
  /** Why the session test has no p-value (e.g. a single session on one side). */
  untested?: string;
  /**
   * A rank test that looked through two modes of the session values (config `sessionTest:
   * "modes"`, stats/modes.ts); `pSession` is 2 × the smaller of its two p-values.
   */
  modes?: ModesResult;
  /** Fewest samples in one session, per side. */
  sessionSamples?: [number, number];
}

export interface Thresholds {
  /** Relative change treated as noise, e.g. 0.05 for 5%. */
  noise: number;
  /** Significance level for the adjusted p-value. */
  alpha: number;
  /**
   * Bad-direction ratio factors from which a regression is minor/major/critical: by default 1.25/1.5/2.0 (a quarter,
   * half again, twice as slow).
   */
  severity: { minor: number; major: number; critical: number };
  /** A `time` metric with a session of fewer samples than this on either side is inconclusive. */
  minSamples: number;
  /** Fewer sessions than this on either side makes a verdict inconclusive (at least 2). */
  minSessions: number;
}

export interface Verdict {
  benchmarkId: BenchmarkId;
  metric: string;
  unit: string;
  direction: Direction;
  verdict: VerdictKind;
  severity?: Severity;
  comparison?: Comparison;
  /**
   * One line that explains the verdict: centres, change with interval, session test and sessions, p, adjusted p,
   * threshold, detectable change.
   */
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
  /** The run's median, or its ratio to the reference when the series is relative (ReportSeries.relative). */
  median: number;
  ci: Interval;
  /** Samples, or paired sessions when relative. */
  n: number;
  /** The reference side's run of a relative point (`run --reference`). */
  referenceRunId?: number;
}
