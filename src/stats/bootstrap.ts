/**
 * Percentile bootstrap confidence intervals for the median and for a ratio of medians.
 *
 * Why the bootstrap: timing distributions are skewed and multimodal, so no closed form for the
 * median's sampling distribution is trustworthy; the percentile bootstrap (Efron & Tibshirani,
 * "An Introduction to the Bootstrap", 1993, §13.3) needs no such assumption. The interval is the
 * (1-level)/2 and (1+level)/2 quantiles (linear interpolation, numpy default) of the statistic over
 * B resamples drawn with replacement; for two samples each side is resampled independently
 * (Efron & Tibshirani §8.3, two-sample problem).
 *
 * Cost: a resample of a sorted sample is drawn as counts per sorted index, so its median is found by
 * one cumulative pass, O(n) per resample without sorting; the indices are drawn in bulk
 * (prng.ts IndexStream), the same numbers as createRng's without a call each. B = 2,000 by default
 * (Efron & Tibshirani recommend B >= 1,000 for percentile intervals), so one interval draws
 * 2,000 × n numbers: the whole cost of a summary. deferredMedianCI leaves it to the first reader.
 * Deterministic for a given seed (see prng.ts).
 */
import type { Interval } from '../model/types.js';
import { createRng, DEFAULT_SEED, IndexStream, type Rng } from './prng.js';

/** Default number of bootstrap resamples. */
export const DEFAULT_RESAMPLES = 2000;

export interface BootstrapOptions {
  /** PRNG seed; the same seed gives the same interval. Default DEFAULT_SEED. */
  seed?: number;
  /** Number of resamples B. Default 2,000. */
  resamples?: number;
  /** Confidence level. Default 0.95. */
  level?: number;
}

function nanInterval(level: number): Interval {
  return { low: Number.NaN, high: Number.NaN, level };
}

/** The options with their defaults; a RangeError for a resample count or level that cannot be used. */
export function checkBootstrapOptions(opts: BootstrapOptions): { seed: number; resamples: number; level: number } {
  const seed = opts.seed ?? DEFAULT_SEED;
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const level = opts.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return { seed, resamples, level };
}

/** Ascending copy as a Float64Array (numeric sort, unlike Array.prototype.sort's default). */
export function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Percentile interval of a bootstrap distribution: its (1-level)/2 and (1+level)/2 quantiles,
 * linear interpolation (R type 7). Sorts `stats` in place.
 */
export function percentileInterval(stats: Float64Array, level: number): Interval {
  stats.sort();
  return {
    low: interpolatedQuantile(stats, (1 - level) / 2),
    high: interpolatedQuantile(stats, (1 + level) / 2),
    level,
  };
}

/**
 * Type 7 quantile of an ascending array, as simple-statistics' quantileSorted, except that equal
 * neighbours are returned as they are, so Infinity (a ratio over a zero median) does not become NaN
 * through Infinity - Infinity.
 */
function interpolatedQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  if (lo === hi || a === b) return a;
  return a + (h - lo) * (b - a);
}

/**
 * The median of one bootstrap resample of `sorted` (ascending): draws n indices with replacement
 * into `counts` (length n, overwritten) and walks the cumulative counts to the middle order
 * statistics. Same definition of the median as simple-statistics (mean of the two middle values).
 */
export function resampleMedian(sorted: Float64Array, stream: IndexStream, counts: Int32Array): number {
  const n = sorted.length;
  counts.fill(0);
  stream.tally(counts, n);
  const k1 = (n - 1) >> 1; // lower middle, 0-based
  const k2 = n >> 1; // upper middle (== k1 when n is odd)
  let cumulative = 0;
  let lo = Number.NaN;
  for (let j = 0; j < n; j++) {
    cumulative += counts[j]!;
    if (Number.isNaN(lo) && cumulative > k1) lo = sorted[j]!;
    if (cumulative > k2) {
      const hi = sorted[j]!;
      return lo + 0.5 * (hi - lo);
    }
  }
  return Number.NaN; // unreachable for n >= 1
}

/** Percentile bootstrap interval of the median of `samples`. NaN bounds for an empty sample. */
export function bootstrapMedianCI(samples: readonly number[], opts: BootstrapOptions = {}): Interval {
  const { seed, resamples, level } = checkBootstrapOptions(opts);
  if (samples.length === 0) return nanInterval(level);
  return medianInterval(sortedCopy(samples), seed, resamples, level);
}

/**
 * bootstrapMedianCI(samples, opts), computed on the first call and kept: the options are checked
 * and the samples copied now, so a caller may change its array afterwards. For summaries whose
 * interval most readers never look at (a `compare` printed as a table shows medians only).
 */
export function deferredMedianCI(samples: readonly number[], opts: BootstrapOptions = {}): () => Interval {
  const { seed, resamples, level } = checkBootstrapOptions(opts);
  if (samples.length === 0) {
    const nan = nanInterval(level);
    return () => nan;
  }
  const copy = Float64Array.from(samples);
  let ci: Interval | undefined;
  return () => (ci ??= medianInterval(copy.sort(), seed, resamples, level));
}

function medianInterval(sorted: Float64Array, seed: number, resamples: number, level: number): Interval {
  const stream = new IndexStream(seed);
  const counts = new Int32Array(sorted.length);
  const stats = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) stats[b] = resampleMedian(sorted, stream, counts);
  return percentileInterval(stats, level);
}

/**
 * Ratio of two non-negative quantities with the conventions used throughout: 0/0 = 1 (no change),
 * x/0 = Infinity for x > 0.
 */
export function safeRatio(numerator: number, denominator: number): number {
  if (denominator === 0) return numerator === 0 ? 1 : numerator > 0 ? Infinity : -Infinity;
  return numerator / denominator;
}

/**
 * Percentile bootstrap interval of median(candidate) / median(baseline), resampling both sides
 * independently. NaN bounds when either side is empty.
 */
export function bootstrapRatioOfMediansCI(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: BootstrapOptions = {},
): Interval {
  const { seed, resamples, level } = checkBootstrapOptions(opts);
  if (baseline.length === 0 || candidate.length === 0) return nanInterval(level);
  const base = sortedCopy(baseline);
  const cand = sortedCopy(candidate);
  const baseCounts = new Int32Array(base.length);
  const candCounts = new Int32Array(cand.length);
  const stream = new IndexStream(seed);
  return ratioInterval(
    resamples,
    level,
    () => resampleMedian(base, stream, baseCounts),
    () => resampleMedian(cand, stream, candCounts),
  );
}

/**
 * Percentile interval of median(candidate resample) / median(baseline resample) over `resamples`
 * draws, baseline drawn first in each pair (the order fixes the stream a seed produces: both
 * callbacks draw from one generator).
 */
function ratioInterval(resamples: number, level: number, baseMedian: () => number, candMedian: () => number): Interval {
  const stats = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    const mb = baseMedian();
    stats[b] = safeRatio(candMedian(), mb);
  }
  return percentileInterval(stats, level);
}

/**
 * A sample made of clusters (rounds: each measured in a fresh browser), prepared for the two-stage
 * bootstrap: the union sorted once, and each cluster as the sorted positions of its members.
 */
interface ClusteredSample {
  sorted: Float64Array;
  clusters: Int32Array[];
}

function prepareClusters(values: readonly number[], sizes: readonly number[]): ClusteredSample {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== values.length) throw new RangeError(`cluster sizes add up to ${total}, not ${values.length}`);
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  const rank = new Int32Array(values.length);
  order.forEach((original, position) => (rank[original] = position));
  const clusters: Int32Array[] = [];
  let start = 0;
  for (const size of sizes) {
    if (size > 0) clusters.push(rank.slice(start, start + size));
    start += size;
  }
  return { sorted: Float64Array.from(order, (i) => values[i]!), clusters };
}

/**
 * Median of one two-stage resample: draw as many clusters as there are, with replacement, then
 * within each drawn cluster as many members as it has, with replacement (Davison & Hinkley,
 * "Bootstrap Methods and their Application", 1997, §3.8, strategy 2 — resampling at both stages,
 * which if anything overstates the variance: the safe side for a regression gate).
 */
function resampleClusteredMedian(s: ClusteredSample, rng: Rng, counts: Int32Array): number {
  counts.fill(0);
  const r = s.clusters.length;
  let total = 0;
  for (let i = 0; i < r; i++) {
    const members = s.clusters[Math.floor(rng() * r)]!;
    const m = members.length;
    for (let k = 0; k < m; k++) counts[members[Math.floor(rng() * m)]!]++;
    total += m;
  }
  const k1 = (total - 1) >> 1;
  const k2 = total >> 1;
  let cumulative = 0;
  let lo = Number.NaN;
  for (let j = 0; j < counts.length; j++) {
    cumulative += counts[j]!;
    if (Number.isNaN(lo) && cumulative > k1) lo = s.sorted[j]!;
    if (cumulative > k2) return lo + 0.5 * (s.sorted[j]! - lo);
  }
  return Number.NaN; // unreachable for total >= 1
}

/**
 * Percentile interval of median(candidate) / median(baseline) when each side was measured in
 * several rounds. Samples within one browser session are correlated (JIT decisions, heap layout,
 * machine state), so treating them as independent gives intervals far narrower than the
 * run-to-run variation; resampling rounds first lets that variation into the interval.
 * `baselineRounds` / `candidateRounds` are the sample counts per round, in sample order.
 */
export function bootstrapClusteredRatioCI(
  baseline: readonly number[],
  baselineRounds: readonly number[],
  candidate: readonly number[],
  candidateRounds: readonly number[],
  opts: BootstrapOptions = {},
): Interval {
  const { seed, resamples, level } = checkBootstrapOptions(opts);
  if (baseline.length === 0 || candidate.length === 0) return nanInterval(level);
  const base = prepareClusters(baseline, baselineRounds);
  const cand = prepareClusters(candidate, candidateRounds);
  const baseCounts = new Int32Array(baseline.length);
  const candCounts = new Int32Array(candidate.length);
  const rng = createRng(seed);
  return ratioInterval(
    resamples,
    level,
    () => resampleClusteredMedian(base, rng, baseCounts),
    () => resampleClusteredMedian(cand, rng, candCounts),
  );
}
