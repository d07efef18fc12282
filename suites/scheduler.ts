/**
 * The reference runtime's frame-budget scheduler (src/runtime/scheduler).
 *
 * - `throughput-10k`: scheduler overhead. A fake clock that only the task bodies advance (by their
 *   estimate) makes frame packing deterministic, so the op time is the scheduler's own work
 *   (queues, aging, budget checks, stats) plus ten thousand near-empty bodies.
 * - `frame-budget`: the real scheduler on real animation frames under a mixed busy-wait load that
 *   oversubscribes some frames; reports per-frame work, missed display frames, the backlog's drain
 *   and per-priority waits.
 * The same load without the scheduler (rAF + queueMicrotask, scheduler.postTask) is in the `peers`
 * suite: `peers/frame-budget?impl=jepsh|raf-microtask|post-task` (frameBudgetPeersBenchmark).
 */
import { bench, defineSuite, type BenchContext, type BenchmarkDef, type MetricDecl } from '../src/suite/api.js';
import {
  createFrameDriver,
  createScheduler,
  PRIORITIES,
  type Priority,
  type ScheduleOptions,
  type Scheduler,
  type Task,
} from '../src/runtime/scheduler/index.js';
import { mulberry32 as prng } from '../src/suite/prng.js';
import {
  FRAME_BASELINES,
  type FrameBaseline,
  type FrameLoad,
  type FrameLoadEnv,
  type FrameLoadProbe,
  type WorkUnit,
} from './_shared/frame-load.js';

// ---------------------------------------------------------------- throughput-10k

const THROUGHPUT_TASKS = 10_000;
const THROUGHPUT_BUDGET_MS = 16;

interface ThroughputState {
  scheduler: Scheduler;
  tasks: Task[];
  options: ScheduleOptions[];
  clock: { t: number };
  /** The manual frame driver's one outstanding request. */
  frame: (() => void) | null;
  ran: number;
  lastOpRan: number;
}

function pickPriority(r: number): Priority {
  if (r < 0.1) return 'critical';
  if (r < 0.3) return 'high';
  if (r < 0.75) return 'normal';
  return 'low';
}

const throughput = bench({
  name: 'throughput-10k',
  description:
    `schedule ${THROUGHPUT_TASKS} mixed-priority tasks and run them to completion ` + '(manual frames, fake clock)',
  metrics: {
    frames: { unit: 'count', direction: 'lower', kind: 'counter', description: 'frames needed to drain the queue' },
  },
  setup() {
    const state: ThroughputState = {
      scheduler: undefined as unknown as Scheduler,
      tasks: [],
      options: [],
      clock: { t: 0 },
      frame: null,
      ran: 0,
      lastOpRan: 0,
    };
    state.scheduler = createScheduler({
      frameBudgetMs: THROUGHPUT_BUDGET_MS,
      now: () => state.clock.t,
      requestFrame: (cb) => {
        state.frame = cb;
      },
      statsCapacity: 16,
    });
    const rand = prng(0x5eed);
    for (let i = 0; i < THROUGHPUT_TASKS; i++) {
      // Multiples of 1/4 ms add up exactly in binary floating point, so packing never drifts.
      const cost = rand() < 0.005 ? THROUGHPUT_BUDGET_MS + 4 : 0.25 * (1 + Math.floor(rand() * 8));
      state.options.push({ priority: pickPriority(rand()), estimateMs: cost });
      state.tasks.push(() => {
        state.clock.t += cost;
        state.ran++;
      });
    }
    return state;
  },
  run(ctx) {
    const s = ctx.state;
    const { scheduler, tasks, options } = s;
    const before = s.ran;
    for (let i = 0; i < THROUGHPUT_TASKS; i++) scheduler.schedule(tasks[i]!, options[i]);
    let frames = 0;
    while (s.frame !== null) {
      const cb = s.frame;
      s.frame = null;
      cb();
      frames++;
    }
    s.lastOpRan = s.ran - before;
    if (ctx.counting) ctx.count('frames', frames);
  },
  verify(ctx) {
    const s = ctx.state;
    if (s.lastOpRan !== THROUGHPUT_TASKS)
      throw new Error(`one op ran ${s.lastOpRan} tasks, expected ${THROUGHPUT_TASKS}`);
    if (s.scheduler.pending !== 0) throw new Error(`${s.scheduler.pending} tasks left pending`);
  },
  teardown(ctx) {
    ctx.state.scheduler.stop();
  },
});

// ---------------------------------------------------------------- frame-budget

export interface FrameBudgetConfig {
  /** Production frames at least (the harness also honours opts.minSamples and opts.minTimeMs). */
  minFrames: number;
  /** Multiplies the budget and every task cost; < 1 shortens the Node sanity run. */
  timeScale: number;
  /** Upper bound on production frames, whatever minTimeMs asks for. */
  maxFrames: number;
  /** Frames allowed after production stops for the backlog to drain; exceeding it fails the benchmark. */
  maxDrainFrames: number;
  /** The clock (default `performance.now`): tests pass a fake one so every figure is exact. */
  now?: () => number;
  /** Does `ms` of task work (default: busy-waits on `now`); with a fake clock, advances it. */
  spend?: (ms: number) => void;
}

const FRAME_BUDGET_MS = 10;

interface Arrival {
  priority: Priority;
  costMs: number;
  count: number;
}

/**
 * Arrivals of frame `f`, at timeScale 1 (ms). Every frame: 5.2 ms; every 5th frame a burst of
 * +6 ms (11.2 ms > 10 ms budget, so work spills into the next frame); every 40th frame, from the
 * 20th, a 12 ms low task, larger than the whole budget. Mean ~6.7 ms per frame, so the backlog
 * stays bounded.
 */
function arrivals(f: number): Arrival[] {
  const out: Arrival[] = [
    { priority: 'critical', costMs: 0.3, count: 1 },
    { priority: 'high', costMs: 0.5, count: 2 },
    { priority: 'normal', costMs: 0.8, count: 3 },
    { priority: 'low', costMs: 1.5, count: 1 },
  ];
  if (f % 5 === 4) out.push({ priority: 'high', costMs: 1, count: 2 }, { priority: 'normal', costMs: 1, count: 4 });
  if (f % 40 === 19) out.push({ priority: 'low', costMs: FRAME_BUDGET_MS * 1.2, count: 1 });
  return out;
}

/** Busy-waits for `ms` of the page clock: a task whose real cost matches its estimate. */
function busyWait(ms: number, now: () => number): void {
  const end = now() + ms;
  while (now() < end) {
    // spin
  }
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty sample');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const WAIT_METRIC: Record<Priority, string> = {
  critical: 'waitP95Critical',
  high: 'waitP95High',
  normal: 'waitP95Normal',
  low: 'waitP95Low',
};

const gauge = (unit: string, description: string): MetricDecl => ({
  unit,
  direction: 'lower',
  kind: 'gauge',
  description,
});

export const FRAME_BUDGET_SUMMARY_METRICS = [
  'framesOverBudgetPct',
  'avoidableOverBudgetPct',
  'droppedFramesPct',
  'drainFrames',
  ...PRIORITIES.map((p) => WAIT_METRIC[p]),
  'maxWaitLow',
] as const;

/** A frame interval this much longer than the run's median one missed at least one display frame. */
const DROPPED_FRAME_FACTOR = 1.5;

const FRAME_BUDGET_METRICS: Record<string, MetricDecl> = {
  frameWork: gauge('ms', 'task work per frame (one sample per frame)'),
  framesOverBudgetPct: gauge('%', 'frames whose work exceeded the budget (includes lone oversized tasks)'),
  avoidableOverBudgetPct: gauge(
    '%',
    'frames over budget that did not run a lone oversized task: the overruns the scheduler owns',
  ),
  droppedFramesPct: gauge(
    '%',
    `animation-frame intervals over ${DROPPED_FRAME_FACTOR}x the run's median interval (a display frame was missed)`,
  ),
  drainFrames: gauge('count', 'frames after the last production frame that started with work left'),
  waitP95Critical: gauge('ms', '95th percentile schedule-to-start wait, critical tasks'),
  waitP95High: gauge('ms', '95th percentile schedule-to-start wait, high tasks'),
  waitP95Normal: gauge('ms', '95th percentile schedule-to-start wait, normal tasks'),
  waitP95Low: gauge('ms', '95th percentile schedule-to-start wait, low tasks'),
  maxWaitLow: gauge('ms', 'longest schedule-to-start wait of a low task'),
};

/** The reference scheduler as a FrameLoad: its frames run inside the suite's animation frames. */
function referenceLoad(env: FrameLoadEnv): FrameLoad {
  const { probe } = env;
  let schedulerFrame: (() => void) | null = null;
  const scheduler = createScheduler({
    frameBudgetMs: env.budgetMs,
    now: env.now,
    // Driven from the suite's frame loop, so arrivals land before the scheduler's work in the
    // same animation frame.
    requestFrame: (cb) => {
      schedulerFrame = cb;
      return () => {
        if (schedulerFrame === cb) schedulerFrame = null;
      };
    },
    onTaskStart: (info) => probe.taskStarted(info.priority, info.waitMs),
    // A task larger than a whole frame runs alone by design (`oversized`).
    onFrame: (stats) => {
      if (probe.producing) probe.frameDone(stats.workMs, stats.oversized);
    },
    onError: (e) => probe.error(e),
  });
  return {
    schedule: (task, unit) => void scheduler.schedule(task, unit),
    frame() {
      const cb = schedulerFrame;
      schedulerFrame = null;
      // Cannot happen with arrivals every frame; keeps one sample per frame.
      if (cb === null) {
        if (probe.producing) probe.frameDone(0, false);
      } else cb();
    },
    get pending() {
      return scheduler.pending;
    },
    dispose: () => void scheduler.stop(),
  };
}

/**
 * Runs the load on real animation frames (MessageChannel where there are none) with `impl`:
 * production frames get the arrivals until enough frames and time have passed, then the backlog
 * drains; reports the frame-budget metrics.
 */
async function measureFrameLoad(
  ctx: BenchContext,
  opts: { minSamples: number; minTimeMs: number },
  cfg: FrameBudgetConfig,
  impl: (env: FrameLoadEnv) => FrameLoad,
): Promise<void> {
  const now = cfg.now ?? (() => performance.now());
  const spend = cfg.spend ?? ((ms: number) => busyWait(ms, now));
  const budget = FRAME_BUDGET_MS * cfg.timeScale;
  const minFrames = Math.min(cfg.maxFrames, Math.max(cfg.minFrames, opts.minSamples));
  // One task function per distinct cost: arrivals allocate nothing but queue entries.
  const tasks = new Map<number, Task>();
  const taskFor = (costMs: number): Task => {
    let t = tasks.get(costMs);
    if (!t) tasks.set(costMs, (t = () => spend(costMs * cfg.timeScale)));
    return t;
  };

  const waits: Record<Priority, number[]> = { critical: [], high: [], normal: [], low: [] };
  const work: number[] = [];
  /** Start of every production frame, and of the frame after the last one. */
  const frameStarts: number[] = [];
  let avoidable = 0;
  let producing = true;
  let drained = 0;
  let lastFrameClosed = false;
  let taskError: unknown = undefined;
  const probe: FrameLoadProbe = {
    get producing() {
      return producing;
    },
    taskStarted: (priority, waitMs) => void waits[priority].push(waitMs),
    frameDone: (workMs, loneOversized) => {
      work.push(workMs);
      if (workMs > budget && !loneOversized) avoidable++;
    },
    error: (e) => {
      taskError ??= e;
    },
  };
  const load = impl({ budgetMs: budget, now, probe });
  const driver = createFrameDriver();
  try {
    await new Promise<void>((resolve, reject) => {
      let frame = 0;
      const started = now();
      const tick = (): void => {
        try {
          if (producing || !lastFrameClosed) {
            frameStarts.push(now());
            lastFrameClosed = !producing;
          }
          if (producing) {
            for (const a of arrivals(frame)) {
              const unit: WorkUnit = { priority: a.priority, estimateMs: a.costMs * cfg.timeScale };
              for (let i = 0; i < a.count; i++) load.schedule(taskFor(a.costMs), unit);
            }
          } else if (load.pending === 0) {
            // Checked as a frame starts, so work a baseline ran after the last frame's callback counts as done.
            load.frame(); // closes a baseline's last production frame
            return resolve();
          } else if (++drained > cfg.maxDrainFrames) {
            return reject(new Error(`backlog of ${load.pending} tasks did not drain in ${cfg.maxDrainFrames} frames`));
          }
          load.frame();
          frame++;
          if (producing && frame >= minFrames && (now() - started >= opts.minTimeMs || frame >= cfg.maxFrames))
            producing = false;
          driver.request(tick);
        } catch (e) {
          reject(e);
        }
      };
      driver.request(tick);
    });
  } finally {
    driver.dispose();
    load.dispose();
  }
  if (taskError !== undefined) throw taskError;

  for (const w of work) ctx.report('frameWork', w);
  const over = work.filter((w) => w > budget).length;
  ctx.report('framesOverBudgetPct', (100 * over) / work.length);
  ctx.report('avoidableOverBudgetPct', (100 * avoidable) / work.length);
  ctx.report('droppedFramesPct', droppedFramesPct(frameStarts));
  ctx.report('drainFrames', drained);
  for (const p of PRIORITIES) {
    const sorted = waits[p].sort((a, b) => a - b);
    ctx.report(WAIT_METRIC[p], percentile(sorted, 95));
  }
  ctx.report(
    'maxWaitLow',
    waits.low.reduce((m, w) => Math.max(m, w), 0),
  );
}

/**
 * Percent of frame intervals longer than DROPPED_FRAME_FACTOR x their median: the median stands
 * for the display's frame interval, which the page cannot read directly.
 */
export function droppedFramesPct(frameStarts: readonly number[]): number {
  const intervals: number[] = [];
  for (let i = 1; i < frameStarts.length; i++) intervals.push(frameStarts[i]! - frameStarts[i - 1]!);
  if (intervals.length === 0) return 0;
  const sorted = intervals.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return (100 * intervals.filter((d) => d > DROPPED_FRAME_FACTOR * median).length) / intervals.length;
}

const configWithDefaults = (config: Partial<FrameBudgetConfig>): FrameBudgetConfig => ({
  minFrames: 60,
  timeScale: 1,
  maxFrames: 3600,
  maxDrainFrames: 600,
  ...config,
});

export function frameBudgetBenchmark(config: Partial<FrameBudgetConfig> = {}): BenchmarkDef {
  const cfg = configWithDefaults(config);
  return bench({
    name: 'frame-budget',
    description:
      `real scheduler on animation frames (MessageChannel without rAF), ${FRAME_BUDGET_MS} ms budget, ` +
      'mixed busy-wait load',
    metrics: FRAME_BUDGET_METRICS,
    measure: (ctx, opts) => measureFrameLoad(ctx, opts, cfg, referenceLoad),
  });
}

/**
 * The same load and metrics run by the reference scheduler (`impl=jepsh`) and without it
 * (./_shared/frame-load.ts): a plain rAF + queueMicrotask loop and Chromium's scheduler.postTask.
 * In the opt-in `peers` suite, not here: the default suites are the CI gate's, and the baselines
 * measure Chromium, not the code under test; the reference keeps its id `scheduler/frame-budget`.
 */
export function frameBudgetPeersBenchmark(config: Partial<FrameBudgetConfig> = {}): BenchmarkDef {
  const cfg = configWithDefaults(config);
  const impls = ['jepsh', ...(Object.keys(FRAME_BASELINES) as FrameBaseline[])] as const;
  return bench({
    name: 'frame-budget',
    description:
      'the frame-budget load run by the reference scheduler (jepsh), as a microtask of its animation frame ' +
      '(raf-microtask: no budget, no priorities), and through scheduler.postTask at its priority (post-task)',
    params: { impl: [...impls] },
    metrics: FRAME_BUDGET_METRICS,
    measure: (ctx, opts) =>
      measureFrameLoad(
        ctx,
        opts,
        cfg,
        ctx.params.impl === 'jepsh' ? referenceLoad : FRAME_BASELINES[ctx.params.impl as FrameBaseline],
      ),
  });
}

export default defineSuite({
  name: 'scheduler',
  description: 'frame-budget scheduler of the reference runtime: overhead and frame behaviour',
  benchmarks: [throughput, frameBudgetBenchmark()],
});
