/**
 * The peers suite's diff benchmarks: the js-framework-benchmark table operations of the diffing
 * suite, plus sort, reverse and shuffle, on the reference differ and on real peer libraries
 * through one adapter (src/adapters/differ): `peers/diff-<op>?framework=jepsh|snabbdom|udomdiff`.
 *
 * One op = the library's update from the op's start rows to its end rows, on a real
 * `<table><tbody>` in the page, plus a forced layout (`document.body.offsetHeight`), as the
 * diffing suite's `mode=dom`. Each update builds the library's own view of the rows (vnodes, or
 * row nodes for udomdiff), so that is timed too. `reset` (untimed) runs the same library's update
 * back to the start rows. Counters come from the untimed counter pass (./dom-ops.ts): the DOM
 * calls each library made, counted by the benchmark, not by the library.
 * No DOM at module top level: this file is also imported in Node.
 */
import { bench, type BenchContext, type BenchmarkDef, type MetricDecl } from '../../src/suite/api.js';
import {
  DIFFER_ADAPTERS,
  rowClass,
  type DifferAdapter,
  type KeyedTable,
  type Row,
} from '../../src/adapters/differ/index.js';
import { mulberry32 } from '../../src/suite/prng.js';
import { OPS, rowFactory } from '../diffing.js';
import { countDomOps, totalDomOps } from './dom-ops.js';

/** Start and end of one table operation. */
export interface TableScenario {
  from: readonly Row[];
  fromSelected: number | null;
  to: readonly Row[];
  toSelected: number | null;
}

export interface TableOp {
  name: string;
  description: string;
  scenario(rows: (count: number) => Row[]): TableScenario;
}

const SHUFFLE_SEED = 0x73687566;

/** Fisher-Yates with a seeded PRNG: the same permutation in every run. */
export function shuffled<T>(list: readonly T[], seed: number = SHUFFLE_SEED): T[] {
  const out = list.slice();
  const rng = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const reorder = (name: string, description: string, order: (rows: Row[]) => Row[]): TableOp => ({
  name,
  description,
  scenario: (rows) => {
    const from = rows(1000);
    return { from, fromSelected: null, to: order(from), toSelected: null };
  },
});

/** Reorderings the diffing suite does not have: they are where list diffs differ most in moves. */
export const REORDER_OPS: readonly TableOp[] = [
  reorder('sort-rows', 'sort 1,000 rows by label (ties by id)', (rows) =>
    rows.slice().sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id - b.id)),
  ),
  reorder('reverse-rows', 'reverse 1,000 rows', (rows) => rows.slice().reverse()),
  reorder('shuffle-rows', 'shuffle 1,000 rows (seeded)', (rows) => shuffled(rows)),
];

export const TABLE_OPS: readonly TableOp[] = [...OPS, ...REORDER_OPS];

type Params = { framework: string };

/** What the benchmarks need of `document` (the real one in Chromium, the shim in Node tests). */
type PageDocument = Document & { readonly body: HTMLElement };

export interface DiffPeerState {
  scenario: TableScenario;
  doc: PageDocument;
  table: Element;
  keyed: KeyedTable;
  /** Whether the DOM holds the op's end rows (so reset must go back). */
  atEnd: boolean;
  /** Sink for the forced-layout read. */
  layout: number;
}

type Ctx = BenchContext<Params, DiffPeerState>;

const counter = (description: string): MetricDecl => ({
  unit: 'count',
  direction: 'lower',
  kind: 'counter',
  description,
});

export const DIFF_PEER_METRICS: Record<string, MetricDecl> = {
  domMoves: counter('rows already in the tbody re-inserted per op (insertBefore/appendChild/replaceChild)'),
  domInserts: counter('rows inserted into the tbody per op that were not in it (new, or taken out earlier in the op)'),
  domRemoves: counter('rows removed from the tbody per op'),
  domTextWrites: counter('text writes (data, nodeValue, textContent) inside the table per op'),
  domAttrWrites: counter('setAttribute/removeAttribute inside the table per op'),
  domOps: counter('all DOM operations per op: moves, inserts, removes, text and attribute writes'),
};

function fail(message: string): never {
  throw new Error(message);
}

function adapterOf(framework: string): DifferAdapter {
  return DIFFER_ADAPTERS[framework] ?? fail(`unknown framework ${framework}`);
}

function pageDocument(): PageDocument {
  return (
    (globalThis as { document?: PageDocument }).document ??
    fail(
      'peers diff benchmarks need a DOM: run them in the browser, ' +
        'or set globalThis.document (tests use test/runtime/dom-shim.ts)',
    )
  );
}

function setup(framework: string, op: TableOp): DiffPeerState {
  const scenario = op.scenario(rowFactory());
  const doc = pageDocument();
  const table = doc.createElement('table');
  table.setAttribute('class', 'table table-hover table-striped test-data');
  doc.body.appendChild(table);
  const keyed = adapterOf(framework).mount(doc, table);
  keyed.update(scenario.from, scenario.fromSelected);
  return { scenario, doc, table, keyed, atEnd: false, layout: doc.body.offsetHeight };
}

function reset(ctx: Ctx): void {
  const s = ctx.state;
  if (!s.atEnd) return;
  s.keyed.update(s.scenario.from, s.scenario.fromSelected);
  s.atEnd = false;
  s.layout = s.doc.body.offsetHeight;
}

function run(ctx: Ctx): void {
  const s = ctx.state;
  const { to, toSelected } = s.scenario;
  if (ctx.counting) {
    const ops = countDomOps(s.keyed.tbody, () => s.keyed.update(to, toSelected));
    ctx.count('domMoves', ops.moves);
    ctx.count('domInserts', ops.inserts);
    ctx.count('domRemoves', ops.removes);
    ctx.count('domTextWrites', ops.texts);
    ctx.count('domAttrWrites', ops.attrs);
    ctx.count('domOps', totalDomOps(ops));
  } else {
    s.keyed.update(to, toSelected);
  }
  s.atEnd = true;
  s.layout = s.doc.body.offsetHeight;
}

function mismatch(what: string, got: unknown, want: unknown): Error {
  return new Error(`peers diff: ${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

/** The tbody shows exactly `want` (ids, labels, selection, four cells a row), in order. */
export function checkTable(keyed: KeyedTable, table: Element, want: readonly Row[], selectedId: number | null): void {
  const tbody = keyed.tbody;
  if (tbody.parentNode !== table) throw new Error('peers diff: the tbody is no longer in the table');
  const rows = tbody.childNodes;
  if (rows.length !== want.length) throw mismatch('row count', rows.length, want.length);
  for (let i = 0; i < want.length; i++) {
    const tr = rows[i] as Element;
    const cells = tr.childNodes;
    const got = { id: cells[0]?.textContent, label: cells[1]?.textContent, cells: cells.length };
    const expected = { id: String(want[i]!.id), label: want[i]!.label, cells: 4 };
    if (got.id !== expected.id || got.label !== expected.label || got.cells !== 4)
      throw mismatch(`row ${i}`, got, expected);
    const cls = tr.getAttribute('class');
    const wantCls = rowClass(want[i]!, selectedId);
    if (cls !== wantCls) throw mismatch(`class of row ${i}`, cls, wantCls);
  }
}

function verify(ctx: Ctx): void {
  const s = ctx.state;
  if (!s.atEnd) throw new Error('peers diff: verify before any op');
  checkTable(s.keyed, s.table, s.scenario.to, s.scenario.toSelected);
}

function teardown(ctx: Ctx): void {
  const s = ctx.state;
  if (!s) return;
  s.keyed.dispose();
  s.table.parentNode?.removeChild(s.table);
}

function diffBenchmark(op: TableOp): BenchmarkDef<Params, DiffPeerState> {
  return bench({
    name: `diff-${op.name}`,
    description: `${op.description}: the library's update + forced layout`,
    params: { framework: Object.keys(DIFFER_ADAPTERS) },
    metrics: DIFF_PEER_METRICS,
    setup: (ctx) => setup(ctx.params.framework, op),
    reset,
    run,
    verify,
    teardown,
  });
}

export const diffPeerBenchmarks: BenchmarkDef[] = TABLE_OPS.map(diffBenchmark);
