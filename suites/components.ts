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
 */
import {
  bench,
  defineSuite,
  type BenchContext,
  type BenchmarkDef,
  type MetricDecl,
  type SetupContext,
} from '../src/suite/api.js';
import { atom, batch, type Atom } from '../src/runtime/reactivity/index.js';
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
import { mulberry32 } from '../src/suite/prng.js';

export const DATA_SEED = 0x636f6d70;

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** Seeded labels: "word word". */
function labels(seed: number): () => string {
  const rng = mulberry32(seed);
  const pick = (): string => WORDS[Math.floor(rng() * WORDS.length)];
  return () => `${pick()} ${pick()}`;
}

/** Effects write here, so their work is observable (and not optimised away). */
const sink = { chars: 0 };

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

export interface RowModel {
  id: number;
  label: Atom<string>;
}

export const ROWS = 1000;

export const Row = (p: { row: RowModel }): VNode => {
  const label = p.row.label.get();
  useEffect(() => {
    sink.chars += p.row.label.get().length;
  });
  return h('tr', null, [h('td', { class: 'col-md-1' }, [String(p.row.id)]), h('td', { class: 'col-md-4' }, [label])]);
};

/** A table of keyed rows (also the app the memory suite mounts); `row` is the row component. */
export const Table = (p: { rows: RowModel[]; row?: Component<{ row: RowModel }> }): VNode =>
  h('table', { class: 'table' }, [
    h(
      'tbody',
      null,
      p.rows.map((row) => component(p.row ?? Row, { row }, row.id)),
    ),
  ]);

/** `n` rows with seeded labels. */
export function rowModels(n: number): RowModel[] {
  const next = labels(DATA_SEED + 1);
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, label: atom(next()) }));
}

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
  const after = componentStats();
  ctx.count('componentsRendered', after.componentsRendered - before.componentsRendered);
  ctx.count('patches', after.patchesApplied - before.patchesApplied);
  ctx.count('effectsDisposed', after.effectsDisposed - before.effectsDisposed);
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

export default defineSuite({
  name: 'components',
  description: 'the reference runtime component layer: mount, update and unmount of a tiny, a nested and a list tree',
  benchmarks: SCENARIOS.flatMap(benchmarksFor),
});
