/**
 * Nightly runs against a pinned reference (`run --reference REV`): the current tree is measured
 * paired with a fixed revision (e.g. the last release tag) in the same browser sessions, through
 * the A/B machinery (core/ab.ts `runAb`). The ratio current / reference then cancels what the
 * machine did that night (runner speed, browser build, neighbours), which a history of raw
 * medians cannot: on the development VM the same code moved 1.5-1.8x between runs 20 minutes
 * apart. Browser perf dashboards draw their trends against reference builds for the same reason.
 *
 * Storage: the current tree's run is a normal run (baseline set, compare, trends see it as
 * before) with `options.reference = { rev, commit, runId }`; the reference side's run carries
 * `options.referenceSide` so histories leave it out, and both are linked as an A/B
 * (`options.ab`), so `compare RUN` shows the pair again.
 */
import type { Interval, MetricResult, SeriesPoint } from '../model/types.js';
import type { AbOptions } from './ab.js';
import type { RunReference } from '../store/store.js';
import { chooseMethod, sessionStatistic, sessionTest, sessionValues } from '../stats/sessions.js';
import { resultKey } from '../model/ids.js';

/** The unit of a series drawn as the ratio to the reference. */
export const REFERENCE_UNIT = '× reference';

/**
 * The stored-options hook of runAb for a reference run. `rev` is the revision as the user gave it
 * (or the folder of --reference-dir); the commit comes from the resolved side.
 */
export function referenceStoredOptions(rev: string): NonNullable<AbOptions['storedOptions']> {
  return (role, { base, baseRunId }) =>
    role === 'base'
      ? { referenceSide: { rev, commit: base.git.commit } }
      : { reference: { rev, commit: base.git.commit, runId: baseRunId } };
}

/** One benchmark's and metric's current / reference ratio in one run. */
export interface ReferenceRatio {
  benchmarkId: string;
  metric: string;
  /** Hodges–Lehmann estimate of the per-session ratio current / reference; NaN when `reason` is set. */
  estimate: number;
  /** Its distribution-free interval (Tukey's, from the Walsh averages); NaN bounds with < 2 sessions. */
  ci: Interval;
  /** Paired sessions used. */
  sessions: number;
  /** Why there is no ratio (counters, values <= 0, unequal session counts). */
  reason?: string;
}

/**
 * The paired ratio of one metric: session i of current over session i of reference, on the log
 * scale, summarised by the one-sample Hodges–Lehmann estimate with its interval (the
 * `signed-rank-log` session test of `ab`, stats/sessions.ts). Pairing is what cancels the night's
 * machine state; ranks keep a session that drew a slow JIT mode on one side from dominating.
 */
export function referenceRatio(current: MetricResult, reference: MetricResult, level = 0.95): ReferenceRatio {
  const statistic = sessionStatistic(current.kind);
  const values = (r: MetricResult) => (r.kind === 'counter' ? [] : sessionValues(r.samples, r.rounds, statistic));
  return sessionReferenceRatio(current, values(current), values(reference), level);
}

/**
 * referenceRatio from the session values of each side (sessionValues with the metric's
 * sessionStatistic), as the stored summaries keep them: histories draw ratios without samples.
 */
export function sessionReferenceRatio(
  current: Pick<MetricResult, 'benchmarkId' | 'metric' | 'kind' | 'unit'>,
  cur: readonly number[],
  ref: readonly number[],
  level = 0.95,
): ReferenceRatio {
  const id = { benchmarkId: current.benchmarkId, metric: current.metric };
  const none = (reason: string): ReferenceRatio => ({
    ...id,
    estimate: Number.NaN,
    ci: { low: Number.NaN, high: Number.NaN, level },
    sessions: 0,
    reason,
  });
  // Counters are exact: there is no machine drift in them to cancel, and their absolute value reads better.
  if (current.kind === 'counter') return none('counters are exact: drawn as absolute values');
  if (cur.length !== ref.length) return none(`${cur.length} current vs ${ref.length} reference sessions: not paired`);
  if (chooseMethod(current, ref, cur, true) !== 'signed-rank-log') return none('values are not all > 0: no ratio');
  const t = sessionTest('signed-rank-log', ref, cur, { level });
  return { ...id, estimate: t.estimate, ci: t.ci, sessions: t.sessions[0] };
}

/** Ratios for every metric measured on both sides (matched by benchmark id and metric). */
export function referenceRatios(
  current: readonly MetricResult[],
  reference: readonly MetricResult[],
  level = 0.95,
): ReferenceRatio[] {
  const byKey = new Map(reference.map((r) => [resultKey(r), r]));
  const out: ReferenceRatio[] = [];
  for (const c of current) {
    const r = byKey.get(resultKey(c));
    if (r) out.push(referenceRatio(c, r, level));
  }
  return out;
}

/** A history's points, relative to the reference or absolute, and why absolute when some could have been relative. */
export interface SeriesChoice {
  points: SeriesPoint[];
  relative: boolean;
  note?: string;
}

/**
 * Draws a history as ratios to the reference only when every point has one: a series mixing
 * ratios (around 1) and raw medians (in ms) would show a step where only the scale changed, and
 * the change-point test would flag it. Otherwise the raw medians, with a note when some points did
 * have a reference.
 */
export function chooseSeriesPoints(
  history: ReadonlyArray<{ point: SeriesPoint; ratio: (ReferenceRatio & { reference: RunReference }) | null }>,
): SeriesChoice {
  const absolute = history.map((h) => h.point);
  const usable = history.filter((h) => h.ratio !== null && Number.isFinite(h.ratio.estimate)).length;
  if (history.length > 0 && usable === history.length) {
    const points = history.map(({ point, ratio }) => ({
      ...point,
      median: ratio!.estimate,
      ci: ratio!.ci,
      n: ratio!.sessions,
      referenceRunId: ratio!.reference.runId,
    }));
    // Ratios to different code are on different scales: a re-pinned reference makes a step of its own.
    const revs = [
      ...new Set(
        history.map(
          (h) =>
            `${h.ratio!.reference.rev}` +
            `${h.ratio!.reference.commit ? ` (${h.ratio!.reference.commit.slice(0, 7)})` : ''}`,
        ),
      ),
    ];
    if (revs.length > 1)
      return {
        points,
        relative: true,
        note:
          `the reference changed along this history (${revs.join(' → ')}): ` +
          "a step there is the reference's, not this code's",
      };
    return { points, relative: true };
  }
  if (usable === 0) return { points: absolute, relative: false };
  return {
    points: absolute,
    relative: false,
    note:
      `${usable} of ${history.length} runs have a reference ratio: ` +
      'drawn as absolute values (a series never mixes the two)',
  };
}
