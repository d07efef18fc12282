/**
 * V8 CPU profiles (the `.cpuprofile` format of the CDP Profiler domain, which Chrome DevTools and
 * speedscope open) reduced to time per function, and two profiles compared per operation.
 * Pure: profiles in, tables out; where a function's code lives comes from a `Locate` function
 * (profile/sourcemap.ts maps the bundle back to the TypeScript sources).
 */

export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  /** Zero-based, in the script as the page ran it (the bundle). */
  lineNumber: number;
  columnNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

/** CDP `Profiler.Profile`: times in µs. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  /** Node id of each sample, in time order. */
  samples?: number[];
  /** µs from the previous sample (from startTime for the first). */
  timeDeltas?: number[];
}

/** Where a frame's code is in the sources, e.g. `src/runtime/reactivity/graph.ts:120`; null if unknown. */
export type Locate = (frame: CallFrame) => string | null;

export interface FunctionTime {
  /** The function's name as V8 saw it; V8's own entries keep theirs: `(garbage collector)`, `(program)`. */
  name: string;
  /** Source location of the function (mapped through `locate`), else the script's URL and line. */
  location: string;
  /** Time with this function on top of the stack, ms. */
  selfMs: number;
  /** Time with this function anywhere on the stack (once per sample however deep it recurses), ms. */
  totalMs: number;
}

/** A function as one row: V8's pseudo-entries (`(program)`, `(idle)`, ...) have no script. */
function frameKey(frame: CallFrame, locate: Locate): { name: string; location: string } {
  // No script at all: V8's pseudo-entries, or native code (builtins) that carries no name.
  if (!frame.url) return { name: frame.functionName || '(native)', location: '' };
  const name = frame.functionName || '(anonymous)';
  return { name, location: locate(frame) ?? `${frame.url}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` };
}

/**
 * The duration of each sample, µs: from it to the next (the last one to the profile's end), as
 * DevTools attributes them.
 */
export function sampleDurations(profile: CpuProfile): number[] {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const at: number[] = [];
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) at.push((t += deltas[i] ?? 0));
  return at.map((start, i) => Math.max(0, (i + 1 < at.length ? at[i + 1]! : profile.endTime) - start));
}

/** Self and total time per function, the largest self time first. */
export function functionTimes(profile: CpuProfile, locate: Locate = () => null): FunctionTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map<number, string>();
  const rows = new Map<string, FunctionTime>();
  for (const n of profile.nodes) {
    const { name, location } = frameKey(n.callFrame, locate);
    const key = `${name}\u0000${location}`;
    keyOf.set(n.id, key);
    if (!rows.has(key)) rows.set(key, { name, location, selfMs: 0, totalMs: 0 });
  }
  const durations = sampleDurations(profile);
  for (const [i, id] of (profile.samples ?? []).entries()) {
    // Summed in µs (whole numbers in V8's profiles), converted once: exact sums.
    const us = durations[i]!;
    if (!byId.has(id)) continue;
    rows.get(keyOf.get(id)!)!.selfMs += us;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf.get(at)!;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.get(key)!.totalMs += us;
    }
  }
  // The root's own row is the whole profile: not a function.
  const root = profile.nodes.find((n) => !parent.has(n.id));
  if (root) rows.delete(keyOf.get(root.id)!);
  return [...rows.values()]
    .filter((r) => r.selfMs > 0 || r.totalMs > 0)
    .map((r) => ({ ...r, selfMs: r.selfMs / 1000, totalMs: r.totalMs / 1000 }))
    .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
}

export interface FunctionDiff {
  name: string;
  location: string;
  /** Self time per operation, µs, on each side (0 where the function was never on top). */
  baseUs: number;
  headUs: number;
  /** headUs - baseUs: what this function added to each operation. */
  deltaUs: number;
}

/**
 * Self time per operation of each function on two sides, the largest increase first. Per
 * operation, not per profile: the sides run different numbers of operations in the same time,
 * and a slower side runs fewer, which would hide its slowdown in raw self times.
 */
export function diffFunctionTimes(
  base: readonly FunctionTime[],
  baseOps: number,
  head: readonly FunctionTime[],
  headOps: number,
): FunctionDiff[] {
  if (!(baseOps > 0 && headOps > 0)) throw new Error('diffFunctionTimes: operations must be > 0');
  const rows = new Map<string, FunctionDiff>();
  const row = (f: FunctionTime): FunctionDiff => {
    const key = `${f.name}\u0000${f.location}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { name: f.name, location: f.location, baseUs: 0, headUs: 0, deltaUs: 0 }));
    return r;
  };
  for (const f of base) row(f).baseUs += (f.selfMs * 1000) / baseOps;
  for (const f of head) row(f).headUs += (f.selfMs * 1000) / headOps;
  for (const r of rows.values()) r.deltaUs = r.headUs - r.baseUs;
  return [...rows.values()].sort((a, b) => b.deltaUs - a.deltaUs);
}
