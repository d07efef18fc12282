/**
 * Statistics of a candidate sample against a baseline sample for one benchmark and metric.
 *
 * Why these estimators: the verdict is about the median (robust to the long right tail of timings),
 * so the headline is the ratio of medians with a percentile-bootstrap interval (Efron & Tibshirani
 * 1993, both sides resampled independently). The Hodges–Lehmann shift and its Moses interval give
 * the same change in the metric's unit without resampling, the Mann–Whitney U p-value tests it
 * without assuming normality, and Welch's t on logs (a ratio of geometric means) is reported as a
 * parametric cross-check. See the modules for formulas and sources.
 *
 * `pAdjusted` is set to the raw Mann–Whitney p; the caller replaces it with the Benjamini–Hochberg
 * value across all comparisons of one check (verdict/decide-all.ts).
 *
 * Rounds: when both sides were measured in several rounds (a fresh browser each), the ratio
 * interval resamples rounds first, then samples within them (bootstrap.ts), because samples from
 * one browser session are not independent. The Mann–Whitney p-value still treats samples as
 * independent, so with rounds the interval, not the p-value, carries the run-to-run noise; the
 * verdict needs both (verdict/decide.ts).
 *
 * Determinism: every bootstrap is seeded from `opts.seed` combined with the benchmark id, metric and
 * the role of the resample, so a comparison does not depend on which others ran before it.
 */
import type { Comparison } from '../core/types.js';
import { bootstrapClusteredRatioCI, bootstrapRatioOfMediansCI, safeRatio } from './bootstrap.js';
import { hodgesLehmann } from './hodges-lehmann.js';
import { mannWhitneyU } from './mann-whitney.js';
import { DEFAULT_SEED, deriveSeed } from './prng.js';
import { summarize } from './summary.js';
import { welchTTestLog } from './welch.js';

/** The identity of a comparison: everything in Comparison that is not computed. */
export type ComparisonMeta = Pick<Comparison, 'benchmarkId' | 'metric' | 'unit' | 'direction' | 'kind'>;

export interface CompareOptions {
  /** Seed of every bootstrap in this comparison. Default DEFAULT_SEED. */
  seed?: number;
  /** Bootstrap resamples. Default 2,000. */
  resamples?: number;
  /** Confidence level of every interval. Default 0.95. */
  level?: number;
  /**
   * Samples per round on each side. With at least two rounds on both sides the ratio interval is a
   * two-stage (rounds, then samples) bootstrap, so it carries browser-to-browser variation.
   */
  rounds?: { baseline?: readonly number[] | undefined; candidate?: readonly number[] | undefined };
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
  const key = `${meta.benchmarkId}\u0000${meta.metric}`;
  const boot = (role: string) => ({ seed: deriveSeed(seed, `${key}\u0000${role}`), resamples: opts.resamples, level });
  const baseSummary = summarize(baseline, boot('baseline'));
  const candSummary = summarize(candidate, boot('candidate'));
  const hl = hodgesLehmann(baseline, candidate, { level });
  const mw = mannWhitneyU(baseline, candidate);
  const welch = welchTTestLog(baseline, candidate);
  const clustered = (opts.rounds?.baseline?.length ?? 0) >= 2 && (opts.rounds?.candidate?.length ?? 0) >= 2;
  const result: Comparison = {
    benchmarkId: meta.benchmarkId,
    metric: meta.metric,
    unit: meta.unit,
    direction: meta.direction,
    kind: meta.kind,
    baseline: baseSummary,
    candidate: candSummary,
    ratio: safeRatio(candSummary.median, baseSummary.median),
    ratioCI: clustered
        ? bootstrapClusteredRatioCI(baseline, opts.rounds!.baseline!, candidate, opts.rounds!.candidate!, boot('ratio'))
        : bootstrapRatioOfMediansCI(baseline, candidate, boot('ratio')),
    shift: hl.shift,
    shiftCI: hl.ci,
    pMannWhitney: mw.p,
    pWelch: welch.p,
    pAdjusted: mw.p,
  };
  if (clustered) result.rounds = [opts.rounds!.baseline!.length, opts.rounds!.candidate!.length];
  return result;
}
