/**
 * Merging the rounds of a run. Each round measured every benchmark in a fresh browser; the merged
 * result keeps all samples with the sample count of each round, so statistics can resample rounds.
 * Pure: outcomes in, results out.
 */
import type { MetricResult } from './types.js';
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
  if (failed >= 0) return { status: { benchmarkId: id, ok: false, durationMs, error: `round ${failed + 1}: ${outcomes[failed]!.error}` }, results: [] };
  const byMetric = new Map<string, MetricResult>();
  for (const [round, outcome] of outcomes.entries()) {
    for (const m of outcome.metrics) {
      const prev = byMetric.get(m.metric);
      if (!prev) {
        byMetric.set(m.metric, { benchmarkId: id, metric: m.metric, unit: m.unit, direction: m.direction, kind: m.kind, samples: [...m.samples], innerIterations: m.innerIterations, rounds: [m.samples.length] });
      } else if (m.kind === 'counter') {
        if (m.samples.length && (prev.samples[0] !== m.samples[0])) {
          return { status: { benchmarkId: id, ok: false, durationMs, error: `counter ${m.metric} is not deterministic: ${prev.samples[0]} in round 1, ${m.samples[0]} in round ${round + 1}` }, results: [] };
        }
      } else {
        prev.samples.push(...m.samples);
        prev.rounds!.push(m.samples.length);
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

/** Appends extra samples (a later round) to matching results, recording the round's size. */
export function appendRound(into: MetricResult[], extra: MetricResult[]): void {
  const key = (r: MetricResult) => `${r.benchmarkId}\u0000${r.metric}`;
  const byKey = new Map(into.map((r) => [key(r), r]));
  for (const r of extra) {
    const target = byKey.get(key(r));
    if (!target || target.kind === 'counter' || r.samples.length === 0) continue;
    target.rounds = [...(target.rounds ?? [target.samples.length]), r.samples.length];
    target.samples.push(...r.samples);
  }
}
