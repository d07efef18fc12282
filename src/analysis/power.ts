/**
 * `power`: how often the gate cries wolf, and how often it catches a known slowdown, measured on
 * this machine rather than assumed.
 *
 * The pool: P sessions, each measuring every benchmark on 2 + D sides of the SAME code: `A`, `A0`
 * (an A/A twin) and one side per injected delay d (`--inject-delay`: a busy-wait of d% of each
 * timed sample, inside the timed region). Sides run in rotated order per benchmark, so none is
 * always first.
 *
 * Trials are drawn from the pool by random splits (seeded): a paired trial takes a random set of r
 * sessions and compares A with A0 or A_d in those sessions, exactly as `check --base` would with r
 * sessions; an unpaired (stored-baseline) trial takes two disjoint random sets of r sessions, A on
 * one and A0/A_d on the other, as `check --against` would. Why this is sound: the sessions of the
 * pool are exchangeable (same code, same procedure, seeded random benchmark order), so each trial
 * is distributed like a real r-session check, and the rates are unbiased estimates of the real
 * rates. Trials overlap in sessions, so they are not independent: their Wilson intervals are
 * computed with an effective trial count of floor(P / r) for paired and floor(P / 2r) for unpaired
 * trials (the number of disjoint trials the pool holds), which is conservative. What the pool
 * cannot show: drift over hours between a stored baseline and a candidate (its sessions are
 * minutes apart); the drift controls (verdict/drift.ts) exist for that.
 *
 * Per benchmark: false-alarm and detection rates, the variance components of the log session
 * medians (between sessions) and of log samples (within a session), the Kalibera & Jones (ISMM
 * 2013) optimal number of samples per session, a label (`stable`, `noisy` or `multimodal`), and an
 * estimated smallest detectable change per mode (estimatedMdc below).
 */
import { mean, median, sampleStandardDeviation, sampleSkewness, sampleKurtosis } from 'simple-statistics';
import type { Interval, MetricResult, Verdict } from '../model/types.js';
import type { Config } from '../config/config.js';
import { decideAll } from '../verdict/decide-all.js';
import { resultKey } from '../model/ids.js';
import { createRng, deriveSeed, randomInt, DEFAULT_SEED, type Rng } from '../stats/prng.js';
import { sessionStatistic, sessionValues } from '../stats/sessions.js';
import { wilsonInterval } from '../stats/power.js';
import { isControl } from '../verdict/drift.js';

export const AA_SIDE = 'A0';
export const REFERENCE_SIDE = 'A';
export const delaySide = (pct: number): string => `A+${pct}%`;

/** Relative changes (percent) tried for the estimated smallest detectable change, ascending. */
export const MDC_GRID: readonly number[] = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 100];
/** Share of trials that must detect a change for it to count as detectable (the usual power 0.8). */
export const MDC_POWER = 0.8;

/** One side of the pool, with its results (every session of the pool, in order). */
export interface PoolSide {
  key: string;
  /** Injected delay in percent (0 for A and A0). */
  delayPct: number;
  results: MetricResult[];
}

export type StabilityLabel = 'stable' | 'noisy' | 'multimodal';

export interface Rate {
  hits: number;
  trials: number;
  rate: number;
  /** Wilson 95% interval on the effective (disjoint) trial count. */
  ci: Interval;
}

export interface ModeRates {
  falseAlarms: Rate;
  detection: { delayPct: number; rate: Rate }[];
}

/** The largest `bestSamplesPerSession` reported; shown as `>= 100`. */
export const MAX_BEST_SAMPLES = 100;

export interface PowerRow {
  benchmarkId: string;
  metric: string;
  /** From side A's log session values: the spread a stored-baseline comparison works against. */
  label: StabilityLabel;
  /** From the per-session log ratios to A of every other side (centredRatios): a paired test's spread. */
  pairedLabel: StabilityLabel;
  /** SD of log session values of side A (between-session spread). */
  sdBetween: number;
  /** Mean within-session SD of log samples of side A. */
  sdWithin: number;
  /** SD of the centred per-session log ratios to A of every other side (centredRatios). */
  sdPaired: number;
  /** Kalibera & Jones: samples per session that minimise the variance for the cost (at most MAX_BEST_SAMPLES). */
  bestSamplesPerSession: number;
  /**
   * Estimated smallest change (relative, 0.05 = 5%) that a paired check with r sessions flags as
   * regressed in >= 80% of trials: the A0 side scaled on the grid (estimatedMdc). null = not
   * reached within the grid, or no trials of that mode.
   */
  mdcPaired: number | null;
  mdcUnpaired: number | null;
  /** Smallest injected delay detected in >= 80% of paired trials, or null. */
  detectsPaired: number | null;
  detectsUnpaired: number | null;
  paired: ModeRates;
  unpaired: ModeRates;
}

export interface PowerReport {
  poolSessions: number;
  trialSessions: number;
  trials: number;
  delays: number[];
  /** Trials per grid point of the estimated MDC, and the grid (percent). */
  mdcTrials: number;
  mdcGrid: number[];
  rows: PowerRow[];
  /** Share of A/A checks (all benchmarks at once) that would exit 1. */
  checks: { paired: Rate; unpaired: Rate };
}

/** The samples of `r` restricted to the given sessions (ascending), with their session sizes. */
export function pickSessions(r: MetricResult, sessions: readonly number[]): MetricResult {
  const sizes = r.rounds ?? [r.samples.length];
  const starts: number[] = [];
  sizes.reduce((acc, n) => (starts.push(acc), acc + n), 0);
  const samples: number[] = [];
  const rounds: number[] = [];
  for (const s of sessions) {
    if (s >= sizes.length) continue;
    samples.push(...r.samples.slice(starts[s]!, starts[s]! + sizes[s]!));
    rounds.push(sizes[s]!);
  }
  return { ...r, samples, rounds };
}

/** k distinct session indices out of n, ascending (partial Fisher-Yates). */
export function drawSessions(
  n: number,
  k: number,
  rng: () => number,
  exclude: ReadonlySet<number> = new Set(),
): number[] {
  const pool = [...Array(n).keys()].filter((i) => !exclude.has(i));
  if (k > pool.length) throw new RangeError(`cannot draw ${k} sessions from ${pool.length}`);
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(rng, pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}

/** hits / trials, with its Wilson interval on the effective (disjoint) trial count. */
function rate(hits: number, trials: number, effective: number): Rate {
  const r = trials ? hits / trials : Number.NaN;
  return { hits, trials, rate: r, ci: wilsonInterval(r, Math.max(1, Math.min(trials, effective))) };
}

/** Sarle's bimodality coefficient; > 5/9 suggests more than one mode. */
export function bimodality(values: readonly number[]): number {
  const n = values.length;
  if (n < 4) return Number.NaN;
  const g = sampleSkewness(values as number[]);
  const k = sampleKurtosis(values as number[]);
  return (g * g + 1) / (k + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/** Label from the between-session spread and shape of log session values. */
export function stabilityLabel(logMedians: readonly number[]): StabilityLabel {
  const sd = logMedians.length > 1 ? sampleStandardDeviation(logMedians as number[]) : 0;
  if (sd > 0.05 && logMedians.length >= 10 && bimodality(logMedians) > 5 / 9) return 'multimodal';
  return sd > 0.1 ? 'noisy' : 'stable';
}

function logSessionValues(r: MetricResult): number[] {
  return sessionValues(r.samples, r.rounds, sessionStatistic(r.kind))
    .filter((v) => v > 0)
    .map(Math.log);
}

/**
 * The per-session log ratios of every other side to A, each side's centred on its own median (an
 * injected delay is a constant shift on the log scale), pooled: the paired spread from all the
 * pool's pairs, not only A0's. One side's pairs alone can look calm by chance: a DOM benchmark at 2
 * samples per session, one of them often a 2x pause, was labelled stable from A0 alone and then
 * missed a 10% delay in 43% of trials (docs/statistics.md section 5).
 */
export function centredRatios(logA: readonly number[], others: readonly (readonly number[])[]): number[] {
  return others.flatMap((logB) => {
    const n = Math.min(logA.length, logB.length);
    const d = logB.slice(0, n).map((v, i) => v - logA[i]!);
    if (d.length === 0) return [];
    const centre = median(d);
    return d.map((v) => v - centre);
  });
}

function withinSd(r: MetricResult): number {
  const sizes = r.rounds ?? [r.samples.length];
  const sds: number[] = [];
  let at = 0;
  for (const n of sizes) {
    const logs = r.samples
      .slice(at, at + n)
      .filter((v) => v > 0)
      .map(Math.log);
    if (logs.length > 1) sds.push(sampleStandardDeviation(logs));
    at += n;
  }
  return sds.length ? mean(sds) : Number.NaN;
}

export interface PowerOptions {
  trialSessions: number;
  trials: number;
  seed?: number;
  config: Config;
  /** Cost of one session of a benchmark beyond its samples, and of one sample, in ms (for the best split). */
  costs?: Map<string, { sessionMs: number; sampleMs: number }>;
  /** Trials per grid point of the estimated MDC (default 20: a grid point costs one trial per draw). */
  mdcTrials?: number;
  /** Relative changes in percent to try, ascending (default MDC_GRID). */
  mdcGrid?: readonly number[];
}

/** The sessions of one trial: `set` for the paired trial, disjoint `baseSet` / `candSet` for the unpaired one. */
export interface TrialDraw {
  set: number[];
  baseSet: number[];
  candSet: number[];
}

/**
 * n trial draws from a pool of `pool` sessions, r per side. Without room for two disjoint sets the
 * unpaired sets are the paired one (and unused). Drawn in sequence from one stream, so the first k
 * of n draws are the k draws: the injected-delay trials and the MDC grid share their sessions.
 */
export function drawTrials(pool: number, r: number, n: number, rng: Rng): TrialDraw[] {
  const canUnpaired = pool >= 2 * r;
  return Array.from({ length: n }, () => {
    const set = drawSessions(pool, r, rng);
    const baseSet = canUnpaired ? drawSessions(pool, r, rng) : set;
    const candSet = canUnpaired ? drawSessions(pool, r, rng, new Set(baseSet)) : set;
    return { set, baseSet, candSet };
  });
}

/** Every sample multiplied by `factor`: a uniform slowdown, as an injected delay makes one. */
function scaled(r: MetricResult, factor: number): MetricResult {
  return factor === 1 ? r : { ...r, samples: r.samples.map((x) => x * factor) };
}

/** Runs one trial: the verdicts of a check of `candidate` (samples times `factor`) against `base` on a draw. */
export type TrialRunner = (
  candidate: readonly MetricResult[],
  draw: TrialDraw,
  paired: boolean,
  factor?: number,
) => Verdict[];

/**
 * The estimated smallest detectable change per benchmark for one mode: for each grid point d
 * (ascending), every draw is a trial of A against A0 x (1 + d) for every benchmark at once, decided
 * by the real rule (decideAll, Benjamini-Hochberg across the check); a benchmark's MDC is the first
 * d flagged `regressed` in >= MDC_POWER of the draws. Scaling the A/A twin stands in for an
 * injected delay of d: it keeps the measured between-session spread and adds an exact change. It
 * is an estimate: a real delay also adds its own timing noise. Stops once every benchmark has one.
 */
export function estimatedMdc(
  run: TrialRunner,
  aa: readonly MetricResult[],
  keys: readonly string[],
  draws: readonly TrialDraw[],
  paired: boolean,
  grid: readonly number[],
): Map<string, number | null> {
  const found = new Map<string, number | null>(keys.map((k) => [k, null]));
  if (draws.length === 0) return found;
  for (const pct of grid) {
    if ([...found.values()].every((v) => v !== null)) break;
    const hits = new Map<string, number>();
    for (const draw of draws) {
      for (const v of run(aa, draw, paired, 1 + pct / 100))
        if (v.verdict === 'regressed') hits.set(resultKey(v), (hits.get(resultKey(v)) ?? 0) + 1);
    }
    for (const [key, mdc] of found)
      if (mdc === null && (hits.get(key) ?? 0) >= MDC_POWER * draws.length) found.set(key, pct / 100);
  }
  return found;
}

/** Pure: the power report from a measured pool. */
export function powerFromPool(sides: readonly PoolSide[], opts: PowerOptions): PowerReport {
  const ref = sides.find((s) => s.key === REFERENCE_SIDE);
  const aa = sides.find((s) => s.key === AA_SIDE);
  if (!ref || !aa) throw new Error('a power pool needs sides A and A0');
  const delayed = sides.filter((s) => s.delayPct > 0).sort((a, b) => a.delayPct - b.delayPct);
  const time = (rs: readonly MetricResult[]) => rs.filter((r) => r.kind === 'time' && !isControl(r.benchmarkId));
  const refResults = time(ref.results);
  if (refResults.length === 0)
    throw new RangeError('the power pool has no time metric to test (only counters, gauges or controls)');
  const pool = Math.min(...refResults.map((r) => (r.rounds ?? [0]).length));
  const r = opts.trialSessions;
  if (pool < r) throw new RangeError(`the pool has ${pool} sessions, fewer than the ${r} a trial needs`);
  // Few resamples: the bootstrap only feeds the diagnostic median intervals, never a verdict.
  const settings = {
    thresholds: opts.config.thresholds,
    overrides: opts.config.overrides,
    resamples: 50,
    test: opts.config.sessionTest,
  };
  const rng = createRng(deriveSeed(opts.seed ?? DEFAULT_SEED, 'power'));

  type Counts = { fa: number; det: number[] };
  const fresh = (): Counts => ({ fa: 0, det: delayed.map(() => 0) });
  const counts = new Map(refResults.map((x) => [resultKey(x), { paired: fresh(), unpaired: fresh() }]));
  const checkFa = { paired: 0, unpaired: 0 };
  const canUnpaired = pool >= 2 * r;
  const mdcTrials = opts.mdcTrials ?? 20;
  const grid = opts.mdcGrid ?? MDC_GRID;

  const trial: TrialRunner = (candidate, draw, paired, factor = 1) => {
    const base = refResults.map((x) => pickSessions(x, paired ? draw.set : draw.baseSet));
    const cand = time(candidate).map((x) => scaled(pickSessions(x, paired ? draw.set : draw.candSet), factor));
    return decideAll(base, cand, { ...settings, paired });
  };

  const draws = drawTrials(pool, r, Math.max(opts.trials, mdcTrials), rng);
  for (const draw of draws.slice(0, opts.trials)) {
    for (const paired of [true, false]) {
      if (!paired && !canUnpaired) continue;
      const mode = paired ? 'paired' : 'unpaired';
      const aaVerdicts = trial(aa.results, draw, paired);
      if (aaVerdicts.some((v) => v.verdict === 'regressed')) checkFa[mode]++;
      for (const v of aaVerdicts)
        if (v.verdict === 'regressed' || v.verdict === 'improved') counts.get(resultKey(v))![mode].fa++;
      delayed.forEach((side, i) => {
        for (const v of trial(side.results, draw, paired))
          if (v.verdict === 'regressed') counts.get(resultKey(v))![mode].det[i]!++;
      });
    }
  }
  const keys = refResults.map(resultKey);
  const mdcDraws = draws.slice(0, mdcTrials);
  const mdc = {
    paired: estimatedMdc(trial, aa.results, keys, mdcDraws, true, grid),
    unpaired: estimatedMdc(trial, aa.results, keys, canUnpaired ? mdcDraws : [], false, grid),
  };

  const effPaired = Math.floor(pool / r);
  const effUnpaired = Math.floor(pool / (2 * r));
  const rows: PowerRow[] = refResults.map((x) => {
    const key = resultKey(x);
    const c = counts.get(key)!;
    const aaResult = time(aa.results).find((y) => resultKey(y) === key);
    const logA = logSessionValues(x);
    const others = [aaResult, ...delayed.map((side) => time(side.results).find((y) => resultKey(y) === key))];
    const diffs = centredRatios(
      logA,
      others.filter((y) => y !== undefined).map((y) => logSessionValues(y)),
    );
    const sdPaired = diffs.length > 1 ? sampleStandardDeviation(diffs) : Number.NaN;
    const sdBetween = logA.length > 1 ? sampleStandardDeviation(logA) : Number.NaN;
    const sdWithin = withinSd(x);
    const cost = opts.costs?.get(x.benchmarkId);
    // Kalibera & Jones 2013, two levels: n_samples = sqrt(c_session / c_sample * s2_within / s2_between).
    const varBetween = Math.max(
      sdBetween ** 2 - sdWithin ** 2 / Math.max(1, x.samples.length / Math.max(1, logA.length)),
      1e-12,
    );
    // Capped: when the between-session variance is within sampling noise the formula diverges
    // (475,758 once), which says "many" and nothing more precise.
    const best = cost
      ? Math.min(
          MAX_BEST_SAMPLES,
          Math.max(
            1,
            Math.round(Math.sqrt((cost.sessionMs / Math.max(cost.sampleMs, 1e-9)) * (sdWithin ** 2 / varBetween))),
          ),
        )
      : Number.NaN;
    const modeRates = (m: Counts, eff: number, trials: number): ModeRates => ({
      falseAlarms: rate(m.fa, trials, eff),
      detection: delayed.map((s, i) => ({ delayPct: s.delayPct, rate: rate(m.det[i]!, trials, eff) })),
    });
    const paired = modeRates(c.paired, effPaired, opts.trials);
    const unpaired = modeRates(c.unpaired, effUnpaired, canUnpaired ? opts.trials : 0);
    const detects = (m: ModeRates) => m.detection.find((d) => d.rate.rate >= 0.8)?.delayPct ?? null;
    return {
      benchmarkId: x.benchmarkId,
      metric: x.metric,
      label: stabilityLabel(logA),
      pairedLabel: stabilityLabel(diffs),
      sdBetween,
      sdWithin,
      sdPaired,
      bestSamplesPerSession: best,
      mdcPaired: mdc.paired.get(key) ?? null,
      mdcUnpaired: mdc.unpaired.get(key) ?? null,
      detectsPaired: detects(paired),
      detectsUnpaired: detects(unpaired),
      paired,
      unpaired,
    };
  });
  return {
    poolSessions: pool,
    trialSessions: r,
    trials: opts.trials,
    delays: delayed.map((s) => s.delayPct),
    mdcTrials: mdcDraws.length,
    mdcGrid: [...grid],
    rows,
    checks: {
      paired: rate(checkFa.paired, opts.trials, effPaired),
      unpaired: rate(checkFa.unpaired, canUnpaired ? opts.trials : 0, effUnpaired),
    },
  };
}
