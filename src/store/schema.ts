/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
 * Never edit a released migration: add a new one. A database whose user_version is higher than
 * MIGRATIONS.length was written by a newer jepsh-bench and is refused untouched.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs, benchmarks, per-run benchmark status, results with raw samples, named baselines.
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'aborted')),
    git_commit TEXT,
    git_branch TEXT,
    git_dirty INTEGER,
    label TEXT,
    suites TEXT NOT NULL DEFAULT '[]',
    options TEXT NOT NULL DEFAULT '{}',
    browser_version TEXT,
    user_agent TEXT,
    os TEXT,
    cpu_model TEXT,
    cpu_cores INTEGER,
    node_version TEXT,
    harness_version TEXT,
    launch_flags TEXT,
    timer_resolution_ms REAL,
    cross_origin_isolated INTEGER,
    warnings TEXT NOT NULL DEFAULT '[]',
    error TEXT,
    pid INTEGER,
    hostname TEXT
  );
  CREATE INDEX runs_started ON runs (started_at);
  CREATE INDEX runs_branch ON runs (git_branch, status, started_at);
  CREATE TABLE benchmarks (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    suite TEXT NOT NULL,
    name TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}'
  );
  CREATE TABLE run_benchmarks (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    benchmark_id INTEGER NOT NULL REFERENCES benchmarks (id),
    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error TEXT,
    duration_ms REAL,
    PRIMARY KEY (run_id, benchmark_id)
  );
  CREATE TABLE results (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    benchmark_id INTEGER NOT NULL REFERENCES benchmarks (id),
    metric TEXT NOT NULL,
    unit TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('lower', 'higher')),
    kind TEXT NOT NULL CHECK (kind IN ('time', 'counter', 'gauge')),
    samples BLOB NOT NULL,
    inner_iterations INTEGER NOT NULL,
    summary TEXT NOT NULL,
    PRIMARY KEY (run_id, benchmark_id, metric)
  );
  CREATE INDEX results_series ON results (benchmark_id, metric);
  CREATE TABLE baselines (
    name TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
  );
  `,
  // 2: samples per round (each round a fresh browser), JSON array; NULL = a single round.
  `ALTER TABLE results ADD COLUMN rounds TEXT;`,
  // 3: values of this database, such as the random salt of hashed host names (store/host.ts). A
  // finished run's host name was stored in clear and is never read (only a running run's is, to
  // reap it), so those are dropped rather than kept in clear.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO meta (key, value) VALUES ('host_salt', lower(hex(randomblob(16))));
  UPDATE runs SET hostname = NULL WHERE status <> 'running';
  `,
  // 4: 1 = raw samples pruned to one value per session (store/prune.ts); the summary is the original's.
  `ALTER TABLE results ADD COLUMN pruned INTEGER NOT NULL DEFAULT 0;`,
  // 5: CPU profiles of a run's regressed benchmarks (check --profile-regressions): where the
  // .cpuprofile files were written and the rows worth showing without opening them.
  `
  CREATE TABLE profiles (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    benchmark_key TEXT NOT NULL,
    files TEXT NOT NULL,
    top TEXT NOT NULL,
    PRIMARY KEY (run_id, benchmark_key)
  );
  `,
  // 6: a summary row per result (store/result-summary.ts), so histories never read sample blobs;
  // filled for existing results by store/summaries.ts backfillSummaries in the same transaction.
  // NULL in a REAL column is a NaN of the summary. session_values: float64 LE, one per session.
  // The series index is walked newest first by trend, report and check --nightly.
  `
  CREATE TABLE result_summaries (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    benchmark_id INTEGER NOT NULL REFERENCES benchmarks (id),
    metric TEXT NOT NULL,
    unit TEXT NOT NULL,
    direction TEXT NOT NULL,
    kind TEXT NOT NULL,
    n INTEGER NOT NULL,
    mean REAL,
    median REAL,
    stdev REAL,
    mad REAL,
    cv REAL,
    min REAL,
    max REAL,
    p75 REAL,
    p95 REAL,
    p99 REAL,
    outliers INTEGER NOT NULL,
    ci_low REAL,
    ci_high REAL,
    ci_level REAL,
    sessions INTEGER NOT NULL,
    session_median REAL,
    session_min REAL,
    session_max REAL,
    session_values BLOB NOT NULL,
    PRIMARY KEY (run_id, benchmark_id, metric)
  );
  CREATE INDEX result_summaries_series ON result_summaries (benchmark_id, metric, run_id);
  CREATE INDEX runs_complete ON runs (status, id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
