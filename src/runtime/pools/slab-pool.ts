/**
 * Typed-array slab pool: fixed-size blocks carved out of a few large ArrayBuffers, so many small
 * numeric buffers cost one allocation per slab instead of one per buffer. Each block has one view
 * created with its slab and handed out again on reuse, which also makes ownership checks O(1).
 */
import type { PoolStats } from './object-pool.js';

export type SlabArray =
  Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

export interface SlabArrayConstructor<A extends SlabArray> {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): A;
  readonly BYTES_PER_ELEMENT: number;
}

export interface SlabPoolOptions<A extends SlabArray> {
  type: SlabArrayConstructor<A>;
  /** Elements per block. */
  blockLength: number;
  blocksPerSlab: number;
  /** Default Infinity; `acquire` throws when every block of `maxSlabs` slabs is out. */
  maxSlabs?: number;
  /** Zero a block's contents on release so the next holder starts clean. Default true. */
  zeroOnRelease?: boolean;
}

/** As PoolStats, except that `misses` counts acquires that had to allocate a new slab. */
export interface SlabPoolStats extends PoolStats {
  slabs: number;
  /** Bytes held in slabs. */
  bytes: number;
}

export interface SlabPool<A extends SlabArray> {
  acquire(): A;
  release(view: A): void;
  stats(): SlabPoolStats;
}

const FREE = 0;
const OUT = 1;

export function createSlabPool<A extends SlabArray>(options: SlabPoolOptions<A>): SlabPool<A> {
  const { type, blockLength, blocksPerSlab } = options;
  const maxSlabs = options.maxSlabs ?? Infinity;
  const zeroOnRelease = options.zeroOnRelease ?? true;
  if (!Number.isInteger(blockLength) || blockLength < 1)
    throw new RangeError(`blockLength must be a positive integer, got ${blockLength}`);
  if (!Number.isInteger(blocksPerSlab) || blocksPerSlab < 1)
    throw new RangeError(`blocksPerSlab must be a positive integer, got ${blocksPerSlab}`);
  if (!(maxSlabs >= 1)) throw new RangeError(`maxSlabs must be >= 1, got ${maxSlabs}`);
  const blockBytes = blockLength * type.BYTES_PER_ELEMENT;
  const slabBytes = blockBytes * blocksPerSlab;

  const views: A[] = [];
  const blockOf = new WeakMap<A, number>();
  // Block states and the free list grow per slab; plain arrays of small ints stay packed SMI arrays.
  const state: number[] = [];
  const free: number[] = [];
  let slabs = 0;
  let hits = 0;
  let misses = 0;
  let outstanding = 0;
  let highWater = 0;

  function addSlab(): void {
    const buffer = new ArrayBuffer(slabBytes);
    const base = slabs * blocksPerSlab;
    for (let i = 0; i < blocksPerSlab; i++) {
      const view = new type(buffer, i * blockBytes, blockLength);
      views.push(view);
      blockOf.set(view, base + i);
      state.push(FREE);
    }
    // Push in reverse so blocks are handed out in address order (pop takes from the end).
    for (let i = blocksPerSlab - 1; i >= 0; i--) free.push(base + i);
    slabs++;
  }

  return {
    acquire() {
      if (free.length === 0) {
        if (slabs >= maxSlabs)
          throw new Error(`slab pool exhausted: all ${slabs * blocksPerSlab} blocks of ${slabs} slab(s) are out`);
        addSlab();
        misses++;
      } else {
        hits++;
      }
      const block = free.pop()!;
      state[block] = OUT;
      if (++outstanding > highWater) highWater = outstanding;
      return views[block]!;
    },
    release(view) {
      const block = blockOf.get(view);
      if (block === undefined) throw new Error('slab pool: view was not acquired from this pool');
      if (state[block] !== OUT) throw new Error(`slab pool: block ${block} released twice (it is not checked out)`);
      state[block] = FREE;
      outstanding--;
      if (zeroOnRelease) view.fill(0);
      free.push(block);
    },
    stats: () => ({
      hits,
      misses,
      size: free.length,
      highWater,
      outstanding,
      dropped: 0,
      slabs,
      bytes: slabs * slabBytes,
    }),
  };
}
