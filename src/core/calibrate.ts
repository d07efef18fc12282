/**
 * `calibrate`: N A/A runs of the same code on this machine (a fresh browser each), then per
 * benchmark and metric: noise within a run (CV of samples), noise between runs (CV of run medians,
 * which within-run statistics cannot see), the false-alarm rate of the configured verdict rules over
 * every pair of runs, the smallest change detectable with power 0.8, and a suggested threshold.
 */
import { mean, median, sampleStandardDeviation } from 'simple-statistics';
import type { MetricResult, Thresholds } from '../model/types.js';
import type { Config } from '../config/config.js';
import { decideAll } from '../verdict/decide-all.js';
import { resultKey } from '../model/ids.js';
import { falseAlarmRate, minDetectableChange, type FalseAlarmRate } from '../stats/power.js';
import { normalQuantile } from '../stats/distributions.js';

export interface CalibrationRow {
  benchmarkId: string;
  metric: string;
  unit: string;
  runs: number;
  /** Median over runs of the within-run coefficient of variation. */
  cvWithin: number;
  /** Coefficient of variation of the per-run medians. */
  cvBetween: number;
  /** Largest |median_j / median_i - 1| over all pairs of runs. */
  maxShift: number;
  falseAlarms: FalseAlarmRate;
  /** Smallest change detectable with power 0.8 from samples of one run per side (within-run noise only). */
  detectableWithin: number;
  /** The same at the level of run medians (between-run noise): what a one-run-per-side gate can see. */
  detectableBetween: number;
  /** Suggested noise threshold: the largest A/A shift plus 25% headroom, at least 2%, rounded up to 1%. */
  suggestedNoise: number;
}

/** Step of a suggested threshold (1%) and the floor under it (2%). */
const NOISE_STEP = 0.01;
const NOISE_FLOOR = 0.02;

/**
 * Suggested noise threshold for a largest A/A shift: shift × 1.25, at least 2%, rounded up to the
 * next 1%. A count of steps within 1e-9 of a whole number is that number: 0.056 × 1.25 is 0.07, but
 * 0.07 × 100 is 7.000000000000001 in floating point, and a plain ceiling made that 8%, a step too far.
 */
export function suggestNoise(maxShift: number): number {
  if (!Number.isFinite(maxShift)) return Number.NaN;
  const steps = Math.max(NOISE_FLOOR, maxShift * 1.25) / NOISE_STEP;
  const whole = Math.round(steps);
  // Dividing by the step count (not multiplying by 0.01) gives the shortest decimal: 7 / 100 is 0.07.
  return (Math.abs(steps - whole) <= 1e-9 ? whole : Math.ceil(steps)) / Math.round(1 / NOISE_STEP);
}

function cv(values: number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  return m === 0 ? Number.NaN : sampleStandardDeviation(values) / Math.abs(m);
}

/** Pure: calibration rows from the results of N A/A runs. */
export function calibrate(runs: MetricResult[][], config: Pick<Config, 'thresholds' | 'overrides'>): CalibrationRow[] {
  const thresholds: Thresholds = config.thresholds;
  const byKey = new Map<string, MetricResult[]>();
  for (const results of runs) {
    for (const r of results) {
      if (r.kind === 'counter' || r.samples.length === 0) continue;
      const list = byKey.get(resultKey(r)) ?? [];
      list.push(r);
      byKey.set(resultKey(r), list);
    }
  }
  // Verdicts of every pair of runs, each pair judged as one check would judge it.
  const flagged = new Map<string, boolean[]>();
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      for (const v of decideAll(runs[i]!, runs[j]!, { thresholds, overrides: config.overrides })) {
        const key = resultKey(v);
        if (!byKey.has(key)) continue;
        const list = flagged.get(key) ?? [];
        list.push(v.verdict === 'regressed' || v.verdict === 'improved');
        flagged.set(key, list);
      }
    }
  }
  const z = normalQuantile(1 - 0.05 / 2) + normalQuantile(0.8);
  const rows: CalibrationRow[] = [];
  for (const [key, results] of byKey) {
    const first = results[0]!;
    const medians = results.map((r) => median(r.samples));
    let maxShift = 0;
    for (let i = 0; i < medians.length; i++)
      for (let j = i + 1; j < medians.length; j++)
        maxShift = Math.max(maxShift, Math.abs(medians[j]! / medians[i]! - 1));
    const cvs = results.map((r) => cv(r.samples)).filter(Number.isFinite);
    const cvWithin = cvs.length ? median(cvs) : Number.NaN;
    const cvBetween = cv(medians);
    const n = Math.round(median(results.map((r) => r.samples.length)));
    rows.push({
      benchmarkId: first.benchmarkId,
      metric: first.metric,
      unit: first.unit,
      runs: results.length,
      cvWithin,
      cvBetween,
      maxShift,
      falseAlarms: falseAlarmRate(flagged.get(key) ?? []),
      detectableWithin: minDetectableChange(cvWithin, n),
      // One run median per side: the difference of two medians has sd ~ cvBetween * sqrt(2).
      detectableBetween: Number.isFinite(cvBetween)
        ? Math.expm1(z * Math.SQRT2 * Math.sqrt(Math.log1p(cvBetween * cvBetween)))
        : Number.NaN,
      // A zero median (no GCs, no overruns) has no relative shift: nothing to suggest.
      suggestedNoise: suggestNoise(maxShift),
    });
  }
  return rows.sort((a, b) =>
    a.benchmarkId < b.benchmarkId ? -1 : a.benchmarkId > b.benchmarkId ? 1 : a.metric < b.metric ? -1 : 1,
  );
}
