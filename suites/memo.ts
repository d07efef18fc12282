/**
 * Memoisation benchmarks for the reference runtime's LRU cache (src/runtime/memo).
 *
 * - lru-hit: `get` of a present key in a full cache (the key order is a fixed shuffle, so hits
 *   land all over the recency list rather than always on its tail).
 * - lru-miss: `get` of an absent key followed by `set`, in a full cache: every op evicts the
 *   least recently used entry.
 * One op is one lookup (plus the insert on a miss); hits, misses and evictions are counted per op.
 */
import { bench, defineSuite, type BenchContext, type MetricDecl } from '../src/suite/api.js';
import { LRUCache, type LRUStats } from '../src/runtime/memo/index.js';

const METRICS: Record<string, MetricDecl> = {
  hits: { unit: 'count', direction: 'higher', kind: 'counter', description: 'cache hits per op' },
  misses: { unit: 'count', direction: 'lower', kind: 'counter', description: 'cache misses per op' },
  evictions: { unit: 'count', direction: 'lower', kind: 'counter', description: 'capacity evictions per op' },
};

const COUNTER_OPS = 100;

function countDelta(ctx: BenchContext, before: LRUStats, after: LRUStats): void {
  ctx.count('hits', after.hits - before.hits);
  ctx.count('misses', after.misses - before.misses);
  ctx.count('evictions', after.evictions - before.evictions);
}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

/** Value stored for a key, so a lookup can be checked without a second table. */
const valueOf = (key: number): number => key * 2 + 1;

/** A seeded Fisher-Yates shuffle of 0..n-1 (mulberry32), identical on every run. */
function shuffledKeys(n: number, seed: number): Int32Array {
  const keys = new Int32Array(n);
  for (let i = 0; i < n; i++) keys[i] = i;
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = keys[i]!;
    keys[i] = keys[j]!;
    keys[j] = tmp;
  }
  return keys;
}

function fullCache(entries: number): LRUCache<number, number> {
  const cache = new LRUCache<number, number>({ maxSize: entries });
  for (let key = 0; key < entries; key++) cache.set(key, valueOf(key));
  cache.resetStats();
  return cache;
}

interface HitState {
  cache: LRUCache<number, number>;
  order: Int32Array;
  position: number;
  lastKey: number;
  lastValue: number | undefined;
}

const lruHit = bench({
  name: 'lru-hit',
  description: 'get of a present key in a full LRU cache',
  params: { entries: [1000, 100_000] },
  metrics: METRICS,
  counterOps: COUNTER_OPS,
  setup(ctx): HitState {
    const { entries } = ctx.params;
    return {
      cache: fullCache(entries),
      order: shuffledKeys(entries, 0x5eed),
      position: 0,
      lastKey: -1,
      lastValue: undefined,
    };
  },
  run(ctx) {
    const state = ctx.state;
    const before = ctx.counting ? state.cache.stats : undefined;
    const key = state.order[state.position]!;
    state.position = state.position + 1 === state.order.length ? 0 : state.position + 1;
    state.lastKey = key;
    state.lastValue = state.cache.get(key);
    if (before !== undefined) countDelta(ctx, before, state.cache.stats);
  },
  verify(ctx) {
    const { cache, lastKey, lastValue } = ctx.state;
    const { entries } = ctx.params;
    check(lastValue === valueOf(lastKey), () => `get(${lastKey}) returned ${lastValue}, expected ${valueOf(lastKey)}`);
    check(cache.size === entries, () => `cache holds ${cache.size} entries, expected ${entries}`);
    const { misses, evictions } = cache.stats;
    check(misses === 0 && evictions === 0, () => `hit path had ${misses} misses and ${evictions} evictions`);
  },
});

const lruMiss = bench({
  name: 'lru-miss',
  description: 'get of an absent key, then set, in a full LRU cache (evicts the least recently used)',
  params: { entries: [1000, 100_000] },
  metrics: METRICS,
  counterOps: COUNTER_OPS,
  setup(ctx) {
    const { entries } = ctx.params;
    return { cache: fullCache(entries), nextKey: entries };
  },
  run(ctx) {
    const state = ctx.state;
    const { cache } = state;
    const before = ctx.counting ? cache.stats : undefined;
    // Keys only grow, so each one is absent; its insert evicts the oldest key.
    const key = state.nextKey++;
    if (cache.get(key) === undefined) cache.set(key, valueOf(key));
    if (before !== undefined) countDelta(ctx, before, cache.stats);
  },
  verify(ctx) {
    const { cache, nextKey } = ctx.state;
    const { entries } = ctx.params;
    const newest = nextKey - 1;
    const evicted = nextKey - 1 - entries;
    check(cache.size === entries, () => `cache holds ${cache.size} entries, expected ${entries}`);
    check(cache.has(newest), () => `the newest key ${newest} is missing`);
    check(!cache.has(evicted), () => `key ${evicted} should have been evicted`);
    const { hits, evictions } = cache.stats;
    const inserted = nextKey - entries;
    check(hits === 0, () => `miss path had ${hits} hits`);
    check(evictions === inserted, () => `${evictions} evictions for ${inserted} inserts into a full cache`);
  },
});

export default defineSuite({
  name: 'memo',
  description: 'LRU cache of the reference runtime: hit and miss paths',
  benchmarks: [lruHit, lruMiss],
});
