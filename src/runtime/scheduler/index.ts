export { createScheduler, DEFAULT_AGING_FRAMES, DEFAULT_FRAME_BUDGET_MS } from './scheduler.js';
export { createFrameDriver, detectFrameDriver } from './frame-driver.js';
export type { FrameDriver, FrameDriverKind, RequestFrame } from './frame-driver.js';
export { PRIORITIES } from './types.js';
export type {
  CancelTask,
  FrameStats,
  Priority,
  ScheduleOptions,
  Scheduler,
  SchedulerOptions,
  Task,
  TaskStartInfo,
  WaitSummary,
} from './types.js';
export { Fifo } from './fifo.js';
export { Ring } from './ring.js';
