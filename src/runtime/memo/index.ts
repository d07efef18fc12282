/** Memoisation for the reference runtime: a bounded LRU cache with optional TTL. */
export { LRUCache, type LRUOptions, type LRUStats } from './lru.js';
