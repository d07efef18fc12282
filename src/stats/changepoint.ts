/**
 * Change-point detection over a benchmark's history with E-divisive means.
 *
 * Method: Matteson & James (2014), "A Nonparametric Approach for Multiple Change Point Analysis of
 * Multivariate Data", JASA 109(505) — the `e.divisive` procedure of the R package `ecp` — as used
 * for CI performance data by MongoDB (Daly et al., ICPE 2020, "The Use of Change Point Detection to
 * Identify Software Performance Regressions in a Continuous Integration System") and by
 * Hunter / Apache Otava. Why this method: it makes no distributional assumption, finds several
 * change points in one history, and a permutation test gives each one a p-value, so a flat noisy
 * history rarely produces an alert.
 *
 * For a split of a segment into X (m points) and Y (k points), with distance exponent alpha = 1:
 *   E(X, Y) = 2/(mk) Σ|x-y| - C(m,2)^-1 Σ_{i<j}|x_i-x_j| - C(k,2)^-1 Σ_{i<j}|y_i-y_j|
 *   q(X, Y) = mk/(m+k) · E(X, Y)
 * The best split maximises q. Like the MongoDB and Otava implementations (and unlike the full
 * `ecp` search) the right end of the split is the segment end, which keeps one scan to one pass.
 *
 * Multiple change points (Matteson & James §2.3, "hierarchical significance testing"): with the
 * change points found so far, take the best split of every segment; the largest q is the candidate.
 * Its significance comes from R permutations that shuffle observations within each current segment
 * and record the largest q over all segments; p = (1 + #{q_perm >= q_obs}) / (R + 1). Accept while
 * p <= pValue, then repeat; stop at the first candidate that is not significant.
 *
 * Cost: each scan of a segment of length L is O(L log L) (ranks and Fenwick trees, see `bestSplit`),
 * so one iteration is O(R·n log n): for n = 1,000 and R = 199 about 6e6 steps, where summing pair
 * by pair took 3e8 absolute differences. The segments are sorted once per iteration, not once per
 * permutation (`SegmentRanks`): a shuffle keeps each segment's values, so its ranks follow without
 * sorting again, and the statistics are bit for bit those of sorting each permutation.
 */
import type { ChangePoint, Direction, SeriesPoint } from '../model/types.js';
import { createRng, type Rng } from './prng.js';
import { median as ssMedian } from 'simple-statistics';

export interface ChangePointOptions {
  /** Significance level of the permutation test. Default 0.01. */
  pValue?: number;
  /** Number of permutations; the smallest attainable p is 1/(permutations+1). Default 199. */
  permutations?: number;
  /** Minimum number of points in every segment (>= 2, since E needs pairs). Default 5. */
  minSize?: number;
  /** Seed of the permutation PRNG; the same seed gives the same answer. Default 1. */
  seed?: number;
  /**
   * Source of the permutations' uniform draws in [0, 1), used instead of `seed` (for tests, e.g.
   * one that enumerates every permutation so the p-value is the exact one).
   */
  rng?: Rng;
}

export interface DetectedChange {
  /** Index of the first point of the new regime. */
  index: number;
  pValue: number;
}

const DEFAULTS = { pValue: 0.01, permutations: 199, minSize: 5, seed: 1 } as const;

export interface Split {
  tau: number;
  q: number;
}

/**
 * Best split of x[start..end) with both parts >= minSize, or null when the segment is too short;
 * `tau` is the first index of the right part, `q` the statistic above (the first maximum on ties).
 * Moves one point at a time from the right part to the left and keeps three pair sums:
 * wl (within left), wr (within right), b (between). In one dimension the sum of |x_t - x_i| over a
 * set is x_t·(count below) - (sum below) + (sum above) - x_t·(count above), so with the points
 * ranked once and the left part's counts and sums in Fenwick trees over ranks, each step costs
 * O(log L) instead of an O(L) row: a scan of 1,000 points is about 3e4 steps (sort and trees), not
 * 1.5e6 absolute differences.
 */
export function bestSplit(x: ArrayLike<number>, start: number, end: number, minSize: number): Split | null {
  const len = end - start;
  if (len < 2 * minSize) return null;
  const order = new Array<number>(len);
  for (let i = 0; i < len; i++) order[i] = i;
  // A stable sort: equal values stay in the order of their positions.
  order.sort((a, c) => x[start + a]! - x[start + c]!);
  const rank = new Int32Array(len);
  for (let r = 0; r < len; r++) rank[order[r]!] = r;
  return scanSplits(x, start, end, minSize, order, rank, new SplitScratch(len));
}

/** The buffers of scanSplits, allocated once per round of the test rather than once per scan. */
class SplitScratch {
  readonly below: Float64Array;
  readonly leftCount: Float64Array;
  readonly leftSumBelow: Float64Array;
  constructor(n: number) {
    this.below = new Float64Array(n + 1);
    this.leftCount = new Float64Array(n + 1);
    this.leftSumBelow = new Float64Array(n + 1);
  }
}

/**
 * bestSplit's scan of x[start..end), given its ranks: `order[r]` is the offset (from `start`) of
 * the point of rank r and `rank` its inverse, equal values ranked by position.
 */
function scanSplits(
  x: ArrayLike<number>,
  start: number,
  end: number,
  minSize: number,
  order: ArrayLike<number>,
  rank: ArrayLike<number>,
  scratch: SplitScratch,
): Split | null {
  const len = end - start;
  // below[r]: the sum of the r smallest values.
  const below = scratch.below;
  below[0] = 0;
  // Every pair of the segment: sorted values s_r, Σ_{i<j} |s_i - s_j| = Σ_r s_r (2r - len + 1).
  let wr = 0;
  for (let r = 0; r < len; r++) {
    const v = x[start + order[r]!]!;
    below[r + 1] = below[r]! + v;
    wr += v * (2 * r - len + 1);
  }
  const total = below[len]!;
  const leftCount = scratch.leftCount;
  const leftSumBelow = scratch.leftSumBelow;
  leftCount.fill(0, 0, len + 1);
  leftSumBelow.fill(0, 0, len + 1);
  let leftSum = 0;
  let wl = 0;
  let b = 0;
  let best: Split | null = null;
  for (let t = start; t < end - minSize; t++) {
    const xt = x[t]!;
    const r = rank[t - start]!;
    // Left points ranked below t (ties with t contribute 0 on either side of the formula).
    let lc = 0;
    let ls = 0;
    for (let i = r; i > 0; i -= i & -i) {
      lc += leftCount[i]!;
      ls += leftSumBelow[i]!;
    }
    const nl = t - start;
    const rowL = xt * lc - ls + (leftSum - ls) - xt * (nl - lc);
    // Right points (after t) ranked below t: all r of them but the left ones.
    const rc = r - lc;
    const rs = below[r]! - ls;
    const nr = len - nl - 1;
    const rowR = xt * rc - rs + (total - leftSum - xt - rs) - xt * (nr - rc);
    for (let i = r + 1; i <= len; i += i & -i) {
      leftCount[i] += 1;
      leftSumBelow[i] += xt;
    }
    leftSum += xt;
    wl += rowL;
    wr -= rowR;
    b += rowR - rowL;
    const m = t + 1 - start;
    const k = len - m;
    if (m < minSize) continue;
    const e = (2 * b) / (m * k) - (2 * wl) / (m * (m - 1)) - (2 * wr) / (k * (k - 1));
    const q = ((m * k) / (m + k)) * e;
    if (best === null || q > best.q) best = { tau: t + 1, q };
  }
  return best;
}

/**
 * One round of the test: the segments between the change points found so far, ranked once for
 * the observed order and all its permutations. A permutation moves values between positions of
 * one segment and keeps the segment's values, so a shuffled segment's ranks need no sort: a
 * point's rank is the number of smaller values in its segment (`tieStart`, the same in every
 * permutation) plus the number of equal values at earlier positions, which is the order bestSplit's
 * stable sort gives. The scan then does bestSplit's arithmetic on the same ranks, so every
 * statistic is the same to the last bit, and a permutation costs the trees' O(n log n) without a
 * sort or an allocation (on a store of 1,000 runs, sorting was 40% of the test's time, and the
 * test takes a third of the time it took).
 */
class SegmentRanks {
  private readonly n: number;
  /** The original position of the value now at each position: the identity, shuffled. */
  private readonly at: Int32Array;
  /** The values in the current order: x[at[i]]. */
  private readonly values: Float64Array;
  /** For each original position, how many values of its segment are smaller. */
  private readonly tieStart: Int32Array;
  /** While ranking a segment: the equal values ranked so far, by their tieStart. */
  private readonly seen: Int32Array;
  private readonly order: Int32Array;
  private readonly rank: Int32Array;
  private readonly scratch: SplitScratch;

  constructor(
    private readonly x: Float64Array,
    private readonly bounds: readonly number[],
    private readonly minSize: number,
  ) {
    const n = x.length;
    this.n = n;
    this.at = new Int32Array(n);
    this.values = new Float64Array(n);
    this.tieStart = new Int32Array(n);
    this.seen = new Int32Array(n);
    this.order = new Int32Array(n);
    this.rank = new Int32Array(n);
    this.scratch = new SplitScratch(n);
    for (let s = 0; s + 1 < bounds.length; s++) {
      const from = bounds[s]!;
      const sorted = Array.from({ length: bounds[s + 1]! - from }, (_, i) => from + i).sort((a, c) => x[a]! - x[c]!);
      let first = 0;
      for (let r = 0; r < sorted.length; r++) {
        // `!==` as the sort's comparator sees it: -0 and 0 are equal.
        if (r > 0 && x[sorted[r]!] !== x[sorted[r - 1]!]) first = r;
        this.tieStart[sorted[r]!] = first;
      }
    }
    this.reset();
  }

  /** Back to the observed order. */
  reset(): void {
    for (let i = 0; i < this.n; i++) this.at[i] = i;
  }

  /** Shuffles each segment in turn: the same draws, in the same order, for any segment lengths. */
  shuffle(rng: Rng): void {
    for (let s = 0; s + 1 < this.bounds.length; s++) shuffleRange(this.at, this.bounds[s]!, this.bounds[s + 1]!, rng);
  }

  /** The best split over all segments of the current order (the largest q; the first on ties). */
  best(): Split | null {
    const { at, values, x, tieStart, seen, order, rank } = this;
    for (let i = 0; i < this.n; i++) values[i] = x[at[i]!]!;
    let best: Split | null = null;
    for (let s = 0; s + 1 < this.bounds.length; s++) {
      const from = this.bounds[s]!;
      const to = this.bounds[s + 1]!;
      if (to - from < 2 * this.minSize) continue;
      seen.fill(0, 0, to - from);
      for (let p = from; p < to; p++) {
        const first = tieStart[at[p]!]!;
        const r = first + seen[first]!++;
        order[r] = p - from;
        rank[p - from] = r;
      }
      const split = scanSplits(values, from, to, this.minSize, order, rank, this.scratch);
      if (split !== null && (best === null || split.q > best.q)) best = split;
    }
    return best;
  }
}

/**
 * Finds change points in `values` (oldest first). Returns them sorted by index; each index is the
 * first point of a new regime. Throws on non-finite values (filter them first, see
 * `changePointsForSeries`).
 */
export function detectChangePoints(values: readonly number[], opts: ChangePointOptions = {}): DetectedChange[] {
  const pThreshold = opts.pValue ?? DEFAULTS.pValue;
  const permutations = Math.max(1, Math.floor(opts.permutations ?? DEFAULTS.permutations));
  const minSize = Math.max(2, Math.floor(opts.minSize ?? DEFAULTS.minSize));
  const rng = opts.rng ?? createRng(opts.seed ?? DEFAULTS.seed);
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`detectChangePoints: non-finite value ${v}`);
  }
  const x = Float64Array.from(values);
  const n = x.length;
  const bounds = [0, n];
  const found: DetectedChange[] = [];
  // The largest p-value that can still pass: once more permutations than this beat the observed
  // statistic the candidate is rejected whatever the rest give, so the test stops early (a flat
  // history costs a few permutations instead of R).
  const maxExceed = Math.floor(pThreshold * (permutations + 1)) - 1;

  for (;;) {
    const ranks = new SegmentRanks(x, [...bounds], minSize);
    const candidate = ranks.best();
    if (candidate === null || !(candidate.q > 0)) break;
    // Relative tolerance so that a permutation equal to the observed data up to summation order
    // counts as "at least as extreme" (constant or tied data must not look significant).
    const bar = candidate.q - 1e-12 * Math.abs(candidate.q);
    let exceed = 0;
    let rejected = false;
    for (let r = 0; r < permutations; r++) {
      ranks.reset();
      ranks.shuffle(rng);
      const permBest = ranks.best();
      if (permBest !== null && permBest.q >= bar) {
        exceed++;
        if (exceed > maxExceed) {
          rejected = true;
          break;
        }
      }
    }
    const p = (1 + exceed) / (permutations + 1);
    if (rejected || p > pThreshold) break;
    found.push({ index: candidate.tau, pValue: p });
    bounds.push(candidate.tau);
    bounds.sort((a, b) => a - b);
  }
  return found.sort((a, b) => a.index - b.index);
}

/** In-place Fisher-Yates shuffle of a[from..to) (Knuth, TAOCP vol. 2, Algorithm P). */
function shuffleRange(a: Int32Array, from: number, to: number, rng: Rng): void {
  for (let i = to - 1; i > from; i--) {
    const j = from + Math.floor(rng() * (i - from + 1));
    const tmp = a[i]!;
    a[i] = a[j]!;
    a[j] = tmp;
  }
}

function median(values: readonly number[]): number {
  return values.length === 0 ? NaN : ssMedian([...values]);
}

export interface SeriesMeta {
  benchmarkId: string;
  metric: string;
  direction: Direction;
}

/**
 * Change points of one benchmark's history (points oldest first), described for reports:
 * the run and commit where the new regime begins, the median of the per-run medians of the segment
 * before and after it (segments end at the neighbouring change points), the relative change and
 * whether it goes in the metric's bad direction. Points with a non-finite median are skipped.
 */
export function changePointsForSeries(
  points: readonly SeriesPoint[],
  meta: SeriesMeta,
  opts: ChangePointOptions = {},
): ChangePoint[] {
  const kept = points.filter((p) => Number.isFinite(p.median));
  const values = kept.map((p) => p.median);
  const detected = detectChangePoints(values, opts);
  const cuts = [0, ...detected.map((d) => d.index), values.length];
  return detected.map((d, i) => {
    const before = median(values.slice(cuts[i]!, cuts[i + 1]!));
    const after = median(values.slice(cuts[i + 1]!, cuts[i + 2]!));
    const point = kept[d.index]!;
    const change = before === 0 ? (after === 0 ? 0 : Math.sign(after) * Infinity) : (after - before) / before;
    return {
      benchmarkId: meta.benchmarkId,
      metric: meta.metric,
      // Index into the caller's series, not into the filtered copy.
      index: points.indexOf(point),
      runId: point.runId,
      commit: point.commit,
      medianBefore: before,
      medianAfter: after,
      change,
      pValue: d.pValue,
      regression: meta.direction === 'lower' ? after > before : after < before,
    };
  });
}

/**
 * For `check --nightly`: whether a change point in the metric's bad direction begins within the
 * newest `window` points of a series of `seriesLength` points.
 */
export function newestWindowRegression(
  changePoints: readonly ChangePoint[],
  seriesLength: number,
  window: number,
): boolean {
  const from = seriesLength - window;
  return changePoints.some((cp) => cp.regression && cp.index >= from && cp.index < seriesLength);
}
