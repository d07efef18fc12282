/**
 * A bounded least-recently-used cache with optional time-to-live.
 *
 * Layout: a `Map` from key to entry plus an intrusive doubly-linked list of entries in recency
 * order. The original Jepsh runtime's LRU kept an `accessOrder` array, so every hit paid an O(n) `indexOf` and
 * splice. A Map alone (delete + re-insert to refresh recency, first key = LRU) would also be O(1),
 * but every hit would then cost three hash operations and leave a deleted slot in V8's ordered
 * hash table, so a hit-heavy workload keeps rehashing; the linked list makes a hit one lookup and
 * six pointer writes, and an eviction reuses the evicted entry object for the new key, so a full
 * cache allocates nothing on a miss.
 *
 * TTL: an entry expires `ttlMs` after it was last *set* (reads do not extend it). Expired entries
 * are dropped when touched, and a second intrusive list in set order (which is expiry order, since
 * the TTL is the same for all entries) lets `size` and a full `set` drop every expired entry in
 * O(1) amortised time.
 */

export interface LRUOptions {
  /** Maximum number of entries; the least recently used is evicted beyond it. */
  maxSize: number;
  /** Entries older than this (since their last `set`) are treated as absent. */
  ttlMs?: number;
  /** Clock for TTL in ms (default `performance.now`); inject a fake one in tests. */
  now?: () => number;
}

export interface LRUStats {
  /** Lookups (`get`, `getOrCompute`) that found a live entry. */
  hits: number;
  /** Lookups that found nothing or an expired entry. */
  misses: number;
  /** Entries dropped to make room (capacity evictions only). */
  evictions: number;
  /** Entries dropped because their TTL had passed. */
  expirations: number;
}

interface Entry<K, V> {
  key: K;
  value: V;
  expiresAt: number;
  /** Recency list: towards the most / least recently used. */
  newer: Entry<K, V> | null;
  older: Entry<K, V> | null;
  /** Expiry list (only with a TTL): towards later / earlier expiry. */
  later: Entry<K, V> | null;
  earlier: Entry<K, V> | null;
}

export class LRUCache<K, V> {
  readonly maxSize: number;
  readonly ttlMs: number | undefined;
  private readonly now: () => number;
  private readonly map = new Map<K, Entry<K, V>>();
  /** Most recently used. */
  private newest: Entry<K, V> | null = null;
  /** Least recently used: the next eviction. */
  private oldest: Entry<K, V> | null = null;
  /** Expiry list ends (set order). */
  private firstToExpire: Entry<K, V> | null = null;
  private lastToExpire: Entry<K, V> | null = null;
  private counts: LRUStats = { hits: 0, misses: 0, evictions: 0, expirations: 0 };

  constructor(options: LRUOptions) {
    const { maxSize, ttlMs } = options;
    if (!Number.isInteger(maxSize) || maxSize < 1) {
      throw new RangeError(`LRUCache maxSize must be a positive integer, got ${maxSize}`);
    }
    if (ttlMs !== undefined && !(ttlMs > 0 && Number.isFinite(ttlMs))) {
      throw new RangeError(`LRUCache ttlMs must be a positive finite number, got ${ttlMs}`);
    }
    this.maxSize = maxSize;
    this.ttlMs = ttlMs;
    this.now = options.now ?? (() => performance.now());
  }

  /** Live entries (expired ones are dropped first). */
  get size(): number {
    if (this.ttlMs !== undefined) this.pruneExpired();
    return this.map.size;
  }

  get stats(): LRUStats {
    return { ...this.counts };
  }

  resetStats(): void {
    this.counts = { hits: 0, misses: 0, evictions: 0, expirations: 0 };
  }

  /** The value, marking the entry most recently used; counts a hit or a miss. */
  get(key: K): V | undefined {
    const entry = this.lookup(key);
    if (entry === undefined) {
      this.counts.misses++;
      return undefined;
    }
    this.counts.hits++;
    this.touch(entry);
    return entry.value;
  }

  /** Whether a live entry exists; does not change recency or hit/miss counts. */
  has(key: K): boolean {
    return this.lookup(key) !== undefined;
  }

  /** Inserts or replaces; the entry becomes most recently used and its TTL restarts. */
  set(key: K, value: V): this {
    const existing = this.map.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.touch(existing);
      if (this.ttlMs !== undefined) this.restartTtl(existing);
      return this;
    }
    let entry: Entry<K, V>;
    if (this.map.size >= this.maxSize && this.ttlMs !== undefined) this.pruneExpired();
    if (this.map.size >= this.maxSize) {
      // Reuse the evicted entry object: a full cache allocates nothing per miss.
      entry = this.oldest!;
      this.unlink(entry);
      this.map.delete(entry.key);
      this.counts.evictions++;
      entry.key = key;
      entry.value = value;
    } else {
      entry = { key, value, expiresAt: Infinity, newer: null, older: null, later: null, earlier: null };
    }
    this.map.set(key, entry);
    this.pushNewest(entry);
    if (this.ttlMs !== undefined) {
      entry.expiresAt = this.now() + this.ttlMs;
      this.pushLastToExpire(entry);
    }
    return this;
  }

  delete(key: K): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.remove(entry);
    return true;
  }

  clear(): void {
    this.map.clear();
    this.newest = this.oldest = null;
    this.firstToExpire = this.lastToExpire = null;
  }

  /** The cached value, or `compute(key)` stored and returned (counted as one hit or miss). */
  getOrCompute(key: K, compute: (key: K) => V): V {
    const entry = this.lookup(key);
    if (entry !== undefined) {
      this.counts.hits++;
      this.touch(entry);
      return entry.value;
    }
    this.counts.misses++;
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  /** Keys of live entries, least recently used first (the order in which they would be evicted). */
  keys(): K[] {
    if (this.ttlMs !== undefined) this.pruneExpired();
    const keys: K[] = [];
    for (let e = this.oldest; e !== null; e = e.newer) keys.push(e.key);
    return keys;
  }

  // -------------------------------------------------------------------------------------------

  /** The live entry for `key`, dropping it if expired. */
  private lookup(key: K): Entry<K, V> | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (this.ttlMs !== undefined && entry.expiresAt <= this.now()) {
      this.remove(entry);
      this.counts.expirations++;
      return undefined;
    }
    return entry;
  }

  private pruneExpired(): void {
    const now = this.now();
    let entry = this.firstToExpire;
    while (entry !== null && entry.expiresAt <= now) {
      const next = entry.later;
      this.remove(entry);
      this.counts.expirations++;
      entry = next;
    }
  }

  private remove(entry: Entry<K, V>): void {
    this.map.delete(entry.key);
    this.unlink(entry);
  }

  private touch(entry: Entry<K, V>): void {
    if (entry === this.newest) return;
    this.unlinkRecency(entry);
    this.pushNewest(entry);
  }

  private restartTtl(entry: Entry<K, V>): void {
    entry.expiresAt = this.now() + this.ttlMs!;
    this.unlinkExpiry(entry);
    this.pushLastToExpire(entry);
  }

  private pushNewest(entry: Entry<K, V>): void {
    entry.older = this.newest;
    entry.newer = null;
    if (this.newest !== null) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  private pushLastToExpire(entry: Entry<K, V>): void {
    entry.earlier = this.lastToExpire;
    entry.later = null;
    if (this.lastToExpire !== null) this.lastToExpire.later = entry;
    else this.firstToExpire = entry;
    this.lastToExpire = entry;
  }

  private unlink(entry: Entry<K, V>): void {
    this.unlinkRecency(entry);
    if (this.ttlMs !== undefined) this.unlinkExpiry(entry);
  }

  private unlinkRecency(entry: Entry<K, V>): void {
    const { newer, older } = entry;
    if (newer !== null) newer.older = older;
    else this.newest = older;
    if (older !== null) older.newer = newer;
    else this.oldest = newer;
    entry.newer = entry.older = null;
  }

  private unlinkExpiry(entry: Entry<K, V>): void {
    const { later, earlier } = entry;
    if (later !== null) later.earlier = earlier;
    else this.lastToExpire = earlier;
    if (earlier !== null) earlier.later = later;
    else this.firstToExpire = later;
    entry.later = entry.earlier = null;
  }
}
