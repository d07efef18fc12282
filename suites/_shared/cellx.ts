/**
 * The cellx graph's published data, shared by the reactivity suite (the reference runtime alone)
 * and the peers suite (the same graph through each library's adapter). Not a suite itself: suite
 * discovery skips names starting with `_`.
 */

export type Four = readonly [number, number, number, number];

/** The four start signals' values, toggled between on each update. */
export const CELLX_START: { before: Four; after: Four } = { before: [1, 2, 3, 4], after: [4, 3, 2, 1] };

/**
 * End-layer values published by js-reactivity-benchmark (benches/cellxBench.ts, `expected`) for
 * start values (1,2,3,4) ("before") and (4,3,2,1) ("after"). They also follow from the layer
 * recurrence (a,b,c,d) -> (b, a-c, b+d, c) applied `layers` times, which test/suites checks.
 */
export const CELLX_EXPECTED: Readonly<Record<number, { before: Four; after: Four }>> = {
  1000: { before: [-3, -6, -2, 2], after: [-2, -4, 2, 3] },
  2500: { before: [-3, -6, -2, 2], after: [-2, -4, 2, 3] },
};
