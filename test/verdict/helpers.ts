/** Builders for verdict tests: comparisons with chosen session-test results, and metric results with sessions. */
import type {
  Comparison,
  Direction,
  MetricKind,
  MetricResult,
  SessionMethod,
  Summary,
  Thresholds,
} from '../../src/model/types.js';

export const T: Thresholds = {
  noise: 0.05,
  alpha: 0.01,
  severity: { minor: 1.25, major: 1.5, critical: 2.0 },
  minSamples: 2,
  minSessions: 2,
};

function summary(median: number, n: number): Summary {
  return {
    n,
    mean: median,
    median,
    stdev: 0.01 * median,
    mad: 0.01 * median,
    cv: 0.01,
    min: median,
    max: median,
    p75: median,
    p95: median,
    p99: median,
    outliers: 0,
    medianCI: { low: median, high: median, level: 0.95 },
  };
}

export interface ComparisonSpec {
  /** candidate / baseline (ratio methods); ignored for difference methods unless given. */
  ratio: number;
  /** Interval of the ratio (ratio methods) or of the difference (difference methods). */
  ci: [number, number];
  /** Session p, also used as the adjusted p. */
  p: number;
  /** Sessions per side (default 20). */
  sessions?: number | [number, number];
  /** Fewest samples in one session per side (default 5). */
  sessionSamples?: [number, number];
  direction?: Direction;
  kind?: MetricKind;
  method?: SessionMethod;
  /** Baseline centre (default 1.2 ms). */
  base?: number;
  /** Difference methods: candidate - baseline. */
  shift?: number;
  mdc?: number;
}

/** A comparison whose session test gave exactly the given estimate, interval and p. */
export function comparison(spec: ComparisonSpec): Comparison {
  const [sb, sc] = typeof spec.sessions === 'number' ? [spec.sessions, spec.sessions] : (spec.sessions ?? [20, 20]);
  const base = spec.base ?? 1.2;
  const method = spec.method ?? 'welch-log';
  const diff = method === 'welch-diff' || method === 'paired-diff';
  const shift = diff ? (spec.shift ?? base * (spec.ratio - 1)) : base * (spec.ratio - 1);
  const cand = base + shift;
  const nan = { low: Number.NaN, high: Number.NaN, level: 0.95 };
  return {
    benchmarkId: 'reactivity/cellx?layers=1000',
    metric: 'time',
    unit: 'ms',
    direction: spec.direction ?? 'lower',
    kind: spec.kind ?? 'time',
    baseline: summary(base, sb * 5),
    candidate: summary(cand, sc * 5),
    ratio: spec.ratio,
    ratioCI: diff ? nan : { low: spec.ci[0], high: spec.ci[1], level: 0.95 },
    shift,
    shiftCI: diff
      ? { low: spec.ci[0], high: spec.ci[1], level: 0.95 }
      : { low: base * (spec.ci[0] - 1), high: base * (spec.ci[1] - 1), level: 0.95 },
    pMannWhitney: spec.p,
    pWelch: spec.p,
    pAdjusted: spec.p,
    method,
    sessions: [sb, sc],
    paired: method.startsWith('paired'),
    pSession: spec.p,
    df: sb + sc - 2,
    mdc: spec.mdc ?? 0.06,
    centres: [base, cand],
    sessionSamples: spec.sessionSamples ?? [5, 5],
  };
}

export function result(
  benchmarkId: string,
  samples: number[],
  extra: Partial<Pick<MetricResult, 'metric' | 'unit' | 'direction' | 'kind' | 'rounds'>> = {},
): MetricResult {
  const r: MetricResult = {
    benchmarkId,
    metric: extra.metric ?? 'time',
    unit: extra.unit ?? 'ms',
    direction: extra.direction ?? 'lower',
    kind: extra.kind ?? 'time',
    samples,
    innerIterations: 1,
  };
  if (extra.rounds) r.rounds = extra.rounds;
  return r;
}

/** n evenly spread quantiles of a lognormal-ish spread around `median` (deterministic, no ties). */
export function spread(median: number, n: number, relWidth = 0.05): number[] {
  return Array.from({ length: n }, (_, i) => median * (1 + relWidth * ((i + 0.5) / n - 0.5)));
}

/**
 * Samples of `sessions` sessions of `perSession` samples each: session medians evenly spread by
 * `relWidth` around `median` (in a scrambled order, so session order carries no trend), samples 1%
 * apart inside each session. Deterministic.
 */
export function sessionsOf(
  median: number,
  sessions: number,
  relWidth = 0.1,
  perSession = 5,
): { samples: number[]; rounds: number[] } {
  const levels = spread(median, sessions, relWidth);
  // Lowest, highest, second lowest, second highest, …: no trend over the session order.
  const order = Array.from({ length: sessions }, (_, i) => (i % 2 === 0 ? i / 2 : sessions - 1 - (i - 1) / 2));
  const samples: number[] = [];
  for (const i of order) samples.push(...spread(levels[i]!, perSession, 0.01));
  return { samples, rounds: Array.from({ length: sessions }, () => perSession) };
}

/** A time result measured in sessions (see sessionsOf). */
export function sessionResult(
  benchmarkId: string,
  median: number,
  sessions = 12,
  relWidth = 0.1,
  extra: Partial<Pick<MetricResult, 'metric' | 'unit' | 'direction' | 'kind'>> = {},
): MetricResult {
  const { samples, rounds } = sessionsOf(median, sessions, relWidth);
  return result(benchmarkId, samples, { ...extra, rounds });
}
