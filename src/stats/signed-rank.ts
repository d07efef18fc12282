/**
 * Wilcoxon signed-rank test and the one-sample Hodges–Lehmann estimate with its distribution-free
 * interval: the paired session test of `ab` / `check --base` on d_i = ln(head_i / base_i).
 *
 * Why ranks and not a t on the mean: session medians of the runtime's benchmarks are multimodal
 * (a process lands in a fast or a slow JIT/heap mode), so the paired log ratios are mostly near the
 * true change with a few far off when one half of a pair drew the other mode. On the development VM
 * the robust spread of those ratios (1.4826·MAD) was 2-5x smaller than their standard deviation
 * (docs/statistics.md). The mean and the t-test follow the outliers; the Hodges–Lehmann estimate
 * (median of the Walsh averages, breakdown point 29%) and the signed-rank test do not, and lose
 * only 4.5% efficiency when the ratios are normal (asymptotic relative efficiency 3/π; Hodges &
 * Lehmann, Ann. Math. Stat. 27, 1956).
 *
 * - Test (Wilcoxon, Biometrics Bulletin 1, 1945): W+ = sum of the ranks of |d_i| over d_i > 0,
 *   zeros dropped (scipy's zero_method="wilcox"). Exact null distribution when n <= 50 and there
 *   are no ties (counts of subsets of {1..n} by sum, by dynamic programming; exact in doubles since
 *   2^50 < 2^53), else the normal approximation with tie correction and continuity correction
 *   (as scipy.stats.wilcoxon). Two-sided p = min(1, 2·min(P(W+ <= w), P(W+ >= w))).
 * - Estimate: the median of the n(n+1)/2 Walsh averages (d_i + d_j)/2, i <= j (Hodges & Lehmann
 *   1963).
 * - Interval (Tukey; Hollander & Wolfe, "Nonparametric Statistical Methods", 2nd ed. 1999, §3.3):
 *   [A_(k+1), A_(M-k)] of the sorted Walsh averages A, M = n(n+1)/2, with k the largest value
 *   such that P(W+ <= k) <= α/2, exactly as R's wilcox.test(conf.int = TRUE). Coverage >= 1 - α.
 *   Note the smallest possible two-sided p is 2/2^n: 4.9e-4 with 12 sessions, 3.1e-5 with 16,
 *   which is why the default number of sessions is what it is (README, docs/statistics.md).
 */
import type { Interval } from '../model/types.js';
import { normalQuantile, normalSf } from './distributions.js';
import { rankWithTies } from './mann-whitney.js';

export const SIGNED_RANK_EXACT_MAX_N = 50;

/** counts[w] = number of subsets of {1..n} whose sum is w (the null distribution of W+ times 2^n). */
export function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let w = (k * (k + 1)) / 2; w >= k; w--) counts[w]! += counts[w - k]!;
  }
  return counts;
}

/** P(W+ <= w) under the null, exact. */
function exactCdf(counts: Float64Array, n: number, w: number): number {
  let s = 0;
  for (let i = 0; i <= Math.min(w, counts.length - 1); i++) s += counts[i]!;
  return s / 2 ** n;
}

export interface SignedRankResult {
  /** W+: sum of ranks of the positive differences. */
  statistic: number;
  p: number;
  /** Non-zero differences used. */
  n: number;
  method: 'exact' | 'asymptotic';
}

export function wilcoxonSignedRank(d: readonly number[]): SignedRankResult {
  const nz = d.filter((x) => x !== 0 && Number.isFinite(x));
  const n = nz.length;
  if (n === 0) return { statistic: 0, p: 1, n, method: 'exact' };
  const { ranks, tieSizes } = rankWithTies(nz.map(Math.abs));
  let wPlus = 0;
  nz.forEach((x, i) => {
    if (x > 0) wPlus += ranks[i]!;
  });
  if (n <= SIGNED_RANK_EXACT_MAX_N && tieSizes.length === 0) {
    const counts = signedRankCounts(n);
    const max = (n * (n + 1)) / 2;
    const lower = exactCdf(counts, n, wPlus);
    const upper = exactCdf(counts, n, max - wPlus); // P(W+ >= w) = P(W+ <= max - w) by symmetry
    return { statistic: wPlus, p: Math.min(1, 2 * Math.min(lower, upper)), n, method: 'exact' };
  }
  const mean = (n * (n + 1)) / 4;
  let tieTerm = 0;
  for (const t of tieSizes) tieTerm += t * t * t - t;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
  const z = sd > 0 ? Math.max(0, Math.abs(wPlus - mean) - 0.5) / sd : 0;
  return { statistic: wPlus, p: Math.min(1, 2 * normalSf(z)), n, method: 'asymptotic' };
}

/** The Walsh averages (d_i + d_j) / 2, i <= j, sorted ascending. */
export function walshAverages(d: readonly number[]): Float64Array {
  const n = d.length;
  const out = new Float64Array((n * (n + 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out[k++] = (d[i]! + d[j]!) / 2;
  return out.sort();
}

export interface OneSampleHL {
  estimate: number;
  ci: Interval;
  /** The Walsh averages, for intervals at other levels (signedRankIntervalAt). */
  walsh: Float64Array;
  n: number;
}

/** Number k of Walsh averages cut from each end for a (level) interval: largest k with P(W+ <= k) <= α/2. */
export function signedRankCut(n: number, level: number): number {
  const alpha = 1 - level;
  if (n <= SIGNED_RANK_EXACT_MAX_N) {
    const counts = signedRankCounts(n);
    const total = 2 ** n;
    let cdf = 0;
    let k = -1;
    for (let w = 0; w < counts.length; w++) {
      cdf += counts[w]! / total;
      if (cdf <= alpha / 2 + 1e-12) k = w;
      else break;
    }
    return k + 1; // W+ values 0..k have cdf <= α/2: the lower bound is the (k+1)-th Walsh average
  }
  const m = (n * (n + 1)) / 2;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
  return Math.max(0, Math.round(m / 2 - normalQuantile(1 - alpha / 2) * sd));
}

/**
 * The interval at `level` from sorted Walsh averages of n values: [A_(cut), A_(M+1-cut)] (1-based).
 * With too few values for that level (cut = 0) no finite interval has the coverage: (-∞, ∞).
 */
export function signedRankIntervalAt(walsh: Float64Array, n: number, level: number): Interval {
  const m = walsh.length;
  const cut = signedRankCut(n, level);
  if (cut === 0 || cut > m + 1 - cut) return { low: -Infinity, high: Infinity, level };
  return { low: walsh[cut - 1]!, high: walsh[m - cut]!, level };
}

export function hodgesLehmannOneSample(d: readonly number[], level = 0.95): OneSampleHL {
  const x = d.filter(Number.isFinite);
  const walsh = walshAverages(x);
  const m = walsh.length;
  const estimate = m === 0 ? Number.NaN : (walsh[(m - 1) >> 1]! + walsh[m >> 1]!) / 2;
  return { estimate, ci: signedRankIntervalAt(walsh, x.length, level), walsh, n: x.length };
}
