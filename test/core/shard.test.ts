import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assignShards, parseShard, shardGroup, shardLoads } from '../../src/core/shard.js';
import { shardListing, type Listing } from '../../src/core/run.js';
import { recentDurations } from '../../src/store/durations.js';
import { Store } from '../../src/store/store.js';
import { summarize } from '../../src/core/summarize.js';
import { UsageError } from '../../src/model/errors.js';
import { tempDir, testEnvironment } from '../helpers.js';

test('parseShard: K/N with 1 <= K <= N; anything else is a usage error naming the flag', () => {
  assert.deepEqual(parseShard('1/2'), { index: 1, count: 2 });
  assert.deepEqual(parseShard(' 3/3 '), { index: 3, count: 3 });
  assert.equal(parseShard(undefined), undefined);
  for (const bad of ['0/2', '3/2', '1/0', '1', '1/2/3', 'a/b', '-1/2', '1.5/2', '']) {
    assert.throws(
      () => parseShard(bad),
      (e: unknown) => e instanceof UsageError && /--shard must be K\/N/.test(e.message),
      bad,
    );
  }
});

test('shardGroup: the commit and the label, so the shards of one nightly run find each other', () => {
  assert.equal(shardGroup('abc123', 'nightly-2026-11-30'), 'abc123:nightly-2026-11-30');
  assert.equal(shardGroup(null, null), 'no-git:');
});

test('assignShards: longest processing time first, each to the least-loaded shard (exact assignment)', () => {
  const w: Record<string, number> = { a: 7, b: 5, c: 4, d: 3, e: 3, f: 2 };
  const got = assignShards(Object.keys(w), 2, (id) => w[id]);
  // 7->1 [7,0]; 5->2 [7,5]; 4->2 [7,9]; d 3->1 [10,9]; e 3->2 [10,12]; 2->1 [12,12]
  assert.deepEqual(Object.fromEntries(got), { a: 1, b: 2, c: 2, d: 1, e: 2, f: 1 });
  assert.deepEqual(
    shardLoads(got, 2, (id) => w[id]!),
    [12, 12],
  );
});

test('assignShards: the same split whatever the input order; every id in exactly one shard', () => {
  const ids = Array.from({ length: 41 }, (_, i) => `suite/b${i}`);
  const weight = (id: string) => (Number(id.slice(7)) % 7) + 1;
  const one = assignShards(ids, 3, weight);
  const reversed = assignShards([...ids].reverse(), 3, weight);
  assert.deepEqual([...one].sort(), [...reversed].sort());
  assert.equal(one.size, 41);
  for (const s of one.values()) assert.ok(s >= 1 && s <= 3);
  // LPT's bound: no shard above 4/3 of the ideal (total / shards) plus the largest item.
  const loads = shardLoads(one, 3, weight);
  const total = loads.reduce((a, b) => a + b, 0);
  assert.ok(Math.max(...loads) - Math.min(...loads) <= 7, `loads ${loads}`);
  assert.equal(
    total,
    ids.reduce((a, id) => a + weight(id), 0),
  );
});

test('assignShards: without weights the shards differ in size by at most one', () => {
  const ids = Array.from({ length: 11 }, (_, i) => `s/x${i}`);
  const got = assignShards(ids, 4, () => undefined);
  const sizes = [1, 2, 3, 4].map((k) => [...got.values()].filter((s) => s === k).length);
  assert.deepEqual(sizes, [3, 3, 3, 2]);
});

test('assignShards: an unknown weight counts as the median known weight', () => {
  // Known 1, 1, 10 (median 1): the new benchmark weighs 1, so it joins the lighter shard.
  const w: Record<string, number> = { big: 10, small1: 1, small2: 1 };
  const got = assignShards(['big', 'small1', 'small2', 'new'], 2, (id) => w[id]);
  assert.equal(got.get('big'), 1);
  assert.deepEqual([got.get('small1'), got.get('small2'), got.get('new')], [2, 2, 2]);
});

test('shardListing: the shards partition the benchmarks; the controls are in every shard', () => {
  const info = (suite: string, name: string) => ({ id: `${suite}/${name}`, suite, name, params: {} });
  const all = [
    info('memo', 'a'),
    info('memo', 'b'),
    info('diffing', 'c'),
    info('diffing', 'd'),
    info('diffing', 'e'),
    info('controls', 'alloc'),
  ];
  const listing: Listing = {
    plan: [
      { suite: 'memo', ids: ['memo/a', 'memo/b'] },
      { suite: 'diffing', ids: ['diffing/c', 'diffing/d', 'diffing/e'] },
      { suite: 'controls', ids: ['controls/alloc'] },
    ],
    infos: new Map(all.map((i) => [i.id, i])),
  };
  const weights = new Map([
    ['memo/a', 50],
    ['diffing/c', 40],
    ['diffing/d', 10],
  ]);
  const shards = [1, 2].map((index) => shardListing(listing, { index, count: 2 }, weights));
  const ids = shards.map((s) => [...s.infos.keys()].filter((id) => !id.startsWith('controls/')).sort());
  assert.deepEqual([...ids[0]!, ...ids[1]!].sort(), ['diffing/c', 'diffing/d', 'diffing/e', 'memo/a', 'memo/b']);
  assert.equal(ids[0]!.filter((id) => ids[1]!.includes(id)).length, 0, 'disjoint');
  for (const s of shards) {
    assert.ok(s.infos.has('controls/alloc'));
    assert.deepEqual(s.plan.find((p) => p.suite === 'controls')?.ids, ['controls/alloc']);
    for (const p of s.plan) assert.ok(p.ids.length > 0, 'no empty suite in a plan');
  }
  // Unknown b and e weigh the median known weight (40). By weight, then id: a 50 -> 1 [50, 0];
  // c 40 -> 2 [50, 40]; e 40 -> 2 [50, 80]; b 40 -> 1 [90, 80]; d 10 -> 2 [90, 90].
  assert.deepEqual(ids[0], ['memo/a', 'memo/b']);
  assert.throws(
    () => shardListing(listing, { index: 7, count: 9 }, weights),
    /shard 7\/9 has no benchmarks: there are only 5/,
  );
});

test('recentDurations: the median stored duration per benchmark over the last complete runs', () => {
  const t = tempDir();
  try {
    const store = Store.open(join(t.dir, 'd.sqlite'), summarize);
    const put = (ms: number, status: 'complete' | 'failed' = 'complete') => {
      const run = store.createRun({
        git: { commit: null, branch: null, dirty: false },
        label: null,
        suites: ['s'],
        options: {},
      });
      if (status === 'failed') {
        store.endRun(run.id, 'failed', 'x');
        return;
      }
      store.completeRun(run.id, {
        environment: testEnvironment(),
        benchmarks: [{ id: 's/a', suite: 's', name: 'a', params: {} }],
        statuses: [{ benchmarkId: 's/a', ok: true, durationMs: ms }],
        results: [
          {
            benchmarkId: 's/a',
            metric: 'time',
            unit: 'ms',
            direction: 'lower',
            kind: 'time',
            samples: [1, 2],
            innerIterations: 1,
          },
        ],
        warnings: [],
      });
    };
    for (const ms of [100, 300, 200, 1000]) put(ms);
    put(5, 'failed');
    assert.deepEqual([...recentDurations(store.db)], [['s/a', 250]]);
    assert.deepEqual([...recentDurations(store.db, 3)], [['s/a', 300]]);
    store.close();
  } finally {
    t.cleanup();
  }
});
