/**
 * The keyed-table adapters on the DOM shim: every library ends at the same DOM as the reference
 * rendering, and does exactly the DOM work recorded below (deterministic counters, counted at
 * the DOM by suites/_shared/dom-ops.ts). The reference differ must reach the fewest moves any
 * sequence of single-row moves can: rows count minus the longest run already in order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIFFER_ADAPTERS, type KeyedTable, type Row } from '../../src/adapters/differ/index.js';
import { render } from '../../src/runtime/differ/index.js';
import { rowFactory, tableBody } from '../../suites/diffing.js';
import { TABLE_OPS, checkTable, shuffled, type TableOp } from '../../suites/_shared/diff-peers.js';
import { countDomOps, type DomOps } from '../../suites/_shared/dom-ops.js';
import { ShimDocument, ShimNode, serialize, type ShimElement } from '../runtime/dom-shim.js';

interface Mounted {
  doc: ShimDocument;
  table: ShimElement;
  keyed: KeyedTable;
}

function mount(framework: string): Mounted {
  const doc = new ShimDocument();
  const table = doc.createElement('table');
  doc.body.appendChild(table);
  const keyed = DIFFER_ADAPTERS[framework]!.mount(doc as unknown as Document, table as unknown as Element);
  return { doc, table, keyed };
}

const html = (m: Mounted): string => serialize(m.keyed.tbody as unknown as ShimNode);

/** The reference rendering of a table state (the diffing suite's view), as canonical markup. */
const expectedHtml = (rows: readonly Row[], selected: number | null): string =>
  serialize(render(tableBody(rows, selected), new ShimDocument()) as unknown as ShimNode);

interface OpRun {
  ops: DomOps;
  /** Moves the shim itself saw (insertBefore of a node under the same parent). */
  shimMoves: number;
  end: string;
  back: string;
}

function runOp(framework: string, op: TableOp): OpRun {
  const s = op.scenario(rowFactory());
  const m = mount(framework);
  m.keyed.update(s.from, s.fromSelected);
  m.doc.resetOps();
  const ops = countDomOps(m.keyed.tbody, () => m.keyed.update(s.to, s.toSelected));
  const shimMoves = m.doc.ops.moves;
  checkTable(m.keyed, m.table as unknown as Element, s.to, s.toSelected);
  const end = html(m);
  m.keyed.update(s.from, s.fromSelected);
  const back = html(m);
  m.keyed.dispose();
  assert.equal(m.table.childNodes.length, 0, 'dispose removes the tbody');
  return { ops, shimMoves, end, back };
}

const ops = (o: Partial<DomOps>): DomOps => ({ inserts: 0, moves: 0, removes: 0, texts: 0, attrs: 0, ...o });

/**
 * Exact DOM work per op and library, as measured on the shim (2026-12-03; snabbdom 3.6.4,
 * udomdiff 1.1.2). Where they differ is reordering: the reference differ moves the fewest rows
 * (n - LIS: 944 for sort, 946 for shuffle, 999 for reverse); snabbdom's two-ended walk is minimal
 * for swap and reverse but not in general (993, 996); udomdiff moves n rows to reverse n, and on
 * sort and shuffle takes most rows out with replaceChild and puts them back later (a remove and an
 * insert each), so its moves are fewer but its DOM operations more (1,622 and 1,619 against 944).
 */
/** The nine jsfb ops: the same DOM work on every library. */
const JSFB: Record<string, DomOps> = {
  'create-rows': ops({ inserts: 1000 }),
  'replace-all': ops({ inserts: 1000, removes: 1000 }),
  'partial-update': ops({ texts: 100 }),
  'select-row': ops({ attrs: 1 }),
  'swap-rows': ops({ moves: 2 }),
  'remove-row': ops({ removes: 1 }),
  'create-many-rows': ops({ inserts: 10000 }),
  'append-rows': ops({ inserts: 1000 }),
  'clear-rows': ops({ removes: 1000 }),
};
const EXPECTED: Record<string, Record<string, DomOps>> = {
  jepsh: {
    ...JSFB,
    'sort-rows': ops({ moves: 944 }),
    'reverse-rows': ops({ moves: 999 }),
    'shuffle-rows': ops({ moves: 946 }),
  },
  snabbdom: {
    ...JSFB,
    'sort-rows': ops({ moves: 993 }),
    'reverse-rows': ops({ moves: 999 }),
    'shuffle-rows': ops({ moves: 996 }),
  },
  udomdiff: {
    ...JSFB,
    'sort-rows': ops({ inserts: 624, moves: 374, removes: 624 }),
    'reverse-rows': ops({ moves: 1000 }),
    'shuffle-rows': ops({ inserts: 621, moves: 377, removes: 621 }),
  },
};

/** Length of the longest increasing subsequence, O(n^2): independent of the differ's own LIS. */
function lisLength(seq: readonly number[]): number {
  const best = seq.map(() => 1);
  let max = 0;
  for (let i = 0; i < seq.length; i++) {
    for (let j = 0; j < i; j++) if (seq[j]! < seq[i]! && best[j]! + 1 > best[i]!) best[i] = best[j]! + 1;
    max = Math.max(max, best[i]!);
  }
  return max;
}

/** Fewest single-row moves that turn `from` into `to` (same ids): rows outside one longest in-order run. */
function minimalMoves(from: readonly Row[], to: readonly Row[]): number {
  const at = new Map(from.map((r, i) => [r.id, i]));
  return to.length - lisLength(to.map((r) => at.get(r.id)!));
}

test('the adapters are jepsh, snabbdom and udomdiff', () => {
  assert.deepEqual(Object.keys(DIFFER_ADAPTERS), ['jepsh', 'snabbdom', 'udomdiff']);
  assert.deepEqual(Object.keys(EXPECTED), Object.keys(DIFFER_ADAPTERS));
});

for (const op of TABLE_OPS) {
  test(`${op.name}: every library ends at the reference DOM, and goes back to the start`, () => {
    const s = op.scenario(rowFactory());
    const end = expectedHtml(s.to, s.toSelected);
    const start = expectedHtml(s.from, s.fromSelected);
    for (const framework of Object.keys(DIFFER_ADAPTERS)) {
      const r = runOp(framework, op);
      assert.ok(r.end === end, `${framework}: end DOM differs from the reference rendering`);
      assert.ok(r.back === start, `${framework}: start DOM differs after going back`);
    }
  });
}

test('exact DOM work per op and library, identical in a second fresh run', () => {
  const got: Record<string, Record<string, DomOps>> = {};
  for (const framework of Object.keys(DIFFER_ADAPTERS)) {
    got[framework] = {};
    for (const op of TABLE_OPS) {
      const r = runOp(framework, op);
      got[framework][op.name] = r.ops;
      assert.deepEqual(runOp(framework, op).ops, r.ops, `${framework} ${op.name} deterministic`);
    }
  }
  assert.deepEqual(got, EXPECTED);
});

test('the reference differ makes the fewest moves: swap 2, reverse n - 1, sort and shuffle n - LIS', () => {
  const moves = (name: string): number =>
    runOp(
      'jepsh',
      TABLE_OPS.find((o) => o.name === name)!,
    ).ops.moves;
  assert.equal(moves('swap-rows'), 2);
  assert.equal(moves('reverse-rows'), 999);
  for (const name of ['sort-rows', 'shuffle-rows']) {
    const s = TABLE_OPS.find((o) => o.name === name)!.scenario(rowFactory());
    const min = minimalMoves(s.from, s.to);
    assert.ok(min > 900 && min < 1000, `${name}: a real reordering (${min} moves needed)`);
    assert.equal(moves(name), min, name);
  }
  for (const op of TABLE_OPS) {
    const r = runOp('jepsh', op);
    assert.equal(r.shimMoves, r.ops.moves, `${op.name}: the shim saw the same moves`);
  }
});

test('small reorderings: the reference differ moves exactly n - LIS rows on 200 seeded permutations', () => {
  const rows = rowFactory()(12);
  for (let seed = 1; seed <= 200; seed++) {
    const to = shuffled(rows, seed);
    const m = mount('jepsh');
    m.keyed.update(rows, null);
    const done = countDomOps(m.keyed.tbody, () => m.keyed.update(to, null));
    assert.equal(done.moves, minimalMoves(rows, to), `seed ${seed}`);
    assert.deepEqual({ ...done, moves: 0 }, ops({}), `seed ${seed}: moves only`);
    checkTable(m.keyed, m.table as unknown as Element, to, null);
  }
});

test('countDomOps counts only the container and restores the DOM methods it wrapped', () => {
  const doc = new ShimDocument();
  const list = doc.createElement('tbody');
  const a = doc.createElement('tr');
  const b = doc.createElement('tr');
  list.appendChild(a);
  list.appendChild(b);
  const text = doc.createTextNode('x');
  a.appendChild(text);
  const saved = ['insertBefore', 'appendChild', 'removeChild', 'replaceChild'].map(
    (k) => Object.getOwnPropertyDescriptor(ShimNode.prototype, k)!.value as unknown,
  );
  const done = countDomOps(list, () => {
    list.insertBefore(b, a); // move
    list.appendChild(b); // move back (appendChild calls insertBefore in the shim: counted once)
    const c = doc.createElement('tr');
    c.appendChild(doc.createTextNode('new')); // outside the container: not counted
    c.setAttribute('class', 'x'); // detached: not counted
    list.replaceChild(c, a); // insert + remove
    text.data = 'y'; // `a` left the container: not counted
    c.setAttribute('class', 'danger'); // attribute inside
    (c.childNodes[0] as unknown as { data: string }).data = 'z'; // text inside
    list.removeChild(b); // remove
  });
  assert.deepEqual(done, ops({ moves: 2, inserts: 1, removes: 2, texts: 1, attrs: 1 }));
  assert.deepEqual(
    ['insertBefore', 'appendChild', 'removeChild', 'replaceChild'].map(
      (k) => Object.getOwnPropertyDescriptor(ShimNode.prototype, k)!.value as unknown,
    ),
    saved,
  );
  assert.throws(
    () =>
      countDomOps(list, () => {
        throw new Error('boom');
      }),
    /boom/,
  );
  assert.equal(Object.getOwnPropertyDescriptor(ShimNode.prototype, 'insertBefore')!.value, saved[0]);
});
