/**
 * Welch's unequal-variance t-test, two-sided, as scipy.stats.ttest_ind(x, y, equal_var=False).
 *
 * Why on log values: timings are roughly lognormal and slowdowns multiply, so a difference of log
 * means is a ratio of geometric means and the log scale evens out the variances (cf. the
 * log-transform advice of Kalibera & Jones, "Rigorous Benchmarking in Reasonable Time", ISMM 2013).
 * On session values it is the `welch-log` / `welch-diff` session test behind verdicts (sessions.ts);
 * on pooled samples it is reported as a diagnostic only.
 *
 * t = (x̄ - ȳ) / √(s_x²/n_x + s_y²/n_y), with the Welch–Satterthwaite degrees of freedom
 * ν = (s_x²/n_x + s_y²/n_y)² / ((s_x²/n_x)²/(n_x-1) + (s_y²/n_y)²/(n_y-1)) (Welch, Biometrika 34,
 * 1947); p = P(|T_ν| >= |t|) through the incomplete beta (distributions.ts). simple-statistics'
 * `tTestTwoSample` gives only a pooled-variance statistic, hence this module.
 *
 * Degenerate cases: fewer than 2 values on a side gives NaN. Both variances 0 gives t = ±Infinity,
 * p = 0 when the means differ, and t = 0, p = 1 when they are equal (scipy returns NaN there).
 */
import { mean, sampleVariance } from 'simple-statistics';
import { studentTTwoSided } from './distributions.js';

export interface WelchResult {
  /** (mean(x) - mean(y)) / standard error, scipy's sign convention. */
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
  /** mean(x) - mean(y). */
  difference: number;
  /** Standard error of the difference, √(s_x²/n_x + s_y²/n_y). */
  se: number;
}

const NAN_RESULT: WelchResult = {
  t: Number.NaN,
  df: Number.NaN,
  p: Number.NaN,
  difference: Number.NaN,
  se: Number.NaN,
};

/** Welch t-test of x against y on the values as given. */
export function welchTTest(x: readonly number[], y: readonly number[]): WelchResult {
  const nx = x.length;
  const ny = y.length;
  if (nx < 2 || ny < 2) return { ...NAN_RESULT };
  const mx = mean(x as number[]);
  const my = mean(y as number[]);
  const vx = sampleVariance(x as number[]) / nx;
  const vy = sampleVariance(y as number[]) / ny;
  const se2 = vx + vy;
  const difference = mx - my;
  if (se2 === 0) {
    const df = nx + ny - 2;
    return mx === my
      ? { t: 0, df, p: 1, difference, se: 0 }
      : { t: mx > my ? Infinity : -Infinity, df, p: 0, difference, se: 0 };
  }
  const se = Math.sqrt(se2);
  const t = difference / se;
  const df = (se2 * se2) / ((vx * vx) / (nx - 1) + (vy * vy) / (ny - 1));
  return { t, df, p: studentTTwoSided(t, df), difference, se };
}

/**
 * Welch t-test on natural logs of the values. NaN when any value is <= 0 (the log is undefined;
 * counters and gauges can be 0), so callers must not rely on it for such metrics.
 */
export function welchTTestLog(x: readonly number[], y: readonly number[]): WelchResult {
  if (x.some((v) => !(v > 0)) || y.some((v) => !(v > 0))) return { ...NAN_RESULT };
  return welchTTest(x.map(Math.log), y.map(Math.log));
}
