/**
 * The data every report format renders. The CLI assembles one `ReportData` from the store (latest
 * run, its baseline, verdicts, budgets, histories with change points); each formatter is a pure
 * `(data) => string` over it, so formats can be tested on small hand-built values.
 */
import type { StoredProfile } from '../store/store.js';
import type {
  BenchmarkId,
  BudgetResult,
  ChangePoint,
  Direction,
  Run,
  SeriesPoint,
  Verdict,
  VerdictKind,
} from '../model/types.js';
import type { SpeedupRow } from '../analysis/speedups.js';
import { VERDICT_ORDER } from '../verdict/order.js';
export { budgetRule } from '../verdict/budgets.js';

/** The history of one benchmark and metric, oldest point first. */
export interface ReportSeries {
  benchmarkId: BenchmarkId;
  suite: string;
  metric: string;
  unit: string;
  direction: Direction;
  points: SeriesPoint[];
  changePoints: ChangePoint[];
  /**
   * Points are ratios to a pinned reference measured in the same sessions (`run --reference`;
   * unit `× reference`), not raw medians. Only when every point has one: never mixed.
   */
  relative?: boolean;
  /** Why a series is absolute although some of its runs had a reference. */
  note?: string;
  /** Median of the baseline run, drawn as a reference line. */
  baselineMedian?: number;
  /** Limit of a budget on this metric's median, drawn as a reference line. */
  budgetLimit?: number;
}

/** Raw samples of one comparison, for the distribution plot. */
export interface ReportDistribution {
  benchmarkId: BenchmarkId;
  metric: string;
  unit: string;
  baseline: number[];
  candidate: number[];
}

export interface ReportData {
  /** ISO 8601. */
  generatedAt: string;
  harnessVersion: string;
  /** The latest run, compared against the baseline. */
  run: Run;
  baselineName: string | null;
  baselineRun: Run | null;
  verdicts: Verdict[];
  budgets: BudgetResult[];
  envWarnings: string[];
  series: ReportSeries[];
  /** Runs for the environment table, newest first. */
  runs: Run[];
  distributions: ReportDistribution[];
  /**
   * CPU profiles of the run's regressed benchmarks (check --profile-regressions), file paths as
   * the report should link them (relative to the report's folder); optional.
   */
  profiles?: StoredProfile[];
  /** Variant speedups within the latest run (WASM kernels against JS and O0); optional. */
  speedups?: SpeedupRow[];
}

export { VERDICT_ORDER } from '../verdict/order.js';

export function verdictCounts(verdicts: readonly Verdict[]): Record<VerdictKind, number> {
  const counts = Object.fromEntries(VERDICT_ORDER.map((k) => [k, 0])) as Record<VerdictKind, number>;
  for (const v of verdicts) counts[v.verdict]++;
  return counts;
}

/**
 * Suite of a benchmark: from a series that names it, else the id's prefix before `/`
 * (ids look like `suite/name?params`, see BenchmarkId).
 */
export function suiteOf(benchmarkId: BenchmarkId, series: readonly ReportSeries[] = []): string {
  const s = series.find((x) => x.benchmarkId === benchmarkId);
  if (s) return s.suite;
  const slash = benchmarkId.indexOf('/');
  return slash > 0 ? benchmarkId.slice(0, slash) : benchmarkId;
}

/** A change of browser version or CPU model between two consecutive points of a series. */
export interface EnvironmentChange {
  /** Index of the first point measured in the new environment. */
  index: number;
  what: Array<{ field: 'browser' | 'cpu'; from: string; to: string }>;
}

/**
 * Environment changes along a series. An unknown value (null) is not a change: older runs may
 * lack the field, and a marker there would only be noise.
 */
export function environmentChanges(points: readonly SeriesPoint[]): EnvironmentChange[] {
  const out: EnvironmentChange[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const what: EnvironmentChange['what'] = [];
    if (a.browserVersion && b.browserVersion && a.browserVersion !== b.browserVersion) {
      what.push({ field: 'browser', from: a.browserVersion, to: b.browserVersion });
    }
    if (a.cpuModel && b.cpuModel && a.cpuModel !== b.cpuModel) {
      what.push({ field: 'cpu', from: a.cpuModel, to: b.cpuModel });
    }
    if (what.length > 0) out.push({ index: i, what });
  }
  return out;
}

/** Budget results that failed. */
export function failedBudgets(budgets: readonly BudgetResult[]): BudgetResult[] {
  return budgets.filter((b) => !b.passed);
}
