/**
 * Descriptive summary of one sample (one metric of one benchmark in one run).
 *
 * Definitions (each checked against numpy/scipy in test/stats/summary.test.ts):
 * - mean, median: simple-statistics; median of an even sample is the mean of the two middle values.
 * - stdev: sample standard deviation with Bessel's correction (n - 1), numpy `std(ddof=1)`.
 * - mad: raw median absolute deviation median(|x - median(x)|), NOT scaled by 1.4826; equals
 *   simple-statistics `medianAbsoluteDeviation` and scipy `median_abs_deviation(x, scale=1.0)`.
 * - cv: stdev / mean (0 when stdev is 0).
 * - p75/p95/p99: linear interpolation between order statistics at h = (n-1)p, i.e. R type 7 and the
 *   numpy `percentile` default `method='linear'` (Hyndman & Fan, Am. Stat. 50(4), 1996).
 * - outliers: count outside Tukey's fences [Q1 - 1.5 IQR, Q3 + 1.5 IQR] (Tukey, "Exploratory Data
 *   Analysis", 1977), quartiles by the same type 7 rule.
 * - medianCI: percentile bootstrap interval of the median (see bootstrap.ts). With `deferInterval`
 *   it is computed when first read (the same interval): the bootstrap costs far more than the rest.
 *
 * Degenerate samples: with n = 0 every statistic is NaN; with n = 1 stdev and cv are NaN (undefined
 * with n - 1 = 0), the rest is the single value.
 */
import { mean, medianAbsoluteDeviation, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { Summary } from '../model/types.js';
import { bootstrapMedianCI, deferredMedianCI, type BootstrapOptions } from './bootstrap.js';

export interface SummaryOptions extends BootstrapOptions {
  /**
   * Compute `medianCI` when it is first read, not now (an enumerable getter, so JSON and spreads
   * still see it): for comparisons, whose text output shows medians but no median interval.
   */
  deferInterval?: boolean;
}

/** Tukey's fences and the number of values outside them. `sorted` must be ascending and non-empty. */
export function tukeyOutliers(sorted: readonly number[], k = 1.5): { low: number; high: number; count: number } {
  const arr = sorted as number[];
  const q1 = quantileSorted(arr, 0.25);
  const q3 = quantileSorted(arr, 0.75);
  const iqr = q3 - q1;
  const low = q1 - k * iqr;
  const high = q3 + k * iqr;
  let count = 0;
  for (const x of sorted) if (x < low || x > high) count++;
  return { low, high, count };
}

/** Summary statistics of `samples` (not modified). */
export function summarize(samples: readonly number[], opts: SummaryOptions = {}): Summary {
  const { deferInterval, ...boot } = opts;
  if (!deferInterval) return { ...describe(samples), medianCI: bootstrapMedianCI(samples, boot) };
  // Defined last, where the eager summary has it, so JSON keys come out in the same order.
  return Object.defineProperty(describe(samples), 'medianCI', {
    get: deferredMedianCI(samples, boot),
    enumerable: true,
  }) as Summary;
}

/** Everything of a summary but its interval. */
function describe(samples: readonly number[]): Omit<Summary, 'medianCI'> {
  const n = samples.length;
  if (n === 0) {
    const nan = Number.NaN;
    return {
      n,
      mean: nan,
      median: nan,
      stdev: nan,
      mad: nan,
      cv: nan,
      min: nan,
      max: nan,
      p75: nan,
      p95: nan,
      p99: nan,
      outliers: 0,
    };
  }
  const sorted = samples.slice().sort((a, b) => a - b);
  const m = mean(sorted);
  const stdev = n >= 2 ? sampleStandardDeviation(sorted) : Number.NaN;
  const cv = stdev === 0 ? 0 : stdev / m;
  return {
    n,
    mean: m,
    median: quantileSorted(sorted, 0.5),
    stdev,
    mad: medianAbsoluteDeviation(sorted),
    cv,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    p75: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    outliers: tukeyOutliers(sorted).count,
  };
}
