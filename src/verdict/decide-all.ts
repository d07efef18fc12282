/**
 * Verdicts for a whole check: every metric of every benchmark of a candidate run against a baseline.
 *
 * Steps:
 *  1. Pair results by (benchmarkId, metric). Only in the candidate: `new`. Only in the baseline:
 *     `missing`, or `errored` when the benchmark is listed in `opts.errored`. In both, but the
 *     candidate is listed as errored, has no samples or has a non-finite sample: `errored`.
 *  2. Resolve thresholds per suite, benchmark and metric (thresholds.ts).
 *  3. Counters: decideCounter. Time and gauge: compare (stats/compare.ts: a session test on the
 *     per-session values, paired when `opts.paired`), then Benjamini–Hochberg over the session
 *     p-values of every statistical comparison that can be decided (those with too few sessions,
 *     a session of a time metric cut short, or no p-value are inconclusive anyway and would only
 *     dilute the family), then decide. Adjusting across the whole check, not per suite, is what
 *     keeps the expected share of false regressions at alpha however many benchmarks run
 *     (Benjamini & Hochberg 1995); it needs p-values that mean what they say, which is why they
 *     come from sessions and not from pooled samples.
 *  4. Optional budgets on the candidate results become `budget-failed` verdicts.
 *  5. Sort worst first (order.ts sortVerdicts).
 * The metric's kind, unit and direction are taken from the candidate when both sides have them.
 */
import { median } from 'simple-statistics';
import type { Budget, Comparison, MetricResult, TestFamily, Thresholds, Verdict, VerdictKind } from '../model/types.js';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.js';
import { compare } from '../stats/compare.js';
import { budgetVerdicts, evaluateBudgets } from './budgets.js';
import { decide, decideCounter, undecidableReason } from './decide.js';
import { formatValue } from '../model/format.js';
import { resultKey } from '../model/ids.js';
import { sortVerdicts } from './order.js';
import { DEFAULT_THRESHOLDS, resolveThresholds, type ThresholdOverride, type ThresholdResolver } from './thresholds.js';

export interface DecideAllOptions {
  /** Base thresholds or a resolver per suite/benchmark/metric. Default DEFAULT_THRESHOLDS. */
  thresholds?: Thresholds | ThresholdResolver;
  /** Overrides applied on top, most specific wins (see thresholds.ts). */
  overrides?: readonly ThresholdOverride[];
  /**
   * Benchmarks that failed in the candidate run, with their errors (null if unknown): all their
   * metrics are `errored`, and the explanation quotes the error's first line.
   */
  errored?: ReadonlyMap<string, string | null | undefined>;
  /** Budgets checked on the candidate results; failures are added as `budget-failed`. */
  budgets?: readonly Budget[];
  /** Bootstrap seed and resamples passed to compare. */
  seed?: number;
  resamples?: number;
  /**
   * Both sides were measured in the same sessions (session i of the baseline beside session i of
   * the candidate): paired session tests. A metric whose session counts differ is inconclusive.
   */
  paired?: boolean;
  /** Session test family on the ratio scale: `rank` (default, robust to multimodal sessions), `modes` or `t`. */
  test?: TestFamily;
}

function index(results: readonly MetricResult[], side: string): Map<string, MetricResult> {
  const map = new Map<string, MetricResult>();
  for (const r of results) {
    const key = resultKey(r);
    if (map.has(key)) throw new Error(`duplicate ${side} result for ${r.benchmarkId} ${r.metric}`);
    map.set(key, r);
  }
  return map;
}

function simpleVerdict(r: MetricResult, verdict: VerdictKind, explanation: string, threshold = 0): Verdict {
  return {
    benchmarkId: r.benchmarkId,
    metric: r.metric,
    unit: r.unit,
    direction: r.direction,
    verdict,
    explanation,
    threshold,
  };
}

function medianText(r: MetricResult): string {
  return r.samples.length ? `median ${formatValue(median(r.samples), r.unit)}, n=${r.samples.length}` : 'no samples';
}

/** All verdicts of a check, worst first. */
export function decideAll(
  baseline: readonly MetricResult[],
  candidate: readonly MetricResult[],
  opts: DecideAllOptions = {},
): Verdict[] {
  const base = index(baseline, 'baseline');
  const cand = index(candidate, 'candidate');
  const errored = opts.errored ?? new Map<string, null>();
  const failed = (id: string): string => {
    const why = errored.get(id)?.split('\n')[0]?.trim();
    return `benchmark failed in the candidate run${why ? `: ${why}` : ''}`;
  };
  const verdicts: Verdict[] = [];
  const pending: { comparison: Comparison; thresholds: Thresholds; eligible: boolean }[] = [];

  for (const [key, b] of base) {
    if (cand.has(key)) continue;
    verdicts.push(
      errored.has(b.benchmarkId)
        ? simpleVerdict(b, 'errored', `${b.benchmarkId} ${b.metric}: ${failed(b.benchmarkId)}`)
        : simpleVerdict(
            b,
            'missing',
            `${b.benchmarkId} ${b.metric}: in the baseline (${medianText(b)}) but not in the candidate`,
          ),
    );
  }

  for (const [key, c] of cand) {
    const b = base.get(key);
    const head = `${c.benchmarkId} ${c.metric}`;
    if (errored.has(c.benchmarkId)) {
      verdicts.push(simpleVerdict(c, 'errored', `${head}: ${failed(c.benchmarkId)}`));
      continue;
    }
    if (c.samples.length === 0 || c.samples.some((x) => !Number.isFinite(x))) {
      const why = c.samples.length === 0 ? 'no samples' : 'non-finite samples';
      verdicts.push(simpleVerdict(c, 'errored', `${head}: ${why} in the candidate run`));
      continue;
    }
    if (!b) {
      verdicts.push(simpleVerdict(c, 'new', `${head}: new (${medianText(c)})`));
      continue;
    }
    const meta = { benchmarkId: c.benchmarkId, metric: c.metric, unit: c.unit, direction: c.direction, kind: c.kind };
    const thresholds = resolveThresholds(
      { benchmarkId: c.benchmarkId, metric: c.metric, kind: c.kind },
      opts.thresholds ?? DEFAULT_THRESHOLDS,
      opts.overrides ?? [],
    );
    if (c.kind === 'counter') {
      verdicts.push(decideCounter(b.samples, c.samples, meta, { severity: thresholds.severity }));
      continue;
    }
    const sessions = [b.rounds?.length ?? 1, c.rounds?.length ?? 1];
    if (opts.paired && sessions[0] !== sessions[1]) {
      verdicts.push(
        simpleVerdict(
          c,
          'inconclusive',
          `${head}: paired sessions need the same count on both sides, got ${sessions[0]}/${sessions[1]}`,
          thresholds.noise,
        ),
      );
      continue;
    }
    const comparison = compare(b.samples, c.samples, meta, {
      seed: opts.seed,
      resamples: opts.resamples,
      alpha: thresholds.alpha,
      paired: opts.paired ?? false,
      ...(opts.test && { test: opts.test }),
      rounds: { baseline: b.rounds, candidate: c.rounds },
    });
    pending.push({ comparison, thresholds, eligible: undecidableReason(comparison, thresholds) === undefined });
  }

  // Benjamini–Hochberg across every decidable statistical comparison of the check; the others
  // have no adjusted p (they are inconclusive before any p is looked at).
  const family = pending.filter((p) => p.eligible);
  const adjusted = benjaminiHochberg(family.map((p) => p.comparison.pSession!));
  family.forEach((p, i) => {
    p.comparison = { ...p.comparison, pAdjusted: adjusted[i]! };
  });
  for (const p of pending) if (!p.eligible) p.comparison = { ...p.comparison, pAdjusted: Number.NaN };
  for (const p of pending) verdicts.push(decide(p.comparison, p.thresholds));

  if (opts.budgets && opts.budgets.length > 0) {
    verdicts.push(...budgetVerdicts(evaluateBudgets(opts.budgets, candidate), candidate));
  }
  return sortVerdicts(verdicts);
}
