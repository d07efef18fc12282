/**
 * Counters of the component layer, for benchmarks and tests: plain integer increments on a
 * module-level object (as reactivity/stats.ts), counting work done, which is deterministic for a
 * given tree and update, unlike time.
 */

export interface ComponentStats {
  /** Calls of component functions (first renders and re-renders). */
  componentsRendered: number;
  /** Component instances created (every instance of a tree, not just roots). */
  componentsMounted: number;
  /** Component instances disposed. */
  componentsUnmounted: number;
  /** Patches that re-renders applied to the DOM (a first render builds its DOM without patches). */
  patchesApplied: number;
  /** VNode pairs the differ compared in re-renders (kept child components are skipped, not entered). */
  nodesDiffed: number;
  /** Existing DOM nodes moved by those patches (MOVE patches, as applyPatches counted them). */
  domMoves: number;
  /** Owned effects created (`useEffect`, `ownedEffect`); components' own render effects are not counted. */
  effectsCreated: number;
  /** Owned effects disposed (by their dispose function or with their owner). */
  effectsDisposed: number;
  /** Component instances alive now. Not reset by `resetComponentStats`: a leak check. */
  componentsLive: number;
  /** Owned effects alive now. Not reset by `resetComponentStats`: a leak check. */
  effectsLive: number;
}

export const counters: ComponentStats = {
  componentsRendered: 0,
  componentsMounted: 0,
  componentsUnmounted: 0,
  patchesApplied: 0,
  nodesDiffed: 0,
  domMoves: 0,
  effectsCreated: 0,
  effectsDisposed: 0,
  componentsLive: 0,
  effectsLive: 0,
};

/** A snapshot of the counters. */
export function componentStats(): ComponentStats {
  return { ...counters };
}

/** Zeroes the counters of work done; the live counts stay, since what is alive stays alive. */
export function resetComponentStats(): void {
  counters.componentsRendered = 0;
  counters.componentsMounted = 0;
  counters.componentsUnmounted = 0;
  counters.patchesApplied = 0;
  counters.nodesDiffed = 0;
  counters.domMoves = 0;
  counters.effectsCreated = 0;
  counters.effectsDisposed = 0;
}
