/**
 * How long each benchmark took in recent runs: the weights of `--shard`'s split (core/shard.ts).
 * The median over the last complete runs, so one slow run does not move a benchmark to another shard.
 */
import type Database from 'better-sqlite3';

/** Median stored duration (ms, all sessions of a run together) per benchmark id over the last `runs` complete runs. */
export function recentDurations(db: Database.Database, runs = 10): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT b.key AS id, rb.duration_ms AS ms FROM run_benchmarks rb JOIN benchmarks b ON b.id = rb.benchmark_id
       WHERE rb.duration_ms IS NOT NULL
         AND rb.run_id IN (SELECT id FROM runs WHERE status = 'complete' ORDER BY id DESC LIMIT ?)`,
    )
    .all(runs) as Array<{ id: string; ms: number }>;
  const by = new Map<string, number[]>();
  for (const r of rows) {
    const list = by.get(r.id) ?? [];
    list.push(r.ms);
    by.set(r.id, list);
  }
  const out = new Map<string, number>();
  for (const [id, list] of by) {
    list.sort((a, b) => a - b);
    const mid = list.length >> 1;
    out.set(id, list.length % 2 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2);
  }
  return out;
}
