/**
 * One-sample and paired Student t-tests, two-sided, as scipy.stats.ttest_1samp(d, 0) and
 * scipy.stats.ttest_rel(x, y) (Student, "The probable error of a mean", Biometrika 6, 1908).
 *
 * Why: when both sides are measured in the same browser sessions (session i of the baseline beside
 * session i of the candidate), the session effect is shared by the pair and cancels in the
 * difference d_i = x_i - y_i, so the test on the differences is far more sensitive than an unpaired
 * one while still treating the session, not the sample, as the unit.
 *
 * t = mean(d) / (s_d / √r) with r - 1 degrees of freedom; p = P(|T_{r-1}| >= |t|) (distributions.ts).
 * Degenerate cases, as welch.ts: fewer than 2 values gives NaN; zero spread gives t = ±Infinity,
 * p = 0 when the mean differs from 0, and t = 0, p = 1 when it is 0 (scipy returns NaN there).
 */
import { mean, sampleVariance } from 'simple-statistics';
import { studentTTwoSided } from './distributions.js';

export interface OneSampleTResult {
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
  /** mean(d). */
  mean: number;
  /** Standard error of the mean, s_d / √r. */
  se: number;
}

/** One-sample t-test of H0: mean(d) = 0. */
export function oneSampleTTest(d: readonly number[]): OneSampleTResult {
  const r = d.length;
  if (r < 2)
    return { t: Number.NaN, df: Number.NaN, p: Number.NaN, mean: r === 1 ? d[0]! : Number.NaN, se: Number.NaN };
  const m = mean(d as number[]);
  const se = Math.sqrt(sampleVariance(d as number[]) / r);
  const df = r - 1;
  if (se === 0)
    return m === 0 ? { t: 0, df, p: 1, mean: m, se } : { t: m > 0 ? Infinity : -Infinity, df, p: 0, mean: m, se };
  const t = m / se;
  return { t, df, p: studentTTwoSided(t, df), mean: m, se };
}

/** Paired t-test of x against y (pair i is x[i], y[i]); the lengths must match. */
export function pairedTTest(x: readonly number[], y: readonly number[]): OneSampleTResult {
  if (x.length !== y.length) throw new RangeError(`paired t-test needs equal lengths, got ${x.length} and ${y.length}`);
  return oneSampleTTest(x.map((v, i) => v - y[i]!));
}
