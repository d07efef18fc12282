/**
 * A synthetic report over a long history, built in memory from a seeded generator: `runs` runs,
 * `series` benchmark histories with level shifts marked as change points (placed, not detected:
 * E-divisive over 140 x 1,000 points would make a unit test slow), a verdict per series, and
 * distributions for a quarter of them. Its shape follows the store behind issue 16 (1,000 runs
 * gave 36 MB and 165,402 circles): environments with the harness's real launch flags, a browser
 * upgrade every 300 runs. scripts/bench/report-open.ts renders the same model at any size.
 */
import type { ChangePoint, Environment, Run, SeriesPoint, Verdict } from '../../src/model/types.js';
import type { Rng } from '../../src/stats/prng.js';
import { BASE_FLAGS } from '../../src/browser/launch.js';
import type { ReportData, ReportDistribution, ReportSeries } from '../../src/report/model.js';

export interface SyntheticOptions {
  /** Benchmark histories (trend charts); default 140. */
  series?: number;
  /** Level shifts per series; default 3. */
  shifts?: number;
}

function environment(id: number): Environment {
  const browser = `Chrome/${150 + Math.floor(id / 300)}.0.${7800 + Math.floor(id / 300)}.114`;
  return {
    browserVersion: browser,
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/${browser}`,
    os: 'Linux 6.8 x64',
    cpuModel: 'AMD EPYC 7B13',
    cpuCores: 2,
    nodeVersion: 'v20.20.2',
    harnessVersion: '0.1.0',
    // The harness's real flags: the environment table's widest cell.
    launchFlags: [...BASE_FLAGS],
    timerResolutionMs: 0.005,
    crossOriginIsolated: true,
  };
}

function run(id: number, rng: Rng): Run {
  const start = Date.UTC(2024, 0, 1) + id * 6 * 3600_000;
  return {
    id,
    uuid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 20 * 60_000).toISOString(),
    status: 'complete',
    git: {
      commit: Math.floor(rng() * 2 ** 32)
        .toString(16)
        .padStart(8, '0')
        .repeat(5),
      branch: 'main',
      dirty: false,
    },
    label: id % 4 === 0 ? `nightly-${id / 4}` : null,
    environment: environment(id),
    warnings: [],
    error: null,
    suites: ['diffing', 'reactivity', 'scheduler', 'pools', 'memo', 'wasm'],
  };
}

const SUITES = ['diffing', 'reactivity', 'scheduler', 'pools', 'memo', 'wasm'];

/** A normal deviate (Box-Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function series(k: number, runs: readonly Run[], rng: Rng, shifts: number): ReportSeries {
  const suite = SUITES[k % SUITES.length]!;
  const benchmarkId = `${suite}/bench-${k}?size=${100 * (1 + (k % 5))}`;
  const n = runs.length;
  // Shift positions: distinct, at least 10 runs from either end and from each other.
  const cuts: number[] = [];
  for (let tries = 0; cuts.length < shifts && tries < 100; tries++) {
    const c = 10 + Math.floor(rng() * Math.max(1, n - 20));
    if (c < n - 10 && cuts.every((x) => Math.abs(x - c) >= 10)) cuts.push(c);
  }
  cuts.sort((a, b) => a - b);
  const base = 0.001 * 10 ** (rng() * 4);
  const levels = [base];
  for (let j = 0; j < cuts.length; j++) levels.push(levels[j]! * (rng() < 0.5 ? 0.8 : 1.25));
  let segment = 0;
  const points: SeriesPoint[] = runs.map((r, i) => {
    while (segment < cuts.length && i >= cuts[segment]!) segment++;
    const m = levels[segment]! * Math.exp(0.03 * normal(rng));
    return {
      runId: r.id,
      runUuid: r.uuid,
      startedAt: r.startedAt,
      commit: r.git.commit,
      branch: r.git.branch,
      label: r.label,
      browserVersion: r.environment?.browserVersion ?? null,
      cpuModel: r.environment?.cpuModel ?? null,
      median: m,
      ci: { low: m * (1 - 0.02 - 0.02 * rng()), high: m * (1 + 0.02 + 0.02 * rng()), level: 0.95 },
      n: 30,
    };
  });
  const changePoints: ChangePoint[] = cuts.map((index, j) => ({
    benchmarkId,
    metric: 'time',
    index,
    runId: points[index]!.runId,
    commit: points[index]!.commit,
    medianBefore: levels[j]!,
    medianAfter: levels[j + 1]!,
    change: levels[j + 1]! / levels[j]! - 1,
    pValue: 0.001,
    regression: levels[j + 1]! > levels[j]!,
  }));
  return { benchmarkId, suite, metric: 'time', unit: 'ms', direction: 'lower', points, changePoints };
}

/** The synthetic report: oldest run first in the series, newest first in `runs`, as report-data gives them. */
export function syntheticHistory(runCount: number, rng: Rng, opts: SyntheticOptions = {}): ReportData {
  const runs = Array.from({ length: runCount }, (_, i) => run(i + 1, rng));
  const all = Array.from({ length: opts.series ?? 140 }, (_, k) => series(k, runs, rng, opts.shifts ?? 3));
  const latest = runs[runs.length - 1]!;
  const baselineRun = runs[Math.max(0, runs.length - 8)]!;
  const verdicts: Verdict[] = all.map((s) => ({
    benchmarkId: s.benchmarkId,
    metric: s.metric,
    unit: s.unit,
    direction: s.direction,
    verdict: 'unchanged',
    explanation: 'unchanged: change within ±5%, p_adj = 0.41, n=30/30',
    threshold: 0.05,
  }));
  const distributions: ReportDistribution[] = all
    .filter((_, k) => k % 4 === 0)
    .map((s) => {
      const m = s.points[s.points.length - 1]!.median;
      const draw = (): number[] => Array.from({ length: 400 }, () => m * Math.exp(0.05 * normal(rng)));
      return { benchmarkId: s.benchmarkId, metric: s.metric, unit: s.unit, baseline: draw(), candidate: draw() };
    });
  for (const s of all) s.baselineMedian = s.points[runs.length - 8]?.median;
  return {
    generatedAt: latest.endedAt ?? latest.startedAt,
    harnessVersion: '0.1.0',
    run: latest,
    baselineName: 'main',
    baselineRun,
    verdicts,
    budgets: [],
    envWarnings: [],
    series: all,
    runs: [...runs].reverse(),
    distributions,
  };
}
