/**
 * suites/startup.ts in Node with a fake host: each load's timings are reported as they came, one
 * load per sample up to the cap, with the benchmark's app URL and CPU rate; without the harness's
 * host nothing is reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchContext, BenchmarkDef, HostApi, PageLoadOptions } from '../../src/suite/api.js';
import { join } from 'node:path';
import suite, { MAX_LOADS, QUIET_WINDOW_MS } from '../../suites/startup.js';
import { bundleApp, findSuites } from '../../src/browser/bundle.js';
import { ROOT } from '../helpers.js';

const app = suite.benchmarks.find((b) => b.name === 'app') as BenchmarkDef;

/** A host whose i-th load (from 0) took fcp 100 + i, first render 90 + i, TTI 150 + i. */
function fakeHost(loads: Array<{ url: string; opts: PageLoadOptions | undefined }>): HostApi {
  const unused = async (): Promise<never> => {
    throw new Error('not used');
  };
  return {
    heapUsed: unused,
    gcCountStart: unused,
    gcCountStop: unused,
    gcCountWindows: unused,
    collectGarbage: unused,
    domCounters: unused,
    loadPage: async (url, opts) => {
      const i = loads.push({ url, opts }) - 1;
      return { fcp: 100 + i, firstRender: 90 + i, tti: 150 + i, domContentLoadedEnd: 95 + i, longTasks: 0 };
    },
  };
}

async function measure(
  params: { components: number; cpu: number },
  host: HostApi | null,
  minSamples: number,
): Promise<Map<string, number[]>> {
  const reports = new Map<string, number[]>();
  const ctx = {
    params,
    host,
    state: undefined,
    counting: false,
    count() {},
    report(metric: string, value: number) {
      reports.set(metric, [...(reports.get(metric) ?? []), value]);
    },
  } satisfies BenchContext;
  await app.measure!(ctx, { minSamples, minTimeMs: 0 });
  return reports;
}

test('startup: four benchmarks, N = 100 and 1000 at CPU rates 1 and 4', async () => {
  assert.deepEqual(app.params, { components: [100, 1000], cpu: [1, 4] });
  assert.deepEqual(Object.keys(app.metrics ?? {}).sort(), ['fcp', 'firstRender', 'tti']);
});

test('startup: without a host nothing is reported (no made-up figures)', async () => {
  assert.equal((await measure({ components: 100, cpu: 1 }, null, 2)).size, 0);
});

test("startup: one cold load per sample, each reporting the host's timings as they came", async () => {
  const loads: Array<{ url: string; opts: PageLoadOptions | undefined }> = [];
  const r = await measure({ components: 1000, cpu: 4 }, fakeHost(loads), 2);
  assert.deepEqual(r.get('fcp'), [100, 101]);
  assert.deepEqual(r.get('firstRender'), [90, 91]);
  assert.deepEqual(r.get('tti'), [150, 151]);
  assert.deepEqual(loads, [
    { url: 'app/?components=1000', opts: { cpuThrottling: 4, quietWindowMs: QUIET_WINDOW_MS } },
    { url: 'app/?components=1000', opts: { cpuThrottling: 4, quietWindowMs: QUIET_WINDOW_MS } },
  ]);
});

test('startup: at most MAX_LOADS loads per session, whatever minSamples asks', async () => {
  const loads: Array<{ url: string; opts: PageLoadOptions | undefined }> = [];
  const r = await measure({ components: 100, cpu: 1 }, fakeHost(loads), 50);
  assert.equal(loads.length, MAX_LOADS);
  assert.equal(r.get('tti')!.length, MAX_LOADS);
});

test('startup: its app page is a sidecar (startup.app.ts), bundled alone, not a suite', async () => {
  const suites = findSuites(join(ROOT, 'suites'));
  const names = suites.map((f) => f.name);
  assert.ok(names.includes('startup') && !names.includes('startup.app'), names.join(', '));
  const app = await bundleApp(suites.find((f) => f.name === 'startup')!);
  assert.match(app!, /jepsh:first-render/);
  assert.doesNotMatch(app!, /installRunner/, 'no harness runner in the app bundle');
  assert.equal(await bundleApp(suites.find((f) => f.name === 'memory')!), null, 'no sidecar, no app page');
});
