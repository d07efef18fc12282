/**
 * End-to-end in real Chromium: a benchmark with k passes (core/passes.ts) is measured k times per
 * session and side, and callers still get one outcome per session, its samples the passes' joined;
 * a benchmark with a `sessionSamples` rule takes at least that many samples per session.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { bundleSuites } from '../../src/browser/session.js';
import { findSuites, selectSuites } from '../../src/browser/bundle.js';
import { DEFAULT_SAMPLING, perRound } from '../../src/core/run.js';
import { measureSessions } from '../../src/core/sessions.js';
import { passesOf, sessionSamplesOf } from '../../src/core/passes.js';
import { ROOT, noBrowserReason } from '../helpers.js';

test(
  'passes: k measurements per session and side, merged into one outcome per session',
  { skip: noBrowserReason() },
  async () => {
    const bundles = await bundleSuites(selectSuites(findSuites(join(ROOT, 'suites')), ['smoke']));
    const sum = 'smoke/array-sum?n=1000';
    const json = 'smoke/json-roundtrip';
    const taken = new Map<string, number>();
    const got = await measureSessions({
      sides: [
        { key: 'A', bundles },
        { key: 'B', bundles },
      ],
      plan: [{ suite: 'smoke', ids: [sum, json] }],
      sessions: 2,
      sampling: { ...perRound(DEFAULT_SAMPLING, 16), minTimeMs: 20 },
      passes: passesOf({ 'smoke/array-sum*': 3 }),
      // 40 samples of >= 1 ms each: more than the 20 ms of sampling would take.
      sessionSamples: sessionSamplesOf({ 'smoke/json*': 40 }),
      innerFor: {},
      onProgress: (p) => {
        if (p.phase !== 'done') return;
        const key = `${p.round} ${p.side} ${p.benchmarkId}`;
        taken.set(key, (taken.get(key) ?? 0) + 1);
        assert.equal(p.total, 2 * 2 * (3 + 1), 'progress counts every pass');
      },
    });
    for (const session of [0, 1])
      for (const side of ['A', 'B']) {
        assert.equal(taken.get(`${session} ${side} ${sum}`), 3);
        assert.equal(taken.get(`${session} ${side} ${json}`), 1);
      }
    for (const side of ['A', 'B']) {
      const sums = got.outcomes.get(side)!.get(sum)!;
      assert.equal(sums.length, 2, 'one outcome per session');
      for (const [session, o] of sums.entries()) {
        assert.equal(o.ok, true, o.error);
        const time = o.metrics.find((m) => m.metric === 'time')!;
        assert.equal(time.passes?.length, 3);
        assert.equal(
          time.samples.length,
          time.passes!.reduce((a, n) => a + n, 0),
        );
        assert.ok(time.passes!.every((n) => n >= 2));
        // Counters once per side: in the first session's first pass.
        const counters = o.metrics.filter((m) => m.kind === 'counter');
        assert.deepEqual(
          counters.map((m) => m.samples),
          session === 0 ? [[1000]] : [],
        );
      }
      const jsons = got.outcomes.get(side)!.get(json)!;
      assert.equal(jsons.length, 2);
      assert.ok(jsons.every((o) => o.metrics.find((m) => m.metric === 'time')!.passes === undefined));
      // sessionSamples raises one benchmark's minimum samples per session, and no other's.
      assert.ok(jsons.every((o) => o.metrics.find((m) => m.metric === 'time')!.samples.length >= 40));
      assert.ok(sums.every((o) => o.metrics.find((m) => m.metric === 'time')!.passes!.every((n) => n < 40)));
    }
  },
);
