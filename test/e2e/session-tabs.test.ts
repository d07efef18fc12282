/**
 * End-to-end in real Chromium: a side's suites of one session share one tab (browser/session.ts).
 * The next suite navigates the released tab instead of starting a renderer process; a closed tab
 * (after a fault) and a recycled one (the next session) are never reused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { bundleSuites, Session } from '../../src/browser/session.js';
import { findSuites, selectSuites } from '../../src/browser/bundle.js';
import { controlsFile, DEFAULT_SAMPLING, perRound } from '../../src/core/run.js';
import { ROOT, noBrowserReason } from '../helpers.js';

test(
  'suites of a session share a tab per side: navigated, still isolated, fresh list; close and recycle end it',
  { skip: noBrowserReason() },
  async () => {
    const bundles = await bundleSuites([...selectSuites(findSuites(join(ROOT, 'suites')), ['smoke']), controlsFile()]);
    const host = await Session.start([...bundles, ...bundles.map((b) => ({ ...b, side: 'base' }))], {});
    try {
      const smoke = await host.openPage('smoke');
      assert.equal(host.tabsOpened, 1);
      assert.ok(smoke.benchmarks.every((b) => b.id.startsWith('smoke/')));
      await smoke.release();

      // The next suite of the session: the same tab, navigated; the page is that suite's.
      const controls = await host.openPage('controls');
      assert.equal(host.tabsOpened, 1, 'the released tab took the next suite');
      assert.ok(controls.benchmarks.length > 0 && controls.benchmarks.every((b) => b.id.startsWith('controls/')));
      assert.equal(controls.environment.crossOriginIsolated, true, 'still cross-origin isolated after the navigation');
      assert.ok(controls.environment.timerResolutionMs <= 0.01);
      const outcome = await controls.run(controls.benchmarks[0]!.id, perRound(DEFAULT_SAMPLING, 16));
      assert.equal(outcome.ok, true, outcome.error);

      // Another side never takes this side's tab.
      const other = await host.openPage('smoke', 'base');
      assert.equal(host.tabsOpened, 2);
      await other.release();

      // A closed tab (what a fault does) is not reused.
      await controls.close();
      const afterClose = await host.openPage('smoke');
      assert.equal(host.tabsOpened, 3);
      await afterClose.release();

      // recycle() ends the session: every side starts the next one in a new tab.
      await host.recycle();
      await (await host.openPage('controls')).release();
      await (await host.openPage('controls', 'base')).release();
      assert.equal(host.tabsOpened, 5);
    } finally {
      await host.close();
    }
  },
);
