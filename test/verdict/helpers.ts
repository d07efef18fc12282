/** Builders for verdict tests: comparisons with chosen ratio, interval and p, and metric results. */
import type { Comparison, Direction, MetricKind, MetricResult, Summary, Thresholds } from '../../src/core/types.js';

export const T: Thresholds = { noise: 0.05, alpha: 0.01, severity: { minor: 1.25, major: 1.5, critical: 2.0 }, minSamples: 10 };

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
  ratio: number;
  ci: [number, number];
  p: number;
  n?: number | [number, number];
  direction?: Direction;
  kind?: MetricKind;
  base?: number;
}

/** A comparison with exactly the given ratio, ratio CI and adjusted p (baseline median `base`, default 1.2 ms). */
export function comparison(spec: ComparisonSpec): Comparison {
  const [nb, nc] = typeof spec.n === 'number' ? [spec.n, spec.n] : spec.n ?? [40, 40];
  const base = spec.base ?? 1.2;
  return {
    benchmarkId: 'reactivity/cellx?layers=1000',
    metric: 'time',
    unit: 'ms',
    direction: spec.direction ?? 'lower',
    kind: spec.kind ?? 'time',
    baseline: summary(base, nb),
    candidate: summary(base * spec.ratio, nc),
    ratio: spec.ratio,
    ratioCI: { low: spec.ci[0], high: spec.ci[1], level: 0.95 },
    shift: base * (spec.ratio - 1),
    shiftCI: { low: base * (spec.ci[0] - 1), high: base * (spec.ci[1] - 1), level: 0.95 },
    pMannWhitney: spec.p,
    pWelch: spec.p,
    pAdjusted: spec.p,
  };
}

export function result(
  benchmarkId: string,
  samples: number[],
  extra: Partial<Pick<MetricResult, 'metric' | 'unit' | 'direction' | 'kind'>> = {},
): MetricResult {
  return {
    benchmarkId,
    metric: extra.metric ?? 'time',
    unit: extra.unit ?? 'ms',
    direction: extra.direction ?? 'lower',
    kind: extra.kind ?? 'time',
    samples,
    innerIterations: 1,
  };
}

/** n evenly spread quantiles of a lognormal-ish spread around `median` (deterministic, no ties). */
export function spread(median: number, n: number, relWidth = 0.05): number[] {
  return Array.from({ length: n }, (_, i) => median * (1 + relWidth * ((i + 0.5) / n - 0.5)));
}
