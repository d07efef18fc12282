/**
 * Object pool with ownership checks. The seed's pools accept any object on `release`, so a double
 * release puts one object in the free list twice and two later `acquire`s share it. Here every
 * object the pool has ever created is remembered (WeakSet: no leak if the caller drops it), and
 * the ones currently handed out are tracked, so a double or foreign release throws.
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

export function createPool<T extends object>(options: PoolOptions<T>): Pool<T> {
  const { create, reset } = options;
  const maxSize = options.maxSize ?? Infinity;
  const prewarm = options.prewarm ?? 0;
  if (!(maxSize >= 0)) throw new RangeError(`maxSize must be >= 0, got ${maxSize}`);
  if (!Number.isInteger(prewarm) || prewarm < 0) throw new RangeError(`prewarm must be an integer >= 0, got ${prewarm}`);
  if (prewarm > maxSize) throw new RangeError(`prewarm (${prewarm}) exceeds maxSize (${maxSize})`);

  const free: T[] = [];
  const known = new WeakSet<T>();
  const out = new WeakSet<T>();
  let outstanding = 0;
  let hits = 0;
  let misses = 0;
  let highWater = 0;
  let dropped = 0;

  const make = (): T => {
    const obj = create();
    known.add(obj);
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
      out.add(obj);
      if (++outstanding > highWater) highWater = outstanding;
      return obj;
    },
    release(obj) {
      if (!out.has(obj)) {
        if (known.has(obj)) throw new Error('pool: object released twice (it is not checked out)');
        throw new Error('pool: object was not acquired from this pool');
      }
      out.delete(obj);
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
