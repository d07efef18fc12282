/**
 * A tiny seeded PRNG for the change-point permutation test, so that `detectChangePoints` gives the
 * same answer for the same seed on every machine (Math.random cannot be seeded).
 *
 * mulberry32 (Tommy Ettinger, public domain; see https://gist.github.com/tommyettinger/46a874533244883189143505d203312c):
 * 32-bit state, period 2^32, passes gjrand/PractRand at the sizes used here (a few hundred
 * thousand draws per detection). Statistical quality beyond that is not needed for shuffling.
 */
export type Rng = () => number;

/** Returns a function yielding uniform floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In-place Fisher-Yates shuffle of `a[from..to)` (Knuth, TAOCP vol. 2, Algorithm P). */
export function shuffleRange<T>(a: { [index: number]: T }, from: number, to: number, rng: Rng): void {
  for (let i = to - 1; i > from; i--) {
    const j = from + Math.floor(rng() * (i - from + 1));
    const tmp = a[i]!;
    a[i] = a[j]!;
    a[j] = tmp;
  }
}
