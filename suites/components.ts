/**
 * components: the reference runtime's component layer (src/runtime/components) mounting,
 * updating and unmounting three trees in a real DOM:
 * - `simple`: one tiny component reading one atom;
 * - `complex`: 51 components, 3 levels deep (app, header, footer, 6 panels of a title and 6 items),
 *   with props flowing down, local state (`useAtom`) and an effect per item (`useEffect`);
 * - `list-1000`: a table of 1,000 keyed row components, each with an effect.
 * Three ops per tree, as `op=mount|update|unmount`:
 * - `mount`: builds the tree into an empty container (`reset`, untimed, unmounts the last one);
 * - `update`: one batch of writes, alternating between two states so every op does the same work:
 *   simple flips its atom, complex changes the root's `theme` prop and every 4th item's value
 *   atom, list-1000 appends or removes ' !!!' on every 10th row's label atom;
 * - `unmount`: disposes the tree and removes its DOM (`reset` mounts it again).
 * Counters per op (the component layer's own, src/runtime/components/stats.ts): components
 * rendered, patches applied, owned effects disposed. `verify` compares the DOM text with the
 * model and, after unmount, checks that no component or effect was left alive.
 * Data is built in `setup` from a seeded PRNG. No DOM at module top level: this file is also
 * imported in Node.
 *
 * `jsfb`: the js-framework-benchmark (krausest/js-framework-benchmark) keyed table as an app on
 * the component layer, with the diffing suite's labels and row markup (suites/diffing.ts): an
 * App component renders a store's `rows` atom as keyed Row components; each row model has an id,
 * a label atom and `selected`, a computed of the store's `selected` id atom, so a select
 * re-renders the two rows whose highlight changes and nothing else (it re-evaluates one cheap
 * computed per row, the runtime having no keyed selector). One benchmark per jsfb operation, as
 * `op=create|replace|update|select|swap|remove|create-many|append|clear`; `reset` (untimed) puts
 * the store back to the op's start state, and the counters add the DOM nodes moved (`domMoves`).
 * `verify` checks the store against the operation (rows, order, labels, selection), the DOM
 * against the store (row count, ids, labels, the `danger` class of the selected row) and that
 * exactly the app and one component per row are alive.
 */
import {
  bench,
  defineSuite,
  type BenchContext,
  type BenchmarkDef,
  type MetricDecl,
  type SetupContext,
} from '../src/suite/api.js';
import { atom, batch, computed, type Atom, type Computed } from '../src/runtime/reactivity/index.js';
import { h, text, type DomDocument, type DomElement, type DomNode, type VNode } from '../src/runtime/differ/index.js';
import {
  component,
  componentStats,
  mount,
  useAtom,
  useEffect,
  type Component,
  type ComponentStats,
  type Root,
} from '../src/runtime/components/index.js';
import { rowFactory, rowNode } from './diffing.js';
import { DATA_SEED, Row, Table, labels, rowModels, sink, type RowModel } from './_shared/row-table.js';

export { DATA_SEED, Row, Table, rowModels, type RowModel };

export const ROWS = 1000;

// --- simple -----------------------------------------------------------------------------------

interface SimpleProps {
  count: Atom<number>;
}

const Counter = (p: SimpleProps): VNode => h('p', { class: 'counter' }, ['count ', String(p.count.get())]);

// --- complex ----------------------------------------------------------------------------------

export interface ItemModel {
  id: number;
  label: string;
  value: Atom<number>;
}

export interface ComplexModel {
  title: Atom<string>;
  panels: ItemModel[][];
}

interface ComplexProps {
  model: ComplexModel;
  theme: string;
}

export const PANELS = 6;
export const ITEMS_PER_PANEL = 6;

const Item = (p: { item: ItemModel }): VNode => {
  const expanded = useAtom(p.item.id % 3 === 0); // local state, read by the render
  useEffect(() => {
    sink.chars += p.item.value.get();
  });
  const open = expanded.get();
  return h('li', { class: open ? 'item open' : 'item' }, [
    h('span', null, [p.item.label]),
    text(` = ${p.item.value.get()}`),
  ]);
};

const PanelTitle = (p: { index: number; theme: string }): VNode => h('h2', null, [`panel ${p.index} (${p.theme})`]);

const Panel = (p: { index: number; theme: string; items: ItemModel[] }): VNode =>
  h('section', { class: `panel ${p.theme}` }, [
    component(PanelTitle, { index: p.index, theme: p.theme }),
    h(
      'ul',
      null,
      p.items.map((item) => component(Item, { item }, item.id)),
    ),
  ]);

const Header = (p: { title: Atom<string> }): VNode => h('header', null, [h('h1', null, [p.title.get()])]);

const Footer = (p: { panels: number }): VNode => h('footer', null, [`${p.panels} panels`]);

const App = (p: ComplexProps): VNode =>
  h('div', { class: `app ${p.theme}` }, [
    component(Header, { title: p.model.title }),
    h(
      'main',
      null,
      p.model.panels.map((items, index) => component(Panel, { index, theme: p.theme, items }, index)),
    ),
    component(Footer, { panels: p.model.panels.length }),
  ]);

/** Components in the complex tree: app, header, footer, and per panel itself, its title and its items. */
export const COMPLEX_COMPONENTS = 3 + PANELS * (2 + ITEMS_PER_PANEL);

function complexModel(): ComplexModel {
  const next = labels(DATA_SEED);
  let id = 1;
  const panels: ItemModel[][] = [];
  for (let p = 0; p < PANELS; p++) {
    const items: ItemModel[] = [];
    for (let i = 0; i < ITEMS_PER_PANEL; i++) items.push({ id, label: next(), value: atom(id++) });
    panels.push(items);
  }
  return { title: atom('dashboard'), panels };
}

// --- list-1000 --------------------------------------------------------------------------------

const listModel = (): RowModel[] => rowModels(ROWS);

// --- scenarios --------------------------------------------------------------------------------

/** One tree: how to build its model and props, update it, and what its DOM text must be. */
interface Scenario<M, P> {
  name: string;
  description: string;
  view: Component<P>;
  model(): M;
  props(model: M, flipped: boolean): P;
  /** The writes of one `update` op, from the unflipped state to the flipped one or back. */
  write(model: M, flipped: boolean, root: Root<P>): void;
  /** The container's textContent when the model is (un)flipped. */
  expectedText(model: M, flipped: boolean): string;
}

const EVERY_4TH = (i: number): boolean => i % 4 === 0;
const BANG = ' !!!';

const SIMPLE: Scenario<SimpleProps, SimpleProps> = {
  name: 'simple',
  description: 'one tiny component reading one atom',
  view: Counter,
  model: () => ({ count: atom(0) }),
  props: (m) => m,
  write: (m, flipped) => m.count.set(flipped ? 1 : 0),
  expectedText: (m) => `count ${m.count.get()}`,
};

const themeOf = (flipped: boolean): string => (flipped ? 'dark' : 'light');

function itemsOf(m: ComplexModel): ItemModel[] {
  return m.panels.flat();
}

const COMPLEX: Scenario<ComplexModel, ComplexProps> = {
  name: 'complex',
  description:
    `a tree of ${COMPLEX_COMPONENTS} components (6 panels of a title and 6 items) ` +
    'with props, local state and effects',
  view: App,
  model: complexModel,
  props: (m, flipped) => ({ model: m, theme: themeOf(flipped) }),
  write: (m, flipped, root) => {
    root.update({ model: m, theme: themeOf(flipped) });
    itemsOf(m).forEach((item, i) => {
      if (EVERY_4TH(i)) item.value.set(flipped ? -item.id : item.id);
    });
  },
  expectedText: (m, flipped) => {
    const theme = themeOf(flipped);
    let s = m.title.get();
    m.panels.forEach((items, index) => {
      s += `panel ${index} (${theme})`;
      for (const item of items) s += `${item.label} = ${item.value.get()}`;
    });
    return `${s}${m.panels.length} panels`;
  },
};

const labelAt = (label: string, flipped: boolean): string =>
  flipped ? label + BANG : label.endsWith(BANG) ? label.slice(0, -BANG.length) : label;

const LIST: Scenario<RowModel[], { rows: RowModel[] }> = {
  name: 'list-1000',
  description: `a table of ${ROWS.toLocaleString('en-US')} keyed row components, each with an effect`,
  view: Table,
  model: listModel,
  props: (rows) => ({ rows }),
  write: (rows, flipped) => {
    for (let i = 0; i < rows.length; i += 10) rows[i].label.set(labelAt(rows[i].label.get(), flipped));
  },
  expectedText: (rows) => rows.map((r) => `${r.id}${r.label.get()}`).join(''),
};

// --- benchmarks -------------------------------------------------------------------------------

export type Op = 'mount' | 'update' | 'unmount';
export type ComponentsParams = { op: Op };

/** What the suite needs of `document` (the real one in Chromium, a shim in Node tests). */
export type PageDocument = DomDocument & { readonly body: DomElement };

export interface ComponentsState<M = unknown, P = unknown> {
  scenario: Scenario<M, P>;
  model: M;
  doc: PageDocument;
  container: DomElement;
  root: Root<P> | null;
  /** Whether the model is in its flipped state (update ops alternate). */
  flipped: boolean;
  /** Live components and effects before this benchmark mounted anything: what unmount must return to. */
  baseline: { components: number; effects: number };
}

const METRICS: Record<string, MetricDecl> = {
  componentsRendered: {
    unit: 'count',
    direction: 'lower',
    kind: 'counter',
    description: 'component functions run per op',
  },
  patches: {
    unit: 'count',
    direction: 'lower',
    kind: 'counter',
    description: 'DOM patches applied by re-renders per op',
  },
  effectsDisposed: { unit: 'count', direction: 'lower', kind: 'counter', description: 'owned effects disposed per op' },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one state type for scenarios of any model
type AnyState = ComponentsState<any, any>;
type Ctx = BenchContext<ComponentsParams, AnyState>;

function pageDocument(): PageDocument {
  const doc = (globalThis as { document?: PageDocument }).document;
  if (!doc)
    throw new Error(
      'components needs a DOM: run it in the browser, or set globalThis.document (tests use test/runtime/dom-shim.ts)',
    );
  return doc;
}

function setup(ctx: SetupContext<ComponentsParams>, scenario: Scenario<unknown, unknown>): AnyState {
  const doc = pageDocument();
  const container = doc.createElement('div');
  doc.body.appendChild(container);
  const live = componentStats();
  const state: AnyState = {
    scenario,
    model: scenario.model(),
    doc,
    container,
    root: null,
    flipped: false,
    baseline: { components: live.componentsLive, effects: live.effectsLive },
  };
  if (ctx.params.op !== 'mount') mountTree(state);
  return state;
}

function mountTree(s: AnyState): void {
  s.root = mount(s.scenario.view, s.scenario.props(s.model, s.flipped), s.container, { doc: s.doc });
}

function unmountTree(s: AnyState): void {
  s.root!.unmount();
  s.root = null;
}

/** Untimed: the state the op starts from (mount needs an empty container, unmount a tree). */
function reset(ctx: Ctx): void {
  const s = ctx.state;
  if (ctx.params.op === 'mount' && s.root !== null) unmountTree(s);
  if (ctx.params.op === 'unmount' && s.root === null) mountTree(s);
}

function op(s: AnyState, which: Op): void {
  switch (which) {
    case 'mount':
      mountTree(s);
      break;
    case 'unmount':
      unmountTree(s);
      break;
    case 'update': {
      const flipped = !s.flipped;
      const root = s.root!;
      batch(() => s.scenario.write(s.model, flipped, root));
      s.flipped = flipped;
      break;
    }
  }
}

function run(ctx: Ctx): void {
  if (!ctx.counting) {
    op(ctx.state, ctx.params.op);
    return;
  }
  const before: ComponentStats = componentStats();
  op(ctx.state, ctx.params.op);
  countWork(ctx, before, false);
}

/** Counts the component layer's work since `before` (DOM moves only where the benchmark declares them). */
function countWork(ctx: Pick<BenchContext, 'count'>, before: ComponentStats, moves: boolean): void {
  const after = componentStats();
  ctx.count('componentsRendered', after.componentsRendered - before.componentsRendered);
  ctx.count('patches', after.patchesApplied - before.patchesApplied);
  ctx.count('effectsDisposed', after.effectsDisposed - before.effectsDisposed);
  if (moves) ctx.count('domMoves', after.domMoves - before.domMoves);
}

function mismatch(what: string, got: unknown, want: unknown): Error {
  return new Error(`components: ${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

type ReadableNode = DomNode & { readonly textContent: string | null };

function verify(ctx: Ctx): void {
  const s = ctx.state;
  const live = componentStats();
  if (s.root === null) {
    // After unmount: nothing in the container, nothing alive.
    if (s.container.childNodes.length !== 0)
      throw mismatch('children left in the container', s.container.childNodes.length, 0);
    const now = { components: live.componentsLive, effects: live.effectsLive };
    if (now.components !== s.baseline.components || now.effects !== s.baseline.effects)
      throw mismatch('live components/effects after unmount', now, s.baseline);
    return;
  }
  if (s.container.childNodes.length !== 1)
    throw mismatch('root nodes in the container', s.container.childNodes.length, 1);
  const got = (s.container as unknown as ReadableNode).textContent;
  const want = s.scenario.expectedText(s.model, s.flipped);
  if (got !== want) throw mismatch(`${s.scenario.name} DOM text`, got, want);
}

function teardown(ctx: Ctx): void {
  const s = ctx.state;
  if (!s) return;
  if (s.root !== null) unmountTree(s);
  if (s.container.parentNode) s.container.parentNode.removeChild(s.container);
}

const OPS: readonly { op: Op; description: string }[] = [
  { op: 'mount', description: 'mount into an empty container' },
  { op: 'update', description: 'one batch of writes (see the suite header), alternating two states' },
  { op: 'unmount', description: 'unmount: dispose every instance and effect, remove the DOM' },
];

export const SCENARIOS: readonly Scenario<unknown, unknown>[] = [SIMPLE, COMPLEX, LIST] as unknown as readonly Scenario<
  unknown,
  unknown
>[];

function benchmarksFor(scenario: Scenario<unknown, unknown>): BenchmarkDef[] {
  return OPS.map(({ op: which, description }) =>
    bench({
      name: scenario.name,
      description: `${scenario.description}: ${description}`,
      params: { op: [which] },
      metrics: METRICS,
      setup: (ctx: SetupContext<ComponentsParams>) => setup(ctx, scenario),
      run,
      // Only mount and unmount change what the next op starts from; update alternates instead.
      ...(which === 'update' ? {} : { reset }),
      verify,
      teardown,
    }),
  );
}

// --- jsfb: js-framework-benchmark's keyed table as a component app -----------------------------

export interface JsfbRow {
  id: number;
  label: Atom<string>;
  /** `store.selected.get() === id`: changes for two rows per select, so only those re-render. */
  selected: Computed<boolean>;
}

export interface JsfbStore {
  rows: Atom<JsfbRow[]>;
  /** Id of the highlighted row, or null. */
  selected: Atom<number | null>;
  /** jsfb's buildData (suites/diffing.ts, seeded): `count` new rows, ids counting up across calls. */
  build(count: number): JsfbRow[];
}

export function jsfbStore(): JsfbStore {
  const data = rowFactory();
  const selected = atom<number | null>(null);
  return {
    rows: atom<JsfbRow[]>([]),
    selected,
    build: (count) =>
      data(count).map(({ id, label }) => ({
        id,
        label: atom(label),
        selected: computed(() => selected.get() === id),
      })),
  };
}

export interface JsfbProps {
  store: JsfbStore;
}

/** jsfb's row markup (diffing.ts's `rowNode`: hoisted static cells, class "danger" when selected). */
const JsfbRowView = (p: { row: JsfbRow }): VNode =>
  rowNode({ id: p.row.id, label: p.row.label.get() }, p.row.selected.get());

/** Reads only `rows`: labels and the selection re-render rows, never the app. */
export const JsfbApp = (p: JsfbProps): VNode =>
  h('table', { class: 'table table-hover table-striped test-data' }, [
    h(
      'tbody',
      null,
      p.store.rows.get().map((row) => component(JsfbRowView, { row }, row.id)),
    ),
  ]);

export type JsfbOp =
  'create' | 'replace' | 'update' | 'select' | 'swap' | 'remove' | 'create-many' | 'append' | 'clear';
export type JsfbParams = { op: JsfbOp };

export interface JsfbState {
  def: JsfbOpDef;
  doc: PageDocument;
  container: DomElement;
  root: Root<JsfbProps> | null;
  store: JsfbStore;
  /** The start state's rows, built once in setup, and their labels and selected id. */
  start: JsfbRow[];
  startLabels: string[];
  startSelected: number | null;
  /** The rows before the last op, for verify; null when the store is at the start state. */
  before: JsfbRow[] | null;
  /** Live components and effects before the app was mounted. */
  baseline: { components: number; effects: number };
}

interface JsfbOpDef {
  op: JsfbOp;
  description: string;
  /** Rows in the start state. */
  rows: number;
  /** Index of the start state's selected row, if any. */
  selectedIndex?: number;
  /** The end state is a start state too (1,000 rows replaced leave 1,000 rows): reset keeps it. */
  endIsStart?: boolean;
  /** The op's writes (one batch, timed); `rows` is the store's rows before it. */
  write(store: JsfbStore, rows: JsfbRow[]): void;
  /** Throws unless `after` (and the store) is what the op makes of `before`. */
  check(before: readonly JsfbRow[], after: readonly JsfbRow[], s: JsfbState): void;
}

const JSFB_BANG = ' !!!';
/** jsfb swaps the 2nd and the 999th row, and removes the 4th (as the diffing suite). */
const SWAP_A = 1;
const SWAP_B = 998;
const REMOVED = 3;

const idsOf = (rows: readonly JsfbRow[]): number[] => rows.map((r) => r.id);

function expectIds(what: string, rows: readonly JsfbRow[], want: readonly number[]): void {
  const got = idsOf(rows);
  if (got.length !== want.length || got.some((id, i) => id !== want[i])) throw mismatch(`${what} ids`, got, want);
}

/** `count` rows, none of them among `before`: freshly built. */
function expectFresh(what: string, before: readonly JsfbRow[], after: readonly JsfbRow[], count: number): void {
  if (after.length !== count) throw mismatch(`${what} row count`, after.length, count);
  const old = new Set(idsOf(before));
  const reused = after.find((r) => old.has(r.id));
  if (reused !== undefined) throw mismatch(`${what}: a row that should be new`, reused.id, 'a new id');
}

const JSFB_OPS: readonly JsfbOpDef[] = [
  {
    op: 'create',
    description: 'create 1,000 rows in an empty table',
    rows: 0,
    write: (store) => store.rows.set(store.build(1000)),
    check: (before, after) => expectFresh('create', before, after, 1000),
  },
  {
    op: 'replace',
    description: 'replace all 1,000 rows with 1,000 new ones (new keys)',
    rows: 1000,
    endIsStart: true,
    write: (store) => store.rows.set(store.build(1000)),
    check: (before, after) => expectFresh('replace', before, after, 1000),
  },
  {
    op: 'update',
    description: `append '${JSFB_BANG}' to the label of every 10th row of 1,000`,
    rows: 1000,
    write: (_, rows) => {
      for (let i = 0; i < rows.length; i += 10) rows[i].label.update((l) => l + JSFB_BANG);
    },
    check: (before, after, s) => {
      expectIds('update', after, idsOf(before));
      after.forEach((r, i) => {
        const want = s.startLabels[i] + (i % 10 === 0 ? JSFB_BANG : '');
        if (r.label.get() !== want) throw mismatch(`update: label of row ${i}`, r.label.get(), want);
      });
    },
  },
  {
    op: 'select',
    description: 'highlight the 2nd row of 1,000 (class "danger"), moving the highlight from the 1st',
    rows: 1000,
    selectedIndex: 0,
    write: (store, rows) => store.selected.set(rows[1].id),
    check: (before, after, s) => {
      expectIds('select', after, idsOf(before));
      if (s.store.selected.get() !== after[1].id)
        throw mismatch('select: selected id', s.store.selected.get(), after[1].id);
    },
  },
  {
    op: 'swap',
    description: `swap rows ${SWAP_A + 1} and ${SWAP_B + 1} of 1,000`,
    rows: 1000,
    write: (store, rows) => {
      const next = rows.slice();
      [next[SWAP_A], next[SWAP_B]] = [next[SWAP_B], next[SWAP_A]];
      store.rows.set(next);
    },
    check: (before, after) => {
      const want = idsOf(before);
      [want[SWAP_A], want[SWAP_B]] = [want[SWAP_B], want[SWAP_A]];
      expectIds('swap', after, want);
    },
  },
  {
    op: 'remove',
    description: `remove row ${REMOVED + 1} of 1,000`,
    rows: 1000,
    write: (store, rows) => store.rows.set(rows.filter((_, i) => i !== REMOVED)),
    check: (before, after) =>
      expectIds(
        'remove',
        after,
        idsOf(before).filter((_, i) => i !== REMOVED),
      ),
  },
  {
    op: 'create-many',
    description: 'create 10,000 rows in an empty table',
    rows: 0,
    write: (store) => store.rows.set(store.build(10000)),
    check: (before, after) => expectFresh('create-many', before, after, 10000),
  },
  {
    op: 'append',
    description: 'append 1,000 rows to a table of 10,000',
    rows: 10000,
    write: (store, rows) => store.rows.set(rows.concat(store.build(1000))),
    check: (before, after) => {
      expectIds('append: kept rows', after.slice(0, before.length), idsOf(before));
      expectFresh('append: new rows', before, after.slice(before.length), 1000);
    },
  },
  {
    op: 'clear',
    description: 'remove all 1,000 rows',
    rows: 1000,
    write: (store) => store.rows.set([]),
    check: (_, after) => expectIds('clear', after, []),
  },
];

const JSFB_METRICS: Record<string, MetricDecl> = {
  ...METRICS,
  domMoves: {
    unit: 'count',
    direction: 'lower',
    kind: 'counter',
    description: 'existing DOM nodes moved by those patches per op',
  },
};

type JsfbCtx = BenchContext<JsfbParams, JsfbState>;

function setupJsfb(def: JsfbOpDef): JsfbState {
  const doc = pageDocument();
  const container = doc.createElement('div');
  doc.body.appendChild(container);
  const live = componentStats();
  const store = jsfbStore();
  const start = store.build(def.rows);
  const startSelected = def.selectedIndex === undefined ? null : start[def.selectedIndex].id;
  store.rows.set(start);
  store.selected.set(startSelected);
  return {
    def,
    doc,
    container,
    root: mount(JsfbApp, { store }, container, { doc }),
    store,
    start,
    startLabels: start.map((r) => r.label.get()),
    startSelected,
    before: null,
    baseline: { components: live.componentsLive, effects: live.effectsLive },
  };
}

/** Untimed: the store back to the op's start state (writes of equal values change nothing). */
function resetJsfb(ctx: JsfbCtx): void {
  const s = ctx.state;
  if (s.before === null) return;
  s.before = null;
  if (s.def.endIsStart) return;
  batch(() => {
    s.store.rows.set(s.start);
    s.start.forEach((row, i) => row.label.set(s.startLabels[i]));
    s.store.selected.set(s.startSelected);
  });
}

function runJsfb(ctx: JsfbCtx): void {
  const s = ctx.state;
  const before = ctx.counting ? componentStats() : null;
  const rows = s.store.rows.get();
  s.before = rows;
  batch(() => s.def.write(s.store, rows));
  if (before !== null) countWork(ctx, before, true);
}

type RowNode = ReadableNode & { getAttribute?(name: string): string | null };

function verifyJsfb(ctx: JsfbCtx): void {
  const s = ctx.state;
  const rows = s.store.rows.get();
  if (s.before !== null) s.def.check(s.before, rows, s);

  const table = s.root?.dom;
  if (!table || table.parentNode !== s.container)
    throw new Error('components: jsfb: the table is not in its container');
  const trs = table.childNodes[0]!.childNodes as ArrayLike<RowNode>;
  if (trs.length !== rows.length) throw mismatch('jsfb row count', trs.length, rows.length);
  const selected = s.store.selected.get();
  for (let i = 0; i < rows.length; i++) {
    const cells = trs[i].childNodes as ArrayLike<ReadableNode>;
    const got = { id: cells[0]?.textContent, label: cells[1]?.textContent, class: trs[i].getAttribute?.('class') };
    const want = { id: String(rows[i].id), label: rows[i].label.get(), class: rows[i].id === selected ? 'danger' : '' };
    if (got.id !== want.id || got.label !== want.label || (got.class !== undefined && got.class !== want.class))
      throw mismatch(`jsfb row ${i}`, got, want);
  }

  // The app and one component per row alive, no effect: nothing leaked by removals.
  const live = componentStats();
  const now = {
    components: live.componentsLive - s.baseline.components,
    effects: live.effectsLive - s.baseline.effects,
  };
  const want = { components: 1 + rows.length, effects: 0 };
  if (now.components !== want.components || now.effects !== want.effects)
    throw mismatch('jsfb live components/effects', now, want);
}

function teardownJsfb(ctx: JsfbCtx): void {
  const s = ctx.state;
  if (!s) return;
  if (s.root !== null) s.root.unmount();
  s.root = null;
  if (s.container.parentNode) s.container.parentNode.removeChild(s.container);
}

function jsfbBenchmark(def: JsfbOpDef): BenchmarkDef {
  return bench({
    name: 'jsfb',
    description: `js-framework-benchmark app of keyed row components: ${def.description}`,
    params: { op: [def.op] },
    metrics: JSFB_METRICS,
    setup: () => setupJsfb(def),
    run: runJsfb,
    reset: resetJsfb,
    verify: verifyJsfb,
    teardown: teardownJsfb,
  });
}

export default defineSuite({
  name: 'components',
  description:
    'the reference runtime component layer: mount, update and unmount of a tiny, a nested and a list tree, ' +
    'and the js-framework-benchmark operations on an app of keyed row components',
  benchmarks: [...SCENARIOS.flatMap(benchmarksFor), ...JSFB_OPS.map(jsfbBenchmark)],
});
