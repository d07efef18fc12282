/**
 * The peers suite in Node: every library gives the published answers, and the exact work each
 * does per update. The four lazy libraries agree on every counter. Solid's memos are eager: they are
 * evaluated when a source changes, read or not, so Solid does more where a graph holds a computed
 * that nothing reads on that update (triangle's last chain node; unstable's untaken branch).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRunner } from '../../src/suite/page-runner.js';
import peers from '../../suites/peers.js';
import { REACTIVE_ADAPTERS } from '../../src/adapters/reactive.js';

const FAST = { minSamples: 3, minTimeMs: 5, warmupMs: 2, minSampleMs: 1 };

test('every peers benchmark verifies on every framework, with identical per-update counters', async () => {
  const runner = createRunner(peers, { gc: () => {} });
  const counters = new Map<string, string>();
  const solid = new Map<string, string>();
  const frameworks = new Set<string>();
  for (const b of runner.list()) {
    frameworks.add(/framework=([a-z]+)/.exec(b.id)?.[1] ?? '');
    const out = await runner.runBenchmark(b.id, FAST);
    assert.equal(out.ok, true, `${b.id}: ${out.error}`);
    const c = out.metrics
      .filter((m) => m.kind === 'counter')
      .map((m) => `${m.metric}=${m.samples[0]}`)
      .join(' ');
    const graph = b.id.replace(/framework=[a-z]+&?/, '').replace(/\?$/, '');
    if (b.id.includes('framework=solid')) solid.set(graph, c);
    else if (counters.has(graph)) assert.equal(c, counters.get(graph), `${b.id} does the same work as the others`);
    else counters.set(graph, c);
  }
  assert.deepEqual([...frameworks].sort(), ['alien', 'jepsh', 'preact', 'solid', 'vue']);
  assert.deepEqual([...frameworks].sort(), Object.keys(REACTIVE_ADAPTERS).sort());
  const lazy = {
    'peers/deep-propagation': 'computedRuns=50 effectRuns=1',
    'peers/broad-propagation': 'computedRuns=50 effectRuns=50',
    'peers/diamond': 'computedRuns=6 effectRuns=1',
    'peers/triangle': 'computedRuns=10 effectRuns=1',
    'peers/mux': 'computedRuns=102 effectRuns=1',
    'peers/repeated-observers': 'computedRuns=1 effectRuns=1',
    'peers/unstable': 'computedRuns=2 effectRuns=1',
    'peers/avoidable-propagation': 'computedRuns=2 effectRuns=0',
    'peers/cellx?layers=1000': 'computedRuns=4000 effectRuns=4000',
    'peers/cellx?layers=2500': 'computedRuns=10000 effectRuns=10000',
  };
  assert.deepEqual(Object.fromEntries(counters), lazy);
  assert.deepEqual(Object.fromEntries(solid), {
    ...lazy,
    'peers/triangle': 'computedRuns=11 effectRuns=1',
    'peers/unstable': 'computedRuns=3 effectRuns=1',
  });
});
