/**
 * suites/memory.ts in Node with the DOM shim: without the harness's host nothing is reported; with
 * a fake host whose heap grows by a fixed amount per component mounted, the per-cycle and per-app
 * arithmetic and the number of cycles are checked exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchContext, BenchmarkDef, HostApi } from '../../src/suite/api.js';
import suite, { LEAK_CYCLES, LEAK_WARMUP_CYCLES } from '../../suites/memory.js';
import { componentStats } from '../../src/runtime/components/index.js';
import { ShimDocument } from '../runtime/dom-shim.js';

const BYTES_PER_COMPONENT = 64;

/** A host whose heap is BYTES_PER_COMPONENT per component ever mounted (a leak of everything). */
function fakeHost(calls: string[]): HostApi {
  return {
    heapUsed: async () => 1_000_000 + BYTES_PER_COMPONENT * componentStats().componentsMounted,
    gcCountStart: async () => {},
    gcCountStop: async () => ({ minor: 0, major: 0 }),
    gcCountWindows: async () => [],
    collectGarbage: async () => {
      calls.push('gc');
    },
    domCounters: async () => ({ documents: 1, nodes: 7, jsEventListeners: 0 }),

    loadPage: async () => {
      throw new Error('not used');
    },
  };
}

async function measure(name: string, components: number, host: HostApi | null): Promise<Map<string, number[]>> {
  const def = suite.benchmarks.find((b) => b.name === name) as BenchmarkDef;
  const g = globalThis as { document?: unknown };
  g.document = new ShimDocument();
  const reports = new Map<string, number[]>();
  const ctx = {
    params: { components },
    host,
    state: undefined as unknown,
    counting: false,
    count() {},
    report(metric: string, value: number) {
      reports.set(metric, [...(reports.get(metric) ?? []), value]);
    },
  } satisfies BenchContext;
  try {
    ctx.state = await def.setup?.(ctx);
    await def.measure!(ctx, { minSamples: 2, minTimeMs: 0 });
    def.verify?.(ctx);
    await def.teardown?.(ctx);
  } finally {
    delete g.document;
  }
  return reports;
}

test('memory: without a host nothing is reported (no made-up figures)', async () => {
  assert.equal((await measure('leak', 10, null)).size, 0);
  assert.equal((await measure('baseline', 10, null)).size, 0);
});

test('memory leak: growth per cycle over LEAK_CYCLES cycles after a warm-up, two collections per reading', async () => {
  const calls: string[] = [];
  const mountedBefore = componentStats().componentsMounted;
  const r = await measure('leak', 10, fakeHost(calls));
  // 10 rows and the table mount each cycle.
  assert.deepEqual(r.get('heapPerCycle'), [11 * BYTES_PER_COMPONENT]);
  assert.deepEqual(r.get('domNodesPerCycle'), [0]);
  assert.deepEqual(r.get('effectsPerCycle'), [0], 'the real rows leave no effect alive');
  assert.equal(componentStats().componentsMounted - mountedBefore, 11 * (LEAK_WARMUP_CYCLES + LEAK_CYCLES));
  assert.equal(calls.length, 4, 'two collections before each of the two readings');
});

test('memory baseline: the heap with the app mounted and what the app adds, one reading per round', async () => {
  const r = await measure('baseline', 100, fakeHost([]));
  const mountedNow = componentStats().componentsMounted;
  assert.equal(r.get('appHeap')!.length, 2, 'min(3, minSamples) rounds');
  assert.deepEqual(r.get('appHeap'), [101 * BYTES_PER_COMPONENT, 101 * BYTES_PER_COMPONENT]);
  // The second reading was taken with the last app mounted: every mount so far is in the fake heap.
  assert.equal(r.get('heapUsed')![1], 1_000_000 + BYTES_PER_COMPONENT * mountedNow);
  assert.deepEqual(r.get('domNodes'), [7, 7]);
});
