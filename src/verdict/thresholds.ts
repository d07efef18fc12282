/**
 * Default thresholds and their resolution per suite, benchmark and metric.
 *
 * Why: one noise threshold does not fit all benchmarks (a 2 ms DOM benchmark is far noisier than a
 * 50 ms compile), so thresholds come from a base (a value or a resolver function) refined by an
 * override list such as
 *   [{ match: 'wasm/*', noise: 0.10 }, { match: '*', metric: 'heap', noise: 0.20 },
 *    { match: 'reactivity/cellx?layers=1000', metric: 'time', alpha: 0.001 }]
 *
 * Most specific wins, field by field: for each of noise / alpha / minSamples / minSessions the value comes from
 * the most specific matching override that sets it. Specificity is compared as, in order:
 *  1. the override names the metric (metric rules are the finest level: suite < benchmark < metric);
 *  2. the benchmark pattern has no wildcard (an exact id);
 *  3. more literal characters in the benchmark pattern (`reactivity/update-*` beats `reactivity/*`);
 *  4. later in the list (as in CSS), so appended overrides win ties.
 * `metric` is matched as a glob too.
 *
 * Defaults come from the config schema (src/config/schema.ts, the single source of truth):
 * noise 2%, alpha 0.05 on the BH-adjusted session p, severity factors 1.25 / 1.5 / 2.0 (a quarter
 * slower, half again, twice as slow: minor, major, critical; decide.ts severityOf), at least 2
 * sessions per side (the fewest from which a between-session variance can be estimated) and at
 * least 2 samples in each session of a time metric (fewer marks a session cut short).
 */
import type { Config } from '../config/config.js';
import type { MetricKind, Thresholds } from '../model/types.js';
import { CONFIG_SCHEMA } from '../config/schema.js';
import { globMatch, isGlob, literalLength } from './glob.js';

const fromSchema = CONFIG_SCHEMA.properties.thresholds.properties;

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  noise: fromSchema.noise.default,
  alpha: fromSchema.alpha.default,
  severity: Object.freeze({
    minor: fromSchema.severity.properties.minor.default,
    major: fromSchema.severity.properties.major.default,
    critical: fromSchema.severity.properties.critical.default,
  }),
  minSamples: fromSchema.minSamples.default,
  minSessions: fromSchema.minSessions.default,
});

/**
 * One entry of the config's `overrides` (its type comes from the schema, the one source of truth):
 * `match` is a benchmark id or glob (`*` wildcard), e.g. `reactivity/*`; `metric` a metric name or
 * glob (omitted = every metric); then any of noise, alpha, minSamples, minSessions.
 */
export type ThresholdOverride = Config['overrides'][number];

export interface ThresholdContext {
  suite: string;
  benchmarkId: string;
  metric: string;
  kind: MetricKind;
}

export type ThresholdResolver = (ctx: ThresholdContext) => Thresholds;

/** The suite of a benchmark id: the part before the first `/` (ids are `suite/name?params`). */
export function suiteOf(benchmarkId: string): string {
  const slash = benchmarkId.indexOf('/');
  return slash < 0 ? benchmarkId : benchmarkId.slice(0, slash);
}

/** Compares the specificity of two overrides (positive when a is more specific). */
function compareSpecificity(a: ThresholdOverride, b: ThresholdOverride): number {
  return (
    Number(a.metric !== undefined) - Number(b.metric !== undefined) ||
    Number(!isGlob(a.match)) - Number(!isGlob(b.match)) ||
    literalLength(a.match) - literalLength(b.match)
  );
}

/** The thresholds for one benchmark metric: base (value or resolver) refined by the overrides. */
export function resolveThresholds(
  ctx: Omit<ThresholdContext, 'suite'> & { suite?: string },
  base: Thresholds | ThresholdResolver = DEFAULT_THRESHOLDS,
  overrides: readonly ThresholdOverride[] = [],
): Thresholds {
  const full: ThresholdContext = { ...ctx, suite: ctx.suite ?? suiteOf(ctx.benchmarkId) };
  const start = typeof base === 'function' ? base(full) : base;
  const matching = overrides
    .map((o, index) => ({ o, index }))
    .filter(
      ({ o }) => globMatch(o.match, full.benchmarkId) && (o.metric === undefined || globMatch(o.metric, full.metric)),
    )
    // Least specific first, so that later assignments (more specific) win.
    .sort((x, y) => compareSpecificity(x.o, y.o) || x.index - y.index);
  const out: Thresholds = { ...start, severity: { ...start.severity } };
  for (const { o } of matching) {
    if (o.noise !== undefined) out.noise = o.noise;
    if (o.alpha !== undefined) out.alpha = o.alpha;
    if (o.minSamples !== undefined) out.minSamples = o.minSamples;
    if (o.minSessions !== undefined) out.minSessions = o.minSessions;
  }
  return out;
}
