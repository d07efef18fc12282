/**
 * When effects run. Writes mark effects and queue them here; the queue is flushed
 * - synchronously when the outermost `batch` ends,
 * - otherwise once, in a microtask after the first write (micro-batching, as the original Jepsh
 *   runtime did: many writes in one task cost one flush),
 * - or right now with `flushSync()` (benchmarks must measure propagation inside the timed op).
 * The scheduler knows nothing of the graph: a job decides itself whether it still needs to run.
 */

export interface Job {
  /** Called once per flush for each time the job was queued; must clear its own "queued" flag. */
  runQueued(): void;
}

const queue: Job[] = [];
let batchDepth = 0;
let flushing = false;
let microtaskPending = false;
/** Incremented per flush so jobs can count their re-runs within one flush (loop detection). */
let flushEpoch = 0;

export function currentFlushEpoch(): number {
  return flushEpoch;
}

export function enqueue(job: Job): void {
  queue.push(job);
  if (batchDepth === 0 && !flushing && !microtaskPending) {
    microtaskPending = true;
    queueMicrotask(onMicrotask);
  }
}

function onMicrotask(): void {
  microtaskPending = false;
  // A batch or flushSync may already have drained the queue; then this is a no-op.
  if (batchDepth === 0) flushSync();
}

/**
 * Runs queued effects now. Effects that write atoms queue more effects, which run in the same
 * flush. If effects throw, the others still run and the first error is rethrown at the end
 * (as Preact signals' `endBatch` does).
 */
export function flushSync(): void {
  if (flushing || queue.length === 0) return;
  flushing = true;
  flushEpoch++;
  let error: unknown;
  let failed = false;
  try {
    // `queue.length` is re-read on purpose: effects may append to it.
    for (let i = 0; i < queue.length; i++) {
      try {
        queue[i]!.runQueued();
      } catch (e) {
        if (!failed) {
          failed = true;
          error = e;
        }
      }
    }
  } finally {
    queue.length = 0;
    flushing = false;
  }
  if (failed) throw error;
}

/** Runs `fn` with effect flushing deferred until the outermost batch ends; returns fn's result. */
export function batch<T>(fn: () => T): T {
  batchDepth++;
  try {
    return fn();
  } finally {
    if (--batchDepth === 0) flushSync();
  }
}
