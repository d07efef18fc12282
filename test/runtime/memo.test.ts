import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LRUCache } from '../../src/runtime/memo/index.js';

test('evicts the least recently set entry first when nothing is read', () => {
  const cache = new LRUCache<string, number>({ maxSize: 3 });
  cache.set('a', 1).set('b', 2).set('c', 3);
  assert.deepEqual(cache.keys(), ['a', 'b', 'c']);
  cache.set('d', 4);
  assert.deepEqual(cache.keys(), ['b', 'c', 'd']);
  assert.equal(cache.has('a'), false);
  cache.set('e', 5);
  assert.deepEqual(cache.keys(), ['c', 'd', 'e']);
  assert.equal(cache.size, 3);
  assert.equal(cache.stats.evictions, 2);
});

test('get refreshes recency, has does not', () => {
  const cache = new LRUCache<string, number>({ maxSize: 3 });
  cache.set('a', 1).set('b', 2).set('c', 3);
  assert.equal(cache.get('a'), 1);
  assert.equal(cache.has('b'), true);
  cache.set('d', 4);
  assert.deepEqual(cache.keys(), ['c', 'a', 'd'], 'b was the least recently used: has() did not refresh it');
  cache.set('c', 30); // overwriting refreshes too
  cache.set('e', 5);
  assert.deepEqual(cache.keys(), ['d', 'c', 'e']);
  assert.equal(cache.get('c'), 30);
});

test('delete and clear', () => {
  const cache = new LRUCache<number, string>({ maxSize: 4 });
  for (let i = 0; i < 4; i++) cache.set(i, `v${i}`);
  assert.equal(cache.delete(1), true);
  assert.equal(cache.delete(1), false);
  assert.deepEqual(cache.keys(), [0, 2, 3]);
  cache.set(9, 'v9').set(10, 'v10');
  assert.deepEqual(cache.keys(), [2, 3, 9, 10], 'the freed slot is used before evicting');
  assert.equal(cache.stats.evictions, 1);
  cache.clear();
  assert.equal(cache.size, 0);
  assert.deepEqual(cache.keys(), []);
  cache.set(1, 'again');
  assert.equal(cache.get(1), 'again');
});

test('stats count hits, misses and evictions; getOrCompute computes once', () => {
  const cache = new LRUCache<number, number>({ maxSize: 2 });
  let computeCalls = 0;
  const square = (k: number) => {
    computeCalls++;
    return k * k;
  };
  assert.equal(cache.getOrCompute(3, square), 9);
  assert.equal(cache.getOrCompute(3, square), 9);
  assert.equal(cache.getOrCompute(4, square), 16);
  assert.equal(cache.getOrCompute(5, square), 25); // evicts 3
  assert.equal(cache.get(3), undefined);
  assert.equal(cache.get(5), 25);
  assert.equal(computeCalls, 3);
  assert.deepEqual(cache.stats, { hits: 2, misses: 4, evictions: 1, expirations: 0 });
  cache.resetStats();
  assert.deepEqual(cache.stats, { hits: 0, misses: 0, evictions: 0, expirations: 0 });
});

test('a cached undefined is a hit, not a miss', () => {
  const cache = new LRUCache<string, undefined>({ maxSize: 2 });
  let calls = 0;
  cache.getOrCompute('k', () => (calls++, undefined));
  cache.getOrCompute('k', () => (calls++, undefined));
  assert.equal(calls, 1);
  assert.equal(cache.stats.hits, 1);
});

test('TTL expiry with a fake clock', () => {
  let now = 1000;
  const cache = new LRUCache<string, number>({ maxSize: 10, ttlMs: 100, now: () => now });
  cache.set('a', 1);
  now += 50;
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1, 'reads do not extend the TTL');
  now += 49; // a is 99 ms old
  assert.equal(cache.has('a'), true);
  now += 1; // a is 100 ms old: expired
  assert.equal(cache.get('a'), undefined);
  assert.equal(cache.has('b'), true);
  assert.equal(cache.size, 1);
  cache.set('b', 20); // restarts b's TTL
  now += 99;
  assert.equal(cache.get('b'), 20);
  cache.set('c', 3);
  now += 1;
  assert.equal(cache.size, 1, 'size drops expired entries: b expired, c live');
  assert.deepEqual(cache.keys(), ['c']);
  assert.deepEqual(cache.stats, { hits: 2, misses: 1, evictions: 0, expirations: 2 });
});

test('a full cache drops expired entries before evicting live ones', () => {
  let now = 0;
  const cache = new LRUCache<string, number>({ maxSize: 2, ttlMs: 10, now: () => now });
  cache.set('old', 1);
  now = 5;
  cache.set('live', 2);
  cache.get('old'); // most recently used, but about to expire
  now = 10;
  cache.set('new', 3);
  assert.deepEqual(cache.keys(), ['live', 'new']);
  assert.deepEqual(cache.stats, { hits: 1, misses: 0, evictions: 0, expirations: 1 });
});

test('rejects invalid options', () => {
  assert.throws(() => new LRUCache({ maxSize: 0 }), RangeError);
  assert.throws(() => new LRUCache({ maxSize: 1.5 }), RangeError);
  assert.throws(() => new LRUCache({ maxSize: 1, ttlMs: 0 }), RangeError);
});

test('matches a reference model over a long random sequence', () => {
  // Reference: an array in recency order (index 0 = least recent), O(n) but obviously correct.
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const maxSize = 8;
  const cache = new LRUCache<number, number>({ maxSize });
  const model: [number, number][] = [];
  for (let step = 0; step < 5000; step++) {
    const key = Math.floor(random() * 20);
    const op = random();
    const at = model.findIndex(([k]) => k === key);
    if (op < 0.45) {
      const expected = at >= 0 ? model[at]![1] : undefined;
      if (at >= 0) model.push(model.splice(at, 1)[0]!);
      assert.equal(cache.get(key), expected);
    } else if (op < 0.9) {
      if (at >= 0) model.splice(at, 1);
      else if (model.length === maxSize) model.shift();
      model.push([key, step]);
      cache.set(key, step);
    } else {
      if (at >= 0) model.splice(at, 1);
      assert.equal(cache.delete(key), at >= 0);
    }
    assert.deepEqual(
      cache.keys(),
      model.map(([k]) => k),
      `step ${step}`,
    );
  }
});
