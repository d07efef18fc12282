import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createComponentNode,
  createComponentNodePool,
  createLayoutBoxPool,
  createPool,
  createSlabPool,
  resetComponentNode,
} from '../../src/runtime/pools/index.js';

interface Box {
  id: number;
  value: number;
}

function boxPool(prewarm = 0, maxSize?: number) {
  let created = 0;
  let resets = 0;
  const pool = createPool<Box>({
    create: () => ({ id: created++, value: 0 }),
    reset: (b) => {
      resets++;
      b.value = 0;
    },
    prewarm,
    maxSize,
  });
  return { pool, created: () => created, resets: () => resets };
}

test('hits, misses, size, highWater and outstanding are exact', () => {
  const { pool, created } = boxPool(2);
  assert.deepEqual(pool.stats(), { hits: 0, misses: 0, size: 2, highWater: 0, outstanding: 0, dropped: 0 });
  const a = pool.acquire();
  const b = pool.acquire();
  const c = pool.acquire();
  assert.deepEqual(pool.stats(), { hits: 2, misses: 1, size: 0, highWater: 3, outstanding: 3, dropped: 0 });
  assert.equal(created(), 3);
  pool.release(a);
  pool.release(b);
  assert.deepEqual(pool.stats(), { hits: 2, misses: 1, size: 2, highWater: 3, outstanding: 1, dropped: 0 });
  const d = pool.acquire();
  assert.equal(d, b, 'LIFO reuse of the most recently released object');
  pool.release(c);
  pool.release(d);
  assert.deepEqual(pool.stats(), { hits: 3, misses: 1, size: 3, highWater: 3, outstanding: 0, dropped: 0 });
  assert.equal(created(), 3);
});

test('release resets the object before it is handed out again', () => {
  const { pool, resets } = boxPool();
  const a = pool.acquire();
  a.value = 42;
  pool.release(a);
  assert.equal(resets(), 1);
  const again = pool.acquire();
  assert.equal(again, a);
  assert.equal(again.value, 0);
});

test('double release throws and leaves the pool consistent', () => {
  const { pool } = boxPool();
  const a = pool.acquire();
  pool.release(a);
  assert.throws(() => pool.release(a), /released twice/);
  assert.deepEqual(pool.stats(), { hits: 0, misses: 1, size: 1, highWater: 1, outstanding: 0, dropped: 0 });
  // The free list holds `a` once: two acquires give two distinct objects.
  const x = pool.acquire();
  const y = pool.acquire();
  assert.notEqual(x, y);
});

test('releasing a foreign object throws', () => {
  const { pool } = boxPool();
  const other = boxPool().pool;
  assert.throws(() => pool.release({ id: -1, value: 0 }), /not acquired from this pool/);
  assert.throws(() => pool.release(other.acquire()), /not acquired from this pool/);
  assert.equal(pool.stats().size, 0);
});

test('maxSize bounds the free list; extra objects are dropped without reset', () => {
  const { pool, resets } = boxPool(0, 2);
  const objs = [pool.acquire(), pool.acquire(), pool.acquire(), pool.acquire()];
  for (const o of objs) pool.release(o);
  assert.deepEqual(pool.stats(), { hits: 0, misses: 4, size: 2, highWater: 4, outstanding: 0, dropped: 2 });
  assert.equal(resets(), 2);
  // A dropped object is still recognised: releasing it again is a double release.
  assert.throws(() => pool.release(objs[3]!), /released twice/);
  pool.acquire();
  pool.acquire();
  pool.acquire();
  assert.equal(pool.stats().hits, 2);
  assert.equal(pool.stats().misses, 5);
});

test('invalid pool options are rejected', () => {
  assert.throws(() => boxPool(3, 2), /prewarm/);
  assert.throws(() => boxPool(-1), RangeError);
});

test('component node reset keeps its objects and shape', () => {
  const pool = createComponentNodePool({ prewarm: 1 });
  const node = pool.acquire();
  const { props, children } = node;
  node.type = 'button';
  node.key = 7;
  node.props.id = 1;
  node.props.onClick = () => 0;
  node.children.push(createComponentNode(), createComponentNode());
  pool.release(node);
  const again = pool.acquire();
  assert.equal(again, node);
  assert.equal(again.props, props);
  assert.equal(again.children, children);
  assert.equal(again.type, '');
  assert.equal(again.key, null);
  assert.equal(again.children.length, 0);
  assert.deepEqual(Object.values(again.props), [undefined, undefined]);
  assert.deepEqual(pool.stats(), { hits: 2, misses: 0, size: 0, highWater: 1, outstanding: 1, dropped: 0 });

  const loose = createComponentNode();
  loose.props.a = 'x';
  resetComponentNode(loose);
  assert.equal(loose.props.a, undefined);
});

test('layout box reset zeroes every field and keeps the edge objects', () => {
  const pool = createLayoutBoxPool();
  const box = pool.acquire();
  const { margin, padding } = box;
  Object.assign(box, { x: 1, y: 2, width: 3, height: 4 });
  Object.assign(margin, { top: 1, right: 2, bottom: 3, left: 4 });
  padding.left = 9;
  pool.release(box);
  const again = pool.acquire();
  assert.equal(again, box);
  assert.equal(again.margin, margin);
  assert.equal(again.padding, padding);
  assert.deepEqual(again, {
    x: 0,
    y: 0,
    width: 0,
    height: 0,
    margin: { top: 0, right: 0, bottom: 0, left: 0 },
    padding: { top: 0, right: 0, bottom: 0, left: 0 },
  });
});

test('slab pool: block views do not overlap, slabs grow on demand, stats are exact', () => {
  const pool = createSlabPool({ type: Float64Array, blockLength: 4, blocksPerSlab: 3 });
  const views: Float64Array[] = [];
  for (let i = 0; i < 7; i++) views.push(pool.acquire());
  assert.deepEqual(pool.stats(), {
    hits: 4,
    misses: 3,
    size: 2,
    highWater: 7,
    outstanding: 7,
    dropped: 0,
    slabs: 3,
    bytes: 3 * 3 * 4 * 8,
  });
  for (const v of views) assert.equal(v.length, 4);
  for (let i = 0; i < views.length; i++) {
    for (let j = i + 1; j < views.length; j++) {
      const a = views[i]!;
      const b = views[j]!;
      if (a.buffer !== b.buffer) continue;
      const disjoint = a.byteOffset + a.byteLength <= b.byteOffset || b.byteOffset + b.byteLength <= a.byteOffset;
      assert.ok(disjoint, `blocks ${i} and ${j} overlap`);
    }
  }
  // Writes through one view never show up in another.
  views.forEach((v, i) => v.fill(i + 1));
  views.forEach((v, i) => assert.deepEqual([...v], [i + 1, i + 1, i + 1, i + 1]));
  assert.equal(new Set(views.map((v) => v.buffer)).size, 3);
});

test('slab pool: released blocks are reused zeroed; double and foreign releases throw', () => {
  const pool = createSlabPool({ type: Int32Array, blockLength: 8, blocksPerSlab: 2, maxSlabs: 1 });
  const a = pool.acquire();
  const b = pool.acquire();
  a.fill(5);
  assert.throws(() => pool.acquire(), /exhausted/);
  pool.release(a);
  assert.throws(() => pool.release(a), /released twice/);
  assert.throws(() => pool.release(new Int32Array(8)), /not acquired from this pool/);
  assert.throws(
    () => pool.release(b.subarray(0, 8)),
    /not acquired from this pool/,
    'a different view over the same memory',
  );
  const c = pool.acquire();
  assert.equal(c, a, 'the same view object is handed out again');
  assert.deepEqual([...c], [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(pool.stats(), {
    hits: 2,
    misses: 1,
    size: 0,
    highWater: 2,
    outstanding: 2,
    dropped: 0,
    slabs: 1,
    bytes: 2 * 8 * 4,
  });
});

test('slab pool rejects invalid geometry', () => {
  assert.throws(() => createSlabPool({ type: Float64Array, blockLength: 0, blocksPerSlab: 4 }), RangeError);
  assert.throws(() => createSlabPool({ type: Float64Array, blockLength: 4, blocksPerSlab: 1.5 }), RangeError);
});

test('the ownership slot is invisible to keys, JSON and spreads; non-extensible objects are refused', () => {
  const pool = createPool({ create: () => ({ a: 1 }), reset: () => {} });
  const o = pool.acquire();
  assert.deepEqual(Object.keys(o), ['a']);
  assert.equal(JSON.stringify(o), '{"a":1}');
  assert.deepEqual({ ...o }, { a: 1 });
  const frozen = createPool({ create: () => Object.freeze({ a: 1 }), reset: () => {} });
  assert.throws(() => frozen.acquire(), /extensible/);
});
