/**
 * merge (issue 13): the shard runs of `run --shard K/N` combined into one run, as a pure function
 * (combineShards) and through stores (mergeStores). No browser: shard runs are stored with
 * createRun + completeRun carrying options.shard as `run --shard` writes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { combineShards, groupShards } from '../../src/core/shard-merge.js';
import { mergeStores } from '../../src/core/merge.js';
import { readRunRecord, recordIds, type RunRecord } from '../../src/store/portable.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { UsageError } from '../../src/model/errors.js';
import type { Store } from '../../src/store/store.js';
import { cli, tempDir } from '../helpers.js';
import { count, openStore, samplesChecksum, storeRun, type RunSpec } from '../store/history.js';

const GROUP = 'c0ffee:nightly';
const shard = (index: number, count = 2) => ({
  sampling: { minSamples: 3 },
  sessions: 4,
  shard: { index, count, group: GROUP },
});

/** Each shard measures its own benchmarks plus the controls, as run --shard does. */
function storeShard(store: Store, index: number, benchmarks: string[], spec: RunSpec = {}, count = 2) {
  return storeRun(store, {
    label: 'nightly',
    options: shard(index, count),
    benchmarks: [...benchmarks, 'controls/compute'],
    seed: index * 10,
    ...spec,
  });
}

function recordsOf(store: Store): RunRecord[] {
  return recordIds(store.db).map((id) => readRunRecord(store.db, id, 'salt'));
}

const usage = (pattern: RegExp) => (e: unknown) =>
  e instanceof UsageError && e.exitCode === 2 && pattern.test(e.message);

test(
  'combineShards: one complete run with every benchmark, ' +
    'the controls of shard 1, options.mergedFrom, shard 1 environment',
  () => {
    const t = tempDir('jepsh-merge-');
    try {
      const store = openStore(join(t.dir, 's.sqlite'));
      const one = storeShard(store, 1, ['smoke/a', 'smoke/b']);
      const two = storeShard(store, 2, ['other/c'], { environment: { cpuModel: 'Other CPU', cpuCores: 8 } });
      const [g, ...more] = groupShards(recordsOf(store));
      assert.equal(more.length, 0);
      const { run, missing, warnings } = combineShards(g!, 'new-uuid');
      assert.equal(run.uuid, 'new-uuid');
      assert.equal(run.status, 'complete');
      assert.deepEqual(missing, []);
      assert.deepEqual(
        run.benchmarks.map((b) => b.id),
        ['controls/compute', 'smoke/a', 'smoke/b', 'other/c'],
      );
      assert.deepEqual(
        [...new Set(run.results.map((r) => r.benchmarkId))],
        ['controls/compute', 'smoke/a', 'smoke/b', 'other/c'],
      );
      const shard1 = recordsOf(store)[0]!;
      assert.deepEqual(
        run.results.find((r) => r.benchmarkId === 'controls/compute' && r.metric === 'time')!.samples,
        shard1.results.find((r) => r.benchmarkId === 'controls/compute' && r.metric === 'time')!.samples,
        "shard 1's controls",
      );
      assert.deepEqual(run.options, {
        sampling: { minSamples: 3 },
        sessions: 4,
        mergedFrom: [one.uuid, two.uuid],
        shardGroup: GROUP,
      });
      assert.deepEqual(run.environment, shard1.environment);
      assert.deepEqual(run.suites, ['smoke', 'controls', 'other']);
      assert.equal(run.startedAt, one.startedAt);
      // Different machines are not pooled silently: the fields that differ are named.
      assert.deepEqual(warnings, [
        `shard 2 of group ${GROUP} ran elsewhere than shard 1: environment differs: ` +
          `cpuModel cpu -> Other CPU, cpuCores 2 -> 8; its results are in the merged run all the same`,
      ]);
      assert.deepEqual(run.warnings, [
        `shard 1: warning of run ${one.id}`,
        `shard 2: warning of run ${two.id}`,
        ...warnings,
      ]);
      store.close();
    } finally {
      t.cleanup();
    }
  },
);

test(
  'combineShards: a missing shard is named and the run marked incomplete; ' +
    'a benchmark in two shards or a shard twice is exit 2',
  () => {
    const t = tempDir('jepsh-merge-');
    try {
      const store = openStore(join(t.dir, 's.sqlite'));
      const one = storeShard(store, 1, ['smoke/a'], {}, 3);
      storeShard(store, 3, ['smoke/c'], {}, 3);
      storeRun(store, { options: { shard: { index: 2, count: 3, group: GROUP } }, status: 'failed' });
      const [g] = groupShards(recordsOf(store));
      assert.deepEqual(
        g!.shards.map((s) => s.index),
        [1, 3],
        'a failed shard is not combined',
      );
      const { run, missing, warnings } = combineShards(g!, 'u');
      assert.deepEqual(missing, [2]);
      assert.deepEqual(warnings, [`group ${GROUP}: shard 2 of 3 missing; merged what is there (incomplete)`]);
      assert.equal(run.options.incomplete, true);
      assert.deepEqual(run.options.missingShards, [2]);
      assert.deepEqual(
        run.benchmarks.map((b) => b.id),
        ['controls/compute', 'smoke/a', 'smoke/c'],
      );

      const two = openStore(join(t.dir, 'dup.sqlite'));
      storeShard(two, 1, ['smoke/a', 'smoke/b']);
      storeShard(two, 2, ['smoke/b']);
      const [bad] = groupShards(recordsOf(two));
      assert.throws(
        () => combineShards(bad!, 'u'),
        usage(/benchmark smoke\/b is in shard 1 and shard 2 of group c0ffee:nightly: a bad split/),
      );
      const twice = openStore(join(t.dir, 'twice.sqlite'));
      storeShard(twice, 1, ['smoke/a']);
      storeShard(twice, 1, ['smoke/a']);
      assert.throws(
        () => combineShards(groupShards(recordsOf(twice))[0]!, 'u'),
        usage(/group c0ffee:nightly has two runs of shard 1 .*give each its own --label/),
      );
      assert.ok(one.id > 0);
      for (const s of [store, two, twice]) s.close();
    } finally {
      t.cleanup();
    }
  },
);

test(
  'mergeStores: two shard stores give one run in OUT with every benchmark; ' +
    'shards removed, baseline moved, merging again adds nothing',
  () => {
    const t = tempDir('jepsh-merge-');
    try {
      const a = openStore(join(t.dir, 'a.sqlite'));
      const history = storeRun(a, { branch: 'main', seed: 1 }); // an ordinary run travels too
      const one = storeShard(a, 1, ['smoke/a', 'smoke/b']);
      a.setBaseline('nightly', one.id);
      const b = openStore(join(t.dir, 'b.sqlite'));
      const two = storeShard(b, 2, ['other/c'], { environment: { browserVersion: 'HeadlessChrome/157.0.0.0' } });
      const inputs = [join(t.dir, 'a.sqlite'), join(t.dir, 'b.sqlite')];
      const sums = [samplesChecksum(a.db), samplesChecksum(b.db)];
      a.close();
      b.close();

      const out = openStore(join(t.dir, 'out', 'all.sqlite'));
      const outcome = mergeStores(out, inputs, () => 'merged-uuid');
      assert.equal(outcome.imported, 3);
      assert.equal(outcome.skipped, 0);
      assert.equal(outcome.merged.length, 1);
      assert.deepEqual(
        { ...outcome.merged[0]!, runId: 0 },
        { group: GROUP, runId: 0, uuid: 'merged-uuid', shards: 2, missing: [] },
      );
      assert.match(
        outcome.warnings.join('\n'),
        new RegExp(
          'shard 2 of group c0ffee:nightly ran elsewhere than shard 1: environment differs: ' +
            'browserVersion HeadlessChrome/156\\.0\\.0\\.0 -> HeadlessChrome/157\\.0\\.0\\.0',
        ),
      );
      // OUT: the ordinary run and the merged run; the shard runs are gone from it.
      assert.deepEqual(
        out
          .listRuns()
          .map((r) => r.uuid)
          .sort(),
        [history.uuid, 'merged-uuid'].sort(),
      );
      const merged = out.resolveRun('merged');
      assert.equal(merged.status, 'complete');
      assert.deepEqual(
        out.getBenchmarks(merged.id).map((x) => x.id),
        ['controls/compute', 'other/c', 'smoke/a', 'smoke/b'],
      );
      assert.equal(out.resolveRun('nightly').id, merged.id, 'the baseline that named shard 1 names the merged run');
      assert.equal(count(out.db, 'results'), 2 * 4 + 2 * 2);
      // The inputs are untouched (read-only).
      const reopened = inputs.map((p) => new Database(p, { readonly: true }));
      assert.deepEqual(
        reopened.map((db) => samplesChecksum(db)),
        sums,
      );
      reopened.forEach((db) => db.close());
      assert.deepEqual(
        [one.uuid, two.uuid],
        (
          JSON.parse(
            (out.db.prepare(`SELECT options FROM runs WHERE id = ?`).get(merged.id) as { options: string }).options,
          ) as { mergedFrom: string[] }
        ).mergedFrom,
      );

      const again = mergeStores(out, inputs, () => 'second-uuid');
      assert.deepEqual(
        [again.imported, again.skipped, again.merged.length],
        [0, 3, 0],
        'the merged shards are known by their uuids',
      );
      assert.equal(out.integrityCheck(), 'ok');
      out.close();
    } finally {
      t.cleanup();
    }
  },
);

test('mergeStores: an input from a newer schema is exit 2 and nothing is written to OUT', () => {
  const t = tempDir('jepsh-merge-');
  try {
    const ok = openStore(join(t.dir, 'ok.sqlite'));
    storeRun(ok);
    ok.close();
    const newer = join(t.dir, 'newer.sqlite');
    openStore(newer).close();
    const raw = new Database(newer);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const out = openStore(join(t.dir, 'out.sqlite'));
    assert.throws(
      () => mergeStores(out, [join(t.dir, 'ok.sqlite'), newer]),
      usage(/store .*newer\.sqlite has schema version \d+, newer than this jepsh-bench understands/),
    );
    assert.equal(count(out.db, 'runs'), 0);
    assert.throws(() => mergeStores(out, [join(t.dir, 'out.sqlite')]), usage(/is the output store/));
    out.close();
  } finally {
    t.cleanup();
  }
});

test('the CLI: merge OUT IN IN prints what it imported and merged, warnings on stderr', async () => {
  const t = tempDir('jepsh-merge-');
  try {
    const a = openStore(join(t.dir, 'a.sqlite'));
    storeShard(a, 1, ['smoke/a'], {}, 3);
    a.close();
    const b = openStore(join(t.dir, 'b.sqlite'));
    storeShard(b, 2, ['smoke/b'], {}, 3);
    b.close();
    const out = join(t.dir, 'all.sqlite');
    const r = await cli(['merge', out, join(t.dir, 'a.sqlite'), join(t.dir, 'b.sqlite')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `^imported 2 run\\(s\\), skipped 0 already in ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\n` +
          `merged 2 shard\\(s\\) of group c0ffee:nightly into run 3 \\([0-9a-f]{8}\\), incomplete: shard 3 missing\\n$`,
      ),
    );
    assert.equal(r.stderr, 'warning: group c0ffee:nightly: shard 3 of 3 missing; merged what is there (incomplete)\n');
  } finally {
    t.cleanup();
  }
});
