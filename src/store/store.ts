/**
 * The SQLite store (better-sqlite3): one file holds every run, its environment and raw samples.
 * WAL mode so readers (report, show) never block a writer; a busy timeout for concurrent CLIs.
 * A run is written in two steps: a `running` row when it starts, then all of its results and the
 * `complete` status in ONE transaction, so a crash leaves a run without results, never half of them.
 * Runs left `running` by a process that no longer exists are marked `aborted` on the next open
 * (pid + host; the host is a salted hash unless `run --keep-host`, store/host.ts).
 * Faults of the machine while writing (disk full, I/O error, a lock held past the busy timeout)
 * become one-line EnvironmentErrors (exit 3) through `write` and `commitRuns` (faults.ts).
 */
import { existsSync, mkdirSync, openSync, readSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type {
  BenchmarkId,
  BenchmarkInfo,
  Environment,
  GitInfo,
  MetricResult,
  Run,
  RunStatus,
  RunWithResults,
  Summary,
} from '../model/types.js';
import { EnvironmentError, UsageError, errorMessage } from '../model/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { encodeSamples } from './samples.js';
import { RESULT_SELECT, rowToResult, type ResultRow } from './result-rows.js';
import { resultSummary, type ResultSummary, type SummarySource } from './result-summary.js';
import {
  backfillSummaries,
  insertSummary,
  runSummaries,
  seriesMedians,
  seriesSummaries,
  summaryKeys,
  type HistoryWindow,
  type MedianPoint,
  type SeriesKey,
} from './summaries.js';
import { faultReason, isStoreFault, toEnvironmentError, type FaultContext } from './faults.js';
import { hostForms, hostSalt, recordedHost } from './host.js';

type Db = Database.Database;

/**
 * Data a migration derives in code (SQL cannot decode a sample blob), run in the migration's own
 * transaction: a store is at version 6 with every summary, or at 5 with none.
 */
const BACKFILLS: ReadonlyMap<number, (db: Db) => unknown> = new Map([[6, backfillSummaries]]);

/** How long a write waits for another process's lock before it fails (SQLITE_BUSY). */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface StoreOptions {
  /** Default DEFAULT_BUSY_TIMEOUT_MS; tests of a locked store inject a short one. */
  busyTimeoutMs?: number;
  /** `run --keep-host`: runs record the host name in clear instead of its salted hash (store/host.ts). */
  keepHost?: boolean;
}

export interface NewRun {
  git: GitInfo;
  label: string | null;
  suites: string[];
  options: Record<string, unknown>;
}

export interface BenchmarkStatus {
  benchmarkId: BenchmarkId;
  ok: boolean;
  error?: string;
  durationMs: number;
}

export interface CompletedRun {
  environment: Environment;
  benchmarks: BenchmarkInfo[];
  statuses: BenchmarkStatus[];
  results: MetricResult[];
  warnings: string[];
}

export interface RunFilter {
  limit?: number;
  status?: RunStatus;
  branch?: string;
}

export interface BaselineRow {
  name: string;
  runId: number;
  createdAt: string;
}

/** A run's pinned reference: the revision as given, its commit (null for a folder) and the reference side's run. */
/**
 * A regressed benchmark's CPU profile (check --profile-regressions): the .cpuprofile file of each
 * side, and the functions worth showing without opening them (with two sides, the largest
 * increases of self time per operation; with one, the most self time).
 */
export interface StoredProfile {
  runId: number;
  benchmarkId: string;
  files: Array<{ side: string; path: string }>;
  top: Array<{ name: string; location: string; value: number; unit: 'µs/op' | 'ms' }>;
}

export interface RunReference {
  rev: string;
  commit: string | null;
  runId: number;
}

export interface StoredResult extends MetricResult {
  summary: Summary;
  /**
   * `prune` replaced the raw samples by one value per session (rounds all 1): histories and
   * reference ratios read the same, but sample-level statistics cannot be made from it any more.
   */
  pruned?: true;
}

/** A row of `runs` as SQLite returns it (`SELECT *`). */
export interface RunRow {
  id: number;
  uuid: string;
  started_at: string;
  ended_at: string | null;
  status: RunStatus;
  git_commit: string | null;
  git_branch: string | null;
  git_dirty: number | null;
  label: string | null;
  suites: string;
  options: string;
  browser_version: string | null;
  user_agent: string | null;
  os: string | null;
  cpu_model: string | null;
  cpu_cores: number | null;
  node_version: string | null;
  harness_version: string | null;
  launch_flags: string | null;
  timer_resolution_ms: number | null;
  cross_origin_isolated: number | null;
  warnings: string;
  error: string | null;
  pid: number | null;
  hostname: string | null;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** A non-empty file that is not SQLite is refused before better-sqlite3 could touch it. */
function assertSqliteFile(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n === 0) return;
    if (n < 16 || head.toString('latin1') !== SQLITE_MAGIC)
      throw new UsageError(`${path} is not a SQLite database; pass another --db FILE`);
  } finally {
    closeSync(fd);
  }
}

function rowToRun(r: RunRow): Run {
  const environment: Environment | null =
    r.browser_version === null
      ? null
      : {
          browserVersion: r.browser_version,
          userAgent: r.user_agent ?? '',
          os: r.os ?? '',
          cpuModel: r.cpu_model ?? '',
          cpuCores: r.cpu_cores ?? 0,
          nodeVersion: r.node_version ?? '',
          harnessVersion: r.harness_version ?? '',
          launchFlags: JSON.parse(r.launch_flags ?? '[]') as string[],
          timerResolutionMs: r.timer_resolution_ms ?? Number.NaN,
          crossOriginIsolated: r.cross_origin_isolated === 1,
        };
  return {
    id: r.id,
    uuid: r.uuid,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    status: r.status,
    git: { commit: r.git_commit, branch: r.git_branch, dirty: r.git_dirty === null ? null : r.git_dirty === 1 },
    label: r.label,
    environment,
    warnings: JSON.parse(r.warnings) as string[],
    error: r.error,
    suites: JSON.parse(r.suites) as string[],
  };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Store {
  private constructor(
    readonly db: Db,
    readonly path: string,
    private readonly summarize: (samples: number[]) => Summary,
    private readonly busyTimeoutMs: number,
    private readonly keepHost: boolean,
  ) {}

  private get faultContext(): FaultContext {
    return { path: this.path, busyTimeoutMs: this.busyTimeoutMs };
  }

  /** Runs one write; a fault of the machine becomes an EnvironmentError "doing: reason; consequence". */
  private write<T>(doing: string, consequence: string | undefined, fn: () => T): T {
    const started = Date.now();
    try {
      return fn();
    } catch (e) {
      if (isStoreFault(e))
        throw toEnvironmentError(doing, e, { ...this.faultContext, waitedMs: Date.now() - started }, consequence);
      throw e;
    }
  }

  /**
   * One write transaction of another store module (import, merge, prune), IMMEDIATE like commitRuns:
   * all of it or nothing, and a fault of the machine becomes an EnvironmentError "doing: reason".
   */
  transaction<T>(doing: string, fn: () => T): T {
    return this.write(doing, 'nothing of it was written', () => this.db.transaction(fn).immediate());
  }

  /**
   * Rebuilds the file without its free pages and folds the WAL into it (after `prune`). VACUUM needs
   * every other connection to stay out of the way for a moment; a lock past the busy timeout is an
   * EnvironmentError (what was written before stays written).
   */
  vacuum(): void {
    this.write(
      'could not VACUUM the database',
      'the pruned samples are gone but the file keeps its size until the next prune',
      () => {
        this.db.exec('VACUUM');
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      },
    );
  }

  /**
   * Opens (creating if needed) and migrates the database. `summarize` computes the summary stored
   * beside raw samples (raw samples stay the source of truth; summaries are a cache for listings).
   */
  static open(path: string, summarize: (samples: number[]) => Summary, options: StoreOptions = {}): Store {
    assertSqliteFile(path);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    let db: Db;
    try {
      // The busy timeout is set by the constructor, so it already covers switching to WAL below.
      db = new Database(path, { timeout: busyTimeoutMs });
    } catch (e) {
      throw new UsageError(`cannot open database ${path}: ${errorMessage(e)}`);
    }
    const opened = Date.now();
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new UsageError(
          `database ${path} has schema version ${version}, newer than this jepsh-bench understands ` +
            `(${SCHEMA_VERSION}); upgrade jepsh-bench or use another --db`,
        );
      }
      // Switching a new file to WAL can fail with SQLITE_BUSY at once, without the busy handler,
      // while another process creates the same store: retried until the busy timeout.
      for (const started = Date.now(); ;) {
        try {
          db.pragma('journal_mode = WAL');
          break;
        } catch (e) {
          if (!String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY') || Date.now() - started > busyTimeoutMs)
            throw e;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        }
      }
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = NORMAL');
      Store.migrate(db);
    } catch (e) {
      // Locked or full while creating or migrating: the machine's fault, not a bad --db.
      const fault = isStoreFault(e)
        ? toEnvironmentError(`cannot use database ${path}`, e, { path, busyTimeoutMs, waitedMs: Date.now() - opened })
        : null;
      db.close();
      if (fault) throw fault;
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot use database ${path}: ${errorMessage(e)}`);
    }
    const store = new Store(db, path, summarize, busyTimeoutMs, options.keepHost === true);
    store.reapStaleRuns();
    return store;
  }

  /**
   * Each migration and its version bump commit together, so a crash never skips or repeats one.
   * IMMEDIATE, and the version read again under the write lock: two processes opening a new store
   * at once (two CI jobs) otherwise race. A deferred transaction that reads the schema and then
   * writes fails at once with SQLITE_BUSY, without waiting, when the other process committed in
   * between; and a version read before the lock would apply a migration the other already did.
   */
  private static migrate(db: Db): void {
    const step = db.transaction((): boolean => {
      const v = db.pragma('user_version', { simple: true }) as number;
      if (v >= MIGRATIONS.length) return false;
      db.exec(MIGRATIONS[v]!);
      BACKFILLS.get(v + 1)?.(db);
      db.pragma(`user_version = ${v + 1}`);
      return true;
    });
    // An up-to-date store takes no write lock: opening it to read must work while a run writes.
    if ((db.pragma('user_version', { simple: true }) as number) >= MIGRATIONS.length) return;
    while (step.immediate()) {
      /* one migration per transaction */
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  /** The random salt of this database's host hashes (migration 3). */
  private get hostSalt(): string {
    const salt = hostSalt(this.db);
    if (salt === null) throw new Error(`database ${this.path} has no host salt; it was not migrated`);
    return salt;
  }

  /**
   * Marks runs left `running` by a dead process on this host as aborted. Housekeeping, so a store
   * that cannot be written right now (locked, full, read-only) stays readable: the runs are reaped
   * by a later open instead. The host is compared as stored: hashed, or in clear (store/host.ts).
   */
  reapStaleRuns(): number {
    const mine = hostForms(this.hostSalt, hostname());
    const rows = this.db.prepare(`SELECT id, pid, hostname FROM runs WHERE status = 'running'`).all() as Array<{
      id: number;
      pid: number | null;
      hostname: string | null;
    }>;
    let reaped = 0;
    const mark = this.db.prepare(
      `UPDATE runs SET status = 'aborted', ended_at = ?, error = ? WHERE id = ? AND status = 'running'`,
    );
    for (const r of rows) {
      if (
        r.hostname !== null &&
        mine.has(r.hostname) &&
        r.pid !== null &&
        r.pid !== process.pid &&
        !isProcessAlive(r.pid)
      ) {
        try {
          mark.run(new Date().toISOString(), `process ${r.pid} ended without finishing the run`, r.id);
        } catch (e) {
          if (isStoreFault(e)) return reaped;
          throw e;
        }
        reaped++;
      }
    }
    return reaped;
  }

  /** Records a `running` run; it is the first write of a run, before anything is measured. */
  createRun(meta: NewRun): Run {
    const uuid = randomUUID();
    const startedAt = new Date().toISOString();
    const insert = this.db.prepare(
      `INSERT INTO runs (uuid, started_at, status, git_commit, git_branch, git_dirty, label, suites, options, pid,
         hostname)
       VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const args = [
      uuid,
      startedAt,
      meta.git.commit,
      meta.git.branch,
      meta.git.dirty === null ? null : meta.git.dirty ? 1 : 0,
      meta.label,
      JSON.stringify(meta.suites),
      JSON.stringify(meta.options),
      process.pid,
      recordedHost(this.hostSalt, hostname(), this.keepHost),
    ];
    const info = this.write('could not start the run', 'nothing was measured', () => insert.run(...args));
    return this.getRun(Number(info.lastInsertRowid))!;
  }

  /** The row of a benchmark id, inserted on first use (also by store/portable.ts). */
  benchmarkRowId(b: BenchmarkInfo): number {
    this.db
      .prepare(`INSERT INTO benchmarks (key, suite, name, params) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`)
      .run(b.id, b.suite, b.name, JSON.stringify(b.params));
    return (this.db.prepare(`SELECT id FROM benchmarks WHERE key = ?`).get(b.id) as { id: number }).id;
  }

  /**
   * Stores the summary row of a result another store module wrote (import). A pooled summary that
   * is not one (a hand-edited export file) is computed again from the samples rather than trusted.
   */
  addSummary(runId: number, benchmarkRowId: number, source: SummarySource, pooled: unknown): void {
    const p = pooled as Partial<Summary> | null;
    const usable = typeof p === 'object' && p !== null && typeof p.n === 'number' && typeof p.outliers === 'number';
    const summary = usable ? (p as Summary) : this.summarize([...source.samples]);
    insertSummary(this.db, runId, benchmarkRowId, resultSummary(source, summary));
  }

  /**
   * Writes every result and marks the run complete, all in one transaction. If the machine fails
   * the write, the run is marked failed instead (see commitRuns).
   */
  completeRun(runId: number, done: CompletedRun): void {
    this.commitRuns([[runId, done]]);
  }

  /**
   * Completes several runs in one transaction: the two sides of an A/B are stored together or
   * not at all.
   */
  completeRuns(runs: ReadonlyArray<readonly [number, CompletedRun]>): void {
    this.commitRuns(runs);
  }

  /**
   * The one commit of results. An invalid result throws as it is and leaves the runs running (the
   * caller ends them). A fault of the machine (disk full, I/O error, lock) rolls everything back,
   * marks the runs failed and throws an EnvironmentError saying so; when even that write fails, the
   * runs stay `running` and the next open marks them aborted (reapStaleRuns).
   */
  private commitRuns(runs: ReadonlyArray<readonly [number, CompletedRun]>): void {
    const started = Date.now();
    try {
      // IMMEDIATE takes the write lock first, under the busy timeout, instead of upgrading a read
      // halfway through the transaction (which can fail at once with SQLITE_BUSY).
      this.db
        .transaction(() => {
          for (const [id, done] of runs) this.writeResults(id, done);
        })
        .immediate();
    } catch (e) {
      if (!isStoreFault(e)) throw e;
      const ctx = { ...this.faultContext, waitedMs: Date.now() - started };
      const reason = `could not store the results: ${faultReason(e, ctx)}`;
      const one = runs.length === 1;
      const marked = this.markCommitFailed(runs, reason);
      throw new EnvironmentError(
        marked
          ? `${reason}; ${one ? 'the run is' : 'the runs are'} marked failed, no results were written`
          : `${reason}; the database is unchanged apart from ` +
              `${one ? 'the run row, left as running (it is' : 'the run rows, left as running (they are'} ` +
              'marked aborted on the next open)',
      );
    }
  }

  /** After a failed commit: marks its runs failed in one transaction; false if that fails too. */
  private markCommitFailed(runs: ReadonlyArray<readonly [number, CompletedRun]>, reason: string): boolean {
    // better-sqlite3 rolled back (or SQLite did, on SQLITE_FULL / IOERR); if even ROLLBACK failed,
    // writing now would commit the half-written results with the mark, so nothing is written.
    if (this.db.inTransaction) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        return false;
      }
    }
    try {
      this.db
        .transaction(() => {
          for (const [id, done] of runs) this.markEnded(id, 'failed', reason, done);
        })
        .immediate();
      return true;
    } catch (e) {
      if (isStoreFault(e)) return false;
      throw e;
    }
  }

  /** The statements of one completed run, inside commitRuns's transaction. */
  private writeResults(runId: number, done: CompletedRun): void {
    const env = done.environment;
    const insertStatus = this.db.prepare(
      `INSERT INTO run_benchmarks (run_id, benchmark_id, status, error, duration_ms) VALUES (?, ?, ?, ?, ?)`,
    );
    const insertResult = this.db.prepare(
      'INSERT INTO results (run_id, benchmark_id, metric, unit, direction, kind, samples, inner_iterations, summary, ' +
        'rounds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const ids = new Map<string, number>();
    for (const b of done.benchmarks) ids.set(b.id, this.benchmarkRowId(b));
    const idOf = (key: string): number => {
      const id = ids.get(key);
      if (id === undefined) throw new Error(`result for undeclared benchmark ${key}`);
      return id;
    };
    for (const s of done.statuses)
      insertStatus.run(runId, idOf(s.benchmarkId), s.ok ? 'ok' : 'error', s.error ?? null, s.durationMs);
    for (const r of done.results) {
      if (r.samples.length === 0) throw new Error(`no samples for ${r.benchmarkId} ${r.metric}`);
      if (r.rounds && r.rounds.reduce((a, b) => a + b, 0) !== r.samples.length)
        throw new Error(`rounds of ${r.benchmarkId} ${r.metric} do not add up to its samples`);
      const summary = this.summarize(r.samples);
      insertResult.run(
        runId,
        idOf(r.benchmarkId),
        r.metric,
        r.unit,
        r.direction,
        r.kind,
        encodeSamples(r.samples),
        r.innerIterations,
        JSON.stringify(summary),
        r.rounds ? JSON.stringify(r.rounds) : null,
      );
      insertSummary(this.db, runId, idOf(r.benchmarkId), resultSummary(r, summary));
    }
    const changed = this.db
      .prepare(
        `UPDATE runs SET status = 'complete', ended_at = ?, browser_version = ?, user_agent = ?, os = ?, cpu_model = ?,
           cpu_cores = ?, node_version = ?, harness_version = ?, launch_flags = ?, timer_resolution_ms = ?,
           cross_origin_isolated = ?, warnings = ?
         WHERE id = ? AND status = 'running'`,
      )
      .run(
        new Date().toISOString(),
        env.browserVersion,
        env.userAgent,
        env.os,
        env.cpuModel,
        env.cpuCores,
        env.nodeVersion,
        env.harnessVersion,
        JSON.stringify(env.launchFlags),
        env.timerResolutionMs,
        env.crossOriginIsolated ? 1 : 0,
        JSON.stringify(done.warnings),
        runId,
      ).changes;
    if (changed !== 1) throw new Error(`run ${runId} is no longer running; not completing it`);
  }

  /**
   * The other side of an A/B run: runs of one A/B share `options.ab.group`; `options.ab.side`
   * says which side each measured. Null for a run that is not part of an A/B.
   */
  abPeer(runId: number): { run: Run; side: string; peer: Run; peerSide: string } | null {
    type Row = RunRow & { ab_group: string | null; ab_side: string | null };
    const row = this.db
      .prepare(
        "SELECT *, json_extract(options, '$.ab.group') AS ab_group, json_extract(options, '$.ab.side') AS ab_side " +
          'FROM runs WHERE id = ?',
      )
      .get(runId) as Row | undefined;
    if (!row?.ab_group) return null;
    const peer = this.db
      .prepare(
        "SELECT *, json_extract(options, '$.ab.side') AS ab_side FROM runs " +
          "WHERE json_extract(options, '$.ab.group') = ? AND id != ? ORDER BY id LIMIT 1",
      )
      .get(row.ab_group, runId) as Row | undefined;
    if (!peer) return null;
    return { run: rowToRun(row), side: row.ab_side ?? '?', peer: rowToRun(peer), peerSide: peer.ab_side ?? '?' };
  }

  /** The pinned reference a run was measured beside (`run --reference`, options.reference), or null. */
  referenceOf(runId: number): RunReference | null {
    const row = this.db
      .prepare(`SELECT json_extract(options, '$.reference') AS ref FROM runs WHERE id = ?`)
      .get(runId) as { ref: string | null } | undefined;
    return row?.ref ? (JSON.parse(row.ref) as RunReference) : null;
  }

  /**
   * Records a failed or aborted run (no results are kept) with its reason and environment if known.
   * Called while handling another error, which must not be masked: when the machine refuses this
   * write too, it returns false and the run stays `running` until the next open marks it aborted.
   * A run that is no longer running (commitRuns already marked it failed) is left as it is.
   */
  endRun(
    runId: number,
    status: 'failed' | 'aborted',
    error: string,
    partial?: { environment?: Environment | null; warnings?: string[] },
  ): boolean {
    try {
      this.markEnded(runId, status, error, partial);
      return true;
    } catch (e) {
      if (isStoreFault(e)) return false;
      throw e;
    }
  }

  private markEnded(
    runId: number,
    status: 'failed' | 'aborted',
    error: string,
    partial?: { environment?: Environment | null; warnings?: string[] },
  ): void {
    const env = partial?.environment ?? null;
    this.db
      .prepare(
        `UPDATE runs SET status = ?, ended_at = ?, error = ?, warnings = ?,
           browser_version = COALESCE(?, browser_version), user_agent = COALESCE(?, user_agent),
           timer_resolution_ms = COALESCE(?, timer_resolution_ms) WHERE id = ? AND status = 'running'`,
      )
      .run(
        status,
        new Date().toISOString(),
        error,
        JSON.stringify(partial?.warnings ?? []),
        env?.browserVersion ?? null,
        env?.userAgent ?? null,
        env?.timerResolutionMs ?? null,
        runId,
      );
  }

  getRun(id: number): Run | null {
    const row = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as RunRow | undefined;
    return row ? rowToRun(row) : null;
  }

  /**
   * Resolves a run reference: a numeric id, a uuid or uuid prefix (>= 4 chars), `latest`, or a
   * baseline name. Throws a usage error naming the reference when nothing matches.
   */
  resolveRun(ref: string | undefined): Run {
    if (ref === undefined || ref === 'latest') {
      const row = this.db.prepare(`SELECT * FROM runs WHERE status = 'complete' ORDER BY id DESC LIMIT 1`).get() as
        RunRow | undefined;
      if (!row) throw new UsageError(`no complete run in ${this.path}; run "jepsh-bench run" first`);
      return rowToRun(row);
    }
    if (/^\d+$/.test(ref)) {
      const run = this.getRun(Number(ref));
      if (run) return run;
    }
    const baseline = this.getBaseline(ref);
    if (baseline) return this.getRun(baseline.runId)!;
    if (ref.length >= 4) {
      const rows = this.db
        .prepare(`SELECT * FROM runs WHERE uuid LIKE ? ORDER BY id DESC LIMIT 2`)
        .all(`${ref.toLowerCase()}%`) as RunRow[];
      if (rows.length === 1) return rowToRun(rows[0]!);
      if (rows.length > 1) throw new UsageError(`run reference "${ref}" is ambiguous; give more of the uuid`);
    }
    throw new UsageError(
      `no run or baseline "${ref}" in ${this.path} (see "jepsh-bench runs" and "jepsh-bench baseline list")`,
    );
  }

  listRuns(filter: RunFilter = {}): Run[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      args.push(filter.status);
    }
    if (filter.branch) {
      where.push('git_branch = ?');
      args.push(filter.branch);
    }
    const sql = `SELECT * FROM runs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
    args.push(filter.limit ?? 50);
    return (this.db.prepare(sql).all(...args) as RunRow[]).map(rowToRun);
  }

  getBenchmarks(
    runId: number,
  ): Array<BenchmarkInfo & { ok: boolean; error: string | null; durationMs: number | null }> {
    const rows = this.db
      .prepare(
        `SELECT b.key, b.suite, b.name, b.params, rb.status, rb.error, rb.duration_ms
         FROM run_benchmarks rb JOIN benchmarks b ON b.id = rb.benchmark_id
         WHERE rb.run_id = ? ORDER BY b.key`,
      )
      .all(runId) as Array<{
      key: string;
      suite: string;
      name: string;
      params: string;
      status: string;
      error: string | null;
      duration_ms: number | null;
    }>;
    return rows.map((r) => ({
      id: r.key,
      suite: r.suite,
      name: r.name,
      params: JSON.parse(r.params),
      ok: r.status === 'ok',
      error: r.error,
      durationMs: r.duration_ms,
    }));
  }

  getResults(runId: number): StoredResult[] {
    const rows = this.db
      .prepare(`${RESULT_SELECT} WHERE r.run_id = ? ORDER BY b.key, r.metric`)
      .all(runId) as ResultRow[];
    return rows.map(rowToResult);
  }

  getRunWithResults(runId: number): RunWithResults {
    const run = this.getRun(runId);
    if (!run) throw new UsageError(`no run ${runId}`);
    return { ...run, benchmarks: this.getBenchmarks(runId), results: this.getResults(runId) };
  }

  /**
   * Runs by id in one query (a history of 1,000 points reads 1,000 runs: one statement, not 1,000).
   * Ids without a run are absent from the map.
   */
  getRuns(ids: readonly number[]): Map<number, Run> {
    const rows = this.db
      .prepare(`SELECT * FROM runs WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as RunRow[];
    return new Map(rows.map((r) => [r.id, rowToRun(r)]));
  }

  /** The pinned references of these runs (`run --reference`), by run id; runs without one are absent. */
  referencesOf(ids: readonly number[]): Map<number, RunReference> {
    const rows = this.db
      .prepare(
        `SELECT id, json_extract(options, '$.reference') AS ref FROM runs
         WHERE id IN (SELECT value FROM json_each(?)) AND json_extract(options, '$.reference') IS NOT NULL`,
      )
      .all(JSON.stringify(ids)) as Array<{ id: number; ref: string }>;
    return new Map(rows.map((r) => [r.id, JSON.parse(r.ref) as RunReference]));
  }

  /**
   * The summaries of one benchmark and metric in the newest `limit` complete runs, oldest first,
   * without the reference side of `run --reference` (store/summaries.ts). No sample blob is read.
   */
  seriesSummaries(
    benchmarkId: BenchmarkId,
    metric: string,
    window: HistoryWindow,
  ): Array<{ runId: number; result: ResultSummary }> {
    return seriesSummaries(this.db, benchmarkId, metric, window);
  }

  /**
   * seriesSummaries's runs with only the pooled median, its interval and n: what a history drawn
   * as absolute values reads (store/summaries.ts seriesMedians).
   */
  seriesMedians(benchmarkId: BenchmarkId, metric: string, window: HistoryWindow): MedianPoint[] {
    return seriesMedians(this.db, benchmarkId, metric, window);
  }

  /** The summaries of one run's results (no sample blob is read). */
  runSummaries(runId: number): ResultSummary[] {
    return runSummaries(this.db, runId);
  }

  /** Every benchmark id and metric that appears in the newest `limit` complete runs. */
  seriesKeys(limit: number): SeriesKey[] {
    return summaryKeys(this.db, limit);
  }

  setBaseline(name: string, runId: number): void {
    const run = this.getRun(runId);
    if (!run) throw new UsageError(`no run ${runId}`);
    if (run.status !== 'complete')
      throw new UsageError(`run ${runId} is ${run.status}; only a complete run can be a baseline`);
    const upsert = this.db.prepare(
      'INSERT INTO baselines (name, run_id, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET ' +
        'run_id = excluded.run_id, created_at = excluded.created_at',
    );
    this.write(`could not set baseline "${name}"`, undefined, () => upsert.run(name, runId, new Date().toISOString()));
  }

  getBaseline(name: string): BaselineRow | null {
    const r = this.db.prepare(`SELECT name, run_id, created_at FROM baselines WHERE name = ?`).get(name) as
      { name: string; run_id: number; created_at: string } | undefined;
    return r ? { name: r.name, runId: r.run_id, createdAt: r.created_at } : null;
  }

  listBaselines(): BaselineRow[] {
    return (
      this.db.prepare(`SELECT name, run_id, created_at FROM baselines ORDER BY name`).all() as Array<{
        name: string;
        run_id: number;
        created_at: string;
      }>
    ).map((r) => ({
      name: r.name,
      runId: r.run_id,
      createdAt: r.created_at,
    }));
  }

  /** Records the CPU profile of one benchmark of a run (replacing an earlier one). */
  addProfile(p: StoredProfile): void {
    const upsert = this.db.prepare(
      'INSERT INTO profiles (run_id, benchmark_key, files, top) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (run_id, benchmark_key) DO UPDATE SET files = excluded.files, top = excluded.top',
    );
    this.write(`could not record the profile of ${p.benchmarkId}`, undefined, () =>
      upsert.run(p.runId, p.benchmarkId, JSON.stringify(p.files), JSON.stringify(p.top)),
    );
  }

  /** The CPU profiles recorded for a run, by benchmark id. */
  getProfiles(runId: number): StoredProfile[] {
    const rows = this.db
      .prepare('SELECT benchmark_key, files, top FROM profiles WHERE run_id = ? ORDER BY benchmark_key')
      .all(runId) as Array<{ benchmark_key: string; files: string; top: string }>;
    return rows.map((r) => ({
      runId,
      benchmarkId: r.benchmark_key,
      files: JSON.parse(r.files) as StoredProfile['files'],
      top: JSON.parse(r.top) as StoredProfile['top'],
    }));
  }

  removeBaseline(name: string): boolean {
    const remove = this.db.prepare(`DELETE FROM baselines WHERE name = ?`);
    return this.write(`could not remove baseline "${name}"`, undefined, () => remove.run(name)).changes > 0;
  }
}
