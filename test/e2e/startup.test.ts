/**
 * The startup suite in real Chromium: cold loads of its app page (served beside the suite page,
 * cross-origin isolated) through the host API's loadPage. Asserts what must hold of any load, not
 * how fast it is: first paint and first render happened, and the page was not interactive before
 * it painted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, noBrowserReason, QUICK_RUN, tempDir } from '../helpers.js';

interface JsonResult {
  benchmarkId: string;
  metric: string;
  samples?: number[];
  summary: { n: number; min: number; max: number; median: number };
}

test(
  'startup: a cold load of the app of 100 components reports fcp, firstRender and tti',
  { skip: noBrowserReason() },
  async () => {
    const t = tempDir();
    try {
      const r = await cli([
        'run',
        'startup',
        '--filter',
        'components=100&cpu=1',
        ...QUICK_RUN,
        '--db',
        join(t.dir, 'startup.sqlite'),
      ]);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as {
        benchmarks: Array<{ id: string; ok: boolean; error: string | null }>;
        results: JsonResult[];
      };
      const id = 'startup/app?components=100&cpu=1';
      assert.deepEqual(
        out.benchmarks.filter((b) => b.id.startsWith('startup/')).map((b) => [b.id, b.ok, b.error]),
        [[id, true, null]],
      );
      const metric = (name: string) => out.results.find((x) => x.benchmarkId === id && x.metric === name)!.summary;
      const fcp = metric('fcp');
      const firstRender = metric('firstRender');
      const tti = metric('tti');
      for (const s of [fcp, firstRender, tti]) assert.equal(s.n, 2, 'one sample per load, two loads');
      assert.ok(fcp.min > 0, `fcp ${fcp.min}`);
      assert.ok(firstRender.min > 0, `firstRender ${firstRender.min}`);
      // The app's content cannot be painted before it is rendered (the page has no other content).
      assert.ok(fcp.min >= firstRender.min && fcp.max >= firstRender.max, 'fcp before the first render');
      // TTI is never before FCP, load by load; summaries keep that for min and max.
      assert.ok(tti.min >= fcp.min && tti.max >= fcp.max, `tti ${tti.min}..${tti.max}, fcp ${fcp.min}..${fcp.max}`);
    } finally {
      t.cleanup();
    }
  },
);
