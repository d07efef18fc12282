import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchContext, BenchmarkDef } from '../../src/suite/api.js';
import suite, {
  COMPLEX_COMPONENTS,
  ROWS,
  type ComponentsState,
  type JsfbOp,
  type JsfbState,
  type Op,
  type PageDocument,
} from '../../suites/components.js';
import { componentStats } from '../../src/runtime/components/index.js';
import { ShimDocument, type ShimElement, type ShimNode, type ShimText } from '../runtime/dom-shim.js';

// Compile-time only: the real DOM satisfies what the suite asks of `document`.
export const realDocumentFits = (d: Document): PageDocument => d;

function findDef(name: string, op: Op | JsfbOp): BenchmarkDef {
  const defs = suite.benchmarks.filter((b) => b.name === name && (b.params as { op: (Op | JsfbOp)[] }).op.includes(op));
  assert.equal(defs.length, 1, `${name} op=${op} defined once`);
  return defs[0];
}

/** Drives one benchmark the way the page runner does: setup, counter pass, verify, a few timed-style ops, verify. */
async function execute(def: BenchmarkDef, op: Op | JsfbOp): Promise<Record<string, number>> {
  const doc = new ShimDocument();
  const g = globalThis as { document?: unknown };
  g.document = doc;
  const live = componentStats();
  try {
    const counters = new Map<string, number>();
    const ctx = {
      params: { op },
      host: null,
      state: undefined as unknown,
      counting: false as boolean,
      count(metric: string, value = 1) {
        if (this.counting) counters.set(metric, (counters.get(metric) ?? 0) + value);
      },
      report() {
        throw new Error('components benchmarks do not report samples');
      },
    } satisfies BenchContext<{ op: Op | JsfbOp }, unknown>;
    ctx.state = await def.setup?.(ctx);
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

/*
 * jsfb: exact per-op counters, by hand. The App reads only the `rows` atom; a Row reads its label
 * atom and its `selected` computed. A new rows array re-renders the App (1) and its diff of the
 * tbody's keyed slots is the only patch list of the op, apart from new rows' first renders
 * (no patches: a first render builds DOM). Kept rows get shallow-equal props ({ row }) and do not
 * re-render. Rows own no effects, so nothing ever disposes one.
 * - create: App + 1,000 new rows = 1,001 renders; empty -> 1,000 keys: 1,000 INSERTs.
 * - replace: App + 1,000 new rows; no key in common: 1,000 REMOVEs + 1,000 INSERTs.
 * - update: every 10th label atom of 1,000: 100 rows re-render, one SET_TEXT each; no App.
 * - select: the selected id moves from row 1 to row 2: only those two rows' computeds change,
 *   so 2 renders, one SET_PROP (class) each; no App, the other 998 rows stay put.
 * - swap: App only; rows 2 and 999 swap: prefix/suffix trimming leaves 998 keys whose longest
 *   increasing subsequence keeps 996 in place, so 2 MOVEs, 2 DOM moves (the LIS minimum).
 * - remove: App only; one REMOVE.
 * - create-many: App + 10,000 rows; 10,000 INSERTs.
 * - append: App + 1,000 new rows; the 10,000 kept form the common prefix: 1,000 INSERTs.
 * - clear: App only; 1,000 keys -> none: 1,000 REMOVEs.
 */
const jsfb = (componentsRendered: number, patches: number, domMoves = 0): Record<string, number> => ({
  componentsRendered,
  patches,
  effectsDisposed: 0,
  domMoves,
});
const JSFB_EXPECTED: Record<JsfbOp, Record<string, number>> = {
  create: jsfb(1 + 1000, 1000),
  replace: jsfb(1 + 1000, 1000 + 1000),
  update: jsfb(1000 / 10, 1000 / 10),
  select: jsfb(2, 2),
  swap: jsfb(1, 2, 2),
  remove: jsfb(1, 1),
  'create-many': jsfb(1 + 10000, 10000),
  append: jsfb(1 + 1000, 1000),
  clear: jsfb(1, 1000),
};

test('suite shape: three trees x three ops, reset only where an op changes its start state; nine jsfb ops', () => {
  assert.equal(suite.name, 'components');
  assert.equal(COMPLEX_COMPONENTS, 51);
  assert.equal(suite.benchmarks.length, 9 + Object.keys(JSFB_EXPECTED).length);
  for (const name of Object.keys(EXPECTED)) {
    for (const op of ['mount', 'update', 'unmount'] as const) {
      const def = findDef(name, op);
      assert.equal(typeof def.reset, op === 'update' ? 'undefined' : 'function', `${name} ${op} reset`);
      assert.deepEqual(Object.keys(def.metrics ?? {}).sort(), ['componentsRendered', 'effectsDisposed', 'patches']);
    }
  }
  for (const op of Object.keys(JSFB_EXPECTED) as JsfbOp[]) {
    const def = findDef('jsfb', op);
    assert.equal(typeof def.reset, 'function', `jsfb ${op} reset`);
    assert.deepEqual(Object.keys(def.metrics ?? {}).sort(), [
      'componentsRendered',
      'domMoves',
      'effectsDisposed',
      'patches',
    ]);
  }
});

for (const [name, ops] of Object.entries(EXPECTED)) {
  for (const [op, expected] of Object.entries(ops) as [Op, Record<string, number>][]) {
    test(`${name} op=${op}: exact counters, verified DOM, nothing leaked`, async () => {
      assert.deepEqual(await execute(findDef(name, op), op), expected);
    });
  }
}

for (const [op, expected] of Object.entries(JSFB_EXPECTED) as [JsfbOp, Record<string, number>][]) {
  test(`jsfb op=${op}: exact counters, verified model and DOM, nothing leaked`, async () => {
    assert.deepEqual(await execute(findDef('jsfb', op), op), expected);
  });
}

test('jsfb verify catches a wrong highlight, a wrong order and a wrong model', async () => {
  const def = findDef('jsfb', 'swap');
  const doc = new ShimDocument();
  const g = globalThis as { document?: unknown };
  g.document = doc;
  try {
    const ctx = {
      params: { op: 'swap' as JsfbOp },
      host: null,
      state: undefined as unknown as JsfbState,
      counting: false,
      count() {},
      report() {},
    };
    ctx.state = (await def.setup!(ctx)) as JsfbState;
    def.reset!(ctx);
    def.run!(ctx);
    def.verify!(ctx);
    const tbody = (ctx.state.container as unknown as ShimNode).childNodes[0]!.childNodes[0] as ShimElement;
    // The DOM moved behind the component layer's back: rows 2 and 999 swapped back, then again.
    const swapNodes = (i: number, j: number): void => {
      const [a, b, afterB] = [tbody.childNodes[i]!, tbody.childNodes[j]!, tbody.childNodes[j + 1] ?? null];
      tbody.insertBefore(b, a);
      tbody.insertBefore(a, afterB);
    };
    swapNodes(1, 998);
    assert.throws(() => def.verify!(ctx), /jsfb row 1/);
    swapNodes(1, 998);
    def.verify!(ctx);
    // A highlight the store does not have.
    (tbody.childNodes[5] as ShimElement).setAttribute('class', 'danger');
    assert.throws(() => def.verify!(ctx), /jsfb row 5/);
    (tbody.childNodes[5] as ShimElement).setAttribute('class', '');
    // The store not what a swap makes: the op's own check.
    const rows = ctx.state.store.rows.get();
    ctx.state.before = rows;
    assert.throws(() => def.verify!(ctx), /swap ids/);
    await def.teardown!(ctx);
  } finally {
    delete g.document;
  }
});

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
