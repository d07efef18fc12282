/**
 * gcCount in real Chromium: the pools suite's GC benchmarks count each round's collections from one
 * trace, in windows the page marks with console.timeStamp (HostApi.gcCountWindows). A Chromium that
 * stopped writing those marks, or a parser that missed them, would report no windows (an error) or
 * zero collections where plain allocation must collect.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, noBrowserReason, QUICK_RUN, tempDir } from '../helpers.js';

interface Result {
  benchmarkId: string;
  metric: string;
  summary: { n: number; mean: number };
}

test(
  'pools GC benchmarks: one gcCount per round from one trace; plain allocation collects, the pool less',
  { skip: noBrowserReason() },
  async () => {
    const t = tempDir();
    try {
      const r = await cli([
        'run',
        'pools',
        '--filter',
        'layout-box-gc',
        '--db',
        join(t.dir, 'gc.sqlite'),
        ...QUICK_RUN,
      ]);
      assert.equal(r.code, 0, r.stderr);
      // `run` ends with where its time went, like check --base.
      assert.match(r.stderr, /^time: \d+ s in all; .*benchmarks on one side/m);
      const results = (JSON.parse(r.stdout) as { results: Result[] }).results;
      const gc = (strategy: string): Result['summary'] => {
        const found = results.find(
          (x) => x.benchmarkId === `pools/layout-box-gc?strategy=${strategy}` && x.metric === 'gcCount',
        );
        assert.ok(found, `${strategy}: ${results.map((x) => `${x.benchmarkId} ${x.metric}`).join(', ')}`);
        return found.summary;
      };
      const alloc = gc('alloc');
      const pool = gc('pool');
      // 2 samples in one session: the suite's minimum of 5 rounds, one window each.
      assert.equal(alloc.n, 5);
      assert.equal(pool.n, 5);
      assert.ok(alloc.mean > 0, `plain allocation collected ${alloc.mean} times a round`);
      assert.ok(pool.mean < alloc.mean, `pool ${pool.mean} vs alloc ${alloc.mean} collections a round`);
    } finally {
      t.cleanup();
    }
  },
);
