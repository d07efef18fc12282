/**
 * Resolving flexible lengths (CSS Flexible Box Layout Module Level 1, §9.7) for one line, on flat
 * arrays reused across containers. Sizes are inner (content-box) sizes: the spec scales the shrink
 * factor by the inner flex base size, and the automatic minimum is 0 here (the DOM side sets
 * `min-width: 0; min-height: 0`), so the only clamp is "content size >= 0". No max sizes.
 */

/** Per-item inputs and outputs of one line; index i is the container's i-th child. */
export class FlexLine {
  /** Inner flex base size (= the hypothetical main size: min 0 clamps nothing, it is >= 0). */
  base = new Float64Array(16);
  /** Padding on the main axis (outer size = inner size + padding). */
  padding = new Float64Array(16);
  grow = new Float64Array(16);
  shrink = new Float64Array(16);
  /** Output: inner target main size. */
  target = new Float64Array(16);
  frozen = new Uint8Array(16);

  /** Makes room for n items (grows by doubling; contents are not kept). */
  reserve(n: number): void {
    if (n <= this.base.length) return;
    let cap = this.base.length;
    while (cap < n) cap *= 2;
    this.base = new Float64Array(cap);
    this.padding = new Float64Array(cap);
    this.grow = new Float64Array(cap);
    this.shrink = new Float64Array(cap);
    this.target = new Float64Array(cap);
    this.frozen = new Uint8Array(cap);
  }
}

/**
 * Where a layout pass resolves its flexible lengths, when not in this module's own JS (e.g. the
 * WASM kernel of src/wasm/kernel-flex.ts). The pass fills `line` (after `line.reserve(n)`, which
 * may replace its arrays) and calls `resolve`, which must leave in `line.target[0..n)` exactly
 * what `resolveFlexibleLengths(line, n, innerMain, gaps)` would, without replacing the arrays (the
 * pass reads the targets through the ones it filled). `line` may be any object shaped like a
 * FlexLine, e.g. views on WASM memory, so nothing is copied per container.
 */
export interface FlexResolver {
  readonly line: FlexLine;
  resolve(n: number, innerMain: number, gaps: number): void;
}

/**
 * Fills `line.target[0..n)` given the container's inner main size and the total of its gaps.
 * Follows §9.7 step by step: pick grow or shrink by the sum of outer hypothetical sizes, freeze
 * inflexible items, then loop: distribute the remaining free space (only part of it when the
 * unfrozen factors sum to less than 1), clamp to >= 0, and freeze the items that violated it.
 */
export function resolveFlexibleLengths(line: FlexLine, n: number, innerMain: number, gaps: number): void {
  const { base, padding, grow, shrink, target, frozen } = line;
  let used = gaps;
  for (let i = 0; i < n; i++) used += base[i] + padding[i];
  const growing = used < innerMain;
  const factors = growing ? grow : shrink;

  // Step 2: items that cannot flex keep their hypothetical size.
  let unfrozen = 0;
  for (let i = 0; i < n; i++) {
    target[i] = base[i];
    if (factors[i] === 0) frozen[i] = 1;
    else {
      frozen[i] = 0;
      unfrozen++;
    }
  }
  // Step 3: with every target at its base size, the sum above is also the frozen-or-base sum.
  const initialFree = innerMain - used;

  while (unfrozen > 0) {
    // Step 4b-c: remaining free space against frozen targets and unfrozen base sizes.
    let free = innerMain - gaps;
    let sumFactors = 0;
    let sumScaled = 0;
    for (let i = 0; i < n; i++) {
      if (frozen[i]) free -= target[i] + padding[i];
      else {
        free -= base[i] + padding[i];
        sumFactors += factors[i];
        sumScaled += shrink[i] * base[i];
      }
    }
    if (sumFactors < 1) {
      const partial = initialFree * sumFactors;
      if (Math.abs(partial) < Math.abs(free)) free = partial;
    }
    // Step 4c: distribute in proportion to the flex factors (shrink: scaled by the base size).
    for (let i = 0; i < n; i++) {
      if (frozen[i]) continue;
      if (free === 0) target[i] = base[i];
      else if (growing) target[i] = base[i] + (free * grow[i]) / sumFactors;
      else target[i] = sumScaled > 0 ? base[i] + (free * shrink[i] * base[i]) / sumScaled : base[i];
    }
    // Step 4d-e: clamp to the minimum (0). Only minimum violations exist, so the total violation
    // is either zero (freeze everything) or positive (freeze the violators).
    let violation = 0;
    for (let i = 0; i < n; i++) if (!frozen[i] && target[i] < 0) violation -= target[i];
    if (violation === 0) break;
    for (let i = 0; i < n; i++) {
      if (!frozen[i] && target[i] < 0) {
        target[i] = 0;
        frozen[i] = 1;
        unfrozen--;
      }
    }
  }
}
