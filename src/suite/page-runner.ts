/**
 * Runs one suite's benchmarks inside a page (or in Node for tests). Bundled into every suite page
 * and exposed as `window.__jepshRunner` for the Node driver.
 *
 * Per benchmark: setup (its return value becomes `ctx.state`) -> counter pass (untimed,
 * deterministic) -> verify -> warm-up (>= warmupMs) -> inner-iteration calibration (one sample
 * >= minSampleMs) -> sampling with tinybench (>= minSamples and >= minTimeMs) -> measure() if any
 * -> verify -> teardown -> gc(). Every timed operation follows `reset` and, with `gcBeforeOp`, a gc().
 */
import { Bench } from 'tinybench';
import type { BenchContext, BenchmarkDef, HostApi, MetricDecl, SuiteDef } from './api.js';
import { expandSuite, type Expanded } from './expand.js';
import type { MetricKind, Params } from '../model/types.js';
import type {
  PageBenchmark,
  PageMetricResult,
  PageOutcome,
  PageRunnerApi,
  PrepareResult,
  SampleBudget,
  SampleProgress,
  SamplingOptions,
} from './protocol.js';
import { calibrateInner, measureTimerResolution, zeroShare } from './timer.js';

const TIME_METRIC: Required<MetricDecl> = {
  unit: 'ms',
  direction: 'lower',
  kind: 'time',
  description: 'time per operation',
};

function metricKind(decl: MetricDecl): MetricKind {
  return decl.kind ?? 'counter';
}

function describe(e: Expanded<BenchmarkDef>): PageBenchmark {
  const metrics: PageBenchmark['metrics'] = [];
  if (e.def.run) metrics.push({ name: 'time', unit: 'ms', direction: 'lower', kind: 'time' });
  for (const [name, decl] of Object.entries(e.def.metrics ?? {})) {
    if (name === 'time' && e.def.run) continue;
    metrics.push({ name, unit: decl.unit, direction: decl.direction, kind: metricKind(decl) });
  }
  const out: PageBenchmark = { id: e.id, name: e.name, params: e.params, metrics };
  if (e.def.description) out.description = e.def.description;
  return out;
}

class Context implements BenchContext {
  /** setup's return value; writable here only so the runner can store it. */
  state: unknown = undefined;
  counting = false;
  readonly counters = new Map<string, number>();
  readonly reports = new Map<string, number[]>();
  constructor(
    readonly params: Params,
    private readonly declared: Record<string, MetricDecl>,
    readonly host: HostApi | null,
  ) {}
  count(metric: string, value = 1): void {
    if (!this.counting) return;
    this.assertDeclared(metric);
    this.counters.set(metric, (this.counters.get(metric) ?? 0) + value);
  }
  report(metric: string, value: number): void {
    if (metric !== 'time') this.assertDeclared(metric);
    if (!Number.isFinite(value)) throw new Error(`metric "${metric}" reported a non-finite value ${value}`);
    let list = this.reports.get(metric);
    if (!list) this.reports.set(metric, (list = []));
    list.push(value);
  }
  private assertDeclared(metric: string): void {
    if (!(metric in this.declared)) throw new Error(`metric "${metric}" is not declared in the benchmark's metrics`);
  }
}

export interface RunnerHooks {
  now?: () => number;
  gc?: () => void;
  /**
   * Told where the benchmark is ("setup", "run (sample 12)", ...). In a page this is a CDP binding
   * (page-session.ts): a fire-and-forget message that reaches Node even while the page's main
   * thread then spins forever, so a timeout can say where the benchmark hung.
   */
  phase?: (where: string) => void;
  /**
   * Subscribes to errors that escape the benchmark's own call stack (a rejected promise nobody
   * awaits, a throw in a later task); returns the unsubscribe. Default: the page's
   * `unhandledrejection` and `error` events.
   */
  onEscapedError?: (listener: (message: string) => void) => () => void;
  /** `ctx.host` of every benchmark; default the page's `__jepshHost`, null without one. */
  host?: HostApi | null;
}

function pagePhase(where: string): void {
  (globalThis as { __jepshPhase?: (p: string) => void }).__jepshPhase?.(where);
}

function pageEscapedErrors(listener: (message: string) => void): () => void {
  const target = globalThis as unknown as Partial<Pick<EventTarget, 'addEventListener' | 'removeEventListener'>>;
  if (typeof target.addEventListener !== 'function') return () => undefined;
  const onRejection = (e: Event) => {
    const reason = (e as PromiseRejectionEvent).reason;
    listener(
      `unhandled promise rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`,
    );
  };
  const onError = (e: Event) => listener(`uncaught error in a later task: ${(e as ErrorEvent).message}`);
  target.addEventListener('unhandledrejection', onRejection);
  target.addEventListener('error', onError);
  return () => {
    target.removeEventListener!('unhandledrejection', onRejection);
    target.removeEventListener!('error', onError);
  };
}

export function createRunner(suite: SuiteDef, hooks: RunnerHooks = {}): PageRunnerApi {
  const now = hooks.now ?? (() => performance.now());
  const gc = hooks.gc ?? (globalThis as { gc?: () => void }).gc;
  const phase = hooks.phase ?? pagePhase;
  // The host API is installed before the suite's bundle runs (page-session.ts); absent in Node.
  const host = hooks.host !== undefined ? hooks.host : ((globalThis as { __jepshHost?: HostApi }).__jepshHost ?? null);
  const onEscapedError = hooks.onEscapedError ?? pageEscapedErrors;
  const expanded = expandSuite(suite.name, suite.benchmarks);
  const byId = new Map(expanded.map((e) => [e.id, e]));
  let timerResolutionMs: number | undefined;

  function resolution(): number {
    timerResolutionMs ??= measureTimerResolution(now);
    return timerResolutionMs;
  }

  /**
   * Times `n` operations; with `reset`, each op is timed alone and the untimed resets excluded.
   * `wall.ms` receives the batch's wall time, resets included, for the sampling time budget.
   */
  function makeTimeOps(def: BenchmarkDef, ctx: Context, wall = { ms: 0 }, injectDelay = 0): (n: number) => number {
    const run = def.run!.bind(def);
    const reset = def.reset?.bind(def);
    // `--inject-delay`: spin inside the timed region for a fixed fraction of the work just timed,
    // so the candidate is slower by exactly that fraction without touching the code under test.
    const spin = injectDelay > 0 ? (t0: number) => spinFor(now, (now() - t0) * injectDelay) : () => undefined;
    // `gcBeforeOp`: every timed op (or batch) starts from a collected heap. Untimed, but in the wall
    // time the sampling budget counts; returns how long the collection took.
    const collect = def.gcBeforeOp === true ? gc : undefined;
    const settle = collect
      ? (): number => {
          const g = now();
          collect();
          return now() - g;
        }
      : () => 0;
    if (!reset) {
      return (n) => {
        const gcMs = settle();
        const t0 = now();
        for (let i = 0; i < n; i++) run(ctx);
        spin(t0);
        const timed = now() - t0;
        wall.ms = gcMs + timed;
        return timed;
      };
    }
    return (n) => {
      let total = 0;
      const start = now();
      for (let i = 0; i < n; i++) {
        reset(ctx);
        settle();
        const t0 = now();
        run(ctx);
        spin(t0);
        total += now() - t0;
      }
      wall.ms = now() - start;
      return total;
    };
  }

  /** A benchmark between prepare and finish: set up, warmed, sampled in one or more steps. */
  interface Open {
    def: BenchmarkDef;
    ctx: Context;
    /** Time spent in this benchmark's own calls (not while interleaved sides took their turns). */
    activeMs: number;
    setUp: boolean;
    metrics: PageMetricResult[];
    /** Time per operation of every sample so far (ms). */
    samples: number[];
    /** Wall time spent sampling so far, resets included (ms): what the time budget counts. */
    sampledMs: number;
    inner: number;
    timeOps: ((n: number) => number) | null;
    wall: { ms: number };
    error?: string;
    escaped?: string;
    unsubscribe: () => void;
  }
  const open = new Map<string, Open>();

  /**
   * Calibrates the inner iteration count and warms up (JIT tiers, caches) on full batches. The
   * calibration's own batches at the chosen size count toward the warm-up: for an operation longer
   * than the sample target they already are >= warmupMs of full batches, and a warm-up loop would
   * only repeat a 0.1-1 s operation once more per session and side.
   */
  function warmUp(id: string, o: Open, opts: SamplingOptions): void {
    const timeOps = (o.timeOps = makeTimeOps(o.def, o.ctx, o.wall, opts.injectDelay ?? 0));
    // 200x the timer grain keeps quantisation error under 0.5% of a sample.
    const target = Math.max(opts.minSampleMs, 200 * resolution());
    const given = opts.innerFor?.[id];
    phase('run (calibration)');
    const batches: { n: number; perOp: number; ms: number }[] = [];
    const recorded = (n: number): number => {
      const t0 = now();
      const t = timeOps(n);
      batches.push({ n, perOp: t / n, ms: now() - t0 });
      return t;
    };
    let inner = given ?? calibrateInner(recorded, target);
    phase('run (warm-up)');
    // The trailing calibration batches of the chosen size are warm-up already done.
    const warm: number[] = [];
    let warmedMs = 0;
    for (let i = batches.length - 1; i >= 0 && batches[i]!.n === inner; i--) {
      warm.unshift(batches[i]!.perOp);
      warmedMs += batches[i]!.ms;
    }
    // Warm up on full batches, then recalibrate: code gets faster as it warms.
    const warmEnd = now() + opts.warmupMs - warmedMs;
    while (warm.length === 0 || now() < warmEnd) warm.push(timeOps(inner) / inner);
    // Size batches from the fastest recent batch, with 50% headroom, so that samples stay above
    // the target even if the code speeds up a little more after warm-up.
    const fastest = Math.min(...warm.slice(-5));
    if (given === undefined)
      inner = fastest > 0 ? Math.max(1, Math.ceil((target * 1.5) / fastest)) : calibrateInner(timeOps, target * 1.5);
    o.inner = inner;
  }

  async function prepareBenchmark(id: string, opts: SamplingOptions): Promise<PrepareResult> {
    const entry = byId.get(id);
    if (!entry) return { ok: false, error: `unknown benchmark "${id}"` };
    open.get(id)?.unsubscribe();
    const t0 = now();
    const def = entry.def;
    const declared = def.metrics ?? {};
    const o: Open = {
      def,
      ctx: new Context(entry.params, declared, host),
      activeMs: 0,
      setUp: false,
      metrics: [],
      samples: [],
      sampledMs: 0,
      inner: 0,
      timeOps: null,
      wall: { ms: 0 },
      unsubscribe: () => undefined,
    };
    o.unsubscribe = onEscapedError((m) => (o.escaped ??= m));
    open.set(id, o);
    const ctx = o.ctx;
    try {
      phase('setup');
      const state: unknown = await def.setup?.(ctx);
      o.setUp = true;
      // A suite written for the older API assigns ctx.state and returns nothing: say so rather than
      // fail later on an undefined state (its teardown still sees what it assigned).
      if (state === undefined && ctx.state !== undefined)
        throw new Error('setup assigned ctx.state: return the state from setup instead');
      ctx.state = state;
      if (!opts.samplesOnly && def.run) {
        phase('run (counter pass)');
        const ops = def.counterOps ?? 1;
        ctx.counting = true;
        for (let i = 0; i < ops; i++) {
          def.reset?.(ctx);
          def.run(ctx);
        }
        ctx.counting = false;
        for (const [name, decl] of Object.entries(declared)) {
          if (metricKind(decl) !== 'counter') continue;
          o.metrics.push({
            metric: name,
            ...pickMetric(decl),
            samples: [(ctx.counters.get(name) ?? 0) / ops],
            innerIterations: ops,
          });
        }
      }
      if (!opts.samplesOnly) {
        phase('verify');
        def.verify?.(ctx);
      }
      if (def.run) warmUp(id, o, opts);
    } catch (e) {
      o.error = errorText(e);
    }
    o.activeMs += now() - t0;
    const measures = def.measure !== undefined;
    return o.error === undefined
      ? { ok: true, innerIterations: o.inner, measures }
      : { ok: false, error: o.error, measures };
  }

  /**
   * Takes timed samples (>= minSamples and >= minTimeMs of wall time) of a prepared benchmark.
   * Called once by runBenchmark, or many times with short budgets when sides are interleaved.
   * Returns how far sampling has come; `ok` is false once the benchmark has failed.
   */
  async function sampleBenchmark(id: string, budget: SampleBudget): Promise<SampleProgress> {
    const o = open.get(id);
    if (!o) throw new Error(`benchmark "${id}" is not prepared`);
    const progress = (): SampleProgress => ({
      ok: o.error === undefined,
      samples: o.samples.length,
      sampledMs: o.sampledMs,
    });
    if (o.error !== undefined || !o.timeOps) return progress();
    const timeOps = o.timeOps;
    const t0 = now();
    const bench = new Bench({
      name: suite.name,
      time: budget.minTimeMs,
      iterations: budget.minSamples,
      warmup: false,
      retainSamples: true,
      subtractTimerOverhead: false,
      throws: true,
      now,
    });
    // The sample is the timed work; the time budget is wall time, resets included, so a benchmark
    // with expensive resets still stops after its minimum samples.
    // `async: false` said outright: otherwise tinybench calls the task once, untimed, to see whether
    // it returns a promise, which is one more operation per call (per interleaved step), 0.1-1 s
    // each for the DOM benchmarks.
    bench.add(
      'sample',
      () => {
        phase(`run (sample ${o.samples.length + 1})`);
        const timed = timeOps(o.inner);
        return { overriddenDuration: timed, overriddenIterationCost: o.wall.ms };
      },
      { async: false },
    );
    try {
      const [task] = await bench.run();
      const result = task?.result as { error?: unknown; latency?: { samples?: number[] } } | undefined;
      if (result?.error) throw result.error;
      const raw = result?.latency?.samples ?? [];
      if (raw.length === 0) throw new Error('tinybench returned no samples');
      // Never store a measurement of the timer: refuse it, so the run shows an error, not a 0 ms median.
      if (zeroShare(raw) > 0.05) {
        throw new Error(
          `timer-saturated: ${(zeroShare(raw) * 100).toFixed(0)}% of samples read 0 ms with ${o.inner} ` +
            'operation(s) per sample; the operation is too fast for its batch size',
        );
      }
      for (const s of raw) o.samples.push(s / o.inner);
    } catch (e) {
      o.error = errorText(e);
    } finally {
      o.activeMs += now() - t0;
      o.sampledMs += now() - t0;
    }
    return progress();
  }

  /** Collects the time samples, runs measure(), verifies, tears down: the benchmark's outcome. */
  async function finishBenchmark(
    id: string,
    opts: Pick<SamplingOptions, 'minSamples' | 'minTimeMs' | 'samplesOnly'>,
  ): Promise<PageOutcome> {
    const o = open.get(id);
    if (!o) return { id, ok: false, error: `benchmark "${id}" is not prepared`, metrics: [], durationMs: 0 };
    open.delete(id);
    const t0 = now();
    const { def, ctx, metrics } = o;
    const declared = def.metrics ?? {};
    let error = o.error;
    try {
      if (error === undefined) {
        if (def.run)
          metrics.push({ metric: 'time', ...pickMetric(TIME_METRIC), samples: o.samples, innerIterations: o.inner });
        if (def.measure) {
          phase('measure');
          await def.measure(ctx, { minSamples: opts.minSamples, minTimeMs: opts.minTimeMs });
          for (const [name, samples] of ctx.reports) {
            const decl = name === 'time' && !declared.time ? TIME_METRIC : declared[name]!;
            if (metrics.some((m) => m.metric === name)) continue;
            metrics.push({ metric: name, ...pickMetric(decl), samples, innerIterations: 1 });
          }
        }
        if (!opts.samplesOnly) {
          phase('verify');
          def.verify?.(ctx);
        }
      }
    } catch (e) {
      error = errorText(e);
    } finally {
      if (o.setUp) {
        try {
          phase('teardown');
          await def.teardown?.(ctx);
        } catch (e) {
          error ??= `teardown failed: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      // Let go of the state before gc(): `ctx` is still a live local here, so a state it holds
      // survived this collection and stayed on the heap through the next benchmark's sampling,
      // until that one's finish (a 10,000-row table and its trees: 12-17 MB of JS heap left after
      // gc() in the diffing DOM benchmarks, 3 MB with the state dropped; 2026-12-04).
      ctx.state = undefined;
      o.timeOps = null;
      gc?.();
    }
    // A few tasks later, so a rejection or throw the benchmark left behind has been reported: Chrome
    // reports unhandled rejections from a task it queues after the microtask checkpoint (one hop
    // was not enough for a promise rejected in the last sample; three were).
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    o.unsubscribe();
    error ??= o.escaped;
    const durationMs = o.activeMs + (now() - t0);
    if (error !== undefined) return { id, ok: false, error, metrics: [], durationMs };
    return { id, ok: true, metrics, durationMs };
  }

  async function runBenchmark(id: string, opts: SamplingOptions): Promise<PageOutcome> {
    if (!byId.has(id)) return { id, ok: false, error: `unknown benchmark "${id}"`, metrics: [], durationMs: 0 };
    const prepared = await prepareBenchmark(id, opts);
    if (prepared.ok) await sampleBenchmark(id, opts);
    return finishBenchmark(id, opts);
  }

  return {
    suite: suite.name,
    list: () => expanded.map(describe),
    environment: () => ({
      userAgent: typeof navigator !== 'undefined' ? navigator.userAgent : `node ${globalThis.process?.version ?? ''}`,
      crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
      timerResolutionMs: resolution(),
      hardwareConcurrency: typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 0,
    }),
    runBenchmark,
    prepareBenchmark,
    sampleBenchmark,
    finishBenchmark,
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Busy-waits `ms` milliseconds on `now` (the injected delay must burn CPU like real work). */
export function spinFor(now: () => number, ms: number): void {
  const end = now() + ms;
  while (now() < end) {
    // spin
  }
}

function pickMetric(decl: MetricDecl): Pick<PageMetricResult, 'unit' | 'direction' | 'kind'> {
  return { unit: decl.unit, direction: decl.direction, kind: metricKind(decl) };
}

/** Entry point used by generated suite bundles. */
export function installRunner(suite: SuiteDef): void {
  (globalThis as { __jepshRunner?: PageRunnerApi }).__jepshRunner = createRunner(suite);
}
