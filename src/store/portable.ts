/**
 * A run as one self-contained value, for moving history between stores (`export`, `import`,
 * `merge`): the run row, its benchmarks and statuses, its results with their raw samples exactly
 * as stored (the float64 BLOB), and the baselines that name it. Local row ids stay behind; a run is
 * known everywhere by its uuid, so importing it twice is a no-op.
 *
 * Reading works on any database this jepsh-bench can open, also an older schema opened read-only
 * (the inputs of `merge` are never migrated): missing columns read as their later default.
 */
import type Database from 'better-sqlite3';
import type { Environment, GitInfo, Params, RunStatus } from '../model/types.js';
import type { RunRow, Store } from './store.js';
import { exportedHost } from './host.js';
import type { ResultRow } from './result-rows.js';
import { decodeSamples, encodeBytes, plainBytes } from './samples.js';

type Db = Database.Database;

/** The environment columns as stored: each may be null (a failed run records what it learned). */
export type StoredEnvironment = { [K in keyof Environment]: Environment[K] | null };

export interface RecordBenchmark {
  id: string;
  suite: string;
  name: string;
  params: Params;
  /** This run's status of the benchmark; null when the run has results for it but no status row. */
  status: 'ok' | 'error' | null;
  error: string | null;
  durationMs: number | null;
}

export interface RecordResult {
  benchmarkId: string;
  metric: string;
  unit: string;
  direction: 'lower' | 'higher';
  kind: 'time' | 'counter' | 'gauge';
  innerIterations: number;
  /** Little-endian float64, byte for byte as stored. */
  samples: Buffer;
  rounds: number[] | null;
  /** The stored summary (JSON), kept as it is: a pruned result cannot recompute it. */
  summary: unknown;
  pruned: boolean;
}

export interface RunRecord {
  uuid: string;
  startedAt: string;
  endedAt: string | null;
  status: Exclude<RunStatus, 'running'>;
  git: GitInfo;
  label: string | null;
  suites: string[];
  options: Record<string, unknown>;
  environment: StoredEnvironment;
  warnings: string[];
  error: string | null;
  pid: number | null;
  /** Salted hash of the host (store/host.ts), never the name. */
  host: string | null;
  benchmarks: RecordBenchmark[];
  results: RecordResult[];
  baselines: Array<{ name: string; createdAt: string }>;
}

export interface RecordFilter {
  /** ISO time: runs started at or after it. */
  since?: string;
  branch?: string;
  /** The newest N runs (after the other filters). */
  last?: number;
}

/**
 * Ids of the runs to export, oldest first. Runs still `running` are left out: they are not
 * history yet, and another machine could never reap them.
 */
export function recordIds(db: Db, filter: RecordFilter = {}): number[] {
  const where = [`status <> 'running'`];
  const args: unknown[] = [];
  if (filter.since !== undefined) {
    where.push('started_at >= ?');
    args.push(filter.since);
  }
  if (filter.branch !== undefined) {
    where.push('git_branch = ?');
    args.push(filter.branch);
  }
  const limit = filter.last === undefined ? -1 : filter.last;
  const rows = db
    .prepare(`SELECT id FROM runs WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`)
    .all(...args, limit) as Array<{ id: number }>;
  return rows.map((r) => r.id).reverse();
}

/** The columns of a run as exported: everything but the local id. */
type RunColumns = Omit<RunRow, 'id'>;

/** One run as a record; `salt` hashes a host name stored in clear (store/host.ts). */
export function readRunRecord(db: Db, id: number, salt: string): RunRecord {
  const r = db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as RunColumns | undefined;
  if (!r) throw new Error(`no run ${id}`);
  if (r.status === 'running') throw new Error(`run ${id} is still running`);
  const benchmarks = db
    .prepare(
      `SELECT b.key, b.suite, b.name, b.params, rb.status, rb.error, rb.duration_ms FROM benchmarks b
       LEFT JOIN run_benchmarks rb ON rb.benchmark_id = b.id AND rb.run_id = ?
       WHERE b.id IN (SELECT benchmark_id FROM run_benchmarks WHERE run_id = ?
                      UNION SELECT benchmark_id FROM results WHERE run_id = ?)
       ORDER BY b.key`,
    )
    .all(id, id, id) as Array<{
    key: string;
    suite: string;
    name: string;
    params: string;
    status: 'ok' | 'error' | null;
    error: string | null;
    duration_ms: number | null;
  }>;
  // r.* rather than named columns: `rounds` (migration 2) and `pruned` (4) are absent from older inputs.
  const results = db
    .prepare(
      'SELECT b.key, r.* FROM results r JOIN benchmarks b ON b.id = r.benchmark_id ' +
        'WHERE r.run_id = ? ORDER BY b.key, r.metric',
    )
    .all(id) as Array<
    Omit<ResultRow, 'benchmark_id' | 'rounds' | 'pruned'> & Partial<Pick<ResultRow, 'rounds' | 'pruned'>>
  >;
  const baselines = db
    .prepare(`SELECT name, created_at FROM baselines WHERE run_id = ? ORDER BY name`)
    .all(id) as Array<{ name: string; created_at: string }>;
  return {
    uuid: r.uuid,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    status: r.status,
    git: { commit: r.git_commit, branch: r.git_branch, dirty: r.git_dirty === null ? null : r.git_dirty === 1 },
    label: r.label,
    suites: JSON.parse(r.suites) as string[],
    options: JSON.parse(r.options) as Record<string, unknown>,
    environment: {
      browserVersion: r.browser_version,
      userAgent: r.user_agent,
      os: r.os,
      cpuModel: r.cpu_model,
      cpuCores: r.cpu_cores,
      nodeVersion: r.node_version,
      harnessVersion: r.harness_version,
      launchFlags: r.launch_flags === null ? null : (JSON.parse(r.launch_flags) as string[]),
      timerResolutionMs: r.timer_resolution_ms,
      crossOriginIsolated: r.cross_origin_isolated === null ? null : r.cross_origin_isolated === 1,
    },
    warnings: JSON.parse(r.warnings) as string[],
    error: r.error,
    pid: r.pid,
    host: exportedHost(r.hostname, salt),
    benchmarks: benchmarks.map((b) => ({
      id: b.key,
      suite: b.suite,
      name: b.name,
      params: JSON.parse(b.params) as Params,
      status: b.status,
      error: b.error,
      durationMs: b.duration_ms,
    })),
    results: results.map((x) => ({
      benchmarkId: x.key,
      metric: x.metric,
      unit: x.unit,
      direction: x.direction,
      kind: x.kind,
      innerIterations: x.inner_iterations,
      // The export format is plain float64 whatever layout this store keeps (store/samples.ts).
      samples: Buffer.from(plainBytes(x.samples)),
      rounds: x.rounds ? (JSON.parse(x.rounds) as number[]) : null,
      summary: JSON.parse(x.summary) as unknown,
      pruned: x.pruned === 1,
    })),
    baselines: baselines.map((b) => ({ name: b.name, createdAt: b.created_at })),
  };
}

/**
 * The run a uuid already lives in: itself, or the run its shards were merged into
 * (`options.mergedFrom`, core/merge.ts), so a merged shard is not imported again. Null if new.
 */
export function runHolding(db: Db, uuid: string): number | null {
  const row = db
    .prepare(
      `SELECT id FROM runs WHERE uuid = ?
       UNION ALL SELECT runs.id FROM runs, json_each(runs.options, '$.mergedFrom') AS m WHERE m.value = ? LIMIT 1`,
    )
    .get(uuid, uuid) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Inserts a record as a new run (call inside Store.transaction); returns its id. Checks what SQLite cannot. */
export function insertRunRecord(store: Store, record: RunRecord): number {
  const db = store.db;
  const env = record.environment;
  const info = db
    .prepare(
      `INSERT INTO runs (uuid, started_at, ended_at, status, git_commit, git_branch, git_dirty, label, suites, options,
         browser_version, user_agent, os, cpu_model, cpu_cores, node_version, harness_version, launch_flags,
         timer_resolution_ms, cross_origin_isolated, warnings, error, pid, hostname)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      record.uuid,
      record.startedAt,
      record.endedAt,
      record.status,
      record.git.commit,
      record.git.branch,
      record.git.dirty === null ? null : record.git.dirty ? 1 : 0,
      record.label,
      JSON.stringify(record.suites),
      JSON.stringify(record.options),
      env.browserVersion,
      env.userAgent,
      env.os,
      env.cpuModel,
      env.cpuCores,
      env.nodeVersion,
      env.harnessVersion,
      env.launchFlags === null ? null : JSON.stringify(env.launchFlags),
      env.timerResolutionMs,
      env.crossOriginIsolated === null ? null : env.crossOriginIsolated ? 1 : 0,
      JSON.stringify(record.warnings),
      record.error,
      record.pid,
      record.host,
    );
  const runId = Number(info.lastInsertRowid);
  const ids = new Map(
    record.benchmarks.map((b) => [
      b.id,
      store.benchmarkRowId({ id: b.id, suite: b.suite, name: b.name, params: b.params }),
    ]),
  );
  const idOf = (key: string): number => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`run ${record.uuid}: a result of ${key}, which is not among its benchmarks`);
    return id;
  };
  const status = db.prepare(
    `INSERT INTO run_benchmarks (run_id, benchmark_id, status, error, duration_ms) VALUES (?, ?, ?, ?, ?)`,
  );
  for (const b of record.benchmarks)
    if (b.status !== null) status.run(runId, idOf(b.id), b.status, b.error, b.durationMs);
  const result = db.prepare(
    'INSERT INTO results (run_id, benchmark_id, metric, unit, direction, kind, samples, inner_iterations, summary, ' +
      'rounds, pruned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of record.results) {
    const n = r.samples.length / 8;
    if (!Number.isInteger(n) || n === 0)
      throw new Error(
        `run ${record.uuid}: ${r.benchmarkId} ${r.metric} has ${r.samples.length} bytes of samples, ` +
          'not a positive multiple of 8',
      );
    if (r.rounds && r.rounds.reduce((a, b) => a + b, 0) !== n)
      throw new Error(`run ${record.uuid}: rounds of ${r.benchmarkId} ${r.metric} do not add up to its ${n} samples`);
    const samples = decodeSamples(r.samples);
    result.run(
      runId,
      idOf(r.benchmarkId),
      r.metric,
      r.unit,
      r.direction,
      r.kind,
      encodeBytes(r.samples),
      r.innerIterations,
      JSON.stringify(r.summary),
      r.rounds ? JSON.stringify(r.rounds) : null,
      r.pruned ? 1 : 0,
    );
    store.addSummary(runId, idOf(r.benchmarkId), { ...r, samples, rounds: r.rounds ?? undefined }, r.summary);
  }
  return runId;
}

/**
 * Sets the baselines a record carries on `runId`: a free name, or one set earlier than the
 * record's (the newest naming wins, as if both had been set in one store). Returns how many changed.
 */
export function applyBaselines(db: Db, runId: number, baselines: RunRecord['baselines']): number {
  const current = db.prepare(`SELECT run_id, created_at FROM baselines WHERE name = ?`);
  const upsert = db.prepare(
    'INSERT INTO baselines (name, run_id, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET ' +
      'run_id = excluded.run_id, created_at = excluded.created_at',
  );
  let changed = 0;
  for (const b of baselines) {
    const had = current.get(b.name) as { run_id: number; created_at: string } | undefined;
    if (had && (had.run_id === runId || had.created_at >= b.createdAt)) continue;
    upsert.run(b.name, runId, b.createdAt);
    changed++;
  }
  return changed;
}

export interface ImportCount {
  imported: number;
  /** Already in the store (the same uuid, or merged into a run there). */
  skipped: number;
  /** Baselines set or moved by imported names. */
  baselines: number;
}

export function emptyCount(): ImportCount {
  return { imported: 0, skipped: 0, baselines: 0 };
}

/** Imports one run in one transaction, unless the store holds it already; its baselines either way. */
export function importRunRecord(store: Store, record: RunRecord, count: ImportCount): void {
  importRun(store, record.uuid, record.baselines, () => record, count);
}

/**
 * Imports run `id` of another database (`merge`). Its samples are read only when the store lacks
 * the run: inputs that share a long history (each CI shard restores it) cost little to merge.
 */
export function copyRun(store: Store, from: Db, id: number, salt: string, count: ImportCount): void {
  const { uuid } = from.prepare(`SELECT uuid FROM runs WHERE id = ?`).get(id) as { uuid: string };
  const baselines = (
    from.prepare(`SELECT name, created_at FROM baselines WHERE run_id = ? ORDER BY name`).all(id) as Array<{
      name: string;
      created_at: string;
    }>
  ).map((b) => ({ name: b.name, createdAt: b.created_at }));
  importRun(store, uuid, baselines, () => readRunRecord(from, id, salt), count);
}

function importRun(
  store: Store,
  uuid: string,
  baselines: RunRecord['baselines'],
  load: () => RunRecord,
  count: ImportCount,
): void {
  store.transaction(`could not import run ${uuid}`, () => {
    const held = runHolding(store.db, uuid);
    const runId = held ?? insertRunRecord(store, load());
    if (held === null) count.imported++;
    else count.skipped++;
    count.baselines += applyBaselines(store.db, runId, baselines);
  });
}
