import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchContext, BenchmarkDef } from '../../src/suite/api.js';
import suite, {
  COMPLEX_COMPONENTS,
  ROWS,
  type ComponentsState,
  type Op,
  type PageDocument,
} from '../../suites/components.js';
import { componentStats } from '../../src/runtime/components/index.js';
import { ShimDocument, type ShimNode, type ShimText } from '../runtime/dom-shim.js';

// Compile-time only: the real DOM satisfies what the suite asks of `document`.
export const realDocumentFits = (d: Document): PageDocument => d;

function findDef(name: string, op: Op): BenchmarkDef {
  const defs = suite.benchmarks.filter((b) => b.name === name && (b.params as { op: Op[] }).op.includes(op));
  assert.equal(defs.length, 1, `${name} op=${op} defined once`);
  return defs[0];
}

/** Drives one benchmark the way the page runner does: setup, counter pass, verify, a few timed-style ops, verify. */
async function execute(def: BenchmarkDef, op: Op): Promise<Record<string, number>> {
  const doc = new ShimDocument();
  const g = globalThis as { document?: unknown };
  g.document = doc;
  const live = componentStats();
  try {
    const counters = new Map<string, number>();
    const ctx = {
      params: { op },
      host: null,
      state: undefined as unknown as ComponentsState,
      counting: false as boolean,
      count(metric: string, value = 1) {
        if (this.counting) counters.set(metric, (counters.get(metric) ?? 0) + value);
      },
      report() {
        throw new Error('components benchmarks do not report samples');
      },
    } satisfies BenchContext<{ op: Op }, ComponentsState>;
    ctx.state = (await def.setup?.(ctx)) as ComponentsState;
    ctx.counting = true;
    def.reset?.(ctx);
    def.run!(ctx);
    ctx.counting = false;
    def.verify?.(ctx);
    for (let i = 0; i < 3; i++) {
      def.reset?.(ctx);
      def.run!(ctx);
      def.verify?.(ctx);
    }
    await def.teardown?.(ctx);
    assert.equal(doc.body.childNodes.length, 0, 'teardown removes the container');
    const after = componentStats();
    assert.deepEqual(
      { c: after.componentsLive, e: after.effectsLive },
      { c: live.componentsLive, e: live.effectsLive },
      'nothing left alive after teardown',
    );
    return Object.fromEntries(counters);
  } finally {
    delete g.document;
  }
}

const ITEMS = COMPLEX_COMPONENTS - 3 - 6 * 2; // 36
// Exact per-op counters. complex update: app + 6 panels + 6 titles (theme) + 9 items (every 4th
// value); one patch each (app and panel class, title and item text).
const EXPECTED: Record<string, Record<Op, Record<string, number>>> = {
  simple: {
    mount: { componentsRendered: 1, patches: 0, effectsDisposed: 0 },
    update: { componentsRendered: 1, patches: 1, effectsDisposed: 0 },
    unmount: { componentsRendered: 0, patches: 0, effectsDisposed: 0 },
  },
  complex: {
    mount: { componentsRendered: COMPLEX_COMPONENTS, patches: 0, effectsDisposed: 0 },
    update: { componentsRendered: 1 + 6 + 6 + 9, patches: 1 + 6 + 6 + 9, effectsDisposed: 0 },
    unmount: { componentsRendered: 0, patches: 0, effectsDisposed: ITEMS },
  },
  'list-1000': {
    mount: { componentsRendered: ROWS + 1, patches: 0, effectsDisposed: 0 },
    update: { componentsRendered: ROWS / 10, patches: ROWS / 10, effectsDisposed: 0 },
    unmount: { componentsRendered: 0, patches: 0, effectsDisposed: ROWS },
  },
};

test('suite shape: three trees x three ops, reset only where an op changes its start state', () => {
  assert.equal(suite.name, 'components');
  assert.equal(COMPLEX_COMPONENTS, 51);
  assert.equal(suite.benchmarks.length, 9);
  for (const name of Object.keys(EXPECTED)) {
    for (const op of ['mount', 'update', 'unmount'] as const) {
      const def = findDef(name, op);
      assert.equal(typeof def.reset, op === 'update' ? 'undefined' : 'function', `${name} ${op} reset`);
      assert.deepEqual(Object.keys(def.metrics ?? {}).sort(), ['componentsRendered', 'effectsDisposed', 'patches']);
    }
  }
});

for (const [name, ops] of Object.entries(EXPECTED)) {
  for (const [op, expected] of Object.entries(ops) as [Op, Record<string, number>][]) {
    test(`${name} op=${op}: exact counters, verified DOM, nothing leaked`, async () => {
      assert.deepEqual(await execute(findDef(name, op), op), expected);
    });
  }
}

test('verify catches a wrong DOM', async () => {
  const def = findDef('list-1000', 'update');
  const doc = new ShimDocument();
  const g = globalThis as { document?: unknown };
  g.document = doc;
  try {
    const ctx = {
      params: { op: 'update' as Op },
      host: null,
      state: undefined as unknown as ComponentsState,
      counting: false,
      count() {},
      report() {},
    };
    ctx.state = (await def.setup!(ctx)) as ComponentsState;
    def.verify!(ctx);
    // A label text node changed behind the component layer's back.
    const label = (ctx.state.container as unknown as ShimNode).childNodes[0]!.childNodes[0]!.childNodes[5]!
      .childNodes[1]!.childNodes[0] as ShimText;
    const was = label.data;
    label.data = 'wrong';
    assert.throws(() => def.verify!(ctx), /list-1000 DOM text/);
    label.data = was;
    def.verify!(ctx);
    await def.teardown!(ctx);
  } finally {
    delete g.document;
  }
});
