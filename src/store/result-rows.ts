/** A row of `results` with its benchmark's key, and the result it holds: read by the store and by migration 6. */
import type { Summary } from '../model/types.js';
import { decodeSamples } from './samples.js';
import type { StoredResult } from './store.js';

export interface ResultRow {
  benchmark_id: number;
  key: string;
  metric: string;
  unit: string;
  direction: 'lower' | 'higher';
  kind: 'time' | 'counter' | 'gauge';
  samples: Buffer;
  inner_iterations: number;
  summary: string;
  rounds: string | null;
  pruned: number;
}

export const RESULT_SELECT =
  'SELECT r.benchmark_id, b.key, r.metric, r.unit, r.direction, r.kind, r.samples, r.inner_iterations, ' +
  'r.summary, r.rounds, r.pruned FROM results r JOIN benchmarks b ON b.id = r.benchmark_id';

export function rowToResult(r: ResultRow): StoredResult {
  const result: StoredResult = {
    benchmarkId: r.key,
    metric: r.metric,
    unit: r.unit,
    direction: r.direction,
    kind: r.kind,
    samples: decodeSamples(r.samples),
    innerIterations: r.inner_iterations,
    summary: JSON.parse(r.summary) as Summary,
  };
  if (r.rounds !== null) result.rounds = JSON.parse(r.rounds) as number[];
  if (r.pruned === 1) result.pruned = true;
  return result;
}
