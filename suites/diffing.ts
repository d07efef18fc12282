/**
 * diffing: the js-framework-benchmark (krausest/js-framework-benchmark) keyed-table operations on
 * the reference runtime's differ (src/runtime/differ).
 *
 * Each operation turns a start table into an end table; both VNode trees are built in `setup`
 * from a seeded label generator, so every op and every run is identical. Two modes per op:
 * - `mode=diff`: the `diff(start, end)` call alone (pure, so no reset; ops are batched);
 * - `mode=dom`:  diff + `applyPatches` to a real `<table><tbody>` in the page + a forced layout
 *   (`document.body.offsetHeight`); `reset` (untimed) re-renders the start table and lays it out.
 * Counters per op: `patches` (patch list length) and `domMoves` (MOVE patches, i.e. nodes
 * re-inserted elsewhere; in dom mode as counted by applyPatches).
 *
 * Rows use jsfb's markup. The two cells that never change (remove icon, spacer) are one shared
 * static VNode each, as a compiler would hoist them, so the differ skips them.
 * No DOM at module top level: this file is also imported in Node.
 */
import {
  bench,
  defineSuite,
  type BenchContext,
  type BenchmarkDef,
  type MetricDecl,
  type SetupContext,
} from '../src/suite/api.js';
import {
  applyPatches,
  countPatches,
  diff,
  emptyCounts,
  h,
  markStatic,
  render,
  text,
  type DomDocument,
  type DomElement,
  type DomNode,
  type Patch,
  type PatchCounts,
  type VNode,
} from '../src/runtime/differ/index.js';
import { mulberry32 } from '../src/suite/prng.js';

// --- data (jsfb's label generator, with a seeded PRNG instead of Math.random) ---------------------

export interface Row {
  id: number;
  label: string;
}

const ADJECTIVES = [
  'pretty',
  'large',
  'big',
  'small',
  'tall',
  'short',
  'long',
  'handsome',
  'plain',
  'quaint',
  'clean',
  'elegant',
  'easy',
  'angry',
  'crazy',
  'helpful',
  'mushy',
  'odd',
  'unsightly',
  'adorable',
  'important',
  'inexpensive',
  'cheap',
  'expensive',
  'fancy',
];
const COLOURS = ['red', 'yellow', 'blue', 'green', 'pink', 'brown', 'purple', 'brown', 'white', 'black', 'orange'];
const NOUNS = [
  'table',
  'chair',
  'house',
  'bbq',
  'desk',
  'car',
  'pony',
  'cookie',
  'sandwich',
  'burger',
  'pizza',
  'mouse',
  'keyboard',
];

export const DATA_SEED = 0x6a657073;

/** jsfb's buildData: ids count up from 1 across calls, labels are "adjective colour noun". */
export function rowFactory(seed: number = DATA_SEED): (count: number) => Row[] {
  const rng = mulberry32(seed);
  const pick = (list: readonly string[]): string => list[Math.floor(rng() * list.length)];
  let nextId = 1;
  return (count) => {
    const rows: Row[] = new Array(count);
    for (let i = 0; i < count; i++)
      rows[i] = { id: nextId++, label: `${pick(ADJECTIVES)} ${pick(COLOURS)} ${pick(NOUNS)}` };
    return rows;
  };
}

// --- view -------------------------------------------------------------------------------------

// Plain objects (no DOM), shared by every row of every table.
const removeCell = markStatic(
  h('td', { class: 'col-md-1' }, [
    h('a', null, [h('span', { class: 'glyphicon glyphicon-remove', 'aria-hidden': 'true' }, [])]),
  ]),
);
const spacerCell = markStatic(h('td', { class: 'col-md-6' }, []));

export function rowNode(row: Row, selected: boolean): VNode {
  return {
    type: 'tr',
    key: row.id,
    props: { class: selected ? 'danger' : '' },
    children: [
      h('td', { class: 'col-md-1' }, [text(String(row.id))]),
      h('td', { class: 'col-md-4' }, [h('a', null, [text(row.label)])]),
      removeCell,
      spacerCell,
    ],
  };
}

export function tableBody(rows: readonly Row[], selectedId: number | null = null): VNode {
  return h(
    'tbody',
    null,
    rows.map((r) => rowNode(r, r.id === selectedId)),
  );
}

// --- operations -----------------------------------------------------------------------------------

/** Start and end state of one operation, and the exact patches a correct differ emits. */
export interface Scenario {
  from: readonly Row[];
  fromSelected: number | null;
  to: readonly Row[];
  toSelected: number | null;
  expected: PatchCounts;
}

function counts(partial: Partial<PatchCounts>): PatchCounts {
  return { ...emptyCounts(), ...partial };
}

interface OpDef {
  name: string;
  description: string;
  scenario(rows: (count: number) => Row[]): Scenario;
  /**
   * In dom mode, gc() before every op (BenchmarkDef.gcBeforeOp): the ops that create or drop
   * 1,000-10,000 rows. Without it their samples fell into two modes about 2x apart, depending on
   * whether a collection fell inside the op (docs/statistics.md section 1).
   */
  gcBeforeOp?: true;
}

export const OPS: readonly OpDef[] = [
  {
    name: 'create-rows',
    gcBeforeOp: true,
    description: 'create 1,000 rows in an empty table',
    scenario: (rows) => ({
      from: [],
      fromSelected: null,
      to: rows(1000),
      toSelected: null,
      expected: counts({ INSERT: 1000 }),
    }),
  },
  {
    name: 'replace-all',
    gcBeforeOp: true,
    description: 'replace all 1,000 rows with 1,000 new ones (new keys)',
    scenario: (rows) => ({
      from: rows(1000),
      fromSelected: null,
      to: rows(1000),
      toSelected: null,
      expected: counts({ REMOVE: 1000, INSERT: 1000 }),
    }),
  },
  {
    name: 'partial-update',
    description: "append ' !!!' to the label of every 10th row of 1,000",
    scenario: (rows) => {
      const from = rows(1000);
      const to = from.map((r, i) => (i % 10 === 0 ? { id: r.id, label: `${r.label} !!!` } : r));
      return { from, fromSelected: null, to, toSelected: null, expected: counts({ SET_TEXT: 100 }) };
    },
  },
  {
    name: 'select-row',
    description: 'highlight the second row of 1,000 (class "danger")',
    scenario: (rows) => {
      const from = rows(1000);
      return { from, fromSelected: null, to: from, toSelected: from[1].id, expected: counts({ SET_PROP: 1 }) };
    },
  },
  {
    name: 'swap-rows',
    description: 'swap rows 2 and 999 of 1,000 (indices 1 and 998)',
    scenario: (rows) => {
      const from = rows(1000);
      const to = from.slice();
      [to[1], to[998]] = [to[998], to[1]];
      return { from, fromSelected: null, to, toSelected: null, expected: counts({ MOVE: 2 }) };
    },
  },
  {
    name: 'remove-row',
    description: 'remove the 4th row of 1,000',
    scenario: (rows) => {
      const from = rows(1000);
      return {
        from,
        fromSelected: null,
        to: from.filter((_, i) => i !== 3),
        toSelected: null,
        expected: counts({ REMOVE: 1 }),
      };
    },
  },
  {
    name: 'create-many-rows',
    gcBeforeOp: true,
    description: 'create 10,000 rows in an empty table',
    scenario: (rows) => ({
      from: [],
      fromSelected: null,
      to: rows(10000),
      toSelected: null,
      expected: counts({ INSERT: 10000 }),
    }),
  },
  {
    name: 'append-rows',
    gcBeforeOp: true,
    description: 'append 1,000 rows to a table of 10,000 rows',
    scenario: (rows) => {
      const from = rows(10000);
      return {
        from,
        fromSelected: null,
        to: from.concat(rows(1000)),
        toSelected: null,
        expected: counts({ INSERT: 1000 }),
      };
    },
  },
  {
    name: 'clear-rows',
    gcBeforeOp: true,
    description: 'remove all 1,000 rows',
    scenario: (rows) => ({
      from: rows(1000),
      fromSelected: null,
      to: [],
      toSelected: null,
      expected: counts({ REMOVE: 1000 }),
    }),
  },
];

// --- benchmarks ------------------------------------------------------------------------------

export type Mode = 'diff' | 'dom';
export type DiffingParams = { mode: Mode };

/** What the suite needs of `document` (the real one in Chromium, a shim in Node tests). */
export type PageDocument = DomDocument & { readonly body: DomElement & { readonly offsetHeight: number } };

interface DomState {
  doc: PageDocument;
  table: DomElement;
  tbody: DomNode;
  /** Sink for the forced-layout read. */
  layout: number;
  /** Whether the DOM holds the end state of the op (so resetDom must undo it). */
  atEnd: boolean;
}

export interface DiffingState {
  scenario: Scenario;
  from: VNode;
  to: VNode;
  /** The patches of the last op (kept for verify, and so the result is observably used). */
  patches: Patch[];
  /** diff(to, from), computed once: what resetDom applies to undo an op. */
  undo?: Patch[];
  dom: DomState | null;
}

const METRICS: Record<string, MetricDecl> = {
  patches: { unit: 'count', direction: 'lower', kind: 'counter', description: 'patches emitted by diff per op' },
  domMoves: {
    unit: 'count',
    direction: 'lower',
    kind: 'counter',
    description: 'existing DOM nodes moved per op (MOVE patches)',
  },
};

type Ctx = BenchContext<DiffingParams, DiffingState>;

function pageDocument(): PageDocument {
  const doc = (globalThis as { document?: PageDocument }).document;
  if (!doc)
    throw new Error(
      'diffing mode=dom needs a DOM: run it in the browser, ' +
        'or set globalThis.document (tests use test/runtime/dom-shim.ts)',
    );
  return doc;
}

function setup(ctx: SetupContext<DiffingParams>, op: OpDef): DiffingState {
  const scenario = op.scenario(rowFactory());
  const state: DiffingState = {
    scenario,
    from: tableBody(scenario.from, scenario.fromSelected),
    to: tableBody(scenario.to, scenario.toSelected),
    patches: [],
    dom: null,
  };
  if (ctx.params.mode === 'dom') {
    const doc = pageDocument();
    const table = doc.createElement('table');
    table.setAttribute('class', 'table table-hover table-striped test-data');
    const tbody = render(state.from, doc);
    table.appendChild(tbody);
    doc.body.appendChild(table);
    state.dom = { doc, table, tbody, layout: doc.body.offsetHeight, atEnd: false };
  }
  return state;
}

/**
 * Untimed: back to the laid-out start table, so every timed op does the same work. The op is
 * undone by applying the inverse patches (diff(to, from)), which costs about as much as the op
 * itself; re-rendering 1,000 rows before a one-row "select" would make resets dominate the
 * benchmark's wall time a hundredfold. The differ's randomised tests are what make this safe.
 */
function resetDom(ctx: Ctx): void {
  const s = ctx.state;
  const dom = s.dom!;
  if (!dom.atEnd) return;
  dom.tbody = applyPatches(dom.tbody, (s.undo ??= diff(s.to, s.from)), dom.doc).root;
  dom.atEnd = false;
  dom.layout = dom.doc.body.offsetHeight;
}

function runOp(ctx: Ctx): void {
  const s = ctx.state;
  const patches = diff(s.from, s.to);
  s.patches = patches;
  let moves = -1;
  if (s.dom !== null) {
    const res = applyPatches(s.dom.tbody, patches, s.dom.doc);
    s.dom.tbody = res.root;
    s.dom.atEnd = true;
    s.dom.layout = s.dom.doc.body.offsetHeight;
    moves = res.moves;
  }
  if (ctx.counting) {
    if (moves < 0) moves = countPatches(patches).MOVE;
    ctx.count('patches', patches.length);
    ctx.count('domMoves', moves);
  }
}

function mismatch(what: string, got: unknown, want: unknown): Error {
  return new Error(`diffing: ${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

type ReadableNode = DomNode & { readonly textContent: string | null; getAttribute?(name: string): string | null };

function verifyOp(ctx: Ctx): void {
  const s = ctx.state;
  const got = countPatches(s.patches);
  for (const k of Object.keys(got) as (keyof PatchCounts)[]) {
    if (got[k] !== s.scenario.expected[k]) throw mismatch('patch counts', got, s.scenario.expected);
  }
  if (s.dom === null) return;
  const { tbody, table } = s.dom;
  if (tbody.parentNode !== table) throw new Error('diffing: the tbody is no longer in the table');
  const rows = tbody.childNodes;
  const want = s.scenario.to;
  if (rows.length !== want.length) throw mismatch('row count', rows.length, want.length);
  for (let i = 0; i < want.length; i++) {
    const tr = rows[i] as ReadableNode;
    const cells = tr.childNodes as ArrayLike<ReadableNode>;
    const id = cells[0]?.textContent;
    const label = cells[1]?.textContent;
    if (id !== String(want[i].id) || label !== want[i].label)
      throw mismatch(`row ${i}`, { id, label }, { id: String(want[i].id), label: want[i].label });
    const cls = tr.getAttribute?.('class');
    const wantCls = want[i].id === s.scenario.toSelected ? 'danger' : '';
    if (cls !== undefined && cls !== wantCls) throw mismatch(`class of row ${i}`, cls, wantCls);
  }
}

function teardown(ctx: Ctx): void {
  const dom = ctx.state?.dom;
  if (dom && dom.table.parentNode) dom.table.parentNode.removeChild(dom.table);
}

function benchmarksFor(op: OpDef): BenchmarkDef[] {
  const common = {
    name: op.name,
    metrics: METRICS,
    setup: (ctx: SetupContext<DiffingParams>) => setup(ctx, op),
    run: runOp,
    verify: verifyOp,
    teardown,
  };
  return [
    // Separate definitions so that only dom mode has `reset` (with reset every op is timed
    // alone); the ids are the same as a single `mode: ['diff', 'dom']` parameter would give.
    bench({ ...common, description: `${op.description}: diff() only`, params: { mode: ['diff'] } }),
    bench({
      ...common,
      description: `${op.description}: diff + applyPatches + forced layout`,
      params: { mode: ['dom'] },
      reset: resetDom,
      ...(op.gcBeforeOp && { gcBeforeOp: true }),
    }),
  ];
}

export default defineSuite({
  name: 'diffing',
  description:
    'js-framework-benchmark keyed-table operations on the reference runtime differ ' +
    '(diff alone, and diff + DOM patch + layout)',
  benchmarks: OPS.flatMap(benchmarksFor),
});
