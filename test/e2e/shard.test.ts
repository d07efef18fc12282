/**
 * `run --shard K/N` on two "runners" (two stores), then `merge`: one run holding every benchmark
 * an unsharded run would measure, each exactly once (issue 13's "Done when").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, noBrowserReason, tempDir } from '../helpers.js';

const SUITES = ['smoke', 'memo'];

function benchmarksOf(db: string): Array<{ run: number; options: string; ids: string[] }> {
  const raw = new Database(db, { readonly: true });
  try {
    const runs = raw.prepare("SELECT id, options FROM runs WHERE status = 'complete' ORDER BY id").all() as Array<{
      id: number;
      options: string;
    }>;
    return runs.map((r) => ({
      run: r.id,
      options: r.options,
      ids: (
        raw
          .prepare(
            'SELECT b.key FROM run_benchmarks rb JOIN benchmarks b ' +
              'ON b.id = rb.benchmark_id WHERE rb.run_id = ? ORDER BY b.key',
          )
          .all(r.id) as Array<{ key: string }>
      ).map((x) => x.key),
    }));
  } finally {
    raw.close();
  }
}

test(
  'run --shard 1/2 and 2/2 into two stores, then merge: one run with every benchmark of an unsharded run',
  { skip: noBrowserReason() },
  async () => {
    const t = tempDir();
    try {
      const listed = await cli(['list', ...SUITES, '--json']);
      assert.equal(listed.code, 0, listed.stderr);
      const all = (JSON.parse(listed.stdout) as Array<{ benchmarks: Array<{ id: string }> }>)
        .flatMap((s) => s.benchmarks.map((b) => b.id))
        .sort();
      const stores = [1, 2].map((k) => join(t.dir, `shard-${k}.sqlite`));
      for (const [i, db] of stores.entries()) {
        const r = await cli([
          'run',
          ...SUITES,
          '--shard',
          `${i + 1}/2`,
          '--label',
          'night-1',
          '--sessions',
          '2',
          '--time',
          '0.2',
          '--samples',
          '4',
          '--db',
          db,
        ]);
        assert.equal(r.code, 0, r.stderr);
      }
      const shards = stores.map((db) => benchmarksOf(db)[0]!.ids.filter((id) => !id.startsWith('controls/')));
      assert.ok(
        shards.every((s) => s.length > 0),
        'both shards measured something',
      );
      assert.deepEqual(
        shards[0]!.filter((id) => shards[1]!.includes(id)),
        [],
        'the shards are disjoint',
      );
      const out = join(t.dir, 'merged.sqlite');
      const m = await cli(['merge', out, ...stores]);
      assert.equal(m.code, 0, m.stderr);
      const merged = benchmarksOf(out);
      assert.equal(merged.length, 1, 'the two shard runs became one run');
      assert.deepEqual(
        merged[0]!.ids.filter((id) => !id.startsWith('controls/')),
        all,
      );
      assert.ok(
        merged[0]!.ids.some((id) => id.startsWith('controls/')),
        'with the controls',
      );
      assert.equal((JSON.parse(merged[0]!.options) as { mergedFrom?: string[] }).mergedFrom?.length, 2);
    } finally {
      t.cleanup();
    }
  },
);
