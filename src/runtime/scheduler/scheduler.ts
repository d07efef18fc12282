/**
 * Frame-budget scheduler.
 *
 * Unlike the original Jepsh scheduler (one array sorted every frame, `shift`/`unshift`, no aging), tasks wait in one
 * FIFO per priority. The best task is found by comparing at most four queue heads: within one
 * priority the head is both the oldest and (by aging) the most promoted, so it dominates the rest.
 * Cancellation marks the entry (tombstone) and the head scan discards it later, so every
 * operation is O(1) amortised.
 *
 * Frame rule: the next task is the best-ranked ready task (effective priority, then earlier
 * `schedule`) among those that fit, i.e. `elapsed + estimate <= budget`; queue heads that do not
 * fit are skipped for this frame, so a large task does not leave the rest of the frame idle
 * (backfill). The first task of a frame always runs. A task whose estimate exceeds the whole
 * budget runs alone: when it is the best-ranked ready task but the frame has already run work, it
 * is reserved to open the next frame, so it can neither be deferred forever nor block frames
 * while it waits. Tasks scheduled during a frame wait for the next one, so a task that
 * reschedules itself cannot spin a frame. Aging: see `SchedulerOptions.agingFrames`.
 */
import { Fifo } from './fifo.js';
import { createFrameDriver, type FrameDriver, type RequestFrame } from './frame-driver.js';
import { Ring } from './ring.js';
import {
  PRIORITIES,
  type CancelTask,
  type FrameStats,
  type Priority,
  type ScheduleOptions,
  type Scheduler,
  type SchedulerOptions,
  type Task,
  type WaitSummary,
} from './types.js';

export const DEFAULT_FRAME_BUDGET_MS = 16.67;
export const DEFAULT_AGING_FRAMES = 4;
const DEFAULT_STATS_CAPACITY = 120;
const DEFAULT_FLUSH_FRAMES = 100_000;

const PENDING = 0;
const CANCELLED = 1;
const STARTED = 2;

interface Entry {
  task: Task;
  /** Base priority level (0 = critical). */
  level: number;
  /** Global arrival number: FIFO tie-break and "scheduled before this frame" test. */
  seq: number;
  enqueuedAt: number;
  /** Frames started when the task was scheduled. */
  enqueuedFrame: number;
  estimate: number;
  state: number;
}

const noop: Task = () => {};

function levelOf(priority: Priority | undefined): number {
  switch (priority) {
    case 'critical':
      return 0;
    case 'high':
      return 1;
    case undefined:
    case 'normal':
      return 2;
    case 'low':
      return 3;
    default:
      throw new TypeError(`unknown priority "${String(priority)}"; expected one of ${PRIORITIES.join(', ')}`);
  }
}

function defaultOnError(error: unknown, priority: Priority): void {
  const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
  else console.error(`[scheduler] ${priority} task threw:`, error);
}

export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const budget = options.frameBudgetMs ?? DEFAULT_FRAME_BUDGET_MS;
  if (!(budget > 0) || !Number.isFinite(budget))
    throw new RangeError(`frameBudgetMs must be a positive number, got ${budget}`);
  const agingFrames = options.agingFrames ?? DEFAULT_AGING_FRAMES;
  if (!Number.isInteger(agingFrames) || agingFrames < 1)
    throw new RangeError(`agingFrames must be a positive integer, got ${agingFrames}`);
  const now = options.now ?? (() => performance.now());
  const onError = options.onError ?? defaultOnError;
  const { onFrame, onTaskStart } = options;

  let driver: FrameDriver | null = null;
  const requestFrame: RequestFrame = options.requestFrame ?? ((cb) => (driver ??= createFrameDriver()).request(cb));

  const queues = [new Fifo<Entry>(), new Fifo<Entry>(), new Fifo<Entry>(), new Fifo<Entry>()];
  const frames = new Ring<FrameStats>(options.statsCapacity ?? DEFAULT_STATS_CAPACITY);
  const waitCount = [0, 0, 0, 0];
  const waitTotal = [0, 0, 0, 0];
  const waitMax = [0, 0, 0, 0];

  let live = 0;
  let nextSeq = 0;
  let frameIndex = 0;
  let inFrame = false;
  let frameSeqLimit = 0;
  /** Live tasks that were ready at the start of the current frame; what is left is "deferred". */
  let readyLeft = 0;
  let frameRequested = false;
  let cancelRequest: (() => void) | void = undefined;
  let flushing = false;
  let stopped = false;

  /** An oversized task that opens the next frame (see the frame rule above). */
  let reserved: Entry | null = null;
  // Result slots of pickBest (avoid allocating a tuple per pick).
  let pickedQueue = -1;
  let pickedEffective = 0;
  let bestQueue = -1;

  function onFrameCallback(): void {
    frameRequested = false;
    cancelRequest = undefined;
    try {
      runFrame();
    } finally {
      // Even if onError/onFrame threw, keep draining: one bad hook must not wedge the queue.
      ensureFrame();
    }
  }

  function ensureFrame(): void {
    if (frameRequested || stopped || flushing || inFrame || live === 0) return;
    frameRequested = true;
    cancelRequest = requestFrame(onFrameCallback);
  }

  function withdrawFrame(): void {
    if (!frameRequested) return;
    frameRequested = false;
    const cancel = cancelRequest;
    cancelRequest = undefined;
    if (typeof cancel === 'function') cancel();
  }

  /**
   * Scans the four queue heads. Sets pickedQueue/pickedEffective to the best ready task that fits
   * in `remaining` ms (-1 when none) and bestQueue to the best ready task overall.
   */
  function pickBest(remaining: number): void {
    pickedQueue = -1;
    bestQueue = -1;
    let fitSeq = Infinity;
    let fitEff = PRIORITIES.length;
    let bestSeq = Infinity;
    let bestEff = PRIORITIES.length;
    for (let q = 0; q < 4; q++) {
      const queue = queues[q]!;
      let head = queue.peek();
      while (head !== undefined && head.state !== PENDING) {
        queue.shift(); // tombstone of a cancelled task
        head = queue.peek();
      }
      if (head === undefined || head.seq >= frameSeqLimit) continue;
      const eff = effectiveLevel(head);
      if (eff < bestEff || (eff === bestEff && head.seq < bestSeq)) {
        bestEff = eff;
        bestSeq = head.seq;
        bestQueue = q;
      }
      if (remaining > 0 && head.estimate <= remaining && (eff < fitEff || (eff === fitEff && head.seq < fitSeq))) {
        fitEff = eff;
        fitSeq = head.seq;
        pickedQueue = q;
      }
    }
    pickedEffective = fitEff;
  }

  function effectiveLevel(entry: Entry): number {
    const passedOver = frameIndex - entry.enqueuedFrame - 1;
    return Math.max(0, entry.level - Math.floor(passedOver / agingFrames));
  }

  function runFrame(): void {
    if (inFrame || stopped) return;
    inFrame = true;
    frameIndex++;
    const start = now();
    frameSeqLimit = nextSeq;
    readyLeft = live;
    let ran = 0;
    let errors = 0;
    let oversized = false;
    try {
      while (!stopped) {
        const t = now();
        const elapsed = t - start;
        let queue: Fifo<Entry>;
        if (reserved !== null && reserved.state !== PENDING) reserved = null;
        if (ran === 0 && reserved !== null) {
          // Reserved at the end of the previous frame; it is still the head of its queue.
          queue = queues[reserved.level]!;
          pickedEffective = effectiveLevel(reserved);
        } else {
          pickBest(ran === 0 ? Infinity : budget - elapsed);
          if (reserved === null && bestQueue >= 0 && bestQueue !== pickedQueue) {
            const best = queues[bestQueue]!.peek()!;
            if (best.estimate > budget) reserved = best;
          }
          if (pickedQueue < 0) break;
          queue = queues[pickedQueue]!;
        }
        const entry = queue.peek()!;
        if (entry === reserved) reserved = null;
        if (entry.estimate > budget) oversized = true;

        queue.shift();
        entry.state = STARTED;
        live--;
        readyLeft--;
        const task = entry.task;
        entry.task = noop; // the cancel closure keeps the entry alive; do not keep the task too
        const wait = t - entry.enqueuedAt;
        const level = entry.level;
        waitCount[level]!++;
        waitTotal[level]! += wait;
        if (wait > waitMax[level]!) waitMax[level] = wait;
        if (onTaskStart) {
          onTaskStart({
            priority: PRIORITIES[level]!,
            effectivePriority: PRIORITIES[pickedEffective]!,
            waitMs: wait,
            waitFrames: frameIndex - entry.enqueuedFrame - 1,
          });
        }
        ran++;
        try {
          task();
        } catch (error) {
          errors++;
          onError(error, PRIORITIES[level]!);
        }
        if (oversized) break;
      }
    } finally {
      inFrame = false;
      const stats: FrameStats = {
        index: frameIndex,
        startMs: start,
        workMs: now() - start,
        budgetMs: budget,
        tasksRun: ran,
        tasksDeferred: readyLeft,
        errors,
        oversized,
        pending: live,
      };
      frames.push(stats);
      onFrame?.(stats);
    }
  }

  function cancelEntry(entry: Entry): boolean {
    if (entry.state !== PENDING) return false;
    entry.state = CANCELLED;
    entry.task = noop;
    live--;
    if (inFrame && entry.seq < frameSeqLimit) readyLeft--;
    if (entry === reserved) reserved = null;
    if (live === 0) withdrawFrame();
    return true;
  }

  function schedule(task: Task, opts?: ScheduleOptions): CancelTask {
    if (stopped) throw new Error('scheduler is stopped');
    if (typeof task !== 'function') throw new TypeError('schedule() expects a function');
    const level = levelOf(opts?.priority);
    const estimate = opts?.estimateMs ?? 0;
    if (!(estimate >= 0) || !Number.isFinite(estimate))
      throw new RangeError(`estimateMs must be a finite number >= 0, got ${estimate}`);
    const entry: Entry = {
      task,
      level,
      seq: nextSeq++,
      enqueuedAt: now(),
      enqueuedFrame: frameIndex,
      estimate,
      state: PENDING,
    };
    queues[level]!.push(entry);
    live++;
    ensureFrame();
    return () => cancelEntry(entry);
  }

  function flush(maxFrames = DEFAULT_FLUSH_FRAMES): number {
    if (inFrame || flushing) return 0; // called from a task: the surrounding frame loop continues
    withdrawFrame();
    flushing = true;
    let n = 0;
    try {
      while (live > 0 && n < maxFrames && !stopped) {
        runFrame();
        n++;
      }
    } finally {
      flushing = false;
      ensureFrame();
    }
    return n;
  }

  function stop(): number {
    const dropped = live;
    stopped = true;
    withdrawFrame();
    for (const queue of queues) {
      for (let e = queue.shift(); e !== undefined; e = queue.shift()) {
        e.state = CANCELLED;
        e.task = noop;
      }
    }
    live = 0;
    readyLeft = 0;
    reserved = null;
    driver?.dispose();
    driver = null;
    return dropped;
  }

  function waitStats(): Record<Priority, WaitSummary> {
    const out = {} as Record<Priority, WaitSummary>;
    PRIORITIES.forEach((p, i) => {
      out[p] = { count: waitCount[i]!, totalMs: waitTotal[i]!, maxMs: waitMax[i]! };
    });
    return out;
  }

  return {
    schedule,
    get pending() {
      return live;
    },
    get frameCount() {
      return frameIndex;
    },
    flush,
    stop,
    recentFrames: () => frames.toArray(),
    waitStats,
  };
}
