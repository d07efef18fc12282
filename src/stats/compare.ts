/**
 * Statistics of a candidate against a baseline for one benchmark and metric.
 *
 * The verdict is decided on sessions (sessions.ts): each browser session contributes its median,
 * and the session test of the metric's scale (`welch-log`, `paired-log`, `welch-diff`,
 * `paired-diff` or `poisson-rate`, see chooseMethod) gives the estimate, its interval, the p-value
 * and the smallest detectable change. Samples inside one session share JIT, heap and machine state,
 * so tests on pooled samples reject a true null far more often than alpha; the session test's error
 * rates hold for the sessions actually taken (Kalibera & Jones, ISMM 2013).
 *
 * What the fields hold (see model/types.ts Comparison):
 * - `ratio` / `ratioCI`: candidate / baseline on the session scale (ratio of geometric means of
 *   session values, or rate ratio); for difference methods the ratio of mean session values when
 *   both are > 0 (else NaN), with a NaN interval (the test is on differences).
 * - `shift` / `shiftCI`: candidate - baseline session centre in the metric's unit; for ratio methods
 *   baseline centre × (ratio - 1) and the interval scaled the same way.
 * - `pAdjusted` starts as the raw session p; decide-all.ts replaces it with the Benjamini–Hochberg
 *   value across the check.
 * - Sample-level diagnostics, kept for reports: the summaries of the pooled samples (with a seeded
 *   bootstrap interval of each median, computed when first read: it is 2,000 resamples of every
 *   sample, most of a comparison's cost, and a table shows no median interval), the Mann–Whitney U
 *   p and Welch's t on log samples. They treat samples as independent and are not used for the verdict.
 *
 * Pairing: with `paired`, session i of the baseline was measured beside session i of the candidate
 * (same browser session), and the paired tests cancel the shared session effect; both sides must
 * then have the same number of sessions.
 *
 * Determinism: every bootstrap is seeded from `opts.seed` combined with the benchmark id, metric and
 * the role of the resample, so a comparison does not depend on which others ran before it.
 */
import type { Comparison, Interval, TestFamily } from '../model/types.js';
import { resultKey } from '../model/ids.js';
import { mannWhitneyU } from './mann-whitney.js';
import { DEFAULT_SEED, deriveSeed } from './prng.js';
import { chooseMethod, isRatioMethod, sessionStatistic, sessionTest, sessionValues } from './sessions.js';
import { summarize } from './summary.js';
import { welchTTestLog } from './welch.js';

/** The identity of a comparison: everything in Comparison that is not computed. */
export type ComparisonMeta = Pick<Comparison, 'benchmarkId' | 'metric' | 'unit' | 'direction' | 'kind'>;

export interface CompareOptions {
  /** Seed of every bootstrap in this comparison. Default DEFAULT_SEED. */
  seed?: number;
  /** Bootstrap resamples of the median intervals. Default 2,000. */
  resamples?: number;
  /** Confidence level of every interval. Default 0.95. */
  level?: number;
  /** Two-sided alpha at which the minimum detectable change is computed (the check's alpha). Default 0.05. */
  alpha?: number;
  /** Samples per session (round) on each side, in sample order; absent = one session. */
  rounds?: { baseline?: readonly number[] | undefined; candidate?: readonly number[] | undefined };
  /** Session i of the baseline pairs with session i of the candidate (same count required). */
  paired?: boolean;
  /** Family of the session test on the ratio scale (default `rank`). */
  test?: TestFamily;
}

/** Compares `candidate` samples with `baseline` samples. Neither array is modified. */
export function compare(
  baseline: readonly number[],
  candidate: readonly number[],
  meta: ComparisonMeta,
  opts: CompareOptions = {},
): Comparison {
  const seed = opts.seed ?? DEFAULT_SEED;
  const level = opts.level ?? 0.95;
  const paired = opts.paired ?? false;
  const baseRounds = opts.rounds?.baseline;
  const candRounds = opts.rounds?.candidate;
  const statistic = sessionStatistic(meta.kind);
  const base = sessionValues(baseline, baseRounds, statistic);
  const cand = sessionValues(candidate, candRounds, statistic);
  if (paired && base.length !== cand.length) {
    throw new RangeError(
      `${meta.benchmarkId} ${meta.metric}: paired comparison needs the same sessions on both sides, ` +
        `got ${base.length} and ${cand.length}`,
    );
  }
  const method = chooseMethod(meta, base, cand, paired, opts.test);
  const test = sessionTest(method, base, cand, { level, alpha: opts.alpha, modes: opts.test === 'modes' });

  const key = resultKey(meta);
  const boot = (role: string) => ({
    seed: deriveSeed(seed, `${key}\u0000${role}`),
    resamples: opts.resamples,
    level,
    deferInterval: true,
  });
  const [cb, cc] = test.centres;
  const nan: Interval = { low: Number.NaN, high: Number.NaN, level };
  const ratioScale = isRatioMethod(method);
  const result: Comparison = {
    benchmarkId: meta.benchmarkId,
    metric: meta.metric,
    unit: meta.unit,
    direction: meta.direction,
    kind: meta.kind,
    baseline: summarize(baseline, boot('baseline')),
    candidate: summarize(candidate, boot('candidate')),
    ratio: ratioScale ? test.estimate : cb > 0 && cc > 0 ? cc / cb : Number.NaN,
    ratioCI: ratioScale ? test.ci : nan,
    shift: ratioScale ? cc - cb : test.estimate,
    shiftCI: ratioScale ? scaleInterval(test.ci, cb) : test.ci,
    pMannWhitney: mannWhitneyU(baseline, candidate).p,
    pWelch: welchTTestLog(baseline, candidate).p,
    pAdjusted: test.p,
    method,
    sessions: test.sessions,
    paired: method === 'paired-log' || method === 'paired-diff' || method === 'signed-rank-log',
    pSession: test.p,
    df: test.df,
    mdc: test.mdc,
    centres: test.centres,
    sessionSamples: [smallest(baseRounds, baseline.length), smallest(candRounds, candidate.length)],
  };
  if (test.reason) result.untested = test.reason;
  if (test.modes) result.modes = test.modes;
  if (test.sessions[0] >= 2 && test.sessions[1] >= 2) result.rounds = [test.sessions[0], test.sessions[1]];
  return result;
}

/** baseline centre × (ratio interval - 1): the ratio interval as a difference in the metric's unit. */
function scaleInterval(ci: Interval, centre: number): Interval {
  return { low: centre * (ci.low - 1), high: centre * (ci.high - 1), level: ci.level };
}

function smallest(rounds: readonly number[] | undefined, total: number): number {
  return rounds && rounds.length ? Math.min(...rounds) : total;
}
