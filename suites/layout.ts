/**
 * layout: the reference runtime's flexbox subset (src/runtime/layout) against the browser's own
 * flexbox, on two seeded trees:
 * - `app-shell`: header, a sidebar, a toolbar and a 5x5 grid of cards, footer (214 boxes);
 * - `flat-row`: one row of 1,000 leaves with random basis, grow and shrink (1,001 boxes; the
 *   leaves overflow the row, so every op shrinks all of them).
 * One op is a resize that a UI does all the time: the sidebar toggles between 240 and 280 px
 * (app-shell) or the first leaf's basis between 10 and 30 px (flat-row), then the whole tree is
 * laid out and every box's rect (relative to the root) is read. Modes:
 * - `mode=js`: the module, no static boxes (intrinsic sizes off the changed path stay cached);
 * - `mode=precalc` (app-shell only): the cards are static, so their layouts are computed once per
 *   card size and reused (a flat row of leaves has no subtree worth pre-calculating);
 * - `mode=wasm`: the module as in `js`, with each container's flex step (resolving flexible
 *   lengths) done by the WASM kernel of src/wasm/kernel-flex.ts (variant O3) on views of its
 *   linear memory (suites/_shared/wasm-flex.ts): the rest of the pass stays in JS;
 * - `mode=browser`: the same tree as DOM: set the style, force layout (offsetHeight), read every
 *   getBoundingClientRect.
 * Counters (js, precalc, wasm): boxes laid out and static-cache hits per op; setup lays out both
 * sizes first, so the counter pass sees the steady state. `verify` checks the module's rects
 * against a fresh JS layout (exactly: no stale cache, and the kernel is bit-identical to JS) and
 * against getBoundingClientRect (within 0.5 px).
 * The kernel bytes come from the virtual import `jepsh:wasm-kernels`, built in Node at bundle time
 * by the plugin the sidecar suites/layout.plugins.ts declares.
 * No DOM at module top level: this file is also imported in Node.
 */
import prebuilt from 'jepsh:wasm-kernels';
import { bench, defineSuite, type BenchContext, type MetricDecl, type SetupContext } from '../src/suite/api.js';
import {
  boxCssText,
  renderBoxSpec,
  buildBoxTree,
  countBoxes,
  layoutRects,
  layoutTree,
  newLayoutStats,
  setBoxStyle,
  type BoxSpec,
  type BoxStyle,
  type FlexNode,
  type FlexResolver,
  type LayoutStats,
} from '../src/runtime/layout/index.js';
import { mulberry32 } from '../src/suite/prng.js';
import { WASM_FLEX_VARIANT, flexKernelModule, instantiateWasmFlex } from './_shared/wasm-flex.js';

export const LAYOUT_SEED = 0x6c61796f;
const TOLERANCE_PX = 0.5;

// --- trees -----------------------------------------------------------------------------------------

/** A tree, the box that each op changes (child indices from the root), and its two styles. */
export interface Scene {
  spec: BoxSpec;
  path: readonly number[];
  toggle: readonly [BoxStyle, BoxStyle];
}

function card(rng: () => number, isStatic: boolean): BoxSpec {
  return {
    direction: 'column',
    grow: 1,
    padding: 12,
    gap: 8,
    static: isStatic,
    children: [
      { height: 16 + Math.floor(rng() * 8) },
      { grow: 1 },
      { height: 32, gap: 8, children: [{ grow: 1 }, { width: 64 }, { width: 48 + Math.floor(rng() * 32) }] },
    ],
  };
}

export function appShell(staticCards: boolean, seed = LAYOUT_SEED): Scene {
  const rng = mulberry32(seed);
  const nav = Array.from({ length: 6 }, (): BoxSpec => ({ width: 56 + Math.floor(rng() * 40) }));
  const spec: BoxSpec = {
    direction: 'column',
    width: 1280,
    height: 800,
    children: [
      { height: 56, padding: [8, 16, 8, 16], gap: 8, children: [{ width: 120 }, { grow: 1 }, ...nav] },
      {
        grow: 1,
        children: [
          {
            direction: 'column',
            width: 240,
            padding: 8,
            gap: 4,
            children: Array.from({ length: 12 }, (): BoxSpec => ({ height: 32 })),
          },
          {
            direction: 'column',
            grow: 1,
            padding: 16,
            gap: 16,
            children: [
              {
                height: 40,
                gap: 8,
                children: [{ width: 80 }, { width: 80 }, { width: 80 }, { grow: 1 }, { width: 96 }],
              },
              ...Array.from({ length: 5 }, (): BoxSpec => ({
                grow: 1,
                gap: 16,
                children: Array.from({ length: 5 }, () => card(rng, staticCards)),
              })),
            ],
          },
        ],
      },
      { height: 32, padding: [0, 16, 0, 16], children: [{ grow: 1 }, { width: 200 }] },
    ],
  };
  return { spec, path: [1, 0], toggle: [{ width: 240 }, { width: 280 }] };
}

export function flatRow(seed = LAYOUT_SEED): Scene {
  const rng = mulberry32(seed);
  const leaves = Array.from({ length: 1000 }, (): BoxSpec => ({
    basis: Math.floor(rng() * 20),
    grow: Math.floor(rng() * 3),
    shrink: Math.floor(rng() * 3),
    padding: [0, Math.floor(rng() * 2), 0, 0],
  }));
  leaves[0] = { ...leaves[0], shrink: 1 };
  return { spec: { width: 1280, height: 40, children: leaves }, path: [0], toggle: [{ basis: 10 }, { basis: 30 }] };
}

/** The scene's spec with the changed box at `phase` (a fresh copy: what a from-scratch layout sees). */
function specAt(scene: Scene, phase: 0 | 1): BoxSpec {
  const edit = (s: BoxSpec, depth: number): BoxSpec => {
    if (depth === scene.path.length) return { ...s, ...scene.toggle[phase] };
    const kids = s.children!.slice();
    kids[scene.path[depth]!] = edit(kids[scene.path[depth]!]!, depth + 1);
    return { ...s, children: kids };
  };
  return edit(scene.spec, 0);
}

// --- state -------------------------------------------------------------------------------------------

export type Mode = 'js' | 'precalc' | 'wasm' | 'browser';
export type LayoutParams = { tree: 'app-shell' | 'flat-row'; mode: Mode };

interface Dom {
  root: HTMLElement;
  /** Every box's element, pre-order (as layoutRects orders rects). */
  elements: HTMLElement[];
  /** Sink for the forced-layout read. */
  layout: number;
}

/** Browser mode: the changed element and its style text at each phase (built once, untimed). */
interface Toggle {
  element: HTMLElement;
  css: readonly [string, string];
}

export interface LayoutState {
  scene: Scene;
  phase: 0 | 1;
  /** The module's tree (js, precalc and wasm modes). */
  root: FlexNode | null;
  /** The box each op changes, in the module's tree. */
  target: FlexNode | null;
  /** wasm mode: the flex step in the WASM kernel (undefined: the module's own JS). */
  resolver: FlexResolver | undefined;
  /** Rects of the last op, 4 per box in pre-order, relative to the root. */
  rects: Float64Array;
  dom: Dom | null;
  toggle: Toggle | null;
  /** Reused by every op, so the timed path allocates nothing. */
  stats: LayoutStats;
}

type Ctx = BenchContext<LayoutParams, LayoutState>;

function pageDocument(): Document {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) throw new Error('layout: this needs a DOM: run the suite in the browser');
  return doc;
}

/** Renders a spec as DOM with the module's CSS, its root at the page's top left corner. */
function renderDom(spec: BoxSpec): Dom {
  const { root, elements } = renderBoxSpec(pageDocument(), spec);
  return { root, elements, layout: root.offsetHeight };
}

function readDom(dom: Dom, out: Float64Array): void {
  const els = dom.elements;
  for (let i = 0; i < els.length; i++) {
    const r = els[i]!.getBoundingClientRect();
    out[i * 4] = r.x;
    out[i * 4 + 1] = r.y;
    out[i * 4 + 2] = r.width;
    out[i * 4 + 3] = r.height;
  }
}

const SCENES: Record<LayoutParams['tree'], (mode: Mode) => Scene> = {
  'app-shell': (mode) => appShell(mode === 'precalc'),
  'flat-row': () => flatRow(),
};

async function setup(ctx: SetupContext<LayoutParams>): Promise<LayoutState> {
  const scene = SCENES[ctx.params.tree](ctx.params.mode);
  const state: LayoutState = {
    scene,
    phase: 0,
    root: null,
    target: null,
    resolver: ctx.params.mode === 'wasm' ? await instantiateWasmFlex(flexKernelModule(prebuilt)) : undefined,
    rects: new Float64Array(0),
    dom: null,
    toggle: null,
    stats: newLayoutStats(),
  };
  if (ctx.params.mode === 'browser') {
    state.dom = renderDom(scene.spec);
    let element = state.dom.root;
    for (const i of scene.path) element = element.children[i] as HTMLElement;
    const at = specAtPath(scene);
    state.toggle = {
      element,
      css: [boxCssText({ ...at, ...scene.toggle[0] }), boxCssText({ ...at, ...scene.toggle[1] })],
    };
    state.rects = new Float64Array(state.dom.elements.length * 4);
    readDom(state.dom, state.rects);
    return state;
  }
  const root = buildBoxTree(scene.spec);
  let target = root;
  for (const i of scene.path) target = target.children[i]!;
  state.root = root;
  state.target = target;
  state.rects = new Float64Array(countBoxes(root) * 4);
  // Both sizes once, so every op (and the counter pass) sees the steady state.
  for (const phase of [1, 0] as const) {
    setBoxStyle(target, scene.toggle[phase]);
    layoutTree(root, 1280, 800, newLayoutStats(), state.resolver);
  }
  layoutRects(root, state.rects);
  return state;
}

function runModule(ctx: Ctx): void {
  const s = ctx.state;
  s.phase = s.phase === 0 ? 1 : 0;
  setBoxStyle(s.target!, s.scene.toggle[s.phase]);
  const stats = s.stats;
  stats.boxesLaidOut = 0;
  stats.cacheHits = 0;
  stats.cacheMisses = 0;
  layoutTree(s.root!, 1280, 800, stats, s.resolver);
  layoutRects(s.root!, s.rects);
  if (ctx.counting) {
    ctx.count('boxesLaidOut', stats.boxesLaidOut);
    ctx.count('cacheHits', stats.cacheHits);
  }
}

function runBrowser(ctx: Ctx): void {
  const s = ctx.state;
  const dom = s.dom!;
  s.phase = s.phase === 0 ? 1 : 0;
  s.toggle!.element.style.cssText = s.toggle!.css[s.phase];
  dom.layout = dom.root.offsetHeight;
  readDom(dom, s.rects);
}

function specAtPath(scene: Scene): BoxSpec {
  let spec = scene.spec;
  for (const i of scene.path) spec = spec.children![i]!;
  return spec;
}

function fail(ctx: Ctx, what: string, i: number, got: Float64Array, want: Float64Array): never {
  const rect = (a: Float64Array): string => Array.from(a.subarray(i * 4, i * 4 + 4)).join(', ');
  throw new Error(
    `layout ${ctx.params.tree} mode=${ctx.params.mode}: box ${i} (pre-order) ${what}: ` +
      `got x,y,w,h ${rect(got)}, expected ${rect(want)}`,
  );
}

/** The index of the first box whose rect differs by more than `tolerance`, or -1. */
function firstMismatch(got: Float64Array, want: Float64Array, tolerance: number): number {
  for (let i = 0; i < want.length; i++) if (!(Math.abs(got[i]! - want[i]!) <= tolerance)) return i >> 2;
  return -1;
}

function verify(ctx: Ctx): void {
  const s = ctx.state;
  const spec = specAt(s.scene, s.phase);
  const fresh = buildBoxTree(spec);
  layoutTree(fresh, 1280, 800);
  const want = layoutRects(fresh);
  if (want.length !== s.rects.length) throw new Error(`layout: ${s.rects.length / 4} rects, ${want.length / 4} boxes`);
  if (s.dom !== null) {
    // browser mode: what the page laid out against the module.
    const bad = firstMismatch(s.rects, want, TOLERANCE_PX);
    if (bad >= 0) fail(ctx, `differs from the module by more than ${TOLERANCE_PX} px`, bad, s.rects, want);
    return;
  }
  const stale = firstMismatch(s.rects, want, 0);
  if (stale >= 0) {
    const why = s.resolver
      ? 'differs from the JS layout (the WASM flex step is not bit-identical?)'
      : 'differs from a fresh layout (stale cache?)';
    fail(ctx, why, stale, s.rects, want);
  }
  if ((globalThis as { document?: Document }).document === undefined) return;
  const dom = renderDom(spec);
  const browser = new Float64Array(want.length);
  readDom(dom, browser);
  dom.root.remove();
  const bad = firstMismatch(s.rects, browser, TOLERANCE_PX);
  if (bad >= 0) fail(ctx, `differs from getBoundingClientRect by more than ${TOLERANCE_PX} px`, bad, s.rects, browser);
}

function teardown(ctx: Ctx): void {
  ctx.state?.dom?.root.remove();
}

const METRICS: Record<string, MetricDecl> = {
  boxesLaidOut: {
    unit: 'count',
    direction: 'lower',
    kind: 'counter',
    description: 'boxes whose children the flex algorithm placed, per op',
  },
  cacheHits: {
    unit: 'count',
    direction: 'higher',
    kind: 'counter',
    description: 'static subtrees whose layout was reused, per op',
  },
};

const common = { setup, verify, teardown, counterOps: 2 };

export default defineSuite({
  name: 'layout',
  description:
    'flexbox layout of seeded trees: the reference runtime module, with pre-calculated static ' +
    'subtrees, with its flex step in WASM, and the browser',
  benchmarks: [
    bench({
      ...common,
      name: 'resize',
      description: 'toggle one size, lay out the whole tree and read every rect: the JS module',
      params: { tree: ['app-shell', 'flat-row'], mode: ['js'] },
      metrics: METRICS,
      run: runModule,
    }),
    bench({
      ...common,
      name: 'resize',
      description: 'the same with the cards static: their layouts are reused per card size',
      params: { tree: ['app-shell'], mode: ['precalc'] },
      metrics: METRICS,
      run: runModule,
    }),
    bench({
      ...common,
      name: 'resize',
      description: `the same with each container's flex step in the WASM kernel (${WASM_FLEX_VARIANT}), in its memory`,
      params: { tree: ['app-shell', 'flat-row'], mode: ['wasm'] },
      metrics: METRICS,
      run: runModule,
    }),
    bench({
      ...common,
      name: 'resize',
      description: "the same in the browser's own layout: set the style, force layout, read every rect",
      params: { tree: ['app-shell', 'flat-row'], mode: ['browser'] },
      run: runBrowser,
    }),
  ],
});
