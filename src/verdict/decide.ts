/**
 * Verdict rules for one comparison.
 *
 * Statistical metrics (`time`, `gauge`), with r = candidate median / baseline median, its bootstrap
 * interval [r_lo, r_hi], the BH-adjusted Mann–Whitney p and thresholds (noise, alpha, minSamples):
 *  1. inconclusive: fewer than minSamples on either side (or no median to compare);
 *  2. regressed: the change in the bad direction exceeds the noise threshold (lower is better:
 *     r - 1 > noise; higher is better: 1 - r > noise), p_adj < alpha, and the whole interval is on
 *     the bad side of no change (lower: r_lo > 1; higher: r_hi < 1);
 *  3. improved: the same in the good direction;
 *  4. inconclusive: the point estimate is beyond the threshold in either direction but rule 2/3 did
 *     not confirm it: the interval reaches across no change, or p_adj >= alpha (we cannot tell);
 *  5. unchanged: the point estimate is within the noise threshold.
 * Requiring the test, the interval and a practical threshold together follows the practice of
 * separating statistical from practical significance (Kalibera & Jones, ISMM 2013; tachometer's
 * "horizons"): with many samples tiny changes become significant but not worth a verdict.
 *
 * Severity of a regression, from the factor f = r (lower is better) or 1/r (higher is better), so
 * f > 1 means worse: critical when f >= severity.critical (default 2.0, twice as slow), major when
 * f >= severity.major (1.5), minor otherwise. `severity.minor` (1.25) is the nominal start of the
 * minor band, but every confirmed regression carries a severity, so one below it is still minor.
 * Improvements carry no severity.
 *
 * Counters (`counter`) are deterministic: any change of the median beyond floating-point rounding
 * (relative 1e-9 by default) is regressed or improved by direction, without statistics.
 */
import { median } from 'simple-statistics';
import type { Comparison, Severity, Thresholds, Verdict } from '../core/types.js';
import { safeRatio } from '../stats/bootstrap.js';
import { summarize } from '../stats/summary.js';
import type { ComparisonMeta } from '../stats/compare.js';
import { formatChange, formatP, formatPercent, formatWithUnit } from './format.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

/** Factor by which a metric got worse (> 1) or better (< 1): r for lower-is-better, 1/r otherwise. */
export function badFactor(ratio: number, direction: 'lower' | 'higher'): number {
  return direction === 'lower' ? ratio : safeRatio(1, ratio);
}

/** Severity of a regression with bad-direction factor `factor` (see the module comment). */
export function severityOf(factor: number, severity: Thresholds['severity']): Severity {
  if (factor >= severity.critical) return 'critical';
  if (factor >= severity.major) return 'major';
  return 'minor';
}

/** `id metric: base -> cand (change, CI), p_adj=… < alpha, threshold …, n=…/…`. */
export function explainComparison(c: Comparison, t: Thresholds): string {
  const ci = c.ratioCI;
  const level = `${Number((ci.level * 100).toFixed(1))}%`;
  const p = c.pAdjusted;
  const cmp = p < t.alpha ? '<' : '>=';
  return (
    `${c.benchmarkId} ${c.metric}: ${formatWithUnit(c.baseline.median, c.unit)} -> ${formatWithUnit(c.candidate.median, c.unit)} ` +
    `(${formatChange(c.ratio - 1)}, ${level} CI ${formatChange(ci.low - 1)}..${formatChange(ci.high - 1)}), ` +
    `p_adj=${formatP(p)} ${cmp} ${t.alpha}, threshold ${formatPercent(t.noise)}, n=${c.baseline.n}/${c.candidate.n}${c.rounds ? ` in ${c.rounds[0]}/${c.rounds[1]} rounds` : ''}`
  );
}

/** Verdict for a statistical (time or gauge) comparison whose pAdjusted is already set. */
export function decide(comparison: Comparison, thresholds: Thresholds): Verdict {
  const c = comparison;
  const t = thresholds;
  const line = explainComparison(c, t);
  const make = (verdict: Verdict['verdict'], explanation: string, severity?: Severity): Verdict => ({
    benchmarkId: c.benchmarkId,
    metric: c.metric,
    unit: c.unit,
    direction: c.direction,
    verdict,
    ...(severity ? { severity } : {}),
    comparison: c,
    explanation,
    threshold: t.noise,
  });

  if (c.baseline.n < t.minSamples || c.candidate.n < t.minSamples) {
    return make('inconclusive', `${line}; too few samples (need ${t.minSamples} per side)`);
  }
  if (Number.isNaN(c.ratio)) return make('inconclusive', `${line}; no ratio of medians`);

  const lowerIsBetter = c.direction === 'lower';
  const change = c.ratio - 1;
  const worse = lowerIsBetter ? change > t.noise : -change > t.noise;
  const better = lowerIsBetter ? -change > t.noise : change > t.noise;
  const significant = c.pAdjusted < t.alpha;
  const ciWorse = lowerIsBetter ? c.ratioCI.low > 1 : c.ratioCI.high < 1;
  const ciBetter = lowerIsBetter ? c.ratioCI.high < 1 : c.ratioCI.low > 1;

  if (worse && significant && ciWorse) {
    const severity = severityOf(badFactor(c.ratio, c.direction), t.severity);
    return make('regressed', `${line}; ${severity} regression`, severity);
  }
  if (better && significant && ciBetter) return make('improved', line);
  if (worse || better) {
    const why = !significant ? `p_adj not below ${t.alpha}` : 'confidence interval includes no change';
    return make('inconclusive', `${line}; change beyond threshold but ${why}`);
  }
  return make('unchanged', line);
}

export interface CounterOptions {
  /** Relative difference of medians treated as equal (floating-point rounding). Default 1e-9. */
  tolerance?: number;
  /** Severity factors; default those of DEFAULT_THRESHOLDS. */
  severity?: Thresholds['severity'];
}

/**
 * Verdict for a deterministic counter: any change of the median is a verdict. The attached
 * comparison has degenerate intervals (the point value) and NaN p-values: no test is made.
 */
export function decideCounter(
  baseline: readonly number[],
  candidate: readonly number[],
  meta: ComparisonMeta,
  opts: CounterOptions = {},
): Verdict {
  const tolerance = opts.tolerance ?? 1e-9;
  const base = { benchmarkId: meta.benchmarkId, metric: meta.metric, unit: meta.unit, direction: meta.direction, threshold: 0 };
  const head = `${meta.benchmarkId} ${meta.metric}`;
  if (baseline.length === 0 || candidate.length === 0) {
    return { ...base, verdict: 'inconclusive', explanation: `${head}: no samples on the ${baseline.length === 0 ? 'baseline' : 'candidate'} side (counter)` };
  }
  const mb = median(baseline as number[]);
  const mc = median(candidate as number[]);
  const ratio = safeRatio(mc, mb);
  const comparison: Comparison = {
    ...meta,
    baseline: summarize(baseline),
    candidate: summarize(candidate),
    ratio,
    ratioCI: { low: ratio, high: ratio, level: 1 },
    shift: mc - mb,
    shiftCI: { low: mc - mb, high: mc - mb, level: 1 },
    pMannWhitney: Number.NaN,
    pWelch: Number.NaN,
    pAdjusted: Number.NaN,
  };
  const line =
    `${head}: ${formatWithUnit(mb, meta.unit)} -> ${formatWithUnit(mc, meta.unit)} (${formatChange(ratio - 1)}), ` +
    `deterministic counter, n=${baseline.length}/${candidate.length}`;
  if (Math.abs(mc - mb) <= tolerance * Math.max(Math.abs(mb), Math.abs(mc))) {
    return { ...base, verdict: 'unchanged', comparison, explanation: line };
  }
  const worse = meta.direction === 'lower' ? mc > mb : mc < mb;
  if (!worse) return { ...base, verdict: 'improved', comparison, explanation: line };
  const severity = severityOf(badFactor(ratio, meta.direction), opts.severity ?? DEFAULT_THRESHOLDS.severity);
  return { ...base, verdict: 'regressed', severity, comparison, explanation: `${line}; ${severity} regression` };
}
