/**
 * Binomial distribution, the exact two-sided binomial test and the Clopper–Pearson interval, for
 * comparing small event counts (sessions.ts, `poisson-rate`).
 *
 * - CDF and survival function through the regularized incomplete beta (A&S 26.5.24):
 *   P(X <= k) = I_{1-π}(n-k, k+1) and P(X >= k) = I_π(k, n-k+1); both π and 1-π are passed in so
 *   a caller that knows them as exact fractions does not lose the small one to rounding.
 * - Two-sided test as scipy.stats.binomtest (the "minlike" p-value: the probability of every outcome
 *   no more likely than the one observed, with scipy's relative tolerance 1e-7 for ties), computed as
 *   one tail from the CDF plus the other from the survival function, as scipy does.
 * - Clopper–Pearson ("exact") interval (Clopper & Pearson, Biometrika 26, 1934): the π at which each
 *   one-sided tail equals (1 - level)/2, i.e. beta quantiles B((1-level)/2; k, n-k+1) and
 *   B((1+level)/2; k+1, n-k). scipy's BinomTestResult.proportion_ci(method='exact') finds the same
 *   roots with brentq (absolute tolerance 2e-12).
 */
import type { Interval } from '../model/types.js';
import { incompleteBetaXY, inverseRegularizedIncompleteBeta, lnBeta } from './special.js';

/** P(X = k) for X ~ Binomial(n, π); `q` = 1 - π when known more exactly. */
export function binomialPmf(k: number, n: number, pi: number, q = 1 - pi): number {
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (pi === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  // C(n, k) = 1 / ((n+1) B(k+1, n-k+1)).
  return Math.exp(-Math.log(n + 1) - lnBeta(k + 1, n - k + 1) + k * Math.log(pi) + (n - k) * Math.log(q));
}

/** P(X <= k), as scipy.stats.binom.cdf. */
export function binomialCdf(k: number, n: number, pi: number, q = 1 - pi): number {
  const j = Math.floor(k);
  if (j < 0) return 0;
  if (j >= n) return 1;
  return incompleteBetaXY(q, pi, n - j, j + 1);
}

/** P(X > k), as scipy.stats.binom.sf. */
export function binomialSf(k: number, n: number, pi: number, q = 1 - pi): number {
  const j = Math.floor(k);
  if (j < 0) return 1;
  if (j >= n) return 0;
  return incompleteBetaXY(pi, q, j + 1, n - j);
}

/** Relative tolerance under which two outcome probabilities count as equal (scipy's `rerr`). */
const TIE_TOLERANCE = 1 + 1e-7;

/**
 * Two-sided p-value of k successes in n trials against success probability π, as
 * scipy.stats.binomtest(k, n, π).pvalue. NaN for n < 1 or k outside 0..n.
 */
export function binomialTestTwoSided(k: number, n: number, pi: number, q = 1 - pi): number {
  if (!(n >= 1) || !Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n || !(pi >= 0 && pi <= 1))
    return Number.NaN;
  const mean = pi * n;
  if (k === mean) return 1;
  const d = binomialPmf(k, n, pi, q) * TIE_TOLERANCE;
  if (k < mean) {
    // Upper tail: from the first outcome at or above the mean no more likely than k (the pmf decreases there).
    let y = Math.ceil(mean);
    while (y <= n && binomialPmf(y, n, pi, q) > d) y++;
    return Math.min(1, binomialCdf(k, n, pi, q) + binomialSf(y - 1, n, pi, q));
  }
  // Lower tail: up to the last outcome at or below the mean no more likely than k.
  let y = Math.floor(mean);
  while (y >= 0 && binomialPmf(y, n, pi, q) > d) y--;
  return Math.min(1, binomialCdf(y, n, pi, q) + binomialSf(k - 1, n, pi, q));
}

/** Clopper–Pearson interval of a binomial proportion from k successes in n trials. */
export function clopperPearson(k: number, n: number, level = 0.95): Interval {
  if (!(n >= 1) || !(k >= 0 && k <= n)) return { low: Number.NaN, high: Number.NaN, level };
  const tail = (1 - level) / 2;
  return {
    low: k === 0 ? 0 : inverseRegularizedIncompleteBeta(k, n - k + 1, tail),
    high: k === n ? 1 : inverseRegularizedIncompleteBeta(k + 1, n - k, 1 - tail),
    level,
  };
}
