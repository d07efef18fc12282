/**
 * A group-sequential design for `check --auto`: look at the session test after 10, 15, 20 … sessions
 * per side, stop as soon as a benchmark is decided, and keep the total false-alarm rate at alpha.
 *
 * Why: re-testing at alpha after every extra round ("optional stopping") gives a false regression
 * more chances: with looks at 10, 15, 20 and 30 sessions the rate of a nominal 5% test roughly
 * doubles (test/stats/sequential.test.ts shows it). Instead each look k gets a share α_k of alpha,
 * fixed in advance:
 *
 *   α(t) = 2 - 2Φ(z_{1-α/2} / √t)            (Lan & DeMets, Biometrika 70, 1983: the spending
 *   α_k = α(t_k) - α(t_{k-1}),  t_k = n_k / n_K  function of O'Brien & Fleming type; O'Brien &
 *                                               Fleming, Biometrics 35, 1979)
 *
 * where n_k is the sessions per side at look k and n_K the maximum. α(1) = α, so Σ α_k = α. Early
 * looks get very little (α = 0.01 with looks at 10/15/20/30 sessions: 8e-6, 2.6e-4, 1.3e-3 and
 * 8.4e-3), so only a large change stops early and the last look keeps most of the power.
 *
 * Validity (Bonferroni over looks): the looks are planned, not chosen from the data, so the test at
 * look k is an ordinary fixed-size test of the sessions taken so far, and under the null
 * P(p_k < α_k) <= α_k. A false alarm of the whole procedure needs a false alarm at some look, so its
 * probability is at most Σ P(p_k < α_k) <= Σ α_k = α by the union bound, whatever the correlation
 * between looks (they share sessions). It is conservative for the same reason: the looks are
 * positively correlated, so the union bound counts overlapping events more than once, and exact
 * group-sequential boundaries (computed by recursive numerical integration over the joint normal
 * distribution of the looks) would give each look a little more. Stopping for "unchanged" only
 * removes later chances to reject, so it can never raise the false-alarm rate.
 *
 * Futility / equivalence: a benchmark whose (1 - α_k) interval lies entirely within ±threshold is
 * decided `unchanged` at look k: even at that look's strict level no change worth a verdict is
 * compatible with the data.
 */
import type { Direction } from '../model/types.js';
import { normalCdf, normalQuantile } from './distributions.js';
import { intervalSide, intervalWithinThreshold, sessionInterval, thresholdSide, type SessionTest } from './sessions.js';

export interface SequentialDesign {
  /** Sessions per side at each look, ascending; the last is the maximum. */
  looks: readonly number[];
  /** Total two-sided false-alarm rate over all looks. */
  alpha: number;
}

/** Default looks of `check --auto`: 10, 15, 20 and 30 sessions per side. */
export const DEFAULT_LOOKS: readonly number[] = Object.freeze([10, 15, 20, 30]);

export type SequentialOutcome = 'regressed' | 'improved' | 'unchanged' | 'inconclusive' | 'continue';

export interface SequentialRule {
  /** Relative change treated as noise (see sessions.ts thresholdSide). */
  noise: number;
  direction: Direction;
}

/** Lan–DeMets O'Brien–Fleming-type spending: alpha spent by information fraction t in [0, 1]. */
export function obrienFlemingSpending(t: number, alpha: number): number {
  if (!(t >= 0 && t <= 1) || !(alpha > 0 && alpha < 1)) return Number.NaN;
  if (t === 0) return 0;
  return 2 - 2 * normalCdf(normalQuantile(1 - alpha / 2) / Math.sqrt(t));
}

function checkDesign(design: SequentialDesign): void {
  const { looks, alpha } = design;
  if (looks.length === 0) throw new RangeError('a sequential design needs at least one look');
  looks.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 2)
      throw new RangeError(`look ${i + 1}: sessions must be an integer >= 2, got ${n}`);
    if (i > 0 && n <= looks[i - 1]!) throw new RangeError(`looks must increase, got ${looks[i - 1]} then ${n}`);
  });
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

/** Alpha of each look: the increments of the spending function at t_k = n_k / n_K; they sum to alpha. */
export function lookAlphas(design: SequentialDesign): number[] {
  checkDesign(design);
  const max = design.looks[design.looks.length - 1]!;
  let spent = 0;
  return design.looks.map((n, k) => {
    // The last look takes exactly what is left, so rounding cannot leave alpha unspent.
    const total = k === design.looks.length - 1 ? design.alpha : obrienFlemingSpending(n / max, design.alpha);
    const alphaK = total - spent;
    spent = total;
    return alphaK;
  });
}

/**
 * The decision at look `look` (0-based) from the session test of the sessions taken so far.
 * - regressed: p < α_k, the point change beyond the threshold in the bad direction, and the
 *   (1 - α_k) interval entirely on the bad side of no change; improved: the mirror image;
 * - unchanged: the (1 - α_k) interval lies within ±threshold (equivalence, or at the last look a
 *   point change within the threshold, as the fixed-design verdict);
 * - continue: none of these before the last look; at the last look `inconclusive` when the point
 *   change is beyond the threshold (or the test could not be computed).
 * `p` is the session test's p for this metric; a caller that decides many metrics at one look may
 * pass Benjamini–Hochberg adjusted values instead (under the complete null the union bound above
 * then holds for the whole family).
 */
export function sequentialDecision(
  design: SequentialDesign,
  look: number,
  test: SessionTest,
  rule: SequentialRule,
  p: number = test.p,
): SequentialOutcome {
  const alphas = lookAlphas(design);
  if (!Number.isInteger(look) || look < 0 || look >= alphas.length)
    throw new RangeError(`look must be 0..${alphas.length - 1}, got ${look}`);
  const last = look === alphas.length - 1;
  if (Number.isNaN(p)) return last ? 'inconclusive' : 'continue';
  const alphaK = alphas[look]!;
  const ci = sessionInterval(test, 1 - alphaK);
  const bad: 1 | -1 = rule.direction === 'lower' ? 1 : -1;
  const side = thresholdSide(test.method, test.estimate, test.centres[0], rule.noise);
  if (p < alphaK && side !== 0 && intervalSide(test.method, ci) === side)
    return side === bad ? 'regressed' : 'improved';
  if (intervalWithinThreshold(test.method, ci, test.centres[0], rule.noise)) return 'unchanged';
  if (!last) return 'continue';
  return side === 0 ? 'unchanged' : 'inconclusive';
}
