/**
 * The per-result summary kept beside the raw samples (table `result_summaries`, migration 6): what
 * histories (`trend`, `report`, `check --nightly`) read, so they never decode a sample blob. It is
 * derived from one stored result alone and never edited: a cache of the samples, recomputed from
 * them when a store is migrated.
 *
 * Session values are kept whole (one float64 per session, 16 by default): the ratio of a run to its
 * pinned reference is a paired test on them (core/reference-run.ts), and a few numbers of a
 * summary could not give it.
 */
import { median } from 'simple-statistics';
import type { Direction, MetricKind, Summary } from '../model/types.js';
import { sessionStatistic, sessionValues } from '../stats/sessions.js';

export interface ResultSummary {
  benchmarkId: string;
  metric: string;
  unit: string;
  direction: Direction;
  kind: MetricKind;
  /** Summary of the pooled samples, as stored in `results.summary` (with its bootstrap interval). */
  summary: Summary;
  /** One value per session, in session order: its geometric mean (time) or median (counters, gauges). */
  sessionValues: number[];
}

/** What the summary of a result is made from. */
export interface SummarySource {
  benchmarkId: string;
  metric: string;
  unit: string;
  direction: Direction;
  kind: MetricKind;
  samples: readonly number[];
  rounds?: readonly number[] | undefined;
}

/** The summary row of one result; `summary` is the pooled one already computed for `results.summary`. */
export function resultSummary(r: SummarySource, summary: Summary): ResultSummary {
  return {
    benchmarkId: r.benchmarkId,
    metric: r.metric,
    unit: r.unit,
    direction: r.direction,
    kind: r.kind,
    summary,
    sessionValues: sessionValues(r.samples, r.rounds, sessionStatistic(r.kind)),
  };
}

/** The centre and spread of the session values, for listings that want one number per run. */
export interface SessionSpread {
  sessions: number;
  median: number;
  min: number;
  max: number;
}

/** NaN sessions (empty ones) are left out; with none left every figure is NaN. */
export function sessionSpread(values: readonly number[]): SessionSpread {
  const finite = values.filter((v) => !Number.isNaN(v));
  if (finite.length === 0) return { sessions: 0, median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { sessions: finite.length, median: median(finite), min: Math.min(...finite), max: Math.max(...finite) };
}
