/**
 * Mann–Whitney U test (Wilcoxon rank-sum), two-sided, matching scipy.stats.mannwhitneyu.
 *
 * Why: it compares whole distributions by ranks, so one slow outlier sample (GC pause, context
 * switch) cannot dominate it, and it needs no normality. On pooled samples it is a diagnostic only:
 * samples from one browser session are not independent, so verdicts test session values instead
 * (sessions.ts); the Hodges–Lehmann interval (hodges-lehmann.ts) builds on it.
 *
 * - U1 = R1 - n1(n1+1)/2 with midranks for ties (Mann & Whitney, Ann. Math. Stat. 18, 1947).
 * - Exact p (scipy `method='exact'`): 2·P(U >= max(U1, U2)) under H0 (capped at 1), from the exact
 *   null distribution. The number of arrangements with U = u is the coefficient of q^u in the
 *   Gaussian binomial [n1+n2 choose n1]_q = Π_{i=1..m} (1 - q^{n+i}) / (1 - q^i) (Andrews, "The
 *   Theory of Partitions", 1976, Thm 3.1; the same counts as the Mann–Whitney recurrence
 *   c(m,n,u) = c(m-1,n,u-n) + c(m,n-1,u)). Computed exactly as integers (doubles up to 20 + 20,
 *   BigInt beyond), so p is accurate to rounding for any size that `method: 'exact'` is asked for.
 * - Asymptotic p (scipy `method='asymptotic', use_continuity=True`): z = (max(U1,U2) - n1n2/2 - 1/2)/σ
 *   with the tie-corrected σ² = n1n2/12 · ((n+1) - Σ(t³-t)/(n(n-1))), p = 2·(1 - Φ(z)), capped at 1.
 * - `auto` (our default): exact when there are no ties and n1, n2 <= 20, asymptotic otherwise. The exact
 *   distribution assumes no ties (scipy documents the same caveat), hence the switch.
 */
import { normalSf } from './distributions.js';
import { lnGamma } from './special.js';

export type MannWhitneyMethod = 'auto' | 'exact' | 'asymptotic';

/** Largest sample size (per side) for which `auto` uses the exact distribution. */
export const EXACT_MAX_N = 20;

export interface MannWhitneyResult {
  /** U statistic of the first sample (scipy's `statistic`): the number of pairs with x > y, ties counting 1/2. */
  u: number;
  /** Two-sided p-value; NaN if either sample is empty. */
  p: number;
  method: 'exact' | 'asymptotic';
}

/** Midranks (1-based, ties get the average rank) and the sizes of the tie groups larger than 1. */
export function rankWithTies(values: readonly number[]): { ranks: Float64Array; tieSizes: number[] } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    const rank = (i + 1 + j) / 2; // average of ranks i+1..j
    for (let k = i; k < j; k++) ranks[order[k]!] = rank;
    if (j - i > 1) tieSizes.push(j - i);
    i = j;
  }
  return { ranks, tieSizes };
}

/**
 * Counts of arrangements giving U = 0..n1·n2 under H0 (the total is C(n1+n2, n1)), symmetric in
 * n1, n2, by Harding's multiply/divide form of the product (Harding, Appl. Stat. 33, 1984).
 * Doubles hold every intermediate exactly while C(n1+n2, n1) < 2^51 (e.g. 20 + 20); beyond that
 * the subtractions would cancel catastrophically, so the counts are built with BigInt and each is
 * rounded to a double only at the end (~0.3 s for 200 + 200). Cost O(min(n1,n2)·n1·n2).
 */
export function mannWhitneyCounts(n1: number, n2: number): Float64Array {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const lnTotal = lnGamma(m + n + 1) - lnGamma(m + 1) - lnGamma(n + 1);
  if (lnTotal < 51 * Math.LN2) {
    const c = new Float64Array(m * n + m + 1);
    c[0] = 1;
    let degree = 0;
    for (let i = 1; i <= m; i++) {
      const up = n + i;
      // Multiply by (1 - q^{n+i}).
      for (let k = degree + up; k >= up; k--) c[k] = c[k]! - c[k - up]!;
      // Divide by (1 - q^i): Q_k = P_k + Q_{k-i}.
      for (let k = i; k <= degree + up; k++) c[k] = c[k]! + c[k - i]!;
      degree += n;
    }
    return c.slice(0, m * n + 1);
  }
  const c = new Array<bigint>(m * n + m + 1).fill(0n);
  c[0] = 1n;
  let degree = 0;
  for (let i = 1; i <= m; i++) {
    const up = n + i;
    for (let k = degree + up; k >= up; k--) c[k] = c[k]! - c[k - up]!;
    for (let k = i; k <= degree + up; k++) c[k] = c[k]! + c[k - i]!;
    degree += n;
  }
  return Float64Array.from(c.slice(0, m * n + 1), (v) => Number(v));
}

/** Sum of `counts[from..to]` (inclusive), in ascending order. */
function sumRange(counts: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let k = Math.max(0, from); k <= Math.min(to, counts.length - 1); k++) s += counts[k]!;
  return s;
}

/**
 * P(U >= u) under H0 for sizes n1, n2 (u may be fractional: the mass at floor(u) is included, as
 * scipy). In the upper half it is summed as the lower tail P(U <= n1n2 - k) by symmetry, so a small
 * p is a sum of small terms rather than 1 minus a sum.
 */
export function mannWhitneyExactSf(u: number, n1: number, n2: number, counts = mannWhitneyCounts(n1, n2)): number {
  const mn = n1 * n2;
  const k = Math.floor(u);
  let total = 0;
  for (let i = 0; i <= mn; i++) total += counts[i]!;
  if (k <= mn / 2) return 1 - sumRange(counts, 0, k - 1) / total;
  return sumRange(counts, 0, mn - k) / total;
}

export interface MannWhitneyOptions {
  method?: MannWhitneyMethod;
  /** Continuity correction for the asymptotic method. Default true (scipy default). */
  continuity?: boolean;
}

/**
 * R1, the sum of the midranks of `x` in the pooled values, and the tie groups of those (ascending).
 * Without NaN, each side is sorted natively and the two merged in one pass, tie group by tie group:
 * this ranks every pooled sample of every comparison, where sorting indices with a comparator cost a
 * call per comparison. The midranks are rankWithTies', and R1, a sum of halves far below 2^53, is
 * exact whatever the order of its terms: the same number either way.
 */
function firstRankSum(x: readonly number[], y: readonly number[]): { r1: number; tieSizes: number[] } {
  if (x.some(Number.isNaN) || y.some(Number.isNaN)) {
    const { ranks, tieSizes } = rankWithTies([...x, ...y]);
    let r1 = 0;
    for (let i = 0; i < x.length; i++) r1 += ranks[i]!;
    return { r1, tieSizes };
  }
  const sx = Float64Array.from(x).sort();
  const sy = Float64Array.from(y).sort();
  const tieSizes: number[] = [];
  let r1 = 0;
  let below = 0; // values ranked so far
  let i = 0;
  let j = 0;
  while (i < sx.length || j < sy.length) {
    const v = j === sy.length || (i < sx.length && sx[i]! <= sy[j]!) ? sx[i]! : sy[j]!;
    const groupX = i;
    while (i < sx.length && sx[i] === v) i++;
    const groupY = j;
    while (j < sy.length && sy[j] === v) j++;
    const inX = i - groupX;
    const t = inX + j - groupY;
    r1 += inX * ((below + 1 + below + t) / 2); // the group's midrank, once per member from x
    if (t > 1) tieSizes.push(t);
    below += t;
  }
  return { r1, tieSizes };
}

/** Two-sided Mann–Whitney U test of `x` against `y`. */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  opts: MannWhitneyOptions = {},
): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  const requested = opts.method ?? 'auto';
  if (n1 === 0 || n2 === 0) {
    return { u: Number.NaN, p: Number.NaN, method: requested === 'exact' ? 'exact' : 'asymptotic' };
  }
  const { r1, tieSizes } = firstRankSum(x, y);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = Math.max(u1, u2);
  const method =
    requested === 'auto'
      ? tieSizes.length === 0 && n1 <= EXACT_MAX_N && n2 <= EXACT_MAX_N
        ? 'exact'
        : 'asymptotic'
      : requested;
  let p: number;
  if (method === 'exact') {
    p = 2 * mannWhitneyExactSf(u, n1, n2);
  } else {
    const n = n1 + n2;
    let tieTerm = 0;
    for (const t of tieSizes) tieTerm += t * t * t - t;
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const numerator = u - (n1 * n2) / 2 - (opts.continuity === false ? 0 : 0.5);
    // sigma = 0 only when every value is tied: no evidence of a difference.
    p = sigma > 0 ? 2 * normalSf(numerator / sigma) : 1;
  }
  return { u: u1, p: Math.min(1, Math.max(0, p)), method };
}
