import type { RequestFrame } from './frame-driver.js';

export type Priority = 'critical' | 'high' | 'normal' | 'low';

/** Most urgent first; the index is the priority's level (0 = critical). */
export const PRIORITIES: readonly Priority[] = ['critical', 'high', 'normal', 'low'];

export type Task = () => void;

export interface ScheduleOptions {
  /** Default 'normal'. */
  priority?: Priority;
  /** Expected run time in ms, used to decide whether the task fits the rest of the frame. Default 0. */
  estimateMs?: number;
}

/** Withdraws a task that has not started; returns whether it was still pending. */
export type CancelTask = () => boolean;

export interface FrameStats {
  /** 1-based frame number since the scheduler was created. */
  index: number;
  startMs: number;
  /** Clock time spent running tasks in this frame (includes scheduler overhead). */
  workMs: number;
  budgetMs: number;
  tasksRun: number;
  /** Tasks that were ready at frame start (and not cancelled) but were left for a later frame. */
  tasksDeferred: number;
  /** Tasks that threw (reported through `onError`). */
  errors: number;
  /** The frame ran a single task whose estimate alone exceeds the budget. */
  oversized: boolean;
  /** Live tasks still queued after the frame, including ones scheduled during it. */
  pending: number;
}

export interface TaskStartInfo {
  priority: Priority;
  /** Priority after aging, i.e. the level at which it won its slot. */
  effectivePriority: Priority;
  /** Clock time from `schedule` to the task's start. */
  waitMs: number;
  /** Frames in which the task was ready but passed over. */
  waitFrames: number;
}

export interface WaitSummary {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface SchedulerOptions {
  /** Work budget per frame in ms. Default 16.67 (one 60 Hz frame). */
  frameBudgetMs?: number;
  now?: () => number;
  /** Frame source; default: requestAnimationFrame, else MessageChannel, else setTimeout. */
  requestFrame?: RequestFrame;
  /**
   * Aging rule: a task gains one priority level for every `agingFrames` frames in which it was
   * ready but passed over (never above 'critical'). Default 4, so a 'low' task competes as
   * 'high' after 8 such frames and as 'critical' after 12.
   */
  agingFrames?: number;
  /** Frames kept for `recentFrames()`. Default 120. */
  statsCapacity?: number;
  onFrame?(stats: FrameStats): void;
  onTaskStart?(info: TaskStartInfo): void;
  /** Receives errors thrown by tasks; default: `reportError` where available, else console.error. */
  onError?(error: unknown, priority: Priority): void;
}

export interface Scheduler {
  schedule(task: Task, options?: ScheduleOptions): CancelTask;
  /** Live (not started, not cancelled) tasks. */
  readonly pending: number;
  /** Frames run so far. */
  readonly frameCount: number;
  /**
   * Runs frames back to back, synchronously, until no task is pending or `maxFrames` frames ran
   * (guards against tasks that keep rescheduling themselves). Returns the number of frames run.
   */
  flush(maxFrames?: number): number;
  /** Drops every pending task and the frame request; later `schedule` calls throw. Returns tasks dropped. */
  stop(): number;
  /** The last `statsCapacity` frames, oldest first. */
  recentFrames(): FrameStats[];
  /** Wait time (schedule -> start) of every task started so far, by base priority. */
  waitStats(): Record<Priority, WaitSummary>;
}
