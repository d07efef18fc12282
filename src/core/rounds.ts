/**
 * Merging the rounds of a run. Each round measured every benchmark in a fresh browser; the merged
 * result keeps all samples with the sample count of each round, so statistics can resample rounds.
 * Pure: outcomes in, results out.
 */
import type { MetricResult } from '../model/types.js';
import { resultKey } from '../model/ids.js';
import type { PageOutcome } from '../suite/protocol.js';
import type { BenchmarkStatus } from '../store/store.js';

export interface MergedBenchmark {
  status: BenchmarkStatus;
  results: MetricResult[];
}

/**
 * Merges one benchmark's outcomes, one per round. A failure in any round fails the benchmark.
 * Counters are deterministic by definition, so a counter that differs between rounds is reported
 * as a failure of the benchmark rather than averaged away.
 */
export function mergeRounds(id: string, outcomes: PageOutcome[]): MergedBenchmark {
  const durationMs = outcomes.reduce((a, o) => a + o.durationMs, 0);
  const failed = outcomes.findIndex((o) => !o.ok);
  if (failed >= 0)
    return {
      status: { benchmarkId: id, ok: false, durationMs, error: `round ${failed + 1}: ${outcomes[failed]!.error}` },
      results: [],
    };
  const byMetric = new Map<string, MetricResult>();
  for (const [round, outcome] of outcomes.entries()) {
    for (const m of outcome.metrics) {
      const prev = byMetric.get(m.metric);
      if (!prev) {
        byMetric.set(m.metric, {
          benchmarkId: id,
          metric: m.metric,
          unit: m.unit,
          direction: m.direction,
          kind: m.kind,
          samples: [...m.samples],
          innerIterations: m.innerIterations,
          rounds: [m.samples.length],
        });
      } else if (m.kind === 'counter') {
        if (m.samples.length && prev.samples[0] !== m.samples[0]) {
          return {
            status: {
              benchmarkId: id,
              ok: false,
              durationMs,
              error:
                `counter ${m.metric} is not deterministic: ${prev.samples[0]} in round 1, ` +
                `${m.samples[0]} in round ${round + 1}`,
            },
            results: [],
          };
        }
      } else {
        appendRounds(prev, { samples: m.samples });
      }
    }
  }
  const results = [...byMetric.values()].map((r) => {
    // Counters are one exact value, not rounds of samples.
    if (r.kind === 'counter' || r.rounds!.length < 2) {
      const { rounds: _rounds, ...single } = r;
      return single;
    }
    return r;
  });
  return { status: { benchmarkId: id, ok: true, durationMs }, results };
}

/**
 * Adds `extra`'s samples to `target` as further rounds (of a run, sessions of an A/B, or whole
 * runs when pooling), recording each one's size: the statistics resample whole rounds, since
 * samples of one round share a browser and are not independent. `extra` without `rounds` is one.
 */
export function appendRounds(target: MetricResult, extra: Pick<MetricResult, 'samples' | 'rounds'>): void {
  target.rounds = [...(target.rounds ?? [target.samples.length]), ...(extra.rounds ?? [extra.samples.length])];
  target.samples.push(...extra.samples);
}

/** Appends a later round's results to the matching results of `into` (counters stay as they are). */
export function appendMatchingRounds(into: MetricResult[], extra: MetricResult[]): void {
  const byKey = new Map(into.map((r) => [resultKey(r), r]));
  for (const r of extra) {
    const target = byKey.get(resultKey(r));
    if (!target || target.kind === 'counter' || r.samples.length === 0) continue;
    appendRounds(target, r);
  }
}
