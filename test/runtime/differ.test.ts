import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyPatches,
  countPatches,
  diff,
  h,
  longestIncreasingSubsequence,
  markStatic,
  render,
  text,
  type DiffStats,
  type Patch,
  type VNode,
} from '../../src/runtime/differ/index.js';
import { ShimDocument, serialize, type ShimElement, type ShimNode } from './dom-shim.js';
import { mulberry32 as prng } from '../../src/suite/prng.js';

// --- helpers --------------------------------------------------------------------------------

const int = (rng: () => number, n: number): number => Math.floor(rng() * n);

function shuffle<T>(rng: () => number, a: T[]): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = int(rng, i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
}

/** Independent O(n^2) LIS length. */
function lisLengthSlow(seq: readonly number[]): number {
  const best: number[] = [];
  let max = 0;
  for (let i = 0; i < seq.length; i++) {
    best[i] = 1;
    for (let j = 0; j < i; j++) if (seq[j] < seq[i] && best[j] + 1 > best[i]) best[i] = best[j] + 1;
    if (best[i] > max) max = best[i];
  }
  return max;
}

interface Checked {
  patches: Patch[];
  moves: number;
  shimMoves: number;
  root: ShimNode;
}

/** The invariant: applying diff(old, new) to render(old) gives a DOM equal to render(new). */
function check(oldTree: VNode, newTree: VNode, label = ''): Checked {
  const doc = new ShimDocument();
  const dom = render(oldTree, doc) as unknown as ShimNode;
  const before = serialize(dom);
  const patches = diff(oldTree, newTree);
  doc.resetOps();
  const res = applyPatches(dom, patches, doc);
  const expected = serialize(render(newTree, new ShimDocument()) as unknown as ShimNode);
  assert.equal(
    serialize(res.root as unknown as ShimNode),
    expected,
    `${label}\nfrom ${before}\npatches ${JSON.stringify(patches.map((p) => ({ ...p, node: undefined })))}`,
  );
  return { patches, moves: res.moves, shimMoves: doc.ops.moves, root: res.root as unknown as ShimNode };
}

function row(key: number, label: string, cls = ''): VNode {
  return h('li', { key, class: cls }, [h('span', null, [text(label)]), text(`#${key}`)]);
}

// --- LIS ------------------------------------------------------------------------------------

test('LIS: patience LIS has the O(n^2) length and marks an increasing subsequence', () => {
  const rng = prng(7);
  for (let c = 0; c < 300; c++) {
    const n = int(rng, 40);
    const seq = Array.from({ length: n }, (_, i) => i);
    shuffle(rng, seq);
    const { inLis, length } = longestIncreasingSubsequence(seq);
    assert.equal(length, lisLengthSlow(seq));
    const picked = seq.filter((_, i) => inLis[i] === 1);
    assert.equal(picked.length, length);
    for (let i = 1; i < picked.length; i++) assert.ok(picked[i - 1] < picked[i]);
  }
});

// --- exact patches and the coordinate system -------------------------------------------------

test('keyed: exact patch list in apply-time coordinates', () => {
  const li = (k: string): VNode => h('li', { key: k }, [text(k)]);
  const oldTree = h('ul', null, ['a', 'b', 'c', 'd'].map(li));
  const newTree = h('ul', null, ['d', 'a', 'c', 'e'].map(li));
  const { patches } = check(oldTree, newTree);
  assert.deepEqual(
    patches.map((p) => (p.type === 'INSERT' ? { type: p.type, path: p.path, key: p.node.key } : p)),
    [
      { type: 'REMOVE', path: [1] }, // b; the list is now a c d
      { type: 'MOVE', path: [2], to: 0 }, // d to the front: d a c
      { type: 'INSERT', path: [3], key: 'e' }, // d a c e
    ],
  );
});

test('unkeyed children are diffed by index (no moves)', () => {
  const li = (s: string): VNode => h('li', null, [text(s)]);
  const { patches } = check(h('ul', null, ['a', 'b', 'c'].map(li)), h('ul', null, ['b', 'c'].map(li)));
  assert.deepEqual(patches, [
    { type: 'SET_TEXT', path: [0, 0], text: 'b' },
    { type: 'SET_TEXT', path: [1, 0], text: 'c' },
    { type: 'REMOVE', path: [2] },
  ]);
  const grown = check(h('ul', null, [li('a')]), h('ul', null, [li('a'), li('b'), li('c')]));
  assert.deepEqual(countPatches(grown.patches), {
    INSERT: 2,
    REMOVE: 0,
    MOVE: 0,
    SET_PROP: 0,
    REMOVE_PROP: 0,
    SET_TEXT: 0,
    REPLACE: 0,
  });
  assert.deepEqual(
    grown.patches.map((p) => p.path),
    [[1], [2]],
  );
});

test('a list with any unkeyed child is diffed by index', () => {
  const oldTree = h('div', null, [h('p', { key: 'x' }, ['1']), h('p', null, ['2'])]);
  const newTree = h('div', null, [h('p', null, ['2']), h('p', { key: 'x' }, ['1'])]);
  const { patches } = check(oldTree, newTree);
  assert.deepEqual(
    patches.map((p) => [p.type, p.path]),
    [
      ['REPLACE', [0]],
      ['REPLACE', [1]],
    ],
  );
});

test('different type or key at the root is a REPLACE of the root', () => {
  const a = h('div', { id: 'a' }, ['x']);
  const r1 = check(a, h('section', { id: 'a' }, ['x']));
  assert.deepEqual(
    r1.patches.map((p) => [p.type, p.path]),
    [['REPLACE', []]],
  );
  assert.equal((r1.root as ShimElement).tagName, 'section');
  const r2 = check(h('div', { key: 1 }, ['x']), h('div', { key: 2 }, ['x']));
  assert.deepEqual(
    r2.patches.map((p) => p.type),
    ['REPLACE'],
  );
  const r3 = check(text('a'), h('b', null, []));
  assert.deepEqual(
    r3.patches.map((p) => p.type),
    ['REPLACE'],
  );
});

test('props: set, change, remove; true/false/null; handlers are properties', () => {
  const onclick = (): void => {};
  const oldTree = h('button', { class: 'a', id: 'x', hidden: true, title: 'keep' }, ['go']);
  const newTree = h('button', { class: 'b', title: 'keep', disabled: true, 'aria-x': null, onclick }, ['go']);
  const { patches, root } = check(oldTree, newTree);
  assert.deepEqual(
    patches.map((p) =>
      p.type === 'SET_PROP' ? [p.type, p.name, p.value] : p.type === 'REMOVE_PROP' ? [p.type, p.name] : [p.type],
    ),
    [
      ['SET_PROP', 'class', 'b'],
      ['SET_PROP', 'disabled', true],
      ['SET_PROP', 'aria-x', null],
      ['SET_PROP', 'onclick', onclick],
      ['REMOVE_PROP', 'id'],
      ['REMOVE_PROP', 'hidden'],
    ],
  );
  const el = root as ShimElement;
  assert.equal(el.getAttribute('disabled'), '');
  assert.equal(el.getAttribute('hidden'), null);
  assert.equal((el as unknown as { onclick: unknown }).onclick, onclick);
  const back = check(newTree, oldTree);
  assert.equal((back.root as unknown as { onclick: unknown }).onclick, null);
  assert.deepEqual(diff(oldTree, h('button', { class: 'a', id: 'x', hidden: true, title: 'keep' }, ['go'])), []);
});

test('props named like Object.prototype members are ordinary props', () => {
  const r1 = check(h('div', {}, []), h('div', { toString: 'a', constructor: 'b' }, []));
  assert.deepEqual(
    r1.patches.map((p) => p.type),
    ['SET_PROP', 'SET_PROP'],
  );
  const r2 = check(h('div', { toString: 'a', valueOf: 'c' }, []), h('div', {}, []));
  assert.deepEqual(
    r2.patches.map((p) => p.type),
    ['REMOVE_PROP', 'REMOVE_PROP'],
  );
});

test('replacing an attached root replaces it in its parent', () => {
  const doc = new ShimDocument();
  const host = doc.createElement('main');
  const dom = render(h('div', null, ['a']), doc);
  host.appendChild(dom as unknown as ShimNode);
  const res = applyPatches(dom, diff(h('div', null, ['a']), h('p', null, ['b'])), doc);
  assert.equal(host.childNodes.length, 1);
  assert.equal(host.childNodes[0], res.root);
  assert.equal(serialize(host), '<main><p>"b"</p></main>');
});

// --- moves ------------------------------------------------------------------------------------

function rows(keys: readonly number[]): VNode {
  return h(
    'tbody',
    null,
    keys.map((k) => row(k, `label ${k}`)),
  );
}

test('swapping two non-adjacent rows costs exactly 2 moves; adjacent 1; reverse n-1', () => {
  const keys = Array.from({ length: 1000 }, (_, i) => i + 1);
  const swapped = keys.slice();
  [swapped[1], swapped[998]] = [swapped[998], swapped[1]];
  const s = check(rows(keys), rows(swapped));
  assert.equal(s.moves, 2);
  assert.equal(s.shimMoves, 2);
  assert.equal(s.patches.length, 2);

  const adj = keys.slice(0, 10);
  [adj[3], adj[4]] = [adj[4], adj[3]];
  assert.equal(check(rows(keys.slice(0, 10)), rows(adj)).moves, 1);

  const rev = keys.slice(0, 50).reverse();
  const r = check(rows(keys.slice(0, 50)), rows(rev));
  assert.equal(r.moves, 49);
  assert.equal(r.shimMoves, 49);
});

test('randomized keyed lists: correct DOM and moves == kept - LIS (minimal)', () => {
  const rng = prng(20240601);
  for (let c = 0; c < 400; c++) {
    const n = int(rng, 3) === 0 ? int(rng, 6) : int(rng, 60);
    let nextKey = 0;
    const oldKeys = Array.from({ length: n }, () => nextKey++);
    shuffle(rng, oldKeys); // keys need not be sorted
    const oldLabels = new Map(oldKeys.map((k) => [k, `v${k}`]));

    // Removals.
    const pRemove = [0, 0.05, 0.3, 0.9][int(rng, 4)];
    let newKeys = oldKeys.filter(() => rng() >= pRemove);
    // Reorder.
    switch (int(rng, 6)) {
      case 0:
        break;
      case 1:
        if (newKeys.length > 1) {
          const i = int(rng, newKeys.length);
          const j = int(rng, newKeys.length);
          [newKeys[i], newKeys[j]] = [newKeys[j], newKeys[i]];
        }
        break;
      case 2:
        shuffle(rng, newKeys);
        break;
      case 3:
        newKeys.reverse();
        break;
      case 4: {
        // Move a block elsewhere.
        const a = int(rng, newKeys.length + 1);
        const b = a + int(rng, newKeys.length - a + 1);
        const block = newKeys.splice(a, b - a);
        newKeys.splice(int(rng, newKeys.length + 1), 0, ...block);
        break;
      }
      default:
        for (let m = int(rng, 4); m > 0 && newKeys.length > 0; m--) {
          const [k] = newKeys.splice(int(rng, newKeys.length), 1);
          newKeys.splice(int(rng, newKeys.length + 1), 0, k);
        }
    }
    // Insertions.
    const inserted = int(rng, 3) === 0 ? 0 : int(rng, 8);
    for (let i = 0; i < inserted; i++) newKeys.splice(int(rng, newKeys.length + 1), 0, nextKey++);
    if (int(rng, 10) === 0) newKeys = Array.from({ length: int(rng, 20) }, () => nextKey++); // replace all

    const newLabels = new Map<number, string>();
    for (const k of newKeys) newLabels.set(k, oldLabels.has(k) && rng() < 0.8 ? oldLabels.get(k)! : `w${k}-${c}`);
    const cls = (k: number, side: number): string => (k % 7 === (c + side) % 7 ? 'sel' : '');

    const oldTree = h(
      'ul',
      { id: 'list' },
      oldKeys.map((k) => row(k, oldLabels.get(k)!, cls(k, 0))),
    );
    const newTree = h(
      'ul',
      { id: 'list' },
      newKeys.map((k) => row(k, newLabels.get(k)!, cls(k, 1))),
    );
    const r = check(oldTree, newTree, `case ${c}`);

    const oldIndex = new Map(oldKeys.map((k, i) => [k, i]));
    const keptSeq = newKeys.filter((k) => oldIndex.has(k)).map((k) => oldIndex.get(k)!);
    const minimal = keptSeq.length - lisLengthSlow(keptSeq);
    assert.equal(r.moves, minimal, `case ${c}: moves`);
    assert.equal(r.shimMoves, minimal, `case ${c}: DOM moves seen by the shim`);
    const counts = countPatches(r.patches);
    assert.equal(counts.INSERT, newKeys.filter((k) => !oldIndex.has(k)).length, `case ${c}: inserts`);
    assert.equal(counts.REMOVE, oldKeys.length - keptSeq.length, `case ${c}: removes`);
    assert.equal(counts.REPLACE, 0);
  }
});

// --- random nested trees ------------------------------------------------------------------

const TAGS = ['div', 'span', 'p', 'ul'];
const ATTRS = ['class', 'id', 'title', 'data-x', 'hidden'];

function randomProps(rng: () => number): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const a of ATTRS) if (rng() < 0.3) props[a] = a === 'hidden' ? rng() < 0.5 : `${a}${int(rng, 3)}`;
  return props;
}

let treeKey = 0;
function randomTree(rng: () => number, depth: number): VNode {
  if (depth === 0 || rng() < 0.2)
    return rng() < 0.5 ? text(`t${int(rng, 4)}`) : h(TAGS[int(rng, TAGS.length)], randomProps(rng), []);
  const n = int(rng, 6);
  const keyed = rng() < 0.5;
  const kids: VNode[] = [];
  for (let i = 0; i < n; i++) {
    const child = randomTree(rng, depth - 1);
    if (keyed) child.key = treeKey++;
    kids.push(child);
  }
  return h(TAGS[int(rng, TAGS.length)], randomProps(rng), kids);
}

/** A plausible next version: same shape mostly, with edits at every level. */
function mutate(rng: () => number, node: VNode, depth: number): VNode {
  const roll = rng();
  if (roll < 0.05) {
    const fresh = randomTree(rng, depth);
    if (node.key !== undefined) fresh.key = rng() < 0.5 ? node.key : treeKey++;
    return fresh;
  }
  if (node.type === '#text') return rng() < 0.3 ? { ...node, text: `t${int(rng, 4)}` } : node;
  const props = rng() < 0.3 ? randomProps(rng) : node.props;
  const type = rng() < 0.05 ? TAGS[int(rng, TAGS.length)] : node.type;
  let kids = node.children.map((c) => mutate(rng, c, Math.max(0, depth - 1)));
  const keyed = kids.length > 0 && kids.every((k) => k.key !== undefined);
  if (rng() < 0.4 && kids.length > 0) kids.splice(int(rng, kids.length), 1);
  if (rng() < 0.4) {
    const child = randomTree(rng, Math.max(0, depth - 1));
    if (keyed || (kids.length === 0 && rng() < 0.5)) child.key = treeKey++;
    kids.splice(int(rng, kids.length + 1), 0, child);
  }
  if (keyed && rng() < 0.5) shuffle(rng, kids);
  if (!keyed && rng() < 0.2) kids = kids.slice().reverse();
  const out: VNode = { type, props, children: kids };
  if (node.key !== undefined) out.key = node.key;
  return out;
}

test('randomized nested trees: applyPatches(render(old), diff(old, new)) == render(new)', () => {
  const rng = prng(99);
  for (let c = 0; c < 300; c++) {
    const oldTree = randomTree(rng, 4);
    const newTree = c % 10 === 9 ? randomTree(rng, 4) : mutate(rng, oldTree, 4);
    check(oldTree, newTree, `tree case ${c}`);
    // And a chain of versions, each patched from the previous DOM.
    if (c % 25 === 0) {
      const doc = new ShimDocument();
      let dom = render(oldTree, doc);
      let prev = oldTree;
      for (let step = 0; step < 5; step++) {
        const next = mutate(rng, prev, 4);
        dom = applyPatches(dom, diff(prev, next), doc).root;
        assert.equal(
          serialize(dom as unknown as ShimNode),
          serialize(render(next, new ShimDocument()) as unknown as ShimNode),
        );
        prev = next;
      }
    }
  }
});

// --- duplicate keys ----------------------------------------------------------------------------

test('duplicate keys among siblings raise an Error naming the key', () => {
  const li = (k: string | number): VNode => h('li', { key: k }, []);
  const ul = (...ks: (string | number)[]): VNode => h('ul', null, ks.map(li));
  assert.throws(
    () => diff(ul('a', 'b'), ul('a', 'x', 'x')),
    /duplicate key "x" among the new children of the node at path \[\]/,
  );
  assert.throws(() => diff(ul('a', 'b', 'a'), ul('a', 'b', 'a')), /duplicate key "a"/); // all in the common prefix
  assert.throws(() => diff(ul('q', 'q'), ul('z')), /duplicate key "q" among the old children/); // both removed
  assert.throws(() => diff(ul('q', 'q'), ul()), /duplicate key "q" among the old children/);
  assert.throws(() => diff(ul('a', 'b', 'b'), ul('b', 'a')), /duplicate key "b" among the old children/); // both kept
  // prefix + middle
  assert.throws(() => diff(ul('a', 'z', 'a'), ul('a', 'y')), /duplicate key "a" among the old children/);
  assert.throws(
    () => diff(h('div', null, [ul(1, 2), ul(3, 3)]), h('div', null, [ul(1, 2), ul(3, 4)])),
    /duplicate key 3 among the old children of the node at path \[1\]/,
  );
});

// --- static subtrees -----------------------------------------------------------------------------

function bigSubtree(n: number): VNode {
  return h(
    'section',
    { class: 's' },
    Array.from({ length: n }, (_, i) => h('p', { key: i }, [text(`p${i}`)])),
  );
}

test('static subtrees that are the same object are skipped without descending', () => {
  const shared = markStatic(bigSubtree(50)); // 1 + 50 * 2 nodes
  const stats: DiffStats = { nodesVisited: 0 };
  const patches = diff(
    h('div', null, [shared, h('b', null, ['x'])]),
    h('div', null, [shared, h('b', null, ['y'])]),
    stats,
  );
  assert.deepEqual(patches, [{ type: 'SET_TEXT', path: [1, 0], text: 'y' }]);
  assert.equal(stats.nodesVisited, 3); // div, b, its text; nothing of `shared`

  // The same object without the static flag is descended (101 more nodes, no patches).
  const plain = bigSubtree(50);
  const stats2: DiffStats = { nodesVisited: 0 };
  assert.deepEqual(diff(h('div', null, [plain]), h('div', null, [plain]), stats2), []);
  assert.equal(stats2.nodesVisited, 1 + 101);

  // `static` is a promise about one object: a different static object is still compared.
  const oldS = markStatic(h('p', null, ['a']));
  const newS = markStatic(h('p', null, ['b']));
  check(h('div', null, [oldS]), h('div', null, [newS]));
  assert.deepEqual(diff(oldS, newS), [{ type: 'SET_TEXT', path: [0], text: 'b' }]);
});

test('applyPatches rejects patches that do not fit the DOM', () => {
  const doc = new ShimDocument();
  const dom = render(h('ul', null, []), doc);
  assert.throws(() => applyPatches(dom, [{ type: 'REMOVE', path: [3] }], doc), /REMOVE at \[3\]/);
  assert.throws(() => applyPatches(dom, [{ type: 'SET_TEXT', path: [], text: 'x' }], doc), /not a text node/);
});
