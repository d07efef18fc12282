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
}

export interface GcSummary {
  minor: number;
  major: number;
  /** Main-thread pause, ms: the sum and the longest. */
  pauseMs: number;
  maxPauseMs: number;
}

const GC_EVENTS = new Set(['MinorGC', 'MinorMS', 'MajorGC']);

export function gcSummary(events: readonly TraceEvent[]): GcSummary {
  const s: GcSummary = { minor: 0, major: 0, pauseMs: 0, maxPauseMs: 0 };
  for (const e of events) {
    // A complete event ('X') or the begin of a begin/end pair ('B', whose pause is not summed).
    if ((e.ph !== 'X' && e.ph !== 'B') || !e.name || !GC_EVENTS.has(e.name)) continue;
    if (e.name === 'MajorGC') s.major++;
    else s.minor++;
    const ms = (e.dur ?? 0) / 1000;
    s.pauseMs += ms;
    s.maxPauseMs = Math.max(s.maxPauseMs, ms);
  }
  return s;
}
