/**
 * Hodges–Lehmann estimate of the shift between two samples, with its distribution-free interval.
 *
 * Why: it is the location shift that the Mann–Whitney test is about, in the metric's unit
 * ("+0.25 ms"), robust to outliers (breakdown point ~29%) and with a confidence interval that needs
 * no distributional assumption beyond a pure shift.
 *
 * - Estimate: the median of all n1·n2 pairwise differences y_j - x_i (Hodges & Lehmann, Ann. Math.
 *   Stat. 34, 1963), here candidate minus baseline.
 * - Interval (Moses 1965; Bauer, JASA 67, 1972; Hollander & Wolfe, "Nonparametric Statistical
 *   Methods", 2nd ed. 1999, §4.3): with D_(1) <= ... <= D_(N), N = n1·n2, the interval is
 *   [D_(k), D_(N+1-k)], where k is the smallest q with P(U <= q) >= α/2 under H0 (k >= 1), exactly
 *   as R's `wilcox.test(conf.int = TRUE, exact = TRUE)` (`qwilcox`). Its coverage is >= 1 - α.
 *   For ties or larger samples (same switch as mann-whitney.ts) k comes from the normal
 *   approximation with continuity correction, k = ⌈N/2 - 1/2 - z_{1-α/2}·√(N(n1+n2+1)/12)⌉
 *   (Hollander & Wolfe eq. 4.41 rounds N/2 - z·σ instead; the two differ by at most one rank).
 *   The untied variance is used even with ties, which only widens the interval slightly.
 *
 * Cost: O(n1·n2) memory and O(n1·n2·log) time (all differences are sorted): 40,000 differences
 * for 200 samples per side.
 */
import type { Interval } from '../model/types.js';
import { normalQuantile } from './distributions.js';
import { EXACT_MAX_N, mannWhitneyCounts, type MannWhitneyMethod } from './mann-whitney.js';

export interface HodgesLehmannResult {
  /** Median of candidate_j - baseline_i. */
  shift: number;
  ci: Interval;
  /** 1-based rank k of the lower bound among the sorted differences. */
  rank: number;
  method: 'exact' | 'asymptotic';
}

export interface HodgesLehmannOptions {
  level?: number;
  method?: MannWhitneyMethod;
}

/** All differences y_j - x_i, sorted ascending. */
export function pairwiseDifferences(x: readonly number[], y: readonly number[]): Float64Array {
  const d = new Float64Array(x.length * y.length);
  let k = 0;
  for (const yj of y) for (const xi of x) d[k++] = yj - xi;
  return d.sort();
}

/** Whether the pooled sample has any repeated value. */
function hasTies(x: readonly number[], y: readonly number[]): boolean {
  const pooled = [...x, ...y].sort((a, b) => a - b);
  for (let i = 1; i < pooled.length; i++) if (pooled[i] === pooled[i - 1]) return true;
  return false;
}

/**
 * The rank k of the lower bound of the Moses interval (1 <= k <= ⌈N/2⌉).
 * Exact: smallest q with P(U <= q) >= α/2, then max(q, 1).
 */
export function mosesRank(n1: number, n2: number, level: number, method: 'exact' | 'asymptotic'): number {
  const N = n1 * n2;
  const alphaHalf = (1 - level) / 2;
  let k: number;
  if (method === 'exact') {
    const counts = mannWhitneyCounts(n1, n2);
    let total = 0;
    for (let u = 0; u <= N; u++) total += counts[u]!;
    let cumulative = 0;
    k = N;
    for (let q = 0; q <= N; q++) {
      cumulative += counts[q]!;
      if (cumulative / total >= alphaHalf) {
        k = q;
        break;
      }
    }
  } else {
    const sigma = Math.sqrt((N * (n1 + n2 + 1)) / 12);
    k = Math.ceil(N / 2 - 0.5 - normalQuantile(1 - alphaHalf) * sigma);
  }
  return Math.min(Math.max(k, 1), Math.ceil(N / 2));
}

/** Hodges–Lehmann shift of `candidate` relative to `baseline` with its Moses confidence interval. */
export function hodgesLehmann(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: HodgesLehmannOptions = {},
): HodgesLehmannResult {
  const level = opts.level ?? 0.95;
  const n1 = baseline.length;
  const n2 = candidate.length;
  const requested = opts.method ?? 'auto';
  const method =
    requested === 'auto'
      ? n1 <= EXACT_MAX_N && n2 <= EXACT_MAX_N && !hasTies(baseline, candidate)
        ? 'exact'
        : 'asymptotic'
      : requested;
  if (n1 === 0 || n2 === 0) {
    return { shift: Number.NaN, ci: { low: Number.NaN, high: Number.NaN, level }, rank: 0, method };
  }
  const d = pairwiseDifferences(baseline, candidate);
  const N = d.length;
  const lo = d[(N - 1) >> 1]!;
  const hi = d[N >> 1]!;
  const shift = lo + 0.5 * (hi - lo);
  const k = mosesRank(n1, n2, level, method);
  return { shift, ci: { low: d[k - 1]!, high: d[N - k]!, level }, rank: k, method };
}
