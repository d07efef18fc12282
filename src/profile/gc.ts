/**
 * GC pauses from a Chrome trace (the `devtools.timeline` and `v8` categories): V8 records each
 * scavenge as `MinorGC` (or `MinorMS`) and each mark-compact as `MajorGC`, complete events whose
 * `dur` is the main-thread pause. Pure: events in, a summary out.
 */
export interface TraceEvent {
  name?: string;
  ph?: string;
  /** µs */
  dur?: number;
  tid?: number;
  pid?: number;
  /** µs, the trace's clock */
  ts?: number;
  args?: { data?: { message?: string } };
}

export interface GcSummary {
  minor: number;
  major: number;
  /** Main-thread pause, ms: the sum and the longest. */
  pauseMs: number;
  maxPauseMs: number;
}

const GC_EVENTS = new Set(['MinorGC', 'MinorMS', 'MajorGC']);

/** A collection event: a complete event ('X') or the begin of a begin/end pair ('B'). */
const isGc = (e: TraceEvent): boolean => (e.ph === 'X' || e.ph === 'B') && !!e.name && GC_EVENTS.has(e.name);

export function gcSummary(events: readonly TraceEvent[]): GcSummary {
  const s: GcSummary = { minor: 0, major: 0, pauseMs: 0, maxPauseMs: 0 };
  for (const e of events) {
    // A begin event ('B') has no pause of its own to sum.
    if (!isGc(e)) continue;
    if (e.name === 'MajorGC') s.major++;
    else s.minor++;
    const ms = (e.dur ?? 0) / 1000;
    s.pauseMs += ms;
    s.maxPauseMs = Math.max(s.maxPauseMs, ms);
  }
  return s;
}

/**
 * Collections inside each window, in the order the windows closed. A window runs from a
 * `console.timeStamp(labels.open)` to the next `console.timeStamp(labels.close)` of the same
 * process, and counts only that process's collections that began inside it: another tab's
 * renderer in the same browser (the other side of an A/B) and a collection forced between windows
 * are not counted. Throws on an unclosed or nested window.
 */
export function gcWindows(
  events: readonly TraceEvent[],
  labels: { open: string; close: string },
): { minor: number; major: number }[] {
  const stamps = events
    .flatMap((e) => {
      const label = e.name === 'TimeStamp' ? e.args?.data?.message : undefined;
      const opening = label === labels.open;
      return opening || label === labels.close ? [{ pid: e.pid, ts: e.ts ?? 0, opening }] : [];
    })
    .sort((a, b) => a.ts - b.ts);
  const windows: { pid: number | undefined; from: number; to: number }[] = [];
  const open = new Map<number | undefined, number>();
  for (const { pid, ts, opening } of stamps) {
    const from = open.get(pid);
    if (opening === (from !== undefined))
      throw new Error(`GC windows: ${opening ? 'a nested' : 'an unopened'} window at ${ts} µs`);
    if (opening) open.set(pid, ts);
    else {
      windows.push({ pid, from: from!, to: ts });
      open.delete(pid);
    }
  }
  if (open.size) throw new Error(`GC windows: the window opened at ${[...open.values()][0]} µs was never closed`);
  const counts = windows.map(() => ({ minor: 0, major: 0 }));
  for (const e of events) {
    if (!isGc(e) || e.ts === undefined) continue;
    const i = windows.findIndex((w) => w.pid === e.pid && e.ts! >= w.from && e.ts! <= w.to);
    if (i < 0) continue;
    if (e.name === 'MajorGC') counts[i]!.major++;
    else counts[i]!.minor++;
  }
  return counts;
}
