/**
 * Speedups inside one run: for every benchmark with a `variant` parameter that includes `js`
 * (the WASM suite's kernels), each variant against the plain-JS variant and against the
 * unoptimised `O0` build; other parameters and references by option (e.g. the peers suite's
 * `framework`, against `preact`). A speedup is median(reference) / median(variant) with a
 * percentile bootstrap interval (two-stage over sessions when both have several, stats/bootstrap.ts),
 * so a figure below 1 — WASM slower than JS — is reported as plainly as one above. It describes one
 * run and is not a verdict (verdicts test session values, stats/sessions.ts).
 */
import type { Interval, MetricResult } from '../model/types.js';
import { parseBenchmarkId, benchmarkId } from '../suite/expand.js';
import { bootstrapClusteredRatioCI, bootstrapRatioOfMediansCI, safeRatio } from '../stats/bootstrap.js';
import { DEFAULT_SEED, deriveSeed } from '../stats/prng.js';
import { resultKey } from '../model/ids.js';
import { median } from 'simple-statistics';

export interface Speedup {
  ratio: number;
  ci: Interval;
}

export interface SpeedupRow {
  /** The benchmark without its variant, e.g. `wasm/matmul?n=64`. */
  workload: string;
  variant: string;
  medianMs: number;
  jsMedianMs: number | null;
  vsJs: Speedup | null;
  vsO0: Speedup | null;
}

function speedup(reference: MetricResult, variant: MetricResult): Speedup {
  // Candidate/baseline with the variant as baseline is reference/variant.
  const seed = deriveSeed(
    DEFAULT_SEED,
    `${resultKey({ benchmarkId: variant.benchmarkId, metric: 'time' })}\u0000ratio`,
  );
  const clustered = (variant.rounds?.length ?? 0) >= 2 && (reference.rounds?.length ?? 0) >= 2;
  const ci = clustered
    ? bootstrapClusteredRatioCI(variant.samples, variant.rounds!, reference.samples, reference.rounds!, { seed })
    : bootstrapRatioOfMediansCI(variant.samples, reference.samples, { seed });
  return { ratio: safeRatio(median(reference.samples), median(variant.samples)), ci };
}

export interface SpeedupOptions {
  /** The parameter that names the variant (default `variant`). */
  param?: string;
  /** The variant every other is compared with (default `js`). */
  reference?: string;
  /** A second reference, e.g. the unoptimised build (default `O0`). */
  base?: string;
}

export function variantSpeedups(results: readonly MetricResult[], opts: SpeedupOptions = {}): SpeedupRow[] {
  const param = opts.param ?? 'variant';
  const refName = opts.reference ?? 'js';
  const baseName = opts.base ?? 'O0';
  const groups = new Map<string, Map<string, MetricResult>>();
  for (const r of results) {
    if (r.metric !== 'time' || r.kind !== 'time' || r.samples.length === 0) continue;
    const { suite, name, params } = parseBenchmarkId(r.benchmarkId);
    const variant = params[param];
    if (variant === undefined) continue;
    const { [param]: _variant, ...rest } = params;
    const workload = benchmarkId(suite, name, rest);
    const group = groups.get(workload) ?? new Map<string, MetricResult>();
    group.set(variant, r);
    groups.set(workload, group);
  }
  const rows: SpeedupRow[] = [];
  for (const [workload, group] of groups) {
    const js = group.get(refName);
    if (!js) continue;
    const o0 = group.get(baseName);
    for (const [variant, r] of group) {
      if (variant === refName) continue;
      rows.push({
        workload,
        variant,
        medianMs: median(r.samples),
        jsMedianMs: median(js.samples),
        vsJs: speedup(js, r),
        vsO0: o0 && variant !== baseName ? speedup(o0, r) : null,
      });
    }
  }
  return rows.sort((a, b) =>
    a.workload === b.workload ? a.variant.localeCompare(b.variant) : a.workload.localeCompare(b.workload),
  );
}
