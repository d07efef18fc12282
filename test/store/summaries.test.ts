/**
 * Stored per-result summaries (migration 6, store/summaries.ts): written with each result,
 * backfilled from the blobs of an older store in one transaction, and enough for histories:
 * trend and report series read no sample blob, compare reads only the two runs it compares.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { seriesQuery } from '../../src/store/summaries.js';
import { sessionStatistic, sessionValues } from '../../src/stats/sessions.js';
import { buildSeries } from '../../src/core/report-data.js';
import { compareStored } from '../../src/core/compare.js';
import { parseConfig } from '../../src/config/config.js';
import { UsageError } from '../../src/model/errors.js';
import { tempDir } from '../helpers.js';
import { openStore, storeRun } from './history.js';

const config = parseConfig({}, 'defaults');

/** A blob no codec reads: any statement that decodes it throws. */
const POISON = "X'7E0102'";

/** Summaries of every run, comparable with deepEqual (NaN and all). */
function allSummaries(path: string) {
  const store = openStore(path);
  try {
    return store.listRuns({ limit: 100 }).map((r) => store.runSummaries(r.id));
  } finally {
    store.close();
  }
}

/** Puts the store back to schema 5: no summaries table, version 5. */
function downgradeTo5(path: string): void {
  const db = new Database(path);
  db.exec('DROP TABLE result_summaries; DROP INDEX runs_complete;');
  db.pragma('user_version = 5');
  db.close();
}

test('each stored result has a summary: the pooled summary of results.summary and its session values', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = openStore(join(dir, 's.sqlite'));
    const run = storeRun(store, { sessions: 4, perSession: 5 });
    const results = store.getResults(run.id);
    const summaries = store.runSummaries(run.id);
    assert.equal(summaries.length, results.length);
    for (const [i, r] of results.entries()) {
      const s = summaries[i]!;
      assert.equal(s.benchmarkId, r.benchmarkId);
      assert.equal(s.metric, r.metric);
      assert.equal(s.kind, r.kind);
      assert.deepEqual(
        s.summary,
        JSON.parse(JSON.stringify(r.summary), (_k, v) => (v === null ? Number.NaN : v)),
      );
      assert.deepEqual(s.sessionValues, sessionValues(r.samples, r.rounds, sessionStatistic(r.kind)));
    }
    assert.equal(summaries.find((s) => s.metric === 'time')!.sessionValues.length, 4);
    store.close();
  } finally {
    cleanup();
  }
});

test('migration 6 backfills the summaries of an older store, the same as written at commit time', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.sqlite');
    const store = openStore(path);
    for (let i = 0; i < 3; i++) storeRun(store, { sessions: 3, perSession: 4, benchmarks: ['smoke/a', 'smoke/b'] });
    store.close();
    const written = allSummaries(path);
    downgradeTo5(path);
    const migrated = openStore(path);
    assert.equal(migrated.schemaVersion(), SCHEMA_VERSION);
    migrated.close();
    assert.deepEqual(allSummaries(path), written);
  } finally {
    cleanup();
  }
});

test('a backfill that fails leaves the store at schema 5, without a half-filled table', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.sqlite');
    const store = openStore(path);
    storeRun(store);
    storeRun(store);
    store.close();
    downgradeTo5(path);
    const raw = new Database(path);
    raw.exec(`UPDATE results SET samples = ${POISON} WHERE run_id = 2`);
    raw.close();
    assert.throws(() => openStore(path), UsageError);
    const after = new Database(path, { readonly: true });
    assert.equal(after.pragma('user_version', { simple: true }), 5);
    const tables = after.prepare(`SELECT name FROM sqlite_master WHERE name = 'result_summaries'`).all();
    after.close();
    assert.deepEqual(tables, []);
  } finally {
    cleanup();
  }
});

test('trend and report histories read no sample blob; compare reads only the two runs it compares', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.sqlite');
    const store = openStore(path);
    for (let i = 0; i < 6; i++) storeRun(store, { sessions: 4, perSession: 3 });
    const series = buildSeries(store, 50, config);
    const trend = buildSeries(store, 50, config, {}, undefined, (k) => k.benchmarkId === 'smoke/a');
    const compared = compareStored(store, '6', '5', config).verdicts;
    // Every blob but those of runs 5 and 6 would now throw if decoded.
    store.db.exec(`UPDATE results SET samples = ${POISON} WHERE run_id NOT IN (5, 6)`);
    assert.deepEqual(buildSeries(store, 50, config), series);
    assert.deepEqual(compareStored(store, '6', '5', config).verdicts, compared);
    assert.throws(() => compareStored(store, '6', '4', config), /unknown sample blob format/);
    // And with every blob poisoned, histories still read.
    store.db.exec(`UPDATE results SET samples = ${POISON}`);
    assert.deepEqual(
      buildSeries(store, 50, config, {}, undefined, (k) => k.benchmarkId === 'smoke/a'),
      trend,
    );
    assert.equal(trend.length, 2, 'smoke/a time and ops');
    assert.ok(trend.every((s) => s.benchmarkId === 'smoke/a' && s.points.length === 6));
    store.close();
  } finally {
    cleanup();
  }
});

test('the series query walks the (benchmark, metric, run) index newest first, with no sort', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = openStore(join(dir, 's.sqlite'));
    storeRun(store);
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${seriesQuery(true)}`).all(1, 'time', 'main', 5) as Array<{
      detail: string;
    }>;
    const text = plan.map((p) => p.detail).join('\n');
    assert.match(text, /USING (COVERING )?INDEX result_summaries_series/);
    assert.doesNotMatch(text, /TEMP B-TREE/, 'no sort: the index gives the order');
    store.close();
  } finally {
    cleanup();
  }
});

test('seriesMedians reads the runs and numbers of seriesSummaries (branch, reference sides, NaN), nothing else', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = openStore(join(dir, 's.sqlite'));
    for (let i = 0; i < 9; i++)
      storeRun(store, {
        branch: i % 3 === 0 ? 'feature' : 'main',
        // A reference side measured old code: no history shows it.
        ...(i === 4 && { options: { referenceSide: { rev: 'v1', commit: null } } }),
        // A median and interval of NaN, stored as NULL.
        ...(i === 7 && { samples: [Number.NaN] }),
      });
    storeRun(store, { status: 'failed' });
    const project = (h: ReturnType<typeof store.seriesSummaries>) =>
      h.map(({ runId, result }) => ({
        runId,
        summary: { n: result.summary.n, median: result.summary.median, medianCI: result.summary.medianCI },
      }));
    let compared = 0;
    for (const key of ['smoke/a', 'smoke/b', 'smoke/none'])
      for (const metric of ['time', 'ops'])
        for (const window of [
          { limit: 50 },
          { limit: 4 },
          { limit: 50, branch: 'main' },
          { limit: 2, branch: 'feature' },
        ]) {
          const full = store.seriesSummaries(key, metric, window);
          assert.deepEqual(
            store.seriesMedians(key, metric, window),
            project(full),
            `${key} ${metric} ${JSON.stringify(window)}`,
          );
          compared += full.length;
        }
    assert.ok(compared > 40, `${compared} points compared`);
    const a = store.seriesMedians('smoke/a', 'time', { limit: 50 });
    assert.equal(a.length, 8, 'the reference side and the failed run are left out');
    assert.ok(
      a.some((p) => Number.isNaN(p.summary.median)),
      'a NaN median reads back as NaN',
    );
    store.close();
  } finally {
    cleanup();
  }
});
