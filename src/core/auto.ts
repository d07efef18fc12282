/**
 * `check --auto`: add sessions to undecided benchmarks under a group-sequential design
 * (stats/sequential.ts), so stopping early never raises the false-alarm rate.
 *
 * The looks are planned before any data: the initial sessions n, then 1.5n, 2n and 3n sessions per
 * side. At each look every statistical metric still open gets the session test of all sessions so
 * far, Benjamini-Hochberg adjusted across the open family, and sequentialDecision at that look's
 * share α_k of alpha: regressed or improved, unchanged (the (1-α_k) interval inside ±threshold),
 * or continue. A benchmark continues while any of its metrics does. The time budget can end the
 * plan early (a stop that does not depend on the data); what is open then is decided at the last
 * look taken. The final verdicts of a benchmark use the alpha of the look where it stopped.
 */
import type { MetricResult, TestFamily, Thresholds } from '../model/types.js';
import type { Config } from '../config/config.js';
import { lookAlphas, sequentialDecision, type SequentialDesign } from '../stats/sequential.js';
import { chooseMethod, sessionStatistic, sessionTest, sessionValues } from '../stats/sessions.js';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.js';
import { resolveThresholds, type ThresholdResolver } from '../verdict/thresholds.js';
import { resultKey } from '../model/ids.js';
import { isControl } from '../verdict/drift.js';

/** Planned looks for `initial` sessions: n, 1.5n, 2n, 3n. */
export function plannedLooks(initial: number): number[] {
  const looks = [initial, Math.round(initial * 1.5), initial * 2, initial * 3].filter((n) => n >= 2);
  return [...new Set(looks)].sort((a, b) => a - b);
}

export interface AutoState {
  design: SequentialDesign;
  /** Alpha each benchmark was decided at (the look where it stopped). */
  alphaFor: Map<string, number>;
  /** Sessions taken per benchmark. */
  sessionsFor: Map<string, number>;
}

interface OpenMetric {
  key: string;
  benchmarkId: string;
  test: ReturnType<typeof sessionTest>;
  thresholds: Thresholds;
  direction: 'lower' | 'higher';
}

/** Ids still open at look `look` (0-based) given the results so far; records decided ones in `state`. */
export function openAtLook(
  look: number,
  baseline: readonly MetricResult[],
  candidate: readonly MetricResult[],
  ids: ReadonlySet<string>,
  state: AutoState,
  config: Config,
  paired: boolean,
  family: TestFamily = config.sessionTest,
): string[] {
  const alphas = lookAlphas(state.design);
  const base = new Map(baseline.map((r) => [resultKey(r), r]));
  const metrics: OpenMetric[] = [];
  for (const c of candidate) {
    if (!ids.has(c.benchmarkId) || c.kind === 'counter') continue;
    const b = base.get(resultKey(c));
    if (!b) continue;
    const bv = sessionValues(b.samples, b.rounds, sessionStatistic(c.kind));
    const cv = sessionValues(c.samples, c.rounds, sessionStatistic(c.kind));
    if (paired && bv.length !== cv.length) continue;
    const thresholds = resolveThresholds(
      { benchmarkId: c.benchmarkId, metric: c.metric, kind: c.kind },
      config.thresholds,
      config.overrides,
    );
    const test = sessionTest(chooseMethod(c, bv, cv, paired, family), bv, cv, { modes: family === 'modes' });
    metrics.push({ key: resultKey(c), benchmarkId: c.benchmarkId, test, thresholds, direction: c.direction });
  }
  const tested = metrics.filter((m) => !Number.isNaN(m.test.p));
  const adjusted = new Map(tested.map((m, i) => [m.key, benjaminiHochberg(tested.map((t) => t.test.p))[i]!]));
  const open = new Set<string>();
  for (const m of metrics) {
    const outcome = sequentialDecision(
      state.design,
      look,
      m.test,
      { noise: m.thresholds.noise, direction: m.direction },
      adjusted.get(m.key) ?? Number.NaN,
    );
    if (outcome === 'continue') open.add(m.benchmarkId);
  }
  for (const id of ids) if (!open.has(id) && !state.alphaFor.has(id)) state.alphaFor.set(id, alphas[look]!);
  return [...open];
}

/** Thresholds for the final verdicts: each benchmark at the alpha of the look where it stopped. */
export function autoThresholds(config: Config, state: AutoState): ThresholdResolver {
  return (target) => {
    const t = resolveThresholds(target, config.thresholds, config.overrides);
    const alpha = state.alphaFor.get(target.benchmarkId);
    return alpha === undefined ? t : { ...t, alpha };
  };
}

/**
 * Runs the plan: `current()` gives both sides' results so far, `more(ids, n)` adds n sessions of
 * `ids`. Stops when nothing is open, the looks are used up, or the next look would overrun the
 * deadline.
 */
export async function sequentialSessions(
  initial: number,
  current: () => { baseline: readonly MetricResult[]; candidate: readonly MetricResult[] },
  more: (ids: string[], sessions: number) => Promise<void>,
  opts: {
    config: Config;
    paired: boolean;
    deadline: number;
    now?: () => number;
    onLook?: ((sessions: number, open: string[]) => void) | undefined;
    test?: TestFamily;
  },
): Promise<AutoState> {
  const now = opts.now ?? Date.now;
  const looks = plannedLooks(initial);
  const state: AutoState = {
    design: { looks, alpha: opts.config.thresholds.alpha },
    alphaFor: new Map(),
    sessionsFor: new Map(),
  };
  // The drift controls are not benchmarks: they get no extra sessions and no place in the family.
  let ids = new Set(
    current()
      .candidate.map((r) => r.benchmarkId)
      .filter((id) => !isControl(id)),
  );
  for (const id of ids) state.sessionsFor.set(id, initial);
  // Sessions taken by the open benchmarks: below the first look when initial < 2 (plannedLooks).
  let taken = initial;
  for (let k = 0; k < looks.length; k++) {
    const { baseline, candidate } = current();
    const open = openAtLook(k, baseline, candidate, ids, state, opts.config, opts.paired, opts.test);
    if (open.length === 0 || k === looks.length - 1) break;
    const extra = looks[k + 1]! - taken;
    const started = now();
    if (started >= opts.deadline) {
      // Out of time: what is open is decided at this look.
      for (const id of open) state.alphaFor.set(id, lookAlphas(state.design)[k]!);
      break;
    }
    opts.onLook?.(looks[k + 1]!, open);
    await more(open, extra);
    taken = looks[k + 1]!;
    for (const id of open) state.sessionsFor.set(id, taken);
    ids = new Set(open);
  }
  return state;
}
