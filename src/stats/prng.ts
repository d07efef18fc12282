/**
 * Seeded pseudo-random numbers for the bootstrap and for simulations in tests.
 *
 * Why: `Math.random` cannot be seeded, and a regression check must give the same confidence
 * intervals (hence the same verdicts) when it is re-run on the same stored samples.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021; reference C code at https://prng.di.unimi.it/xoshiro128starstar.c),
 * 128-bit state, period 2^128 - 1, passes BigCrush. The state is filled from the 32-bit seed with
 * SplitMix32 (the 32-bit variant of Steele, Lea & Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), as the xoshiro authors recommend, so nearby seeds give unrelated streams.
 */

/** A source of uniform floats in [0, 1). */
export type Rng = () => number;

/** Seed used when a caller does not give one: results are reproducible by default. */
export const DEFAULT_SEED = 0x5eed;

/** SplitMix32 step: returns the next 32-bit output for the state `s` (mutated through the box). */
function splitMix32(box: { s: number }): number {
  box.s = (box.s + 0x9e3779b9) >>> 0;
  let z = box.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The generator's first state, four 32-bit words from SplitMix32 over the seed. */
function seedWords(seed: number): [number, number, number, number] {
  const box = { s: seed >>> 0 };
  const s = [splitMix32(box), splitMix32(box), splitMix32(box), splitMix32(box)] as [number, number, number, number];
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is the one fixed point
  return s;
}

/** Creates an xoshiro128** generator; the same seed always yields the same sequence. */
export function createRng(seed: number = DEFAULT_SEED): Rng {
  let [s0, s1, s2, s3] = seedWords(seed);
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * The stream of createRng(seed), drawn as indices in bulk for the bootstrap, which draws every
 * sample of every resample (2,000 resamples × n samples for one median interval): tally(counts, k)
 * adds one to counts[randomInt(rng, counts.length)] for each of the next k numbers rng would give.
 * The state stays in locals for the whole loop instead of one closure call per number. The step is
 * createRng's, written out again: test/stats/prng.test.ts checks the two give the same indices.
 */
export class IndexStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number = DEFAULT_SEED) {
    const [s0, s1, s2, s3] = seedWords(seed);
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Counts `draws` uniform indices in [0, counts.length) into `counts` (added, not reset). */
  tally(counts: Int32Array, draws: number): void {
    const n = counts.length;
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < draws; i++) {
      const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      // Exactly randomInt's floor(u · n) with u = rng()'s result / 2^32.
      counts[Math.floor((result / 4294967296) * n)]++;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
}

/**
 * 32-bit FNV-1a hash of a string (Fowler, Noll & Vo; http://www.isthe.com/chongo/tech/comp/fnv/),
 * used to derive per-comparison seeds from names so results do not depend on iteration order.
 */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines a seed with a label into a new seed (one SplitMix32 step over seed XOR hash). */
export function deriveSeed(seed: number, label: string): number {
  return splitMix32({ s: (seed ^ hashString(label)) >>> 0 });
}

/** A uniform integer in [0, n) (n < 2^32; the modulo bias of floor(u·n) is below n/2^32). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/**
 * A standard normal deviate by the Box–Muller transform (Box & Muller, Ann. Math. Stat. 29, 1958),
 * using one pair of uniforms per call (the second deviate is discarded to keep the function stateless).
 */
export function randomNormal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A lognormal deviate exp(mu + sigma·Z). */
export function randomLogNormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * randomNormal(rng));
}
