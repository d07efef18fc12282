/**
 * Session-level tests: the browser session is the unit of replication.
 *
 * Why: samples taken in one browser session share its JIT decisions, heap layout and machine state,
 * so they are strongly correlated, and session medians of one benchmark are spread and often
 * multimodal (29..76 µs across 12 sessions of one benchmark on the development machine). Tests on
 * pooled samples treat ~150 correlated samples as independent and reject a true null far more often
 * than alpha. Here each session contributes one value (sessionStatistic: the geometric mean of its
 * time samples, the median of other metrics' samples) and the tests compare those values, so their
 * error rates hold for the number of sessions actually taken (Kalibera & Jones, "Rigorous
 * Benchmarking in Reasonable Time", ISMM 2013: replicate at the highest level that varies, and
 * analyse at that level).
 *
 * Methods (chooseMethod picks one per metric):
 * - `signed-rank-log` (paired, the default on the ratio scale of `ab` / `check --base`): Wilcoxon's
 *   signed-rank test on d_i = ln(cand_i / base_i), with the one-sample Hodges–Lehmann estimate and
 *   its exact interval (signed-rank.ts). Session medians are multimodal, so a few pairs are far off;
 *   ranks keep those from dominating the estimate and the test (docs/statistics.md measured a
 *   robust spread 2-5x below the standard deviation).
 * - `rank-sum-log` (unpaired, the default on the ratio scale of stored comparisons): Mann–Whitney
 *   on the log session values with the two-sample Hodges–Lehmann shift and Moses interval
 *   (mann-whitney.ts, hodges-lehmann.ts), exponentiated to a ratio.
 * The t-based methods below remain for `--test t` and for reference.
 * - `welch-log`: Welch's unequal-variance t on log session values (Welch, Biometrika 34, 1947),
 *   Satterthwaite degrees of freedom (Satterthwaite, Biometrics Bulletin 2, 1946); the estimate is
 *   the ratio of geometric means of session values, the interval the t interval exponentiated.
 *   Logs because slowdowns multiply and the log evens out the spread of fast and slow benchmarks.
 * - `paired-log`: both sides measured in the same sessions; a one-sample t on
 *   d_i = ln(cand_i / base_i) with r - 1 df (paired-t.ts), which cancels the shared session effect.
 * - `welch-diff` / `paired-diff`: the same on raw values, for metrics that can be <= 0 (heap growth
 *   in bytes); estimate and interval are differences candidate - baseline.
 * - `poisson-rate`: small event counts per session (a GC count going 0 -> 1), where neither logs
 *   nor a t on a handful of integers work. Conditional on the total k = k_b + k_c, the candidate's
 *   count is Binomial(k, s_c / (s_b + s_c)) when the per-session rates are equal (the classic
 *   comparison of two Poisson rates, Przyborowski & Wilenski, Biometrika 31, 1940); the p-value is
 *   the exact binomial test and the interval the Clopper–Pearson interval of the binomial proportion
 *   π mapped to the rate ratio R = π s_b / ((1 - π) s_c) (binomial.ts). It assumes events are
 *   Poisson across sessions; a strong session effect on the counts (overdispersion) makes it
 *   anticonservative, so it is kept to counts.
 *
 * Fewer than 2 sessions (or pairs) on a side: the between-session variance is unknown, so the result
 * has p = NaN and a `reason`; it never falls back to a sample-level test.
 *
 * Minimum detectable change (`mdc`): (t_{1-α/2,ν} + t_{power,ν}) · se, the usual approximation of the
 * shift a two-sided t-test detects with the given power (Chow, Shao & Wang, "Sample Size
 * Calculations in Clinical Research", 2008, §3.2), mapped back to a relative change for ratio
 * methods; for `poisson-rate` the normal approximation on the log rate ratio with se from the pooled
 * rate, √(1/E_b + 1/E_c).
 */
import { mean, median } from 'simple-statistics';
import type { Interval, MetricKind, ModesResult, SessionMethod, TestFamily } from '../model/types.js';
import { clopperPearson, binomialTestTwoSided } from './binomial.js';
import { safeRatio } from './bootstrap.js';
import { normalQuantile, studentTQuantile } from './distributions.js';
import { oneSampleTTest } from './paired-t.js';
import { welchTTest } from './welch.js';
import { hodgesLehmannOneSample, signedRankIntervalAt, wilcoxonSignedRank } from './signed-rank.js';
import { hodgesLehmann } from './hodges-lehmann.js';
import { mannWhitneyU } from './mann-whitney.js';
import { alignment, modePairs, splitModes, upperCount, type ModeSplit } from './modes.js';
import { fisherExactTwoSided } from './fisher.js';

export type { ModesResult, SessionMethod };

export interface SessionTest {
  method: SessionMethod;
  /** candidate / baseline for `*-log` and `poisson-rate`; candidate - baseline for `*-diff`. */
  estimate: number;
  ci: Interval;
  /** Two-sided p-value; NaN when the test could not be computed (see `reason`). */
  p: number;
  /** Degrees of freedom (NaN for `poisson-rate`, an exact test). */
  df: number;
  /** Sessions used on each side (pairs: both the same). */
  sessions: [number, number];
  /** Standard error of the estimate on the test's scale: log for ratio methods, raw for `*-diff`. */
  se: number;
  /**
   * Smallest change detectable with the given power at the given alpha: relative for ratio methods, raw for `*-diff`.
   */
  mdc: number;
  /**
   * What `estimate` compares on each side: geometric mean (`*-log`), mean (`*-diff`), events per session
   * (`poisson-rate`).
   */
  centres: [number, number];
  /** `poisson-rate`: total events on each side. */
  counts?: [number, number];
  /** Why `p` is NaN. */
  reason?: string;
  /** The interval at another level, for rank methods whose interval is not estimate ± quantile·se. */
  intervalAt?: (level: number) => Interval;
  /** Rank methods with `modes`, when the session values fall in two modes (modes.ts). */
  modes?: ModesResult;
}

export interface SessionTestOptions {
  /** Confidence level of `ci`. Default 0.95. */
  level?: number;
  /** Two-sided level at which `mdc` is computed. Default 0.05. */
  alpha?: number;
  /** Power at which `mdc` is computed. Default 0.8. */
  power?: number;
  /** Rank methods: look through two modes of the session values when there are two (modes.ts). */
  modes?: boolean;
}

/** Whether a method's estimate is a ratio (null value 1) rather than a difference (null value 0). */
export function isRankMethod(method: SessionMethod): boolean {
  return method === 'signed-rank-log' || method === 'rank-sum-log';
}

export function isRatioMethod(method: SessionMethod): boolean {
  return method !== 'welch-diff' && method !== 'paired-diff';
}

/**
 * What one session's samples are summarised by (docs/statistics.md section 1 measured the choice).
 * - `geomean` for time: the samples of one session are bimodal on this VM (the machine's fast and
 *   slow states take turns within a second), and a median jumps between the two modes as their
 *   shares shift while a mean moves smoothly. On the same paired A/A sessions the SD of the
 *   per-session log ratio was lower with the geometric mean than with the median for 34 of 40
 *   benchmarks. Geometric, not arithmetic: the tests work on logs, and a mean of logs keeps one
 *   stray slow sample from weighing more than its log. A session with a sample <= 0 (a batch
 *   shorter than the timer's grain, at most 5% of them: page-runner.ts) falls back to its median.
 * - `median` for gauges and counters: they can be <= 0 (heap growth), and counters have one value.
 */
export type SessionStatistic = 'geomean' | 'median';

export function sessionStatistic(kind: MetricKind): SessionStatistic {
  return kind === 'time' ? 'geomean' : 'median';
}

/** exp(mean(ln x)) when every sample is > 0, else the median. */
export function geometricMeanOrMedian(samples: readonly number[]): number {
  let sum = 0;
  for (const x of samples) {
    if (!(x > 0)) return median(samples as number[]);
    sum += Math.log(x);
  }
  return Math.exp(sum / samples.length);
}

/**
 * One value per session, in session order: the session's `statistic` of its samples. `rounds`
 * holds the samples per session (absent = one session) and must add up to samples.length; an
 * empty session gives NaN, which the tests drop (pairwise when paired).
 */
export function sessionValues(
  samples: readonly number[],
  rounds: readonly number[] | undefined,
  statistic: SessionStatistic,
): number[] {
  const sizes = rounds ?? [samples.length];
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== samples.length) throw new RangeError(`session sizes add up to ${total}, not ${samples.length}`);
  const summarise = statistic === 'geomean' ? geometricMeanOrMedian : (xs: number[]) => median(xs);
  const out: number[] = [];
  let start = 0;
  for (const size of sizes) {
    out.push(size > 0 ? summarise(samples.slice(start, start + size)) : Number.NaN);
    start += size;
  }
  return out;
}

/**
 * The session test for a metric: `poisson-rate` for gauges counted in `count` whose session values
 * are all non-negative integers; otherwise the log scale when every session value is > 0 and the
 * difference scale when any is <= 0; paired or not as asked. `poisson-rate` is the same with or
 * without pairing: it compares totals, so pairs play no part (Comparison.paired is then false).
 */
export function chooseMethod(
  metric: { kind: MetricKind; unit: string },
  baseline: readonly number[],
  candidate: readonly number[],
  paired: boolean,
  test: TestFamily = 'rank',
): SessionMethod {
  const values = [...baseline, ...candidate].filter(Number.isFinite);
  if (metric.kind === 'gauge' && metric.unit === 'count' && values.every((v) => v >= 0 && Number.isInteger(v)))
    return 'poisson-rate';
  if (values.every((v) => v > 0)) {
    if (test === 't') return paired ? 'paired-log' : 'welch-log';
    return paired ? 'signed-rank-log' : 'rank-sum-log';
  }
  return paired ? 'paired-diff' : 'welch-diff';
}

/** Runs the session test `method` on per-session values (sessionValues) of each side. */
export function sessionTest(
  method: SessionMethod,
  baseline: readonly number[],
  candidate: readonly number[],
  opts: SessionTestOptions = {},
): SessionTest {
  switch (method) {
    case 'welch-log':
    case 'welch-diff':
      return welchSessions(method, baseline, candidate, opts);
    case 'paired-log':
    case 'paired-diff':
      return pairedSessions(method, baseline, candidate, opts);
    case 'poisson-rate':
      return poissonRate(baseline, candidate, opts);
    case 'signed-rank-log':
    case 'rank-sum-log':
      return rankSessions(method, baseline, candidate, opts);
  }
}

/** 1.4826 · median absolute deviation: a robust stand-in for the standard deviation. */
function robustSd(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = median(values as number[]);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

const expInterval = (i: Interval): Interval => ({ low: Math.exp(i.low), high: Math.exp(i.high), level: i.level });

/**
 * Rank tests on log session values. se is robust (1.4826·MAD / √r); mdc is the normal-theory
 * figure scaled by √(π/3), the rank tests' efficiency loss against a t on normal data.
 */
function rankSessions(
  method: 'signed-rank-log' | 'rank-sum-log',
  baseline: readonly number[],
  candidate: readonly number[],
  opts: SessionTestOptions,
): SessionTest {
  const s = settings(opts);
  const paired = method === 'signed-rank-log';
  if (paired && baseline.length !== candidate.length) {
    throw new RangeError(
      `paired sessions need the same number of sessions on both sides, got ${baseline.length} and ${candidate.length}`,
    );
  }
  const keep = paired
    ? baseline.map((_, i) => i).filter((i) => Number.isFinite(baseline[i]!) && Number.isFinite(candidate[i]!))
    : [];
  const b = paired ? keep.map((i) => baseline[i]!) : baseline.filter(Number.isFinite);
  const c = paired ? keep.map((i) => candidate[i]!) : candidate.filter(Number.isFinite);
  const sessions: [number, number] = [b.length, c.length];
  if (b.some((v) => v <= 0) || c.some((v) => v <= 0))
    return untested(method, sessions, [Number.NaN, Number.NaN], s.level, 'a session value <= 0 has no log');
  const lb = b.map(Math.log);
  const lc = c.map(Math.log);
  const centre = (v: number[]) => (v.length ? Math.exp(median(v)) : Number.NaN);
  const centres: [number, number] = [centre(lb), centre(lc)];
  const few = tooFew(sessions, paired);
  if (few) return untested(method, sessions, centres, s.level, few);
  const z = (normalQuantile(1 - s.alpha / 2) + normalQuantile(s.power)) * Math.sqrt(Math.PI / 3);
  if (paired) {
    const d = lc.map((v, i) => v - lb[i]!);
    const signedRank = (diffs: number[]): SessionTest => {
      const hl = hodgesLehmannOneSample(diffs, s.level);
      const se = robustSd(diffs) / Math.sqrt(diffs.length);
      return {
        method,
        estimate: Math.exp(hl.estimate),
        ci: expInterval(hl.ci),
        p: wilcoxonSignedRank(diffs).p,
        df: Number.NaN,
        sessions,
        se,
        mdc: Math.expm1(z * se),
        centres,
        intervalAt: (level) => expInterval(signedRankIntervalAt(hl.walsh, hl.n, level)),
      };
    };
    const plain = signedRank(d);
    const mp = opts.modes ? modePairs(lb, lc) : null;
    if (!mp) return plain;
    const pSwitch = mp.up + mp.down > 0 ? binomialTestTwoSided(mp.up, mp.up + mp.down, 0.5) : 1;
    return throughModes(plain, signedRank(mp.aligned), pSwitch, s.alpha, mp.split, lb, lc, {
      up: mp.up,
      down: mp.down,
    });
  }
  const rankSum = (xb: number[], xc: number[]): SessionTest => {
    const hl = hodgesLehmann(xb, xc, { level: s.level });
    const pooled = [...xb.map((v) => v - median(xb)), ...xc.map((v) => v - median(xc))];
    const se = robustSd(pooled) * Math.sqrt(1 / xb.length + 1 / xc.length);
    return {
      method,
      estimate: Math.exp(hl.shift),
      ci: expInterval(hl.ci),
      p: mannWhitneyU(xb, xc).p,
      df: Number.NaN,
      sessions,
      se,
      mdc: Math.expm1(z * se),
      centres,
      intervalAt: (level) => expInterval(hodgesLehmann(xb, xc, { level }).ci),
    };
  };
  const plain = rankSum(lb, lc);
  const split = opts.modes ? splitModes([...lb, ...lc]) : null;
  if (!split) return plain;
  // Unpaired, the same two questions: the shift of the aligned values (Mann-Whitney stays exact
  // because the modes come from the pooled values), and how often each side is in the upper mode.
  const align = alignment(split);
  const [kb, kc] = [upperCount(lb, split), upperCount(lc, split)];
  const pSwitch = fisherExactTwoSided(kb, lb.length - kb, kc, lc.length - kc);
  return throughModes(plain, rankSum(lb.map(align), lc.map(align)), pSwitch, s.alpha, split, lb, lc);
}

/**
 * A rank test that looked through two modes: two questions, one p (Bonferroni, 2 × the smaller).
 * The estimate and interval answer the within-mode shift only when sessions did not switch modes
 * significantly and the within question found more; otherwise the plain one, which includes the
 * switch.
 */
function throughModes(
  plain: SessionTest,
  within: SessionTest,
  pSwitch: number,
  alpha: number,
  split: ModeSplit,
  lb: readonly number[],
  lc: readonly number[],
  discordant?: { up: number; down: number },
): SessionTest {
  // When sessions moved between modes beyond chance, the move is part of the change and only the
  // plain ratio includes it. A bisect step (584 ns -> 1.73 µs) whose sessions moved up a mode in 7
  // of 8 pairs (p = 0.016) read as the +4.8% left within the modes, and "unchanged": the smaller p,
  // alone, picked the within question. A tie also goes to the plain estimate; the two exact
  // p-values are computed differently, so a tie can differ in the last bits.
  const switched = pSwitch <= alpha;
  const useWithin = !switched && within.p < pSwitch * (1 - 1e-9);
  const modes: ModesResult = {
    centres: [Math.exp(split.lowMean), Math.exp(split.highMean)],
    upper: [upperCount(lb, split), upperCount(lc, split)],
    ...discordant,
    pWithin: within.p,
    pSwitch,
    estimate: useWithin ? 'within' : 'plain',
  };
  return {
    ...(useWithin ? within : plain),
    p: Math.min(1, 2 * Math.min(within.p, pSwitch)),
    se: within.se,
    mdc: within.mdc,
    modes,
  };
}

function settings(opts: SessionTestOptions): { level: number; alpha: number; power: number } {
  const level = opts.level ?? 0.95;
  const alpha = opts.alpha ?? 0.05;
  const power = opts.power ?? 0.8;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
  return { level, alpha, power };
}

const nanInterval = (level: number): Interval => ({ low: Number.NaN, high: Number.NaN, level });

function tooFew(sessions: [number, number], paired: boolean): string | undefined {
  if (paired)
    return sessions[0] < 2 ? `${sessions[0]} paired session(s): between-session variance needs at least 2` : undefined;
  if (sessions[0] >= 2 && sessions[1] >= 2) return undefined;
  return `${sessions[0]}/${sessions[1]} sessions: between-session variance needs at least 2 per side`;
}

/** An untested result: the point estimate when both sides have a value, no interval, p = NaN. */
function untested(
  method: SessionMethod,
  sessions: [number, number],
  centres: [number, number],
  level: number,
  reason: string,
): SessionTest {
  const estimate = isRatioMethod(method) ? safeRatio(centres[1], centres[0]) : centres[1] - centres[0];
  return {
    method,
    estimate,
    ci: nanInterval(level),
    p: Number.NaN,
    df: Number.NaN,
    sessions,
    se: Number.NaN,
    mdc: Number.NaN,
    centres,
    reason,
  };
}

/**
 * Interval and mdc of a t-based test from its estimate on the test scale (`center`), se and df;
 * mapped back through exp for ratio methods.
 */
function tResult(
  method: SessionMethod,
  center: number,
  se: number,
  df: number,
  p: number,
  sessions: [number, number],
  centres: [number, number],
  s: { level: number; alpha: number; power: number },
): SessionTest {
  const log = isRatioMethod(method);
  const back = log ? Math.exp : (x: number) => x;
  const half = studentTQuantile((1 + s.level) / 2, df) * se;
  const shift = (studentTQuantile(1 - s.alpha / 2, df) + studentTQuantile(s.power, df)) * se;
  return {
    method,
    estimate: back(center),
    ci: { low: back(center - half), high: back(center + half), level: s.level },
    p,
    df,
    sessions,
    se,
    mdc: log ? Math.expm1(shift) : shift,
    centres,
  };
}

function welchSessions(
  method: 'welch-log' | 'welch-diff',
  baseline: readonly number[],
  candidate: readonly number[],
  opts: SessionTestOptions,
): SessionTest {
  const s = settings(opts);
  const log = method === 'welch-log';
  const b = baseline.filter(Number.isFinite);
  const c = candidate.filter(Number.isFinite);
  const sessions: [number, number] = [b.length, c.length];
  if (log && (b.some((v) => v <= 0) || c.some((v) => v <= 0))) {
    return untested(method, sessions, [Number.NaN, Number.NaN], s.level, 'a session value <= 0 has no log');
  }
  const tb = log ? b.map(Math.log) : b;
  const tc = log ? c.map(Math.log) : c;
  const centre = (v: number[]) => (v.length === 0 ? Number.NaN : log ? Math.exp(mean(v)) : mean(v));
  const centres: [number, number] = [centre(tb), centre(tc)];
  const few = tooFew(sessions, false);
  if (few) return untested(method, sessions, centres, s.level, few);
  const w = welchTTest(tc, tb);
  return tResult(method, w.difference, w.se, w.df, w.p, sessions, centres, s);
}

function pairedSessions(
  method: 'paired-log' | 'paired-diff',
  baseline: readonly number[],
  candidate: readonly number[],
  opts: SessionTestOptions,
): SessionTest {
  const s = settings(opts);
  if (baseline.length !== candidate.length) {
    throw new RangeError(
      `paired sessions need the same number of sessions on both sides, got ${baseline.length} and ${candidate.length}`,
    );
  }
  const log = method === 'paired-log';
  const keep = baseline.map((_, i) => i).filter((i) => Number.isFinite(baseline[i]!) && Number.isFinite(candidate[i]!));
  const r = keep.length;
  const sessions: [number, number] = [r, r];
  if (log && keep.some((i) => baseline[i]! <= 0 || candidate[i]! <= 0)) {
    return untested(method, sessions, [Number.NaN, Number.NaN], s.level, 'a session value <= 0 has no log');
  }
  const f = log ? Math.log : (x: number) => x;
  const tb = keep.map((i) => f(baseline[i]!));
  const tc = keep.map((i) => f(candidate[i]!));
  const centre = (v: number[]) => (v.length === 0 ? Number.NaN : log ? Math.exp(mean(v)) : mean(v));
  const centres: [number, number] = [centre(tb), centre(tc)];
  const few = tooFew(sessions, true);
  if (few) return untested(method, sessions, centres, s.level, few);
  const t = oneSampleTTest(tc.map((v, i) => v - tb[i]!));
  return tResult(method, t.mean, t.se, t.df, t.p, sessions, centres, s);
}

function poissonRate(baseline: readonly number[], candidate: readonly number[], opts: SessionTestOptions): SessionTest {
  const s = settings(opts);
  const b = baseline.filter(Number.isFinite);
  const c = candidate.filter(Number.isFinite);
  const sessions: [number, number] = [b.length, c.length];
  const [sb, sc] = sessions;
  const kb = b.reduce((a, v) => a + v, 0);
  const kc = c.reduce((a, v) => a + v, 0);
  const centres: [number, number] = [sb ? kb / sb : Number.NaN, sc ? kc / sc : Number.NaN];
  if (![...b, ...c].every((v) => v >= 0 && Number.isInteger(v))) {
    return untested('poisson-rate', sessions, centres, s.level, 'session values are not non-negative integer counts');
  }
  const few = tooFew(sessions, false);
  if (few) return { ...untested('poisson-rate', sessions, centres, s.level, few), counts: [kb, kc] };
  const k = kb + kc;
  // π under equal rates, and 1 - π, each as an exact fraction of the session counts.
  const pi = sc / (sb + sc);
  const q = sb / (sb + sc);
  const toRate = (p: number) => (p >= 1 ? Infinity : (p * sb) / ((1 - p) * sc));
  const cp = k > 0 ? clopperPearson(kc, k, s.level) : { low: 0, high: 1, level: s.level };
  const se = Math.sqrt(((sb + sc) / k) * (1 / sb + 1 / sc)); // Infinity when k = 0
  const z = normalQuantile(1 - s.alpha / 2) + normalQuantile(s.power);
  return {
    method: 'poisson-rate',
    estimate: safeRatio(centres[1], centres[0]),
    ci: { low: toRate(cp.low), high: toRate(cp.high), level: s.level },
    p: k > 0 ? binomialTestTwoSided(kc, k, pi, q) : 1,
    df: Number.NaN,
    sessions,
    se,
    mdc: Math.expm1(z * se),
    centres,
    counts: [kb, kc],
  };
}

/**
 * The interval of a computed test at another confidence level (for the looks of a sequential
 * design): t interval from estimate, se and df, or Clopper–Pearson from the counts.
 */
export function sessionInterval(test: SessionTest, level: number): Interval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (Number.isNaN(test.p)) return nanInterval(level);
  if (test.intervalAt) return test.intervalAt(level);
  if (test.method === 'poisson-rate') {
    const [kb, kc] = test.counts!;
    const [sb, sc] = test.sessions;
    const k = kb + kc;
    if (k === 0) return { low: 0, high: Infinity, level };
    const cp = clopperPearson(kc, k, level);
    const toRate = (p: number) => (p >= 1 ? Infinity : (p * sb) / ((1 - p) * sc));
    return { low: toRate(cp.low), high: toRate(cp.high), level };
  }
  const log = isRatioMethod(test.method);
  const center = log ? Math.log(test.estimate) : test.estimate;
  const half = studentTQuantile((1 + level) / 2, test.df) * test.se;
  const back = log ? Math.exp : (x: number) => x;
  return { low: back(center - half), high: back(center + half), level };
}

/** Side of a change or interval relative to a reference: 1 above, -1 below, 0 neither. */
export type Side = -1 | 0 | 1;

/** Tolerance (relative to the threshold) under which a change equals the threshold. */
export const THRESHOLD_TOLERANCE = 1e-9;

/**
 * Which side of the noise threshold a change lies on: 1 beyond +threshold, -1 beyond -threshold,
 * 0 within (a change of exactly the threshold is within, in both directions).
 *
 * Scale: for ratio methods the threshold applies to ln(ratio) against ln(1 + noise), so ×1.05 and
 * ÷1.05 are the same size of change (a higher-is-better metric falling to 0.95 is a bad factor of
 * 1/0.95 = 1.053, beyond 5%). Comparing r - 1 > noise instead made 1.05 count as beyond (1.05 - 1 is
 * 0.050000000000000044 in floating point) while 1/1.05 did not. For difference methods the threshold
 * is noise × |baseline centre|, in the metric's unit. Changes within 1e-9 (relative) of the
 * threshold count as equal to it, so rounding cannot split a tie.
 */
export function thresholdSide(method: SessionMethod, estimate: number, baselineCentre: number, noise: number): Side {
  const ratio = isRatioMethod(method);
  const size = ratio ? Math.log(estimate) : estimate;
  const limit = ratio ? Math.log1p(noise) : noise * Math.abs(baselineCentre);
  if (Number.isNaN(size) || Number.isNaN(limit)) return 0;
  const tolerance = THRESHOLD_TOLERANCE * limit;
  if (size > limit + tolerance) return 1;
  if (size < -limit - tolerance) return -1;
  return 0;
}

/** Which side of no change (1 for ratios, 0 for differences) a whole interval lies on; 0 when it includes it. */
export function intervalSide(method: SessionMethod, ci: Interval): Side {
  const none = isRatioMethod(method) ? 1 : 0;
  if (ci.low > none) return 1;
  if (ci.high < none) return -1;
  return 0;
}

/** Whether a whole interval lies within ±threshold (on the scale of thresholdSide): no change worth a verdict. */
export function intervalWithinThreshold(
  method: SessionMethod,
  ci: Interval,
  baselineCentre: number,
  noise: number,
): boolean {
  return (
    thresholdSide(method, ci.low, baselineCentre, noise) === 0 &&
    thresholdSide(method, ci.high, baselineCentre, noise) === 0 &&
    !Number.isNaN(ci.low + ci.high)
  );
}
