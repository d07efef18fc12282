/**
 * `prune --keep-samples N`: applies the retention of store/retention.ts to a store. The results of
 * older runs get one value per session (store/retention.ts) in place of their samples and `pruned = 1`; their summary
 * is not touched. Then VACUUM, because SQLite only reuses freed pages and never gives them back to
 * the file system by itself.
 */
import { statSync } from 'node:fs';
import type { Store } from './store.js';
import { decodeSamples, encodeSamples } from './samples.js';
import { runsToPrune, toSessionValues } from './retention.js';
import type { MetricKind } from '../model/types.js';

export interface PruneOutcome {
  /** Runs with at least one result reduced. */
  runs: number;
  results: number;
  /** Bytes of the reduced results' samples, before and after. */
  sampleBytesBefore: number;
  sampleBytesAfter: number;
  /** Size of the database file (with its WAL), before and after VACUUM; after is null on a dry run. */
  fileBytesBefore: number;
  fileBytesAfter: number | null;
}

function fileBytes(path: string): number {
  const size = (p: string) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  return size(path) + size(`${path}-wal`);
}

export function pruneSamples(store: Store, keep: number, opts: { dryRun?: boolean } = {}): PruneOutcome {
  const db = store.db;
  // Fold the WAL in first, so the sizes compare the database and not the journal of past writes.
  if (!opts.dryRun) db.pragma('wal_checkpoint(TRUNCATE)');
  const fileBytesBefore = fileBytes(store.path);
  const runs = db.prepare(`SELECT id, git_branch AS branch FROM runs WHERE status = 'complete'`).all() as Array<{
    id: number;
    branch: string | null;
  }>;
  const pinned = new Set(
    (db.prepare(`SELECT run_id FROM baselines`).all() as Array<{ run_id: number }>).map((b) => b.run_id),
  );
  const ids = runsToPrune(runs, keep, pinned);
  const select = db.prepare(
    `SELECT benchmark_id, metric, kind, samples, rounds FROM results WHERE run_id = ? AND pruned = 0`,
  );
  const update = db.prepare(
    `UPDATE results SET samples = ?, rounds = ?, pruned = 1 WHERE run_id = ? AND benchmark_id = ? AND metric = ?`,
  );
  const outcome: PruneOutcome = {
    runs: 0,
    results: 0,
    sampleBytesBefore: 0,
    sampleBytesAfter: 0,
    fileBytesBefore,
    fileBytesAfter: null,
  };
  const work = () => {
    for (const runId of ids) {
      let reduced = 0;
      for (const r of select.all(runId) as Array<{
        benchmark_id: number;
        metric: string;
        kind: MetricKind;
        samples: Buffer;
        rounds: string | null;
      }>) {
        const to = toSessionValues(
          decodeSamples(r.samples),
          r.rounds === null ? null : (JSON.parse(r.rounds) as number[]),
          r.kind,
        );
        if (!to) continue;
        const blob = encodeSamples(to.samples);
        outcome.sampleBytesBefore += r.samples.length;
        outcome.sampleBytesAfter += blob.length;
        reduced++;
        if (!opts.dryRun) update.run(blob, JSON.stringify(to.rounds), runId, r.benchmark_id, r.metric);
      }
      outcome.results += reduced;
      if (reduced > 0) outcome.runs++;
    }
  };
  if (opts.dryRun) {
    work();
    return outcome;
  }
  store.transaction('could not prune samples', work);
  store.vacuum();
  outcome.fileBytesAfter = fileBytes(store.path);
  return outcome;
}
