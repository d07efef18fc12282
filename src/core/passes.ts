/**
 * Passes: a benchmark measured k times in one session, each time at its own place in the
 * session's random order, its samples then joined into the session's one value.
 *
 * Why: most of a benchmark's spread between sessions is drawn anew by every pass (its own warm-up,
 * JIT tier-up and GC timing), little is shared by the session's process (docs/statistics.md §1:
 * per-pass SD 0.17-0.18 against 0.02-0.03 shared). So a second pass in the same pages narrows the
 * session's value about as much as a second session would, and costs only that benchmark's time,
 * where more sessions cost every benchmark's. The session stays the unit of every test: passes
 * only make each session's value steadier.
 *
 * The config's `sampling.passes` maps benchmark ids or globs to k, e.g.
 *   { "diffing/*?mode=diff": 2, "reactivity/unstable": 3 }
 * and the most specific pattern wins, as with threshold overrides (verdict/thresholds.ts): an exact
 * id, then more literal characters, then the later entry.
 */
import { globMatch, isGlob, literalLength } from '../verdict/glob.js';
import { UsageError } from '../model/errors.js';
import type { PageMetricResult, PageOutcome } from '../suite/protocol.js';
import { CONFIG_SCHEMA } from '../config/schema.js';

/** Benchmark id or glob → passes per session. */
export type PassRules = Readonly<Record<string, number>>;

/** More passes than this cost more than the sessions they stand in for (the config schema's limit). */
export const MAX_PASSES: number = CONFIG_SCHEMA.properties.sampling.properties.passes.additionalProperties.maximum;

/** The config schema's limit of `sampling.sessionSamples`. */
export const MAX_SESSION_SAMPLES: number =
  CONFIG_SCHEMA.properties.sampling.properties.sessionSamples.additionalProperties.maximum;

/** The passes of each benchmark under `rules` (checked: whole numbers in 1..MAX_PASSES). */
export function passesOf(rules: PassRules = {}): (id: string) => number {
  checkRules('passes', rules, 1, MAX_PASSES);
  return (id) => passesFor(rules, id);
}

/**
 * The minimum samples per side in each pass of each benchmark under `rules` (config
 * `sampling.sessionSamples`, checked: whole numbers in 2..MAX_SESSION_SAMPLES), 0 where none applies
 * (the run's own minimum then holds). For DOM benchmarks whose one operation takes 0.1-1 s: their
 * session value is the mean of 2 samples, and one slow sample moves it (docs/statistics.md §1).
 */
export function sessionSamplesOf(rules: PassRules = {}): (id: string) => number {
  checkRules('sessionSamples', rules, 2, MAX_SESSION_SAMPLES);
  return (id) => ruleFor(rules, id, 0);
}

/** Throws a UsageError naming the first rule of `sampling.<name>` that is not a whole number in [min, max]. */
function checkRules(name: string, rules: PassRules, min: number, max: number): void {
  for (const [pattern, n] of Object.entries(rules))
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`sampling.${name}["${pattern}"] must be a whole number from ${min} to ${max}, got ${n}`);
}

/** What a stored run records of its per-benchmark sampling: nothing when there is none. */
export function storedSampling(
  passes: PassRules = {},
  sessionSamples: PassRules = {},
): { passes?: PassRules; sessionSamples?: PassRules } {
  return {
    ...(Object.keys(passes).length && { passes }),
    ...(Object.keys(sessionSamples).length && { sessionSamples }),
  };
}

/** Positive when pattern a is more specific than b: an exact id, then more literal characters. */
function specificity(a: string, b: string): number {
  return Number(!isGlob(a)) - Number(!isGlob(b)) || literalLength(a) - literalLength(b);
}

/** The passes of one benchmark: the most specific matching rule's k (later entries win ties), else 1. */
export function passesFor(rules: PassRules, id: string): number {
  return ruleFor(rules, id, 1);
}

/** The most specific matching rule's value for `id` (later entries win ties), else `fallback`. */
function ruleFor(rules: PassRules, id: string, fallback: number): number {
  let best: [string, number] | null = null;
  for (const [pattern, k] of Object.entries(rules))
    if (globMatch(pattern, id) && (!best || specificity(pattern, best[0]) >= 0)) best = [pattern, k];
  return best?.[1] ?? fallback;
}

/** Each id repeated by its passes, in the given order (a session shuffles the result). */
export function expandPasses(ids: readonly string[], passesOf: (id: string) => number): string[] {
  return ids.flatMap((id) => Array<string>(passesOf(id)).fill(id));
}

/**
 * One session's outcome of a benchmark from its passes' outcomes, in the order they ran. Time and
 * gauge samples are concatenated (each metric records how many came from each pass in `passes`),
 * counters are the first pass's (later passes only sample), durations add up, and a failed pass
 * fails the whole: a benchmark that errs once is not measured again (sessions.ts).
 */
export function mergePasses(outcomes: readonly PageOutcome[]): PageOutcome {
  const [first] = outcomes;
  if (!first) throw new Error('mergePasses: no outcome');
  if (outcomes.length === 1) return first;
  const durationMs = outcomes.reduce((a, o) => a + o.durationMs, 0);
  const failed = outcomes.findIndex((o) => !o.ok);
  if (failed >= 0) {
    const o = outcomes[failed]!;
    return { ...o, error: `pass ${failed + 1}: ${o.error ?? 'failed'}`, durationMs };
  }
  const metrics: PageMetricResult[] = first.metrics.map((m) => {
    if (m.kind === 'counter') return m;
    const parts = outcomes.map((o) => o.metrics.find((x) => x.metric === m.metric && x.kind === m.kind));
    const samples = parts.map((p) => p?.samples ?? []);
    return { ...m, samples: samples.flat(), passes: samples.map((s) => s.length) };
  });
  return { ...first, metrics, durationMs };
}

/**
 * The first `k` passes of a merged outcome, its duration scaled to them (measurements cut one pool
 * down to fewer passes and score each on the same sessions).
 */
export function firstPasses(outcome: PageOutcome, k: number): PageOutcome {
  const taken = Math.max(0, ...outcome.metrics.map((m) => m.passes?.length ?? 0));
  if (taken <= k) return outcome;
  const metrics = outcome.metrics.map((m) => {
    if (!m.passes) return m;
    const kept = m.passes.slice(0, k);
    return {
      ...m,
      samples: m.samples.slice(
        0,
        kept.reduce((a, n) => a + n, 0),
      ),
      passes: kept,
    };
  });
  return { ...outcome, metrics, durationMs: (outcome.durationMs * k) / taken };
}

/**
 * A merged outcome as a smaller sampling would have taken it: its first `k` passes, and in each
 * pass of the time metric only the first samples that reach `budget` (>= minSamples samples and
 * >= minTimeMs of timed batches, the runner's own stopping rule). Measurements cut one pool to
 * several designs and score each on the very same sessions (scripts/measure/design-pool.ts).
 */
export function cutSampling(
  outcome: PageOutcome,
  k: number,
  budget: { minSamples: number; minTimeMs: number },
): PageOutcome {
  const cut = firstPasses(outcome, k);
  const metrics = cut.metrics.map((m) => {
    if (m.kind !== 'time') return m;
    const counts = m.passes ?? [m.samples.length];
    const kept: number[][] = [];
    let at = 0;
    for (const n of counts) {
      const pass = m.samples.slice(at, at + n);
      at += n;
      let take = 0;
      for (let batchMs = 0; take < pass.length; take++) {
        if (take >= budget.minSamples && batchMs >= budget.minTimeMs) break;
        batchMs += pass[take]! * m.innerIterations;
      }
      kept.push(pass.slice(0, take));
    }
    return { ...m, samples: kept.flat(), ...(m.passes && { passes: kept.map((p) => p.length) }) };
  });
  return { ...cut, metrics };
}
