/**
 * Verdict rules for one comparison.
 *
 * Statistical metrics (`time`, `gauge`) are decided on the session test (stats/sessions.ts: the
 * browser session is the unit of replication), with its estimate (ratio for `*-log` and
 * `poisson-rate`, difference for `*-diff`), its interval, the Benjamini–Hochberg adjusted session
 * p-value p_adj and the thresholds (noise, alpha, minSessions, minSamples):
 *  1. inconclusive: no session test, fewer than minSessions sessions on a side (one session: the
 *     between-session variance is unknown, so no valid test exists), a session of a `time` metric
 *     with fewer than minSamples samples, or a test that could not be computed;
 *  2. regressed: p_adj < alpha, the point change is beyond the noise threshold in the bad direction,
 *     and the whole interval lies on the bad side of no change;
 *  3. improved: the mirror image;
 *  4. inconclusive: the point change is beyond the threshold in either direction but rule 2/3 did
 *     not confirm it (p_adj >= alpha, or the interval reaches across no change);
 *  5. unchanged: the point change is within the threshold.
 * The threshold is compared on the log scale for ratios (|ln r| > ln(1 + noise), so ×1.05 and ÷1.05
 * are the same size of change in both directions) and as noise × |baseline centre| for differences;
 * a change of exactly the threshold is within it, and so is one within a relative 1e-9 of it
 * (stats/sessions.ts thresholdSide), so floating-point rounding of the estimate cannot decide a tie
 * differently in the two directions. The interval must exclude no change strictly: a bound of
 * exactly 1 (ratio) or 0 (difference) includes it. p_adj equal to alpha is not significant.
 * Requiring the test, the interval and a practical threshold together follows the practice of
 * separating statistical from practical significance (Kalibera & Jones, ISMM 2013; tachometer's
 * "horizons"). These are location tests on session statistics, so a change in the spread of the
 * sessions alone moves neither the estimate nor, beyond chance, the p-value: it is not a regression.
 *
 * Severity of a regression, from the factor f = r (lower is better) or 1/r (higher is better), so
 * f > 1 means worse: critical when f >= severity.critical (default 2.0, twice as slow), major when
 * f >= severity.major (1.5), minor otherwise (also when a difference method has no ratio); a factor
 * within VERDICT_TOLERANCE below a bound counts as reaching it.
 * `severity.minor` (1.25) is the nominal start of the minor band, but every confirmed regression
 * carries a severity, so one below it is still minor. Improvements carry no severity.
 *
 * Counters (`counter`) are deterministic: any change of the median beyond floating-point rounding
 * (relative VERDICT_TOLERANCE by default) is regressed or improved by direction, without statistics.
 */
import { median } from 'simple-statistics';
import type { Comparison, SessionMethod, Severity, Thresholds, Verdict } from '../model/types.js';
import { safeRatio } from '../stats/bootstrap.js';
import { THRESHOLD_TOLERANCE, intervalSide, isRatioMethod, thresholdSide } from '../stats/sessions.js';
import { summarize } from '../stats/summary.js';
import type { ComparisonMeta } from '../stats/compare.js';
import { formatPValue, formatPercent, formatSignedPercent, formatSignedValue, formatValue } from '../model/format.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

/**
 * Relative tolerance under which two values are equal for a verdict rule: the noise threshold's own
 * (stats/sessions.ts, 1e-9), far above double rounding (~1e-16) and far below any change worth
 * reporting. Used for the severity bounds and for counters.
 */
export const VERDICT_TOLERANCE = THRESHOLD_TOLERANCE;

/** Factor by which a metric got worse (> 1) or better (< 1): r for lower-is-better, 1/r otherwise. */
export function badFactor(ratio: number, direction: 'lower' | 'higher'): number {
  return direction === 'lower' ? ratio : safeRatio(1, ratio);
}

/** Severity of a regression with bad-direction factor `factor` (see the module comment). */
export function severityOf(factor: number, severity: Thresholds['severity']): Severity {
  // A ratio of centres need not hit a bound exactly ((13/7 × 1.5) / (13/7) is 1.4999999999999998): a bound reached up
  // to rounding is reached.
  if (factor >= severity.critical * (1 - VERDICT_TOLERANCE)) return 'critical';
  if (factor >= severity.major * (1 - VERDICT_TOLERANCE)) return 'major';
  return 'minor';
}

/** How the session test is named in an explanation. */
function methodText(method: SessionMethod, [b, c]: [number, number]): string {
  switch (method) {
    case 'welch-log':
      return `Welch t over ${b}/${c} sessions`;
    case 'paired-log':
      return `paired t over ${b} sessions`;
    case 'welch-diff':
      return `Welch t on differences over ${b}/${c} sessions`;
    case 'paired-diff':
      return `paired t on differences over ${b} sessions`;
    case 'poisson-rate':
      return `exact Poisson rate test over ${b}/${c} sessions`;
    case 'signed-rank-log':
      return `Wilcoxon signed-rank over ${b} paired sessions`;
    case 'rank-sum-log':
      return `Mann-Whitney over ${b}/${c} sessions`;
  }
}

/** The mode-aware part of a rank test (stats/modes.ts), as a parenthesis after the method. */
function modesText(m: NonNullable<Comparison['modes']>, unit: string): string {
  const answer =
    m.estimate === 'within'
      ? 'the change is the shift within the modes'
      : 'the change is the plain one: sessions switched modes';
  const switched =
    m.up !== undefined
      ? `${m.up} session(s) moved up a mode, ${m.down} down`
      : `${m.upper[0]} baseline and ${m.upper[1]} candidate session(s) in the upper mode`;
  return (
    ` (two modes, ${formatValue(m.centres[0], unit)} and ${formatValue(m.centres[1], unit)}: ` +
    `shift within them p=${formatPValue(m.pWithin)}; ` +
    `${switched}, p=${formatPValue(m.pSwitch)}; p = 2 × the smaller; ${answer})`
  );
}

/**
 * One line: `id metric: base -> cand (change, CI), method over sessions, p=…, p_adj=… < alpha,
 * threshold …, detectable >= …`. Values are the session centres the estimate compares (geometric
 * means of session values for ratio methods); a comparison without a session test shows the pooled
 * medians.
 */
export function explainComparison(c: Comparison, t: Thresholds): string {
  const head = `${c.benchmarkId} ${c.metric}`;
  const [cb, cc] = c.centres ?? [c.baseline.median, c.candidate.median];
  const values = `${formatValue(cb, c.unit)} -> ${formatValue(cc, c.unit)}`;
  if (!c.method || !c.sessions) return `${head}: ${values} (${formatSignedPercent(c.ratio - 1)})`;
  const ratioScale = isRatioMethod(c.method);
  const ci = ratioScale ? c.ratioCI : c.shiftCI;
  const show = ratioScale ? (r: number) => formatSignedPercent(r - 1) : (d: number) => formatSignedValue(d, c.unit);
  const level = `${Number((ci.level * 100).toFixed(1))}%`;
  const interval =
    Number.isNaN(ci.low) || Number.isNaN(ci.high) ? 'no CI' : `${level} CI ${show(ci.low)}..${show(ci.high)}`;
  const p = c.pAdjusted;
  const pAdj = Number.isNaN(p) ? 'p_adj=n/a' : `p_adj=${formatPValue(p)} ${p < t.alpha ? '<' : '>='} ${t.alpha}`;
  const threshold = ratioScale
    ? formatPercent(t.noise)
    : `${formatPercent(t.noise)} (${formatValue(t.noise * Math.abs(cb), c.unit)})`;
  const mdc = c.mdc ?? Number.NaN;
  const detectable = Number.isNaN(mdc)
    ? 'n/a'
    : ratioScale
      ? mdc === Infinity
        ? '∞'
        : formatPercent(mdc)
      : formatValue(mdc, c.unit);
  return (
    `${head}: ${values} (${show(ratioScale ? c.ratio : c.shift)}, ${interval}), ` +
    `${methodText(c.method, c.sessions)}${c.modes ? modesText(c.modes, c.unit) : ''}, ` +
    `p=${formatPValue(c.pSession ?? Number.NaN)}, ${pAdj}, threshold ${threshold}, detectable >= ${detectable}`
  );
}

/**
 * Why a statistical comparison is inconclusive before its result is looked at (no session test, too
 * few sessions, a time session cut short, no p-value); undefined when it can be decided. decide-all.ts
 * keeps such comparisons out of the Benjamini–Hochberg family.
 */
export function undecidableReason(c: Comparison, t: Thresholds): string | undefined {
  if (!c.method || !c.sessions || !c.centres || c.pSession === undefined) return 'no session test';
  const fewest = Math.min(...c.sessions);
  const side = c.sessions[0] <= c.sessions[1] ? 'baseline' : 'candidate';
  if (fewest === 0) return `no session on the ${side} side`;
  if (fewest === 1) return 'single session: between-session variance unknown, need --sessions >= 2';
  if (fewest < t.minSessions) return `${fewest} sessions on the ${side} side (need ${t.minSessions} per side)`;
  if (c.kind === 'time' && c.sessionSamples) {
    const samples = Math.min(...c.sessionSamples);
    const where = c.sessionSamples[0] <= c.sessionSamples[1] ? 'baseline' : 'candidate';
    if (samples < t.minSamples) return `a ${where} session has ${samples} sample(s) (need ${t.minSamples} per session)`;
  }
  if (Number.isNaN(c.pSession)) return `session test not computed: ${c.untested ?? 'no p-value'}`;
  return undefined;
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

  const why = undecidableReason(c, t);
  if (why !== undefined) return make('inconclusive', `${line}; ${why}`);

  const method = c.method!;
  const ratioScale = isRatioMethod(method);
  const side = thresholdSide(method, ratioScale ? c.ratio : c.shift, c.centres![0], t.noise);
  const ciSide = intervalSide(method, ratioScale ? c.ratioCI : c.shiftCI);
  const bad = c.direction === 'lower' ? 1 : -1;
  const significant = c.pAdjusted < t.alpha;

  if (side === bad && significant && ciSide === bad) {
    const severity = severityOf(badFactor(c.ratio, c.direction), t.severity);
    return make('regressed', `${line}; ${severity} regression`, severity);
  }
  if (side === -bad && significant && ciSide === -bad) return make('improved', line);
  if (side !== 0) {
    const reason = !significant ? `p_adj not below ${t.alpha}` : 'confidence interval includes no change';
    return make('inconclusive', `${line}; change beyond threshold but ${reason}`);
  }
  return make('unchanged', line);
}

export interface CounterOptions {
  /** Relative difference of medians treated as equal (floating-point rounding). Default VERDICT_TOLERANCE. */
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
  const tolerance = opts.tolerance ?? VERDICT_TOLERANCE;
  const base = {
    benchmarkId: meta.benchmarkId,
    metric: meta.metric,
    unit: meta.unit,
    direction: meta.direction,
    threshold: 0,
  };
  const head = `${meta.benchmarkId} ${meta.metric}`;
  if (baseline.length === 0 || candidate.length === 0) {
    return {
      ...base,
      verdict: 'inconclusive',
      explanation: `${head}: no samples on the ${baseline.length === 0 ? 'baseline' : 'candidate'} side (counter)`,
    };
  }
  const mb = median(baseline as number[]);
  const mc = median(candidate as number[]);
  const ratio = safeRatio(mc, mb);
  const comparison: Comparison = {
    ...meta,
    // Medians are the verdict; the bootstrap interval of each is left to a reader that shows it.
    baseline: summarize(baseline, { deferInterval: true }),
    candidate: summarize(candidate, { deferInterval: true }),
    ratio,
    ratioCI: { low: ratio, high: ratio, level: 1 },
    shift: mc - mb,
    shiftCI: { low: mc - mb, high: mc - mb, level: 1 },
    pMannWhitney: Number.NaN,
    pWelch: Number.NaN,
    pAdjusted: Number.NaN,
  };
  const line =
    `${head}: ${formatValue(mb, meta.unit)} -> ${formatValue(mc, meta.unit)} (${formatSignedPercent(ratio - 1)}), ` +
    `deterministic counter, n=${baseline.length}/${candidate.length}`;
  if (Math.abs(mc - mb) <= tolerance * Math.max(Math.abs(mb), Math.abs(mc))) {
    return { ...base, verdict: 'unchanged', comparison, explanation: line };
  }
  const worse = meta.direction === 'lower' ? mc > mb : mc < mb;
  if (!worse) return { ...base, verdict: 'improved', comparison, explanation: line };
  const severity = severityOf(badFactor(ratio, meta.direction), opts.severity ?? DEFAULT_THRESHOLDS.severity);
  return { ...base, verdict: 'regressed', severity, comparison, explanation: `${line}; ${severity} regression` };
}
