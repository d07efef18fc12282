/**
 * Which points of a history a trend chart draws, and the compact data its hover reads. A report
 * over 1,000 runs used to draw every point as an SVG circle with its own <title> (36 MB, 5.7 s to
 * load); now each chart draws at most MAX_DRAWN_POINTS points, and the hover details of those points
 * sit in one inline JSON block the report's script reads on first use.
 */
import { downsampleLttb } from './downsample.js';
import { formatDate, pickScale, shortCommit } from './format.js';
import type { ReportSeries } from './model.js';

/**
 * Points a chart draws at most: one per 2.8 units of its 554-unit-wide plot, about a pixel and a
 * half on a laptop screen's two-column grid; more would add bytes, not detail.
 */
export const MAX_DRAWN_POINTS = 200;
/** The newest runs are always drawn as measured: they are what a reader of a nightly report checks. */
export const NEWEST_EXACT = 30;

export interface DrawnPointsOptions {
  latestRunId?: number;
  baselineRunId?: number;
  maxPoints?: number;
  newestExact?: number;
}

/**
 * Indices of the points a chart draws, ascending. Besides first and last (which LTTB always keeps),
 * these are never dropped: both sides of every change point (so the step is drawn where it is),
 * the newest `newestExact` runs, the latest and baseline runs (highlighted), and the first of each
 * run of non-finite values (so the line still breaks there).
 */
export function drawnIndices(s: ReportSeries, opts: DrawnPointsOptions = {}): number[] {
  const pts = s.points;
  const n = pts.length;
  const keep: number[] = [];
  for (const cp of s.changePoints) if (cp.index > 0 && cp.index < n) keep.push(cp.index - 1, cp.index);
  for (let i = Math.max(0, n - (opts.newestExact ?? NEWEST_EXACT)); i < n; i++) keep.push(i);
  pts.forEach((p, i) => {
    if (p.runId === opts.latestRunId || p.runId === opts.baselineRunId) keep.push(i);
    if (!Number.isFinite(p.median) && (i === 0 || Number.isFinite(pts[i - 1]!.median))) keep.push(i);
  });
  return downsampleLttb(
    pts.map((p) => p.median),
    opts.maxPoints ?? MAX_DRAWN_POINTS,
    keep,
  );
}

/** Rounds to 4 significant digits: what a tooltip shows, in a quarter of the characters. */
export function sig4(v: number): number | null {
  return Number.isFinite(v) ? Number(v.toPrecision(4)) : null;
}

/** One drawn point: SVG x and y (0.1 unit), index into `runs`, median, CI low, CI high, n. */
export type HoverPoint = [
  x: number,
  y: number,
  run: number,
  median: number | null,
  low: number | null,
  high: number | null,
  n: number,
];

/** One run as the tooltip names it: id, date (UTC), short commit, branch, label, index into `envs`. */
export type HoverRun = [id: number, date: string, commit: string, branch: string, label: string, env: number];

export interface HoverSeries {
  /** Display unit and the factor that converts stored values to it (one scale per chart, like its axis). */
  unit: string;
  factor: number;
  /** CI level in percent. */
  level: number;
  points: HoverPoint[];
}

/** What the report's script reads to show a tooltip; `series[k]` belongs to the chart with data-series="k". */
export interface HoverData {
  runs: HoverRun[];
  /** [browser version, CPU model] pairs, shared by the runs: thousands of runs share a handful. */
  envs: Array<[browser: string, cpu: string]>;
  series: HoverSeries[];
}

/** The drawn points of one chart, in SVG coordinates, as the chart placed them. */
export interface DrawnSeries {
  series: ReportSeries;
  indices: number[];
  x: (i: number) => number;
  y: (v: number) => number;
}

const r1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * The hover data of every chart. Runs and environments are listed once, sorted by run id and by
 * first appearance, so the same report data always gives the same bytes.
 */
export function hoverData(charts: readonly DrawnSeries[]): HoverData {
  const runIds = new Set<number>();
  for (const c of charts) for (const i of c.indices) runIds.add(c.series.points[i]!.runId);
  const sortedIds = [...runIds].sort((a, b) => a - b);
  const runIndex = new Map(sortedIds.map((id, k) => [id, k]));
  const runs: HoverRun[] = new Array(sortedIds.length);
  const envs: HoverData['envs'] = [];
  const envIndex = new Map<string, number>();
  for (const c of charts) {
    for (const i of c.indices) {
      const p = c.series.points[i]!;
      const k = runIndex.get(p.runId)!;
      if (runs[k]) continue;
      const browser = p.browserVersion ?? '';
      const cpu = p.cpuModel ?? '';
      const key = JSON.stringify([browser, cpu]);
      let env = envIndex.get(key);
      if (env === undefined) {
        env = envs.length;
        envIndex.set(key, env);
        envs.push([browser, cpu]);
      }
      runs[k] = [
        p.runId,
        formatDate(p.startedAt),
        p.commit ? shortCommit(p.commit) : '',
        p.branch ?? '',
        p.label ?? '',
        env,
      ];
    }
  }
  const series = charts.map((c): HoverSeries => {
    const pts = c.series.points;
    let mag = 0;
    for (const i of c.indices) if (Number.isFinite(pts[i]!.median)) mag = Math.max(mag, Math.abs(pts[i]!.median));
    const scale = pickScale(c.series.unit, mag);
    const first = pts[c.indices[0] ?? 0];
    return {
      unit: scale.unit,
      factor: scale.factor,
      level: first ? Math.round(first.ci.level * 100) : 95,
      points: c.indices.map((i): HoverPoint => {
        const p = pts[i]!;
        const finite = Number.isFinite(p.median);
        return [
          r1(c.x(i)),
          finite ? r1(c.y(p.median)) : 0,
          runIndex.get(p.runId)!,
          sig4(p.median),
          sig4(p.ci.low),
          sig4(p.ci.high),
          p.n,
        ];
      }),
    };
  });
  return { runs, envs, series };
}
