/**
 * The messages between the Node driver and the in-page runner. Both sides import these types,
 * so the boundary is typed even though values cross it as JSON.
 */
import type { BenchmarkId, MetricKind, Params } from '../model/types.js';

export interface SamplingOptions {
  /** Minimum number of timed samples per benchmark. */
  minSamples: number;
  /** Minimum total sampling time per benchmark, ms. */
  minTimeMs: number;
  /** Warm-up time before sampling, ms. */
  warmupMs: number;
  /** One timed sample must last at least this long (ms); the inner iteration count is calibrated to it. */
  minSampleMs: number;
  /** Skip counters and verification (used for extra sampling rounds of `check --auto`). */
  samplesOnly?: boolean;
  /**
   * Inner iteration counts calibrated in an earlier round, by benchmark id: later rounds reuse
   * them so every round's samples are batches of the same size.
   */
  innerFor?: Record<string, number>;
  /**
   * Fraction of each timed sample's duration to add as a busy-wait inside the timed region
   * (`--inject-delay 5` = 0.05): a known slowdown for measuring the gate's power. 0 or absent: none.
   */
  injectDelay?: number;
}

export interface PageBenchmark {
  id: BenchmarkId;
  name: string;
  params: Params;
  description?: string;
  metrics: Array<{ name: string; unit: string; direction: 'lower' | 'higher'; kind: MetricKind }>;
}

export interface PageEnvironment {
  userAgent: string;
  crossOriginIsolated: boolean;
  timerResolutionMs: number;
  hardwareConcurrency: number;
}

export interface PageMetricResult {
  metric: string;
  unit: string;
  direction: 'lower' | 'higher';
  kind: MetricKind;
  samples: number[];
  innerIterations: number;
  /** Samples per pass, in order, when one session measured the benchmark more than once (core/passes.ts). */
  passes?: number[];
}

export interface PageOutcome {
  id: BenchmarkId;
  ok: boolean;
  error?: string;
  metrics: PageMetricResult[];
  durationMs: number;
}

/** A benchmark set up, verified, calibrated and warmed, ready for sampleBenchmark. */
export interface PrepareResult {
  ok: boolean;
  error?: string;
  innerIterations?: number;
  /** The benchmark has a `measure`, which runs (and is timed) in finish. */
  measures?: boolean;
}

/** One step of sampling: at least this many samples and this much wall time. */
export type SampleBudget = Pick<SamplingOptions, 'minSamples' | 'minTimeMs'>;

/** Where a benchmark's sampling stands after a step. */
export interface SampleProgress {
  /** False once the benchmark has failed (finishBenchmark says why). */
  ok: boolean;
  samples: number;
  /** Wall time spent sampling, resets included, ms. */
  sampledMs: number;
}

/** What the page exposes as `window.__jepshRunner`. */
export interface PageRunnerApi {
  suite: string;
  list(): PageBenchmark[];
  environment(): PageEnvironment;
  /** prepare, one sampling step of the whole budget, finish. */
  runBenchmark(id: BenchmarkId, opts: SamplingOptions): Promise<PageOutcome>;
  /**
   * The same in steps, so a driver can interleave the sides of an A/B sample by sample: the
   * machine's speed changes within a second on a shared VM, and only pairs taken milliseconds
   * apart see the same machine (docs/statistics.md).
   */
  prepareBenchmark(id: BenchmarkId, opts: SamplingOptions): Promise<PrepareResult>;
  sampleBenchmark(id: BenchmarkId, budget: SampleBudget): Promise<SampleProgress>;
  finishBenchmark(
    id: BenchmarkId,
    opts: Pick<SamplingOptions, 'minSamples' | 'minTimeMs' | 'samplesOnly'>,
  ): Promise<PageOutcome>;
}

/** What the Node driver exposes in the page as `window.__jepshHost`; suites reach it as `ctx.host`. */
export type { DomCounters, GcCount, HostApi, PageLoadOptions, PageLoadTimings } from './api.js';
