/** The peers suite in Node: both libraries give the published answers and the same exact work. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRunner } from '../../src/suite/page-runner.js';
import peers from '../../suites/peers.js';

const FAST = { minSamples: 3, minTimeMs: 5, warmupMs: 2, minSampleMs: 1 };

test('every peers benchmark verifies on every framework, with identical per-update counters', async () => {
  const runner = createRunner(peers, { gc: () => {} });
  const counters = new Map<string, string>();
  for (const b of runner.list()) {
    const out = await runner.runBenchmark(b.id, FAST);
    assert.equal(out.ok, true, `${b.id}: ${out.error}`);
    const c = out.metrics
      .filter((m) => m.kind === 'counter')
      .map((m) => `${m.metric}=${m.samples[0]}`)
      .join(' ');
    const graph = b.id.replace(/framework=[a-z]+&?/, '').replace(/\?$/, '');
    if (counters.has(graph)) assert.equal(c, counters.get(graph), `${b.id} does the same work as the other framework`);
    else counters.set(graph, c);
  }
  assert.deepEqual(Object.fromEntries(counters), {
    'peers/deep-propagation': 'computedRuns=50 effectRuns=1',
    'peers/broad-propagation': 'computedRuns=50 effectRuns=50',
    'peers/diamond': 'computedRuns=6 effectRuns=1',
    'peers/cellx?layers=1000': 'computedRuns=4000 effectRuns=4000',
  });
});
