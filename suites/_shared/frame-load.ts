/**
 * The scheduler suite's frame-budget load, run by something other than the reference scheduler,
 * to show what the scheduler buys and costs against what a page would do without it:
 * - `raf-microtask`: every arrival is queued with `queueMicrotask` in the animation frame it
 *   arrives in, so it runs right after that frame's callback: no budget, no priorities;
 * - `post-task`: every arrival goes to Chromium's `scheduler.postTask` (Prioritized Task
 *   Scheduling API) at the nearest of its three priorities, and the browser decides when it runs.
 *
 * The suite drives the frames (one callback per animation frame) and the arrivals; an
 * implementation only runs the work units and tells the suite what happened (FrameLoadProbe).
 * A baseline's frame is the time between two animation-frame callbacks: its work is the sum of
 * the task bodies that started in it (the reference's frame work also counts its own picking).
 */
import type { Priority, Task } from '../../src/runtime/scheduler/index.js';

/** One work unit's priority and cost (what the reference scheduler gets as ScheduleOptions). */
export interface WorkUnit {
  priority: Priority;
  estimateMs: number;
}

/** What an implementation reports; the suite turns it into the benchmark's metrics. */
export interface FrameLoadProbe {
  /** Whether the current animation frame belongs to production (its frame is measured). */
  readonly producing: boolean;
  taskStarted(priority: Priority, waitMs: number): void;
  /** One production frame: its work, and whether it ran a lone task larger than the budget. */
  frameDone(workMs: number, loneOversized: boolean): void;
  error(error: unknown): void;
}

export interface FrameLoadEnv {
  budgetMs: number;
  now: () => number;
  probe: FrameLoadProbe;
}

/** An implementation of the load. */
export interface FrameLoad {
  schedule(task: Task, unit: WorkUnit): void;
  /** Called once per animation frame, after that frame's arrivals were scheduled. */
  frame(): void;
  /** Units scheduled and not yet started. */
  readonly pending: number;
  /** Drops what has not run (after an error too): nothing may run once the benchmark ended. */
  dispose(): void;
}

/** Runs units and sums the work of those that start between two frame callbacks. */
function frameMeter(env: FrameLoadEnv) {
  let work = 0;
  let ran = 0;
  let lone = false;
  let open = false;
  let measured = false;
  return {
    run(task: Task, unit: WorkUnit, scheduledAt: number): void {
      const start = env.now();
      env.probe.taskStarted(unit.priority, start - scheduledAt);
      try {
        task();
      } catch (e) {
        env.probe.error(e);
      }
      work += env.now() - start;
      ran++;
      lone = unit.estimateMs > env.budgetMs; // read only when this was the frame's one task
    },
    /** Closes the frame that ends now and opens the next one. */
    frame(): void {
      if (open && measured) env.probe.frameDone(work, ran === 1 && lone);
      open = true;
      measured = env.probe.producing;
      work = 0;
      ran = 0;
      lone = false;
    },
  };
}

export function microtaskLoad(env: FrameLoadEnv): FrameLoad {
  const meter = frameMeter(env);
  let pending = 0;
  // A queued microtask cannot be withdrawn: after dispose it returns without running its unit.
  let disposed = false;
  return {
    schedule(task, unit) {
      pending++;
      const at = env.now();
      queueMicrotask(() => {
        pending--;
        if (!disposed) meter.run(task, unit, at);
      });
    },
    frame: () => meter.frame(),
    get pending() {
      return pending;
    },
    dispose() {
      disposed = true;
    },
  };
}

export type PostTaskPriority = 'user-blocking' | 'user-visible' | 'background';

/** The part of `scheduler` (WICG Prioritized Task Scheduling) this load uses. */
export interface PostTaskScheduler {
  postTask(callback: () => void, options: { priority: PostTaskPriority; signal: AbortSignal }): Promise<unknown>;
}

/** postTask has three priorities: critical and high share the highest, in arrival order. */
export const POST_TASK_PRIORITY: Readonly<Record<Priority, PostTaskPriority>> = {
  critical: 'user-blocking',
  high: 'user-blocking',
  normal: 'user-visible',
  low: 'background',
};

/** The page's `scheduler` if it has postTask; throws a one-line error naming the need otherwise. */
export function postTaskScheduler(): PostTaskScheduler {
  const s = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
  if (typeof s?.postTask !== 'function')
    throw new Error(
      'impl=post-task needs scheduler.postTask (the Prioritized Task Scheduling API, Chromium >= 94), ' +
        'which this page does not have',
    );
  return s as PostTaskScheduler;
}

const ignore = (): void => undefined;

export function postTaskLoad(env: FrameLoadEnv): FrameLoad {
  const api = postTaskScheduler();
  const meter = frameMeter(env);
  const abort = new AbortController();
  let pending = 0;
  return {
    schedule(task, unit) {
      pending++;
      const at = env.now();
      const run = (): void => {
        pending--;
        meter.run(task, unit, at);
      };
      // The promise rejects only when dispose aborts the units still queued.
      api.postTask(run, { priority: POST_TASK_PRIORITY[unit.priority], signal: abort.signal }).catch(ignore);
    },
    frame: () => meter.frame(),
    get pending() {
      return pending;
    },
    dispose() {
      abort.abort();
    },
  };
}

export type FrameBaseline = 'raf-microtask' | 'post-task';

export const FRAME_BASELINES: Readonly<Record<FrameBaseline, (env: FrameLoadEnv) => FrameLoad>> = {
  'raf-microtask': microtaskLoad,
  'post-task': postTaskLoad,
};
