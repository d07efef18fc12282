import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchContext, BenchmarkDef } from '../../src/suite/api.js';
import { render } from '../../src/runtime/differ/index.js';
import suite, { OPS, rowFactory, type DiffingState, type PageDocument } from '../../suites/diffing.js';
import { ShimDocument, serialize, type ShimNode } from '../runtime/dom-shim.js';

// Compile-time only: the real DOM satisfies what the suite asks of `document`.
export const realDocumentFits = (d: Document): PageDocument => d;

type Mode = 'diff' | 'dom';

interface Outcome {
  counters: Record<string, number>;
  /** DOM moves the shim saw during the last timed-style op (dom mode only). */
  shimMoves: number | null;
  finalDom: string | null;
}

function findDef(name: string, mode: Mode): BenchmarkDef {
  const defs = suite.benchmarks.filter((b) => b.name === name && (b.params as { mode: Mode[] }).mode.includes(mode));
  assert.equal(defs.length, 1, `${name} mode=${mode} defined once`);
  return defs[0];
}

/** Drives one benchmark the way the page runner does, with a fake context. */
async function execute(def: BenchmarkDef, mode: Mode): Promise<Outcome> {
  const doc = mode === 'dom' ? new ShimDocument() : null;
  const g = globalThis as { document?: unknown };
  if (doc) g.document = doc;
  try {
    const counters = new Map<string, number>();
    const ctx = {
      params: { mode },
      host: null,
      state: undefined as unknown as DiffingState,
      counting: false as boolean,
      count(metric: string, value = 1) {
        if (this.counting) counters.set(metric, (counters.get(metric) ?? 0) + value);
      },
      report() {
        throw new Error('diffing benchmarks do not report samples');
      },
    } satisfies BenchContext<{ mode: Mode }, DiffingState>;
    ctx.state = await def.setup?.(ctx);
    ctx.counting = true;
    def.reset?.(ctx);
    def.run!(ctx);
    ctx.counting = false;
    def.verify?.(ctx);
    let shimMoves: number | null = null;
    for (let i = 0; i < 2; i++) {
      def.reset?.(ctx);
      doc?.resetOps();
      def.run!(ctx);
      if (doc) shimMoves = doc.ops.moves;
    }
    def.verify?.(ctx);
    let finalDom: string | null = null;
    if (doc) {
      finalDom = serialize(ctx.state.dom!.tbody as unknown as ShimNode);
      // The patched table equals a fresh rendering of the end state.
      assert.equal(finalDom, serialize(render(ctx.state.to, new ShimDocument()) as unknown as ShimNode));
      assert.equal(doc.body.childNodes.length, 1);
    }
    await def.teardown?.(ctx);
    if (doc) assert.equal(doc.body.childNodes.length, 0, 'teardown removes the table');
    return { counters: Object.fromEntries(counters), shimMoves, finalDom };
  } finally {
    if (doc) delete g.document;
  }
}

// Exact per-op counters: patches emitted, and DOM moves.
const EXPECTED: Record<string, { patches: number; domMoves: number }> = {
  'create-rows': { patches: 1000, domMoves: 0 },
  'replace-all': { patches: 2000, domMoves: 0 },
  'partial-update': { patches: 100, domMoves: 0 },
  'select-row': { patches: 1, domMoves: 0 },
  'swap-rows': { patches: 2, domMoves: 2 },
  'remove-row': { patches: 1, domMoves: 0 },
  'create-many-rows': { patches: 10000, domMoves: 0 },
  'append-rows': { patches: 1000, domMoves: 0 },
  'clear-rows': { patches: 1000, domMoves: 0 },
};

test('suite shape: every jsfb op in both modes, only dom mode has reset, counters declared', () => {
  assert.equal(suite.name, 'diffing');
  assert.deepEqual(OPS.map((o) => o.name).sort(), Object.keys(EXPECTED).sort());
  for (const op of OPS) {
    const d = findDef(op.name, 'diff');
    const m = findDef(op.name, 'dom');
    assert.equal(d.reset, undefined);
    assert.equal(typeof m.reset, 'function');
    for (const def of [d, m]) {
      assert.deepEqual(def.metrics?.patches, {
        unit: 'count',
        direction: 'lower',
        kind: 'counter',
        description: 'patches emitted by diff per op',
      });
      assert.equal(def.metrics?.domMoves?.kind, 'counter');
    }
  }
});

test('row data is deterministic and jsfb-shaped', () => {
  const a = rowFactory()(5);
  const b = rowFactory()(5);
  assert.deepEqual(a, b);
  assert.deepEqual(
    a.map((r) => r.id),
    [1, 2, 3, 4, 5],
  );
  for (const r of a) assert.match(r.label, /^[a-z]+ [a-z]+ [a-z]+$/);
  assert.notDeepEqual(rowFactory(1)(5), a);
});

for (const op of OPS) {
  for (const mode of ['diff', 'dom'] as const) {
    test(`${op.name} mode=${mode}: exact counters, verify passes, identical across fresh executions`, async () => {
      const def = findDef(op.name, mode);
      const first = await execute(def, mode);
      assert.deepEqual(first.counters, EXPECTED[op.name]);
      if (mode === 'dom') assert.equal(first.shimMoves, EXPECTED[op.name].domMoves, 'moves seen by the DOM');
      const second = await execute(def, mode);
      assert.deepEqual(second, first);
    });
  }
}

test('verify catches a wrong DOM (swap-rows, dom mode)', async () => {
  const def = findDef('swap-rows', 'dom');
  const doc = new ShimDocument();
  (globalThis as { document?: unknown }).document = doc;
  try {
    const ctx = {
      params: { mode: 'dom' },
      host: null,
      state: undefined as unknown as DiffingState,
      counting: false,
      count() {},
      report() {},
    };
    ctx.state = await def.setup!(ctx);
    def.reset!(ctx);
    def.run!(ctx);
    def.verify!(ctx);
    def.reset!(ctx); // back to the start table, but the patches still say "swapped"
    assert.throws(() => def.verify!(ctx), /row 1/);
    await def.teardown!(ctx);
  } finally {
    delete (globalThis as { document?: unknown }).document;
  }
});

test('mode=dom without a document fails with a clear message', async () => {
  const def = findDef('create-rows', 'dom');
  const ctx = {
    params: { mode: 'dom' },
    host: null,
    state: undefined as unknown as DiffingState,
    counting: false,
    count() {},
    report() {},
  };
  await assert.rejects(async () => def.setup!(ctx), /needs a DOM/);
});
