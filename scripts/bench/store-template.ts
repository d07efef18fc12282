/**
 * The run a generated store is made of (scripts/bench/generate-store.ts), and its noisy copies.
 * Pure: every draw comes from the `random` passed in, so a seed gives the same store.
 *
 * Noise model, chosen to look like a real history to what reads it: each session of each time
 * result is scaled by one factor in [1 - noise, 1 + noise] (sessions differ by JIT and heap mode,
 * which is where the real spread is), each sample by a further ±noise/3, and runs from `stepAt`
 * on by 1 + step. Times are then rounded to what the page's clock can give (a multiple of the
 * timer resolution, divided by the inner iterations), so the samples compress as real ones do
 * rather than as random mantissas. Counters are exact and copied as they are; gauges get the
 * session factor and stay integers when they were.
 */
import type { BenchmarkInfo, Environment, MetricResult, Summary } from '../../src/model/types.js';
import { summarize } from '../../src/stats/summary.js';

export interface TemplateRun {
  benchmarks: BenchmarkInfo[];
  results: MetricResult[];
  environment: Environment;
}

export interface NoiseOptions {
  /** Half-width of the per-session factor: 0.03 = ±3%. */
  noise: number;
  /** Relative step applied from run `stepAt` on: 0.1 = 10% slower. */
  step: number;
  /** 0-based index of the first run with the step; beyond the last run = no step. */
  stepAt: number;
}

/** A value the page's clock could have given: a whole number of timer ticks over the inner iterations. */
export function onClockGrid(value: number, resolutionMs: number, innerIterations: number): number {
  if (!(resolutionMs > 0)) return value;
  const tick = resolutionMs / innerIterations;
  return Math.max(tick, Math.round(value / tick) * tick);
}

/** The results of run `index` (0-based) of the generated history. */
export function noisyCopy(
  template: TemplateRun,
  index: number,
  random: () => number,
  opts: NoiseOptions,
): MetricResult[] {
  const level = index >= opts.stepAt ? 1 + opts.step : 1;
  const uniform = (halfWidth: number) => 1 + (2 * random() - 1) * halfWidth;
  return template.results.map((r) => {
    if (r.kind === 'counter') return { ...r, samples: [...r.samples], ...(r.rounds && { rounds: [...r.rounds] }) };
    const sizes = r.rounds ?? [r.samples.length];
    const samples: number[] = [];
    let at = 0;
    for (const size of sizes) {
      const session = uniform(opts.noise);
      for (let i = 0; i < size; i++, at++) {
        const v = r.samples[at]!;
        if (r.kind === 'time')
          samples.push(
            onClockGrid(
              v * level * session * uniform(opts.noise / 3),
              template.environment.timerResolutionMs,
              r.innerIterations,
            ),
          );
        else samples.push(Number.isInteger(v) ? Math.round(v * session) : v * session);
      }
    }
    return { ...r, samples, ...(r.rounds && { rounds: [...r.rounds] }) };
  });
}

/**
 * The stored summary of a generated result: the same descriptive statistics as `run` stores, but
 * the median's interval from order statistics (ranks n/2 ± 1.96 √n / 2, the normal approximation
 * to the binomial interval) instead of a 2,000-resample bootstrap, which for 880,000 results would
 * take hours. Nothing the harness benchmark times reads the two differently.
 */
export function quickSummary(samples: readonly number[]): Summary {
  const s = summarize(samples, { resamples: 1 });
  const sorted = samples.slice().sort((a, b) => a - b);
  const n = sorted.length;
  const half = (1.96 * Math.sqrt(n)) / 2;
  const lo = Math.max(0, Math.floor(n / 2 - half));
  const hi = Math.min(n - 1, Math.ceil(n / 2 + half) - 1);
  return { ...s, medianCI: { low: sorted[lo]!, high: sorted[Math.max(lo, hi)]!, level: 0.95 } };
}

/** Benchmarks of the default suites as a history shows them; the rest are named by number. */
const KNOWN = [
  'reactivity/diamond',
  'reactivity/deep-propagation',
  'reactivity/broad-propagation',
  'reactivity/triangle',
  'reactivity/mux',
  'reactivity/unstable',
  'reactivity/repeated-observers',
  'reactivity/create-10000-atoms',
  'diffing/create-many-rows',
  'diffing/update-every-10th-row',
  'diffing/swap-rows',
  'scheduler/frame-burst',
  'pools/component-node',
  'memo/lru-hit',
];

/**
 * A plausible default-suite run when no real one is given: `benchmarks` benchmarks, each with a
 * time (`sessions` sessions of 2-50 samples, log-normal around a per-benchmark level) and an exact
 * counter (one value per session).
 */
export function syntheticTemplate(
  random: () => number,
  opts: { benchmarks?: number; sessions?: number } = {},
): TemplateRun {
  const count = opts.benchmarks ?? 44;
  const sessions = opts.sessions ?? 16;
  const environment: Environment = {
    browserVersion: 'HeadlessChrome/140.0.0.0',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/140.0.0.0',
    os: 'Linux 6.8 x64',
    cpuModel: 'synthetic 2-core',
    cpuCores: 2,
    nodeVersion: 'v20.19.0',
    harnessVersion: '0.1.0',
    launchFlags: [],
    timerResolutionMs: 0.005,
    crossOriginIsolated: true,
  };
  const benchmarks: BenchmarkInfo[] = [];
  const results: MetricResult[] = [];
  for (let b = 0; b < count; b++) {
    const id = KNOWN[b] ?? `synthetic/bench-${String(b).padStart(2, '0')}`;
    const [suite, name] = id.split('/') as [string, string];
    benchmarks.push({ id, suite, name, params: {} });
    const perSession = 2 + Math.floor(random() * 49);
    const level = Math.exp(Math.log(0.01) + random() * Math.log(1000)); // 0.01 to 10 ms per op
    const innerIterations = Math.max(1, Math.round(1 / level));
    const rounds = Array.from({ length: sessions }, () => perSession);
    const samples: number[] = [];
    for (const size of rounds) {
      const mode = Math.exp((random() - 0.5) * 0.2);
      for (let i = 0; i < size; i++)
        samples.push(
          onClockGrid(level * mode * Math.exp((random() - 0.5) * 0.1), environment.timerResolutionMs, innerIterations),
        );
    }
    results.push({
      benchmarkId: id,
      metric: 'time',
      unit: 'ms',
      direction: 'lower',
      kind: 'time',
      samples,
      innerIterations,
      rounds,
    });
    const ops = Math.round(10 + random() * 10000);
    results.push({
      benchmarkId: id,
      metric: 'allocations',
      unit: 'count',
      direction: 'lower',
      kind: 'counter',
      samples: Array.from({ length: sessions }, () => ops),
      innerIterations: 1,
      rounds: Array.from({ length: sessions }, () => 1),
    });
  }
  return { benchmarks, results, environment };
}
