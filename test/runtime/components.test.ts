import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  component,
  componentStats,
  mount,
  onCleanup,
  ownedEffect,
  resetComponentStats,
  unmount,
  update,
  useAtom,
  useEffect,
  type ComponentStats,
} from '../../src/runtime/components/index.js';
import { atom, batch, flushSync, type Atom } from '../../src/runtime/reactivity/index.js';
import { subscriberCount } from '../../src/runtime/reactivity/graph.js';
import { countPatches, diff, h, text, type VNode } from '../../src/runtime/differ/index.js';
import { ShimDocument, serialize, type ShimElement, type ShimNode } from './dom-shim.js';

// --- helpers --------------------------------------------------------------------------------

type Delta = Omit<ComponentStats, 'componentsLive' | 'effectsLive' | 'nodesDiffed'>;

/** Counter changes made by `fn` (live counts excluded: see `live()`; nodesDiffed: see `diffed()`). */
function measure(fn: () => void): Delta {
  resetComponentStats();
  fn();
  const { componentsLive: _c, effectsLive: _e, nodesDiffed: _n, ...rest } = componentStats();
  return rest;
}

/** VNode pairs the differ compared during `fn`. */
function diffed(fn: () => void): number {
  resetComponentStats();
  fn();
  return componentStats().nodesDiffed;
}

function delta(partial: Partial<Delta>): Delta {
  return {
    componentsRendered: 0,
    componentsMounted: 0,
    componentsUnmounted: 0,
    patchesApplied: 0,
    domMoves: 0,
    effectsCreated: 0,
    effectsDisposed: 0,
    ...partial,
  };
}

function live(): { components: number; effects: number } {
  const s = componentStats();
  return { components: s.componentsLive, effects: s.effectsLive };
}

function setupDom(): { doc: ShimDocument; container: ShimElement } {
  const doc = new ShimDocument();
  const container = doc.createElement('div');
  doc.body.appendChild(container);
  return { doc, container };
}

const html = (node: ShimNode): string => serialize(node);

// --- mount / update / unmount ----------------------------------------------------------------

interface GreetingProps {
  name: string;
  punctuation: string;
}

const Greeting = (p: GreetingProps): VNode => h('p', { class: 'greeting' }, [`Hello, ${p.name}`, p.punctuation]);

test('mount renders the tree; update patches only what changed; unmount removes and disposes', () => {
  const { doc, container } = setupDom();
  const before = live();
  let root!: ReturnType<typeof mount<GreetingProps>>;
  assert.deepEqual(
    measure(() => (root = mount(Greeting, { name: 'Ada', punctuation: '!' }, container, { doc }))),
    delta({ componentsRendered: 1, componentsMounted: 1 }),
  );
  assert.equal(html(container), '<div><p class="greeting">"Hello, Ada""!"</p></div>');
  const p = root.dom;
  assert.equal(live().components, before.components + 1);

  // One text changes: one SET_TEXT, same DOM element.
  assert.deepEqual(
    measure(() => update(root, { name: 'Grace', punctuation: '!' })),
    delta({ componentsRendered: 1, patchesApplied: 1 }),
  );
  assert.equal(html(container), '<div><p class="greeting">"Hello, Grace""!"</p></div>');
  assert.equal(root.dom, p);

  // Shallow-equal props (a new object): no render at all.
  assert.deepEqual(
    measure(() => update(root, { name: 'Grace', punctuation: '!' })),
    delta({}),
  );

  assert.deepEqual(
    measure(() => unmount(root)),
    delta({ componentsUnmounted: 1 }),
  );
  assert.equal(html(container), '<div></div>');
  assert.equal(root.mounted, false);
  assert.equal(root.dom, null);
  assert.deepEqual(live(), before);
  assert.throws(() => update(root, { name: 'x', punctuation: '' }), /unmounted/);
  unmount(root); // a second unmount does nothing
});

test("mount takes the container's ownerDocument when no doc is given", () => {
  const { container } = setupDom();
  const root = mount(Greeting, { name: 'x', punctuation: '.' }, container);
  assert.equal(html(container), '<div><p class="greeting">"Hello, x""."</p></div>');
  root.unmount();
});

// --- only what changed re-renders -------------------------------------------------------------

interface CounterProps {
  id: number;
  label: string;
}

function counterTree(registry: Map<number, Atom<number>>, renders: number[]) {
  const Counter = (p: CounterProps): VNode => {
    const count = useAtom(0);
    registry.set(p.id, count);
    renders[p.id] = (renders[p.id] ?? 0) + 1;
    return h('li', null, [p.label, ':', String(count.get())]);
  };
  const title = atom('Counters');
  const App = (p: { labels: string[] }): VNode =>
    h('div', null, [
      h('h1', null, [title.get()]),
      h(
        'ul',
        null,
        p.labels.map((label, id) => component(Counter, { id, label })),
      ),
    ]);
  return { App, title };
}

test('an atom change re-renders only the component that read it, batched, patching one text', () => {
  const { doc, container } = setupDom();
  const registry = new Map<number, Atom<number>>();
  const renders: number[] = [];
  const { App, title } = counterTree(registry, renders);
  const root = mount(App, { labels: ['a', 'b', 'c'] }, container, { doc });
  assert.deepEqual(renders, [1, 1, 1]);
  const items = (container.childNodes[0]!.childNodes[1] as ShimElement).childNodes;
  const nodesBefore = [...items];

  // Local state of child 1: one render (child 1), one SET_TEXT.
  assert.deepEqual(
    measure(() => {
      registry.get(1)!.set(5);
      flushSync();
    }),
    delta({ componentsRendered: 1, patchesApplied: 1 }),
  );
  assert.deepEqual(renders, [1, 2, 1]);
  assert.equal(items[1]!.textContent, 'b:5');

  // Batched: three writes to two atoms, one render each.
  assert.deepEqual(
    measure(() =>
      batch(() => {
        registry.get(0)!.set(1);
        registry.get(0)!.set(2);
        registry.get(2)!.set(7);
      }),
    ),
    delta({ componentsRendered: 2, patchesApplied: 2 }),
  );
  assert.deepEqual(renders, [2, 2, 2]);
  assert.equal(container.childNodes[0]!.childNodes[1]!.textContent, 'a:2b:5c:7');

  // The parent's own atom: the parent re-renders; children get equal props and do not.
  assert.deepEqual(
    measure(() => {
      title.set('Tally');
      flushSync();
    }),
    delta({ componentsRendered: 1, patchesApplied: 1 }),
  );
  assert.deepEqual(renders, [2, 2, 2]);
  assert.equal(container.childNodes[0]!.childNodes[0]!.textContent, 'Tally');
  // The parent's diff compares its own nodes (div, h1, its text, ul) and skips the three kept
  // children without entering them (entering would add 3 li and their 9 texts).
  assert.equal(
    diffed(() => {
      title.set('Count');
      flushSync();
    }),
    4,
  );

  // New props for one child: the parent and that child re-render, with state kept.
  assert.deepEqual(
    measure(() => update(root, { labels: ['a', 'B', 'c'] })),
    delta({ componentsRendered: 2, patchesApplied: 1 }),
  );
  assert.deepEqual(renders, [2, 3, 2]);
  assert.equal(container.childNodes[0]!.childNodes[1]!.textContent, 'a:2B:5c:7');
  assert.deepEqual([...items], nodesBefore, 'every child kept its DOM node');

  // An unchanged write renders nothing.
  assert.deepEqual(
    measure(() => {
      registry.get(1)!.set(5);
      flushSync();
    }),
    delta({}),
  );
  root.unmount();
});

test('a child list that shrinks and grows disposes and mounts exactly the difference', () => {
  const { doc, container } = setupDom();
  const registry = new Map<number, Atom<number>>();
  const renders: number[] = [];
  const { App } = counterTree(registry, renders);
  const before = live();
  const root = mount(App, { labels: ['a', 'b', 'c', 'd'] }, container, { doc });
  assert.equal(live().components, before.components + 5);
  assert.deepEqual(
    measure(() => update(root, { labels: ['a', 'b'] })),
    delta({ componentsRendered: 1, componentsUnmounted: 2, patchesApplied: 2 }),
  );
  assert.equal(live().components, before.components + 3);
  assert.deepEqual(
    measure(() => update(root, { labels: ['a', 'b', 'x'] })),
    delta({ componentsRendered: 2, componentsMounted: 1, patchesApplied: 1 }),
  );
  assert.equal(container.childNodes[0]!.childNodes[1]!.textContent, 'a:0b:0x:0');
  // The new child is live: its state re-renders it in place.
  registry.get(2)!.set(9);
  flushSync();
  assert.equal(container.childNodes[0]!.childNodes[1]!.textContent, 'a:0b:0x:9');
  root.unmount();
  assert.deepEqual(live(), before);
});

// --- keyed lists -------------------------------------------------------------------------------

interface RowProps {
  id: number;
}

function keyedList() {
  const state = new Map<number, Atom<number>>();
  const rowNodes = new Map<number, ShimNode>();
  let rowRenders = 0;
  const Row = (p: RowProps): VNode => {
    const clicks = useAtom(0);
    state.set(p.id, clicks);
    rowRenders++;
    return h('li', { 'data-id': p.id }, [`row ${p.id}`, text(` clicks ${clicks.get()}`)]);
  };
  const List = (p: { ids: number[] }): VNode =>
    h(
      'ul',
      null,
      p.ids.map((id) => component(Row, { id }, id)),
    );
  return { List, state, rowNodes, renders: () => rowRenders };
}

/** The MOVEs the differ itself emits for the same keyed reorder of plain rows. */
function differMoves(from: number[], to: number[]): number {
  const list = (ids: number[]) =>
    h(
      'ul',
      null,
      ids.map((id) => h('li', { key: id }, [])),
    );
  return countPatches(diff(list(from), list(to))).MOVE;
}

test('a keyed reorder keeps every row instance (state and DOM node) and makes the minimal moves', () => {
  const { doc, container } = setupDom();
  const { List, state, renders } = keyedList();
  const ids = Array.from({ length: 10 }, (_, i) => i + 1);
  const root = mount(List, { ids }, container, { doc });
  const ul = container.childNodes[0] as ShimElement;
  const nodeOf = new Map(ul.childNodes.map((li) => [(li as ShimElement).getAttribute('data-id'), li]));
  batch(() => {
    state.get(2)!.set(2);
    state.get(9)!.set(9);
  });
  const atoms = new Map(state);
  const rendersBefore = renders();

  const cases: number[][] = [
    ids.map((_, i) => (i === 1 ? 9 : i === 8 ? 2 : i + 1)), // swap rows 2 and 9
    ids.slice().reverse(),
    [10, 1, 2, 3, 4, 5, 6, 7, 8, 9], // last to front
    ids,
  ];
  let prev = ids;
  for (const next of cases) {
    const expectedMoves = differMoves(prev, next);
    doc.resetOps();
    assert.deepEqual(
      measure(() => update(root, { ids: next })),
      delta({ componentsRendered: 1, patchesApplied: expectedMoves, domMoves: expectedMoves }),
      `reorder ${prev.join(',')} -> ${next.join(',')}`,
    );
    assert.equal(doc.ops.moves, expectedMoves, 'the DOM saw exactly the moves reported');
    assert.equal(doc.ops.inserts + doc.ops.removes + doc.ops.replaces, 0);
    assert.deepEqual(
      ul.childNodes.map((li) => (li as ShimElement).getAttribute('data-id')),
      next.map(String),
    );
    for (const li of ul.childNodes) assert.equal(nodeOf.get((li as ShimElement).getAttribute('data-id')), li);
    prev = next;
  }
  assert.deepEqual(
    [differMoves(ids, cases[0]!), differMoves(cases[0]!, cases[1]!), differMoves(cases[1]!, cases[2]!)],
    [2, 7, 8],
  );
  assert.equal(renders(), rendersBefore, 'rows with unchanged props never re-rendered');
  assert.deepEqual(new Map(state), atoms, 'same atoms: same instances');
  assert.equal(ul.textContent, ids.map((id) => `row ${id} clicks ${id === 2 || id === 9 ? id : 0}`).join(''));

  // State still drives the moved rows in place.
  state.get(9)!.set(90);
  flushSync();
  assert.equal(nodeOf.get('9')!.textContent, 'row 9 clicks 90');
  root.unmount();
});

test('keyed rows: removing one disposes exactly it; a new key mounts a new instance', () => {
  const { doc, container } = setupDom();
  const { List, state } = keyedList();
  const root = mount(List, { ids: [1, 2, 3] }, container, { doc });
  state.get(3)!.set(3);
  flushSync();
  assert.deepEqual(
    measure(() => update(root, { ids: [1, 3, 4] })),
    delta({ componentsRendered: 2, componentsMounted: 1, componentsUnmounted: 1, patchesApplied: 2 }),
  );
  assert.equal(container.textContent, 'row 1 clicks 0row 3 clicks 3row 4 clicks 0');
  assert.throws(() => update(root, { ids: [1, 1] }), /unique/);
  root.unmount();
});

// --- ownership and disposal --------------------------------------------------------------------

test('unmount disposes nested effects of nested components; writes after unmount run nothing', () => {
  const { doc, container } = setupDom();
  const outerSource = atom(0);
  const innerSource = atom(0);
  const log: string[] = [];

  const Leaf = (p: { n: number }): VNode => {
    useEffect(() => {
      log.push(`leaf${p.n}:${innerSource.get()}`);
      ownedEffect(() => {
        log.push(`leaf${p.n}-nested:${outerSource.get()}`);
      });
    });
    return h('span', null, [String(p.n)]);
  };
  const Branch = (): VNode => {
    useEffect(() => {
      log.push(`branch:${outerSource.get()}`);
      onCleanup(() => log.push('branch-cleanup'));
      ownedEffect(() => {
        log.push(`branch-nested:${innerSource.get()}`);
        ownedEffect(() => {
          log.push(`branch-nested2:${innerSource.get()}`);
        });
      });
    });
    return h('div', null, [component(Leaf, { n: 1 }), component(Leaf, { n: 2 })]);
  };

  const before = live();
  let root!: ReturnType<typeof mount<undefined>>;
  // Effects: branch(1) + nested(1) + nested2(1) + 2 leaves x (1 + nested 1) = 7.
  assert.deepEqual(
    measure(() => (root = mount(Branch, undefined, container, { doc }))),
    delta({ componentsRendered: 3, componentsMounted: 3, effectsCreated: 7 }),
  );
  assert.deepEqual(live(), { components: before.components + 3, effects: before.effects + 7 });
  assert.equal(subscriberCount(outerSource), 3); // branch, leaf1-nested, leaf2-nested
  assert.equal(subscriberCount(innerSource), 4); // branch-nested, branch-nested2, leaf1, leaf2

  // Re-running an effect disposes what its last run created first: no pile-up.
  log.length = 0;
  assert.deepEqual(
    measure(() => {
      innerSource.set(1);
      flushSync();
    }),
    // branch-nested re-runs (disposes and re-creates nested2); leaf1 and leaf2 re-run (each
    // disposes and re-creates its nested effect). nested2 also read innerSource, but it is
    // disposed before its turn.
    delta({ effectsCreated: 3, effectsDisposed: 3 }),
  );
  assert.deepEqual(live(), { components: before.components + 3, effects: before.effects + 7 });
  assert.equal(subscriberCount(outerSource), 3);
  assert.equal(subscriberCount(innerSource), 4);
  assert.deepEqual(log.slice().sort(), [
    'branch-nested2:1',
    'branch-nested:1',
    'leaf1-nested:0',
    'leaf1:1',
    'leaf2-nested:0',
    'leaf2:1',
  ]);

  log.length = 0;
  assert.deepEqual(
    measure(() => unmount(root)),
    delta({ componentsUnmounted: 3, effectsDisposed: 7 }),
  );
  assert.deepEqual(log, ['branch-cleanup']);
  assert.deepEqual(live(), before);
  assert.equal(subscriberCount(outerSource), 0, 'no subscription left behind');
  assert.equal(subscriberCount(innerSource), 0, 'no subscription left behind');

  log.length = 0;
  outerSource.set(2);
  innerSource.set(2);
  flushSync();
  assert.deepEqual(log, [], 'nothing runs after unmount');
  assert.equal(html(container), '<div></div>');
});

test('effects created during a render belong to that render: disposed before the next one', () => {
  const { doc, container } = setupDom();
  const tick = atom(0);
  const watched = atom('w');
  let runs = 0;
  const Watcher = (): VNode => {
    const t = tick.get();
    ownedEffect(() => {
      watched.get();
      runs++;
    });
    onCleanup(() => void 0);
    return h('i', null, [String(t)]);
  };
  const before = live();
  const root = mount(Watcher, undefined, container, { doc });
  for (let i = 1; i <= 3; i++) {
    assert.deepEqual(
      measure(() => {
        tick.set(i);
        flushSync();
      }),
      delta({ componentsRendered: 1, patchesApplied: 1, effectsCreated: 1, effectsDisposed: 1 }),
    );
  }
  assert.equal(subscriberCount(watched), 1);
  runs = 0;
  watched.set('x');
  flushSync();
  assert.equal(runs, 1, 'only the latest render effect is alive');
  root.unmount();
  assert.equal(subscriberCount(watched), 0);
  assert.equal(subscriberCount(tick), 0);
  assert.deepEqual(live(), before);
});

test('hooks must be called in the same order on every render', () => {
  const { doc, container } = setupDom();
  const flag = atom(false);
  const Bad = (): VNode => {
    useAtom(1);
    if (flag.get()) useAtom(2);
    return h('b', null, []);
  };
  const root = mount(Bad, undefined, container, { doc });
  flag.set(true);
  assert.throws(() => flushSync(), /called 2 hooks, 1 on its first render/);
  root.unmount();
  assert.throws(() => useAtom(0), /not inside a component render/);
  assert.throws(() => onCleanup(() => undefined), /no owner/);
});

test('a failing first render leaves nothing alive', () => {
  const { doc, container } = setupDom();
  const before = live();
  const Boom = (): VNode => {
    throw new Error('boom');
  };
  const Parent = (): VNode => {
    useEffect(() => undefined);
    return h('div', null, [component(Greeting, { name: 'a', punctuation: '' }), component(Boom, undefined)]);
  };
  assert.throws(() => mount(Parent, undefined, container, { doc }), /boom/);
  assert.deepEqual(live(), before);
  assert.equal(container.childNodes.length, 0);
});

// --- DOM identity across structural changes ---------------------------------------------------

test('a kept child inside a replaced element keeps its DOM node and state', () => {
  const { doc, container } = setupDom();
  const wrapper = atom<'section' | 'article'>('section');
  let childCount!: Atom<number>;
  const Child = (): VNode => {
    const n = useAtom(0);
    childCount = n;
    return h('em', null, [String(n.get())]);
  };
  const Parent = (): VNode => h(wrapper.get(), null, [component(Child, undefined)]);
  const root = mount(Parent, undefined, container, { doc });
  childCount.set(4);
  flushSync();
  const em = container.childNodes[0]!.childNodes[0];
  const first = root.dom;

  assert.deepEqual(
    measure(() => {
      wrapper.set('article');
      flushSync();
    }),
    delta({ componentsRendered: 1, patchesApplied: 1 }),
  );
  assert.notEqual(root.dom, first, 'the root element was replaced');
  assert.equal(html(container), '<div><article><em>"4"</em></article></div>');
  assert.equal(container.childNodes[0]!.childNodes[0], em, "the child's own node is back in place");
  childCount.set(5);
  flushSync();
  assert.equal(html(container), '<div><article><em>"5"</em></article></div>');
  root.unmount();
  assert.equal(html(container), '<div></div>');
});

test('a component whose root is another component follows its root replacement', () => {
  const { doc, container } = setupDom();
  const tag = atom('p');
  const Inner = (): VNode => h(tag.get(), null, ['inner']);
  const Outer = (): VNode => component(Inner, undefined);
  const root = mount(Outer, undefined, container, { doc });
  assert.equal(html(container), '<div><p>"inner"</p></div>');
  tag.set('h2');
  flushSync();
  assert.equal(html(container), '<div><h2>"inner"</h2></div>');
  assert.equal(root.dom, container.childNodes[0]);
  root.unmount();
  assert.equal(html(container), '<div></div>');
});

test('an unkeyed position taken by a different component mounts a new instance there', () => {
  const { doc, container } = setupDom();
  const A = (): VNode => h('span', { class: 'a' }, ['A']);
  const B = (): VNode => {
    const n = useAtom(1);
    return h('span', { class: 'b' }, ['B', String(n.get())]);
  };
  const Switch = (p: { b: boolean }): VNode =>
    h('div', null, [p.b ? component(B, undefined) : component(A, undefined)]);
  const root = mount(Switch, { b: false }, container, { doc });
  assert.deepEqual(
    measure(() => root.update({ b: true })),
    // Same tag: the differ morphs the node (class, text, one inserted text) instead of replacing it.
    delta({ componentsRendered: 2, componentsMounted: 1, componentsUnmounted: 1, patchesApplied: 3 }),
  );
  assert.equal(html(container), '<div><div><span class="b">"B""1"</span></div></div>');
  root.unmount();
});
