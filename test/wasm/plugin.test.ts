/**
 * The `jepsh:wasm-kernels` virtual import as esbuild sees it, and the wasm suite bundled with
 * it (directly, and by the harness through the suite's sidecar): the bundle must be
 * browser-clean, and its benchmarks must set up, run, count and verify (in Node, except the
 * long-task benchmark, which needs Chromium).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { wasmKernelsPlugin, WASM_KERNELS_IMPORT } from '../../src/wasm/bundle-plugin.js';
import { bundleSuite } from '../../src/browser/bundle.js';
import type { BenchContext, BenchmarkDef, Params, SuiteDef } from '../../src/suite/api.js';
import type { PrebuiltWasm } from '../../src/wasm/types.js';
import { prebuilt } from './helpers.js';

const importText = (code: string): Promise<{ default: unknown }> =>
  import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

let all: PrebuiltWasm;
let suite: SuiteDef;
let suiteBundle: { code: string; inputs: string[] };

before(async () => {
  all = await prebuilt();
  const out = await build({
    entryPoints: [new URL('../../suites/wasm.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [wasmKernelsPlugin()],
  });
  suiteBundle = { code: out.outputFiles[0].text, inputs: Object.keys(out.metafile.inputs) };
  suite = (await importText(suiteBundle.code)).default as SuiteDef;
});

test('the virtual import resolves to the same data as an isolated buildAll()', async () => {
  const out = await build({
    stdin: { contents: `export { default } from '${WASM_KERNELS_IMPORT}';`, resolveDir: process.cwd() },
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [wasmKernelsPlugin()],
  });
  const mod = (await importText(out.outputFiles[0].text)).default;
  assert.deepEqual(mod, all);
});

test('without the plugin the virtual import does not resolve (no silent fallback)', async () => {
  await assert.rejects(
    build({
      stdin: { contents: `import k from '${WASM_KERNELS_IMPORT}'; console.log(k);` },
      bundle: true,
      write: false,
      logLevel: 'silent',
    }),
  );
});

test(
  'the harness bundles suites/wasm.ts for the page with the kernels, ' + 'through its sidecar suites/wasm.plugins.ts',
  async () => {
    const page = await bundleSuite(
      { name: 'wasm', path: fileURLToPath(new URL('../../suites/wasm.ts', import.meta.url)) },
      'page',
    );
    assert.ok(page.includes(all.runtime.base64), 'the runtime module bytes are in the page bundle');
    assert.doesNotMatch(page, /require\(["']binaryen["']\)|from ["']binaryen["']/);
  },
);

test('the suite bundle is browser-clean: no binaryen, no node builtins, small', () => {
  assert.ok(!suiteBundle.inputs.some((i) => i.includes('binaryen')), suiteBundle.inputs.join('\n'));
  assert.ok(!suiteBundle.inputs.some((i) => i.startsWith('node:') || i.includes('isolated') || i.includes('registry')));
  assert.ok(suiteBundle.code.length < 200_000, `bundle is ${suiteBundle.code.length} chars`);
});

function ids(def: BenchmarkDef): string[] {
  const entries = Object.entries((def.params ?? {}) as Record<string, readonly (string | number)[]>).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  let combos: string[][] = [[]];
  for (const [key, values] of entries) combos = combos.flatMap((c) => values.map((v) => [...c, `${key}=${v}`]));
  return combos.map((c) => (c.length ? `${def.name}?${c.join('&')}` : def.name));
}

test('benchmark ids are unique and follow the documented shape', () => {
  assert.equal(suite.name, 'wasm');
  const all = suite.benchmarks.flatMap(ids);
  assert.equal(new Set(all).size, all.length, 'duplicate benchmark ids');
  for (const id of [
    'matmul?n=64&variant=O3',
    'matmul?n=128&variant=js',
    'fib-rec?n=25&variant=tailcall',
    'sum?n=100000&variant=simd',
    'sieve?limit=1000000&variant=unroll',
    'flex?n=1000&variant=strength',
    'flex?n=1000&variant=js',
    'compile?kernel=matmul&variant=O0',
    'instantiate?kernel=lis&variant=Os',
    'boundary?mode=per-call&n=10000',
    'boundary?mode=batched&n=10000',
    'compile-thread?mode=worker',
    'runtime-bundle?n=1000',
  ]) {
    assert.ok(all.includes(id), id);
  }
  assert.ok(!all.includes('fib-rec?n=25&variant=simd'), 'inapplicable variant listed');
});

test('size counters are declared as deterministic, lower-is-better bytes', () => {
  const matmul = suite.benchmarks.find((b) => b.name === 'matmul')!;
  assert.deepEqual(matmul.metrics?.sizeRaw, {
    unit: 'bytes',
    direction: 'lower',
    kind: 'counter',
    description: 'module size as emitted by binaryen',
  });
  assert.equal(matmul.counterOps, 1);
  const rb = suite.benchmarks.find((b) => b.name === 'runtime-bundle')!;
  assert.equal(rb.metrics?.totalWasmBytes.kind, 'counter');
  assert.equal(suite.benchmarks.find((b) => b.name === 'compile-thread')!.metrics?.longTaskMs.kind, 'gauge');
});

interface Fake {
  /** `state` writable: the test stores setup's return value there, as the runner does. */
  ctx: BenchContext<Params, unknown> & { state: unknown };
  counts: Map<string, number>;
  reports: Map<string, number[]>;
  setCounting(on: boolean): void;
}

function fakeCtx(params: Params): Fake {
  const counts = new Map<string, number>();
  const reports = new Map<string, number[]>();
  let counting = false;
  const ctx: Fake['ctx'] = {
    params,
    host: null,
    state: undefined,
    get counting() {
      return counting;
    },
    count: (m, v = 1) => void counts.set(m, (counts.get(m) ?? 0) + (counting ? v : 0)),
    report: (m, v) => void reports.set(m, [...(reports.get(m) ?? []), v]),
  };
  return { ctx, counts, reports, setCounting: (on) => (counting = on) };
}

function combos(def: BenchmarkDef): Params[] {
  let out: Params[] = [{}];
  for (const [key, values] of Object.entries((def.params ?? {}) as Record<string, readonly (string | number)[]>)) {
    out = out.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return out;
}

/** Setup, one counting op, a few timed-style ops, verify, teardown: what the page runner does. */
async function exercise(def: BenchmarkDef, params: Params): Promise<Fake> {
  const f = fakeCtx(params);
  f.ctx.state = await def.setup?.(f.ctx);
  f.setCounting(true);
  def.run!(f.ctx);
  f.setCounting(false);
  def.run!(f.ctx);
  def.verify?.(f.ctx);
  await def.teardown?.(f.ctx);
  return f;
}

test('every kernel benchmark and variant sets up, counts its sizes, runs and verifies', async () => {
  for (const k of all.kernels) {
    const def = suite.benchmarks.find((b) => b.name === k.name)!;
    for (const params of combos(def)) {
      const f = await exercise(def, params);
      const mod = k.variants.find((v) => v.variant === params.variant);
      if (params.variant === 'js') {
        assert.equal(f.counts.get('sizeRaw') ?? 0, 0);
      } else {
        assert.equal(f.counts.get('sizeRaw'), mod!.sizeRaw, `${k.name} ${JSON.stringify(params)}`);
        assert.equal(f.counts.get('sizeGzip'), mod!.sizeGzip);
      }
    }
  }
});

test('verify throws when the result differs from the JS reference', async () => {
  const def = suite.benchmarks.find((b) => b.name === 'sum')!;
  const f = fakeCtx({ n: 100_000, variant: 'simd' });
  f.ctx.state = await def.setup!(f.ctx);
  def.run!(f.ctx);
  def.verify!(f.ctx);
  (f.ctx.state as { expected: { value: number } }).expected.value += 0.25;
  assert.throws(() => def.verify!(f.ctx), /differs from the JS reference/);
});

test('boundary: same result both ways, crossings counted per op', async () => {
  const def = suite.benchmarks.find((b) => b.name === 'boundary')!;
  const perCall = await exercise(def, { mode: 'per-call', n: 10_000 });
  const batched = await exercise(def, { mode: 'batched', n: 10_000 });
  assert.equal(perCall.counts.get('crossings'), 10_000);
  assert.equal(batched.counts.get('crossings'), 1);
});

test('runtime-bundle counts the runtime module bytes, under 50 KB', async () => {
  const def = suite.benchmarks.find((b) => b.name === 'runtime-bundle')!;
  const f = await exercise(def, { n: 1000 });
  assert.equal(f.counts.get('totalWasmBytes'), all.runtime.sizeRaw);
  assert.equal(f.counts.get('totalWasmGzipBytes'), all.runtime.sizeGzip);
  assert.ok(all.runtime.sizeRaw < 50 * 1024);
});

test('compile and instantiate measure their own time samples', async () => {
  for (const name of ['compile', 'instantiate']) {
    const def = suite.benchmarks.find(
      (b) => b.name === name && (b.params as { kernel: string[] }).kernel[0] === 'matmul',
    )!;
    const f = fakeCtx({ kernel: 'matmul', variant: 'O3' });
    f.ctx.state = await def.setup!(f.ctx);
    await def.measure!(f.ctx, { minSamples: 4, minTimeMs: 0 });
    const times = f.reports.get('time') ?? [];
    assert.equal(times.length, 4, name);
    assert.ok(times.every((t) => Number.isFinite(t) && t >= 0));
  }
});

test('compile-thread refuses to run without long-task support instead of reporting zeros', async () => {
  const def = suite.benchmarks.find((b) => b.name === 'compile-thread')!;
  await assert.rejects(async () => def.setup!(fakeCtx({ mode: 'worker' }).ctx), /longtask/);
});
