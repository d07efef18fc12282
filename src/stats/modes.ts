/**
 * Two modes in session values, and what the rank tests of sessions.ts need to look through them.
 *
 * Why: on the development VM a benchmark's session medians often fall in two clusters far apart
 * (reactivity/deep-propagation: 2.2 µs or 3.7 µs in a session, nothing between), set per browser
 * context by JIT and heap state. The two sides of one session land in different modes about as
 * often as in the same one, so the per-session log ratio d_i = ln(c_i / b_i) is itself a mixture
 * (0 or ±0.5), and a 5-10% shift drowns in it. Knowing each value's mode removes that: the gap
 * between the modes is subtracted from every value in the upper mode ("aligned" values), and the
 * signed-rank test runs on the aligned differences. How often each side landed in the upper mode
 * is a second, separate question, asked of the discordant pairs (one side in each mode) with an
 * exact binomial (McNemar) test, so a change that makes the slow mode more frequent is not hidden.
 *
 * Validity under "no change": the modes are found from the pooled values of both sides, which a
 * swap of the two sides of a session does not change, and a value keeps its own mode's offset when
 * it moves. So swapping the sides of pair i only flips the sign of its aligned difference, and the
 * signed-rank null (each sign equally likely, given the pooled values) holds exactly as for the
 * plain test; so does the binomial null for the discordant pairs. Their Bonferroni minimum is a
 * valid p-value for the union of the two questions. Unpaired (stored baselines) the same holds for
 * Mann-Whitney on the aligned values and Fisher's exact test on the mode counts: under no change all
 * values are exchangeable, and the modes and the alignment depend on the pooled values only.
 */

/** Two modes of a set of values (log session values). */
export interface ModeSplit {
  /** Values >= cut are in the upper mode. */
  cut: number;
  /** Mean of each mode. */
  lowMean: number;
  highMean: number;
  /** Values in each mode. */
  lowCount: number;
  highCount: number;
  /** Pooled within-mode standard deviation. */
  sd: number;
}

export interface ModeOptions {
  /** Distance between the mode means, in within-mode standard deviations, to call them two modes. Default 4. */
  separation?: number;
  /** Values in the smaller mode, at least. Default 3. */
  minSize?: number;
}

/**
 * Separation 4: splitting one normal sample at its best point gives means about 2.7 within-mode
 * standard deviations apart, so a unimodal benchmark is left alone; the bimodal ones on the VM sit
 * at 6-12. The empty gap at the cut must also be at least one standard deviation: a split through a
 * dense region is a tail, not a mode.
 */
export const MODE_DEFAULTS = { separation: 4, minSize: 3 } as const;

/**
 * The least-squares split of `values` into a lower and an upper group (optimal 1-D 2-means: the
 * best cut between consecutive sorted values), accepted as two modes only when the groups are
 * well separated (MODE_DEFAULTS); otherwise null.
 */
export function splitModes(values: readonly number[], opts: ModeOptions = {}): ModeSplit | null {
  const separation = opts.separation ?? MODE_DEFAULTS.separation;
  const minSize = Math.max(2, opts.minSize ?? MODE_DEFAULTS.minSize);
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = xs.length;
  if (n < 2 * minSize) return null;
  const prefix = [0];
  const prefixSq = [0];
  for (const x of xs) {
    prefix.push(prefix[prefix.length - 1]! + x);
    prefixSq.push(prefixSq[prefixSq.length - 1]! + x * x);
  }
  const ss = (from: number, to: number) => {
    const k = to - from;
    const s = prefix[to]! - prefix[from]!;
    return Math.max(0, prefixSq[to]! - prefixSq[from]! - (s * s) / k);
  };
  let best = { k: -1, within: Number.POSITIVE_INFINITY };
  for (let k = minSize; k <= n - minSize; k++) {
    const within = ss(0, k) + ss(k, n);
    if (within < best.within) best = { k, within };
  }
  const k = best.k;
  const sd = Math.sqrt(best.within / (n - 2));
  const lowMean = (prefix[k]! - prefix[0]!) / k;
  const highMean = (prefix[n]! - prefix[k]!) / (n - k);
  const gap = xs[k]! - xs[k - 1]!;
  // sd 0: two groups of identical values, as separate as values get.
  if (!(highMean - lowMean >= separation * sd && gap >= sd && gap > 0)) return null;
  return { cut: (xs[k - 1]! + xs[k]!) / 2, lowMean, highMean, lowCount: k, highCount: n - k, sd };
}

/** Moves a value of the upper mode down by the gap between the mode means; lower-mode values stay. */
export function alignment(split: ModeSplit): (v: number) => number {
  const gap = split.highMean - split.lowMean;
  return (v) => (v >= split.cut ? v - gap : v);
}

/** Values at or above the cut: in the upper mode. */
export const upperCount = (values: readonly number[], split: ModeSplit): number =>
  values.filter((v) => v >= split.cut).length;

/** Paired values seen through two modes. */
export interface ModePairs {
  split: ModeSplit;
  /** d_i with the mode gap taken out of each value in the upper mode. */
  aligned: number[];
  /** Pairs with the baseline in the lower mode and the candidate in the upper one, and the reverse. */
  up: number;
  down: number;
}

/** Aligned differences and discordant counts of paired values (same length, finite), or null with no two modes. */
export function modePairs(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: ModeOptions = {},
): ModePairs | null {
  if (baseline.length !== candidate.length)
    throw new RangeError(`paired values of different lengths: ${baseline.length} and ${candidate.length}`);
  const split = splitModes([...baseline, ...candidate], opts);
  if (!split) return null;
  const align = alignment(split);
  let up = 0;
  let down = 0;
  const aligned = baseline.map((b, i) => {
    const c = candidate[i]!;
    if (b < split.cut && c >= split.cut) up++;
    if (b >= split.cut && c < split.cut) down++;
    return align(c) - align(b);
  });
  return { split, aligned, up, down };
}
