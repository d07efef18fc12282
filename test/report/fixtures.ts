/**
 * Hand-built ReportData for the report-format tests: small, deterministic (seeded noise), with
 * every verdict kind, a failed and a passed budget, a change point and an environment change.
 */
import type {
  BudgetResult,
  Comparison,
  Direction,
  Environment,
  Run,
  SeriesPoint,
  Summary,
  Verdict,
  VerdictKind,
} from '../../src/model/types.js';
import { changePointsForSeries } from '../../src/stats/changepoint.js';
import { createRng } from '../../src/stats/prng.js';
import type { ReportData, ReportDistribution, ReportSeries } from '../../src/report/model.js';

export const EVIL = '<script>alert(1)</script> "quotes" & \'apos\' | pipe';

function env(browser: string, cpu = 'Intel(R) Xeon(R) CPU @ 2.20GHz'): Environment {
  return {
    browserVersion: browser,
    userAgent: `Mozilla/5.0 HeadlessChrome/${browser}`,
    os: 'Linux 6.1 x64',
    cpuModel: cpu,
    cpuCores: 2,
    nodeVersion: 'v20.20.2',
    harnessVersion: '0.1.0',
    launchFlags: ['--headless=new', '--no-sandbox'],
    timerResolutionMs: 0.005,
    crossOriginIsolated: true,
  };
}

export function makeRun(id: number, over: Partial<Run> = {}): Run {
  return {
    id,
    uuid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    startedAt: new Date(Date.UTC(2025, 0, 1 + id, 3, 0)).toISOString(),
    endedAt: new Date(Date.UTC(2025, 0, 1 + id, 3, 20)).toISOString(),
    status: 'complete',
    git: {
      commit: `${id.toString(16).padStart(4, '0')}abcdef0123456789abcdef0123456789ab`,
      branch: 'main',
      dirty: false,
    },
    label: null,
    environment: env(id >= 15 ? 'Chrome/131.0.6778.85' : 'Chrome/130.0.6723.58'),
    warnings: [],
    error: null,
    suites: ['diffing', 'reactivity'],
    ...over,
  };
}

function summary(median: number, n = 30): Summary {
  return {
    n,
    mean: median * 1.01,
    median,
    stdev: median * 0.03,
    mad: median * 0.02,
    cv: 0.03,
    min: median * 0.94,
    max: median * 1.1,
    p75: median * 1.02,
    p95: median * 1.06,
    p99: median * 1.09,
    outliers: 1,
    medianCI: { low: median * 0.98, high: median * 1.02, level: 0.95 },
  };
}

function comparison(
  id: string,
  metric: string,
  unit: string,
  direction: Direction,
  base: number,
  ratio: number,
  p: number,
): Comparison {
  return {
    benchmarkId: id,
    metric,
    unit,
    direction,
    kind: 'time',
    baseline: summary(base),
    candidate: summary(base * ratio),
    ratio,
    ratioCI: { low: ratio - 0.03, high: ratio + 0.03, level: 0.95 },
    shift: base * (ratio - 1),
    shiftCI: { low: base * (ratio - 1.03), high: base * (ratio - 0.97), level: 0.95 },
    pMannWhitney: p,
    pWelch: p,
    pAdjusted: Math.min(1, p * 3),
  };
}

function verdict(
  id: string,
  metric: string,
  kind: VerdictKind,
  ratio: number | null,
  unit = 'ms',
  direction: Direction = 'lower',
): Verdict {
  const c =
    ratio === null
      ? undefined
      : comparison(id, metric, unit, direction, 1.25, ratio, kind === 'unchanged' ? 0.4 : 0.0004);
  return {
    benchmarkId: id,
    metric,
    unit,
    direction,
    verdict: kind,
    ...(kind === 'regressed' ? { severity: 'major' as const } : {}),
    ...(c ? { comparison: c } : {}),
    explanation: `${kind}: median 1.25 ms → ${ratio ?? '?'}×, p_adj < 0.01, threshold ±5%, n=30/30`,
    threshold: 0.05,
  };
}

function seriesPoints(runs: Run[], level: (i: number) => number, seed: number): SeriesPoint[] {
  const rng = createRng(seed);
  return runs.map((run, i) => {
    const m = level(i) * (1 + 0.02 * (rng() - 0.5));
    return {
      runId: run.id,
      runUuid: run.uuid,
      startedAt: run.startedAt,
      commit: run.git.commit,
      branch: run.git.branch,
      label: run.label,
      browserVersion: run.environment?.browserVersion ?? null,
      cpuModel: run.environment?.cpuModel ?? null,
      median: m,
      ci: { low: m * 0.97, high: m * 1.03, level: 0.95 },
      n: 30,
    };
  });
}

function samples(seed: number, level: number, n: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => level * Math.exp(0.04 * (rng() + rng() + rng() - 1.5)));
}

export interface FixtureOptions {
  /** Put hostile text into every user-provided string. */
  evil?: boolean;
  /** Extra unchanged verdicts (for size limits). */
  extraUnchanged?: number;
}

export function makeReportData(opts: FixtureOptions = {}): ReportData {
  const evil = opts.evil ?? false;
  const name = (s: string): string => (evil ? `${s}-${EVIL}` : s);
  // Runs 1..20, oldest first; the environment changes at run 15 (browser upgrade).
  const runs = Array.from({ length: 20 }, (_, i) =>
    makeRun(i + 1, evil ? { label: EVIL, git: { commit: `c0ffee${i}`, branch: EVIL, dirty: i === 19 } } : {}),
  );
  const latest = runs[19]!;
  const baselineRun = runs[9]!;
  if (evil) latest.warnings = [`warning ${EVIL}`];

  const idA = name('diffing/create-rows?rows=1000');
  const idB = name('reactivity/update-signal?n=100');
  const idC = 'diffing/swap-rows?rows=1000';

  const verdicts: Verdict[] = [
    verdict(idA, 'time', 'regressed', 1.31),
    verdict(idB, 'time', 'improved', 0.8),
    verdict(idC, 'time', 'unchanged', 1.01),
    verdict(idA, 'patches', 'unchanged', 1.0, 'count'),
    verdict('reactivity/batch?n=10', 'time', 'inconclusive', 1.04),
    verdict('reactivity/new-bench', 'time', 'new', null),
    verdict('diffing/gone', 'time', 'missing', null),
    verdict('diffing/crash', 'time', 'errored', null),
  ];
  for (let i = 0; i < (opts.extraUnchanged ?? 0); i++) {
    verdicts.push(verdict(`bulk/bench-${i}?${'p'.repeat(40)}=${i}`, 'time', 'unchanged', 1 + (i % 7) / 1000));
  }

  const budgets: BudgetResult[] = [
    {
      budget: {
        benchmark: 'diffing/*',
        metric: 'time',
        stat: 'median',
        op: '<',
        limit: 1.5,
        description: evil ? EVIL : 'frame budget share',
      },
      benchmarkId: idA,
      value: 1.64,
      passed: false,
      explanation: `median 1.64 ms is not < 1.5 ms${evil ? ` ${EVIL}` : ''}`,
    },
    {
      budget: { benchmark: 'reactivity/*', metric: 'time', stat: 'p95', op: '<', limit: 5 },
      benchmarkId: idB,
      value: 1.1,
      passed: true,
      explanation: 'p95 1.10 ms < 5 ms',
    },
  ];

  const mk = (
    benchmarkId: string,
    suite: string,
    metric: string,
    unit: string,
    direction: Direction,
    points: SeriesPoint[],
    extra: Partial<ReportSeries>,
  ): ReportSeries => ({
    benchmarkId,
    suite,
    metric,
    unit,
    direction,
    points,
    changePoints: changePointsForSeries(points, { benchmarkId, metric, direction }, { seed: 1, minSize: 4 }),
    ...extra,
  });
  const series: ReportSeries[] = [
    // A regression at run 13 (index 12).
    mk(
      idA,
      'diffing',
      'time',
      'ms',
      'lower',
      seriesPoints(runs, (i) => (i < 12 ? 1.25 : 1.64), 1),
      { baselineMedian: 1.25, budgetLimit: 1.5 },
    ),
    // An improvement at run 9 (index 8), sub-millisecond values (µs formatting).
    mk(
      idB,
      'reactivity',
      'time',
      'ms',
      'lower',
      seriesPoints(runs, (i) => (i < 8 ? 0.012 : 0.0096), 2),
      { baselineMedian: 0.0096 },
    ),
    // Flat counter.
    mk(
      idA,
      'diffing',
      'patches',
      'count',
      'lower',
      seriesPoints(runs, () => 1000, 3),
      {},
    ),
  ];

  const distributions: ReportDistribution[] = [
    { benchmarkId: idA, metric: 'time', unit: 'ms', baseline: samples(4, 1.25, 30), candidate: samples(5, 1.64, 30) },
    {
      benchmarkId: idB,
      metric: 'time',
      unit: 'ms',
      baseline: samples(6, 0.012, 30),
      candidate: samples(7, 0.0096, 500),
    },
  ];

  return {
    generatedAt: '2025-01-21T04:00:00.000Z',
    harnessVersion: '0.1.0',
    run: latest,
    baselineName: evil ? EVIL : 'main',
    baselineRun,
    verdicts,
    budgets,
    envWarnings: [
      `browser differs from the baseline: Chrome/131.0.6778.85 vs Chrome/130.0.6723.58${evil ? ` ${EVIL}` : ''}`,
    ],
    series,
    runs: [...runs].reverse(),
    distributions,
  };
}
