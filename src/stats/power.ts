/**
 * Sensitivity of a benchmark setup: the smallest change it can detect, and the observed
 * false-alarm rate of A/A runs (used by `calibrate`).
 *
 * Minimum detectable change: normal approximation to a two-sided two-sample test of the difference
 * of mean log values with equal variances (the z-test version of Welch's t on logs; Cohen,
 * "Statistical Power Analysis for the Behavioral Sciences", 2nd ed. 1988, ch. 2; Chow, Shao & Wang,
 * "Sample Size Calculations in Clinical Research", 2008, §3.2):
 *   δ = (z_{1-α/2} + z_{power}) · σ_log · √(1/n1 + 1/n2),   relative change = e^δ - 1,
 * where σ_log = √(ln(1 + CV²)) is the standard deviation of ln X for a lognormal X with coefficient of
 * variation CV. The z approximation is optimistic for n < ~10. The verdict rules test session
 * medians with a t-test (sessions.ts), and each comparison carries that test's own detectable change
 * (`mdc`, with t quantiles and the measured between-session spread); pass n = sessions and the CV of
 * session values here to plan how many sessions a change needs.
 *
 * False-alarm rate: the fraction of A/A comparisons (same code on both sides) that were flagged,
 * with a Wilson score interval (Wilson, JASA 22, 1927), which behaves at 0 of n unlike the Wald one.
 */
import type { Interval } from '../model/types.js';
import { normalQuantile } from './distributions.js';

export interface PowerOptions {
  /** Two-sided significance level. Default 0.05. */
  alpha?: number;
  /** Desired power. Default 0.8. */
  power?: number;
}

/** σ of ln X for a lognormal X with the given coefficient of variation. */
export function logSigmaFromCV(cv: number): number {
  return Math.sqrt(Math.log1p(cv * cv));
}

/**
 * Smallest relative change (0.1 = 10%) detectable with the given power at level alpha, for samples
 * with coefficient of variation `cv` and `n` samples per side (or `[n1, n2]`).
 */
export function minDetectableChange(
  cv: number,
  n: number | readonly [number, number],
  opts: PowerOptions = {},
): number {
  const [n1, n2] = typeof n === 'number' ? [n, n] : n;
  if (!(cv >= 0) || !(n1 > 0) || !(n2 > 0)) return Number.NaN;
  const alpha = opts.alpha ?? 0.05;
  const power = opts.power ?? 0.8;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.expm1(z * logSigmaFromCV(cv) * Math.sqrt(1 / n1 + 1 / n2));
}

/**
 * Samples per side needed to detect a relative `change` (0.05 = 5%) with the given power: the inverse of
 * minDetectableChange, rounded up.
 */
export function samplesForChange(cv: number, change: number, opts: PowerOptions = {}): number {
  if (!(cv >= 0) || !(change > 0)) return Number.NaN;
  const alpha = opts.alpha ?? 0.05;
  const power = opts.power ?? 0.8;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const ratio = (z * logSigmaFromCV(cv)) / Math.log1p(change);
  return Math.max(2, Math.ceil(2 * ratio * ratio));
}

export interface FalseAlarmRate {
  flagged: number;
  total: number;
  /** flagged / total (NaN when total is 0). */
  rate: number;
  /** Wilson score interval of the rate. */
  ci: Interval;
}

/**
 * Wilson score interval of a proportion `rate` observed over `n` trials (Wilson, JASA 22, 1927).
 * `n` may be an effective count smaller than the trials behind `rate` (overlapping trials).
 */
export function wilsonInterval(rate: number, n: number, level = 0.95): Interval {
  if (!(n > 0)) return { low: Number.NaN, high: Number.NaN, level };
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (rate + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half), level };
}

/** Observed false-alarm rate of A/A comparisons: `flags[i]` is whether comparison i was flagged. */
export function falseAlarmRate(flags: readonly boolean[], level = 0.95): FalseAlarmRate {
  const total = flags.length;
  const flagged = flags.filter(Boolean).length;
  const rate = total === 0 ? Number.NaN : flagged / total;
  return { flagged, total, rate, ci: wilsonInterval(rate, total, level) };
}
