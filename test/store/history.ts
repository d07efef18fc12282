/**
 * Stored histories for the export, merge and prune tests, built with createRun + completeRun (no
 * browser): deterministic samples with every bit of a float64 in use, several sessions per result.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { Store } from '../../src/store/store.js';
import { summarize } from '../../src/core/summarize.js';
import type { Environment, MetricResult, Run } from '../../src/model/types.js';
import { testEnvironment } from '../helpers.js';
import { mulberry32 } from '../../src/suite/prng.js';
import { plainBytes } from '../../src/store/samples.js';

export function openStore(path: string, keepHost = false): Store {
  return Store.open(path, summarize, { keepHost });
}

/** A seeded generator (mulberry32), so every run of the tests stores the same samples. */
export const random = mulberry32;

export interface RunSpec {
  branch?: string | null;
  commit?: string;
  label?: string | null;
  options?: Record<string, unknown>;
  environment?: Partial<Environment>;
  benchmarks?: string[];
  /** Sessions per result, each of `perSession` samples. */
  sessions?: number;
  perSession?: number;
  seed?: number;
  /** Samples to store as they are for the first benchmark's time (special values). */
  samples?: number[];
  status?: 'complete' | 'failed';
}

const suiteOf = (id: string) => id.split('/')[0]!;

/** Stores one run; its results are a `time` metric per benchmark (rounds) and a counter. */
export function storeRun(store: Store, spec: RunSpec = {}): Run {
  const benchmarks = spec.benchmarks ?? ['smoke/a', 'smoke/b'];
  const run = store.createRun({
    git: { commit: spec.commit ?? 'c0ffee', branch: spec.branch === undefined ? 'main' : spec.branch, dirty: false },
    label: spec.label ?? null,
    suites: [...new Set(benchmarks.map(suiteOf))],
    options: spec.options ?? {},
  });
  if (spec.status === 'failed') {
    store.endRun(run.id, 'failed', 'boom', { environment: testEnvironment(spec.environment), warnings: ['w'] });
    return store.getRun(run.id)!;
  }
  const rnd = random(spec.seed ?? run.id);
  const sessions = spec.sessions ?? 4;
  const perSession = spec.perSession ?? 5;
  const results: MetricResult[] = benchmarks.flatMap((id, i) => {
    const samples =
      i === 0 && spec.samples
        ? spec.samples
        : Array.from({ length: sessions * perSession }, () => 0.5 + rnd() * (1 + i));
    const time: MetricResult = {
      benchmarkId: id,
      metric: 'time',
      unit: 'ms',
      direction: 'lower',
      kind: 'time',
      samples,
      innerIterations: 10,
    };
    if (!(i === 0 && spec.samples)) time.rounds = Array.from({ length: sessions }, () => perSession);
    return [
      time,
      {
        benchmarkId: id,
        metric: 'ops',
        unit: 'count',
        direction: 'lower',
        kind: 'counter',
        samples: [7 + i],
        innerIterations: 1,
      },
    ];
  });
  store.completeRun(run.id, {
    environment: testEnvironment(spec.environment),
    benchmarks: benchmarks.map((id) => ({ id, suite: suiteOf(id), name: id.split('/')[1]!, params: {} })),
    statuses: benchmarks.map((id, i) => ({ benchmarkId: id, ok: true, durationMs: 10 + i + rnd() })),
    results,
    warnings: [`warning of run ${run.id}`],
  });
  return store.getRun(run.id)!;
}

/**
 * sha256 over every result's sample bits (as float64, whatever layout its BLOB has, store/samples.ts),
 * in the order of run uuid, benchmark id and metric.
 */
export function samplesChecksum(db: Database.Database): string {
  const h = createHash('sha256');
  const rows = db
    .prepare(
      `SELECT ru.uuid, b.key, r.metric, r.samples FROM results r JOIN runs ru ON ru.id = r.run_id ` +
        `JOIN benchmarks b ON b.id = r.benchmark_id ORDER BY ru.uuid, b.key, r.metric`,
    )
    .all() as Array<{ uuid: string; key: string; metric: string; samples: Buffer }>;
  for (const r of rows) {
    const bits = plainBytes(r.samples);
    h.update(`${r.uuid} ${r.key} ${r.metric} ${bits.length}\n`).update(bits);
  }
  return h.digest('hex');
}

export function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
