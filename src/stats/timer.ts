/**
 * Timer-saturation diagnostic: says why a timing sample is too coarse to compare.
 *
 * Why: in a cross-origin-isolated page performance.now() ticks in 5 µs steps (100 µs or more when not
 * isolated). If an operation is short compared with that step, samples collapse onto a few multiples
 * of it, the median jumps between grid points and Mann–Whitney sees heavy ties, so verdicts turn
 * into noise. The checks follow tinybench's `classifyTimerSaturation` (tinybench 6,
 * src/timer-diagnostics.ts: 'zero-dominated', 'low-distinct', 'zero-mad') plus one that uses the
 * known resolution:
 *
 * - `zero-dominated`: more than half of the samples are 0 (below one tick).
 * - `mostly-identical`: one value accounts for more than half of the samples (not repeated when
 *   `zero-dominated` already says so).
 * - `few-distinct`: fewer than max(3, min(10, ⌊n/10⌋)) distinct values.
 * - `zero-spread`: the median absolute deviation is 0 (n >= 10), so no robust spread is measurable.
 * - `coarse-timer`: one sample lasts less than 100 timer steps (median · innerIterations <
 *   100 · resolution), i.e. quantisation error above ~1% of a sample. The page runner calibrates
 *   samples to >= 1 ms, i.e. 200 steps of 5 µs, so this flags an uncalibrated or non-isolated page.
 *
 * Time samples are stored per operation (divided by innerIterations), so the grid step in
 * per-operation units is resolution / innerIterations. Fewer than 10 samples are only checked for
 * `coarse-timer`: the other criteria cannot tell a coarse timer from a deterministic operation.
 */
import { medianAbsoluteDeviation, quantileSorted } from 'simple-statistics';

export type TimerIssue = 'zero-dominated' | 'mostly-identical' | 'few-distinct' | 'zero-spread' | 'coarse-timer';

export interface TimerDiagnosis {
  /** True when no issue was found. */
  ok: boolean;
  issues: TimerIssue[];
  /** One human-readable sentence per issue, in the same order. */
  messages: string[];
  distinctValues: number;
  /** Share of samples equal to the most common value. */
  modeShare: number;
}

export interface TimerOptions {
  /** Smallest positive step of performance.now() in ms (Environment.timerResolutionMs). */
  resolutionMs: number;
  /** Operations per timed sample; samples are per operation. Default 1. */
  innerIterations?: number;
  /** Minimum number of timer steps one sample should span. Default 100. */
  minTicksPerSample?: number;
}

const fmt = (x: number) => (Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(3) : x.toPrecision(3));

/** Diagnoses timer saturation in time samples (ms per operation). */
export function diagnoseTimer(samples: readonly number[], opts: TimerOptions): TimerDiagnosis {
  const n = samples.length;
  const inner = opts.innerIterations ?? 1;
  const minTicks = opts.minTicksPerSample ?? 100;
  const issues: TimerIssue[] = [];
  const messages: string[] = [];
  if (n === 0) return { ok: true, issues, messages, distinctValues: 0, modeShare: Number.NaN };

  const sorted = samples.slice().sort((a, b) => a - b);
  let distinct = 1;
  let run = 1;
  let longestRun = 1;
  let zeros = sorted[0] === 0 ? 1 : 0;
  for (let i = 1; i < n; i++) {
    if (sorted[i] === 0) zeros++;
    if (sorted[i] === sorted[i - 1]) {
      run++;
    } else {
      distinct++;
      run = 1;
    }
    if (run > longestRun) longestRun = run;
  }
  const modeShare = longestRun / n;

  if (n >= 10) {
    if (zeros * 2 > n) {
      issues.push('zero-dominated');
      messages.push(`${zeros} of ${n} samples are 0: the operation is shorter than one timer step`);
    }
    if (modeShare > 0.5 && !(zeros * 2 > n)) {
      issues.push('mostly-identical');
      messages.push(`${Math.round(modeShare * 100)}% of samples have the same value: the timer step dominates the measurement`);
    }
    const minDistinct = Math.max(3, Math.min(10, Math.floor(n / 10)));
    if (distinct < minDistinct) {
      issues.push('few-distinct');
      messages.push(`only ${distinct} distinct values in ${n} samples (want >= ${minDistinct})`);
    }
    if (medianAbsoluteDeviation(sorted) === 0) {
      issues.push('zero-spread');
      messages.push('median absolute deviation is 0: no measurable spread, ranks are mostly ties');
    }
  }
  const resolution = opts.resolutionMs;
  if (resolution > 0) {
    const sampleMs = quantileSorted(sorted, 0.5) * inner;
    if (sampleMs < minTicks * resolution) {
      issues.push('coarse-timer');
      const ticks = sampleMs / resolution;
      messages.push(
        `a sample lasts ${fmt(sampleMs)} ms = ${ticks.toFixed(1)} timer steps of ${fmt(resolution)} ms (want >= ${minTicks}); increase inner iterations`,
      );
    }
  }
  return { ok: issues.length === 0, issues, messages, distinctValues: distinct, modeShare };
}
