/**
 * Reads and writes of `result_summaries` (migration 6, store/result-summary.ts): one row per
 * result, written in the same transaction as the result, indexed by (benchmark, metric, run) so a
 * history is an index range walked newest first. Nothing here touches `results.samples`, except the
 * one-off backfill of a store written before the table existed.
 */
import type Database from 'better-sqlite3';
import type { Summary } from '../model/types.js';
import type { ResultSummary } from './result-summary.js';
import { resultSummary, sessionSpread } from './result-summary.js';
import { decodeSamples, encodePlain } from './samples.js';
import { RESULT_SELECT, rowToResult, type ResultRow } from './result-rows.js';

type Db = Database.Database;

interface SummaryRow {
  run_id: number;
  key: string;
  metric: string;
  unit: string;
  direction: ResultSummary['direction'];
  kind: ResultSummary['kind'];
  n: number;
  mean: number | null;
  median: number | null;
  stdev: number | null;
  mad: number | null;
  cv: number | null;
  min: number | null;
  max: number | null;
  p75: number | null;
  p95: number | null;
  p99: number | null;
  outliers: number;
  ci_low: number | null;
  ci_high: number | null;
  ci_level: number | null;
  session_values: Buffer;
}

const COLUMNS =
  'run_id, benchmark_id, metric, unit, direction, kind, n, mean, median, stdev, mad, cv, min, max, p75, p95, p99, ' +
  'outliers, ci_low, ci_high, ci_level, sessions, session_median, session_min, session_max, session_values';

const SELECT =
  'SELECT s.run_id, b.key, s.metric, s.unit, s.direction, s.kind, s.n, s.mean, s.median, s.stdev, s.mad, s.cv, ' +
  's.min, s.max, s.p75, s.p95, s.p99, s.outliers, s.ci_low, s.ci_high, s.ci_level, s.session_values ' +
  'FROM result_summaries s JOIN benchmarks b ON b.id = s.benchmark_id';

/** SQLite keeps NaN as NULL: read back as NaN, which is what the summary held. */
const num = (v: number | null): number => (v === null ? Number.NaN : v);

function rowToSummary(r: SummaryRow): ResultSummary {
  const summary: Summary = {
    n: r.n,
    mean: num(r.mean),
    median: num(r.median),
    stdev: num(r.stdev),
    mad: num(r.mad),
    cv: num(r.cv),
    min: num(r.min),
    max: num(r.max),
    p75: num(r.p75),
    p95: num(r.p95),
    p99: num(r.p99),
    outliers: r.outliers,
    medianCI: { low: num(r.ci_low), high: num(r.ci_high), level: num(r.ci_level) },
  };
  return {
    benchmarkId: r.key,
    metric: r.metric,
    unit: r.unit,
    direction: r.direction,
    kind: r.kind,
    summary,
    sessionValues: decodeSamples(r.session_values),
  };
}

/** NaN (or the null JSON made of it in `results.summary`) is stored as NULL. */
const finite = (v: number | null | undefined): number | null =>
  v === undefined || v === null || Number.isNaN(v) ? null : v;

/** A prepared statement per connection: the generator and the backfill insert hundreds of thousands of rows. */
const inserts = new WeakMap<Db, Database.Statement>();

/** Stores the summary of one result (inside the transaction that stores the result). */
export function insertSummary(db: Db, runId: number, benchmarkRowId: number, s: ResultSummary): void {
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO result_summaries (${COLUMNS}) VALUES (${COLUMNS.split(',')
        .map(() => '?')
        .join(', ')})`,
    );
    inserts.set(db, insert);
  }
  const m = s.summary;
  const sessions = sessionSpread(s.sessionValues);
  // `?? 0`: a stand-in summarize (the storage tests') may leave out n and outliers, NOT NULL here.
  insert.run(
    runId,
    benchmarkRowId,
    s.metric,
    s.unit,
    s.direction,
    s.kind,
    m.n ?? 0,
    finite(m.mean),
    finite(m.median),
    finite(m.stdev),
    finite(m.mad),
    finite(m.cv),
    finite(m.min),
    finite(m.max),
    finite(m.p75),
    finite(m.p95),
    finite(m.p99),
    m.outliers ?? 0,
    finite(m.medianCI?.low),
    finite(m.medianCI?.high),
    finite(m.medianCI?.level),
    sessions.sessions,
    finite(sessions.median),
    finite(sessions.min),
    finite(sessions.max),
    encodePlain(s.sessionValues),
  );
}

/**
 * Migration 6's backfill: the summary of every stored result, from its samples and the pooled
 * summary already in `results.summary` (its bootstrap interval is kept, not drawn again). Run by
 * run, because better-sqlite3 cannot write while a read is still iterating. Returns the rows written.
 */
export function backfillSummaries(db: Db): number {
  const runs = db.prepare('SELECT DISTINCT run_id FROM results ORDER BY run_id').pluck().all() as number[];
  const select = db.prepare(`${RESULT_SELECT} WHERE r.run_id = ?`);
  let written = 0;
  for (const runId of runs) {
    for (const row of select.all(runId) as ResultRow[]) {
      const r = rowToResult(row);
      insertSummary(db, runId, row.benchmark_id, resultSummary(r, r.summary));
      written++;
    }
  }
  return written;
}

/** The summaries of one run, by benchmark id and metric. */
export function runSummaries(db: Db, runId: number): ResultSummary[] {
  return (db.prepare(`${SELECT} WHERE s.run_id = ? ORDER BY b.key, s.metric`).all(runId) as SummaryRow[]).map(
    rowToSummary,
  );
}

/** A history's filter: the newest `limit` complete runs, of one branch when given. */
export interface HistoryWindow {
  limit: number;
  branch?: string | undefined;
}

/** The columns of a history's rows: a whole ResultSummary. */
const SERIES_COLUMNS =
  's.run_id, b.key, s.metric, s.unit, s.direction, s.kind, s.n, s.mean, s.median, s.stdev, s.mad, s.cv, s.min, ' +
  's.max, s.p75, s.p95, s.p99, s.outliers, s.ci_low, s.ci_high, s.ci_level, s.session_values';

/** The columns seriesMedians reads, in the order of its tuples. */
const MEDIAN_COLUMNS = 's.run_id, s.n, s.median, s.ci_low, s.ci_high, s.ci_level';

/**
 * The query of a history (parameters: benchmark row id, metric, [branch,] limit). CROSS JOIN keeps
 * SQLite walking the (benchmark, metric, run) index newest first and stopping at the limit, instead
 * of scanning runs; the test of the query plan runs this text. `columns` change what is read of
 * each row, never which rows.
 */
export function seriesQuery(branch: boolean, columns: string = SERIES_COLUMNS): string {
  return `SELECT ${columns}
    FROM result_summaries s CROSS JOIN runs ru ON ru.id = s.run_id CROSS JOIN benchmarks b ON b.id = s.benchmark_id
    WHERE s.benchmark_id = ? AND s.metric = ? AND ru.status = 'complete'
      AND json_extract(ru.options, '$.referenceSide') IS NULL ${branch ? 'AND ru.git_branch = ?' : ''}
    ORDER BY s.run_id DESC LIMIT ?`;
}

/** The parameters of seriesQuery, or null for a benchmark the store has never seen. */
function seriesArgs(db: Db, benchmarkId: string, metric: string, window: HistoryWindow): unknown[] | null {
  const rowId = db.prepare('SELECT id FROM benchmarks WHERE key = ?').pluck().get(benchmarkId) as number | undefined;
  if (rowId === undefined) return null;
  return window.branch ? [rowId, metric, window.branch, window.limit] : [rowId, metric, window.limit];
}

/**
 * The summaries of one benchmark and metric in the newest `limit` complete runs, oldest first; the
 * reference side of `run --reference` is left out (it measured old code, not this history).
 */
export function seriesSummaries(
  db: Db,
  benchmarkId: string,
  metric: string,
  window: HistoryWindow,
): Array<{ runId: number; result: ResultSummary }> {
  const args = seriesArgs(db, benchmarkId, metric, window);
  if (args === null) return [];
  const rows = db.prepare(seriesQuery(Boolean(window.branch))).all(...args) as SummaryRow[];
  return rows.reverse().map((r) => ({ runId: r.run_id, result: rowToSummary(r) }));
}

/** A point of a history as a trend draws it: the run, and the median of its pooled samples with its interval and n. */
export interface MedianPoint {
  runId: number;
  summary: Pick<Summary, 'n' | 'median' | 'medianCI'>;
}

/**
 * The rows of seriesSummaries, with only what a history drawn as absolute values reads: no units,
 * no other statistics, and no session values, whose blob each row would otherwise decode into an
 * array (they are read only for ratios to a pinned reference). The same runs and the same numbers;
 * on a store of 1,000 runs, the histories of `report --runs 1000` read in a quarter of the time.
 */
export function seriesMedians(db: Db, benchmarkId: string, metric: string, window: HistoryWindow): MedianPoint[] {
  const args = seriesArgs(db, benchmarkId, metric, window);
  if (args === null) return [];
  type Row = [
    runId: number,
    n: number,
    median: number | null,
    low: number | null,
    high: number | null,
    level: number | null,
  ];
  const rows = db
    .prepare(seriesQuery(Boolean(window.branch), MEDIAN_COLUMNS))
    .raw()
    .all(...args) as Row[];
  const out = new Array<MedianPoint>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [runId, n, median, low, high, level] = rows[rows.length - 1 - i]!;
    out[i] = {
      runId,
      summary: { n, median: num(median), medianCI: { low: num(low), high: num(high), level: num(level) } },
    };
  }
  return out;
}

export interface SeriesKey {
  benchmarkId: string;
  suite: string;
  metric: string;
  unit: string;
  direction: ResultSummary['direction'];
  kind: ResultSummary['kind'];
}

/** Every benchmark id and metric that appears in the newest `limit` complete runs. */
export function summaryKeys(db: Db, limit: number): SeriesKey[] {
  return db
    .prepare(
      `SELECT DISTINCT b.key AS benchmarkId, b.suite, s.metric, s.unit, s.direction, s.kind
       FROM result_summaries s JOIN benchmarks b ON b.id = s.benchmark_id
       WHERE s.run_id IN (SELECT id FROM runs WHERE status = 'complete' ORDER BY id DESC LIMIT ?)
       ORDER BY b.key, s.metric`,
    )
    .all(limit) as SeriesKey[];
}
