import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, deriveSeed, hashString, IndexStream, randomInt, randomNormal } from '../../src/stats/prng.js';

test('xoshiro128** is deterministic per seed and uniform in [0, 1)', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(
    xs,
    Array.from({ length: 1000 }, () => b()),
  );
  assert.notDeepEqual(
    xs.slice(0, 5),
    Array.from({ length: 5 }, () => c()),
  );
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.03); // sd of the mean ~ 0.009
  const buckets = new Array(10).fill(0);
  for (const x of xs) buckets[Math.floor(x * 10)]++;
  assert.ok(buckets.every((k) => k > 60 && k < 140));
});

test('randomInt covers [0, n) and randomNormal has mean 0, sd 1', () => {
  const rng = createRng(1);
  const seen = new Set<number>();
  for (let i = 0; i < 200; i++) seen.add(randomInt(rng, 6));
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4, 5]);
  const zs = Array.from({ length: 20000 }, () => randomNormal(rng));
  const m = zs.reduce((s, z) => s + z, 0) / zs.length;
  const v = zs.reduce((s, z) => s + (z - m) ** 2, 0) / (zs.length - 1);
  assert.ok(Math.abs(m) < 0.03 && Math.abs(v - 1) < 0.04, `mean ${m}, var ${v}`);
});

test('FNV-1a hash and derived seeds', () => {
  assert.equal(hashString(''), 0x811c9dc5);
  assert.equal(hashString('a'), 0xe40c292c); // published FNV-1a 32-bit test vector
  assert.notEqual(deriveSeed(1, 'x'), deriveSeed(1, 'y'));
  assert.equal(deriveSeed(1, 'x'), deriveSeed(1, 'x'));
});

test('IndexStream draws the indices randomInt draws from createRng with the same seed, in order', () => {
  for (const seed of [0, 1, 42, 0x5eed, 2 ** 31, 4294967295]) {
    const rng = createRng(seed);
    const stream = new IndexStream(seed);
    // One draw at a time, over ranges that change between calls as the two sides of a ratio
    // bootstrap do: the index drawn is where the count went up.
    for (const n of [1, 2, 3, 7, 1000, 2 ** 20, 7, 1]) {
      for (let i = 0; i < 50; i++) {
        const counts = new Int32Array(n);
        stream.tally(counts, 1);
        assert.equal(counts.indexOf(1), randomInt(rng, n), `seed ${seed}, n ${n}, draw ${i}`);
      }
    }
    // In bulk: the counts add up what randomInt picks, and they are added to, not reset.
    const n = 97;
    const expected = new Int32Array(n).fill(2);
    for (let i = 0; i < 5000; i++) expected[randomInt(rng, n)]++;
    const counts = new Int32Array(n).fill(2);
    stream.tally(counts, 3000);
    stream.tally(counts, 2000);
    assert.deepEqual(counts, expected, `seed ${seed} in bulk`);
  }
});
