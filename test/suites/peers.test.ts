/**
 * The peers suite in Node: every library gives the published answers, and the exact work each
 * does per update. The four lazy libraries agree on every counter. Solid's memos are eager: they are
 * evaluated when a source changes, read or not, so Solid does more where a graph holds a computed
 * that nothing reads on that update (triangle's last chain node; unstable's untaken branch).
 * The diff benchmarks run on the DOM shim through the page runner: each verifies on each library,
 * and its counters are the adapters' exact DOM work (test/adapters/differ.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRunner } from '../../src/suite/page-runner.js';
import peers from '../../suites/peers.js';
import { REACTIVE_ADAPTERS } from '../../src/adapters/reactive.js';
import { DIFFER_ADAPTERS } from '../../src/adapters/differ/index.js';
import { TABLE_OPS } from '../../suites/_shared/diff-peers.js';
import { ShimDocument } from '../runtime/dom-shim.js';

const FAST = { minSamples: 3, minTimeMs: 5, warmupMs: 2, minSampleMs: 1 };

const isDiff = (id: string): boolean => id.startsWith('peers/diff-');
/** The reactive graphs: not the diff-* tables, nor the frame-budget load (test/suites/scheduler-pools.test.ts). */
const isReactive = (id: string): boolean => !isDiff(id) && !id.startsWith('peers/frame-budget');

test('every reactive peers benchmark verifies on every framework, with identical per-update counters', async () => {
  const runner = createRunner(peers, { gc: () => {} });
  const counters = new Map<string, string>();
  const solid = new Map<string, string>();
  const frameworks = new Set<string>();
  for (const b of runner.list().filter((x) => isReactive(x.id))) {
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

test('every diff benchmark runs and verifies on every library through the page runner (DOM shim)', async () => {
  const g = globalThis as { document?: unknown };
  const doc = new ShimDocument();
  g.document = doc;
  try {
    const runner = createRunner(peers, { gc: () => {} });
    const ids = runner
      .list()
      .map((b) => b.id)
      .filter(isDiff);
    const want = TABLE_OPS.flatMap((op) =>
      Object.keys(DIFFER_ADAPTERS).map((f) => `peers/diff-${op.name}?framework=${f}`),
    );
    assert.deepEqual([...ids].sort(), [...want].sort());
    // The 10,000-row ops take seconds on the shim; the others cover every code path.
    for (const id of ids.filter((x) => !/create-many|append/.test(x))) {
      const out = await runner.runBenchmark(id, FAST);
      assert.equal(out.ok, true, `${id}: ${out.error}`);
      const counters = out.metrics.filter((m) => m.kind === 'counter').map((m) => m.metric);
      assert.deepEqual(counters.sort(), [
        'domAttrWrites',
        'domInserts',
        'domMoves',
        'domOps',
        'domRemoves',
        'domTextWrites',
      ]);
      assert.equal(doc.body.childNodes.length, 0, `${id}: teardown removed its table`);
    }
  } finally {
    delete g.document;
  }
});
