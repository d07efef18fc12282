/**
 * Hand-written SVG charts for the HTML report, generated server-side: no chart library (nothing to
 * download or audit, a small file) and the charts render without JavaScript. Colours come from CSS
 * classes defined in assets/report.css, so the same markup follows the light or dark colour scheme.
 * Markers and reference lines carry an SVG `<title>` (a native tooltip; the report's script upgrades
 * them); a trend's per-point details come from the report's hover data (trend-points.ts), so a
 * chart's size does not grow with its history.
 */
import type { ChangePoint, SeriesPoint } from '../model/types.js';
import { escapeHtml } from './escape.js';
import {
  axisFormatter,
  directionText,
  formatDate,
  formatDay,
  formatPValueShort,
  formatSignedPercent,
  formatValue,
  niceTicks,
  quantileSorted,
  shortCommit,
} from './format.js';
import { environmentChanges, type ReportDistribution, type ReportSeries } from './model.js';
import { drawnIndices, type DrawnPointsOptions, type DrawnSeries } from './trend-points.js';

const W = 640;
const n2 = (v: number): string => (Math.round(v * 100) / 100).toString();

function title(text: string): string {
  return `<title>${escapeHtml(text)}</title>`;
}

interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Vertical axis: tick labels and grid lines; returns the y mapping. */
function yAxis(frame: Frame, lo: number, hi: number, unit: string): { y: (v: number) => number; svg: string } {
  const { ticks, step } = niceTicks(lo, hi, 5);
  const dlo = Math.min(lo, ticks[0] ?? lo);
  const dhi = Math.max(hi, ticks[ticks.length - 1] ?? hi);
  const span = dhi - dlo || 1;
  const y = (v: number): number => frame.bottom - ((v - dlo) / span) * (frame.bottom - frame.top);
  const fmt = axisFormatter(unit, dlo, dhi, step);
  const parts = ticks.map((t) => {
    const yy = n2(y(t));
    return (
      `<line class="grid" x1="${frame.left}" x2="${frame.right}" y1="${yy}" y2="${yy}"/>` +
      `<text class="tick" x="${frame.left - 6}" y="${yy}" dy="0.32em" text-anchor="end">${escapeHtml(fmt(t))}</text>`
    );
  });
  return { y, svg: parts.join('') };
}

/** Data range of finite values with 6% padding so lines do not touch the frame. */
function paddedRange(values: number[]): [number, number] {
  // A loop rather than Math.min(...values): sample arrays can exceed the engine's argument limit.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [0, 1];
  const pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.05 || 1;
  lo -= pad;
  hi += pad;
  return [lo, hi];
}

function pointTitle(p: SeriesPoint, unit: string): string {
  const lines = [
    `Run #${p.runId} · ${formatDate(p.startedAt)}`,
    `commit ${shortCommit(p.commit)}${p.branch ? ` (${p.branch})` : ''}${p.label ? ` · ${p.label}` : ''}`,
    `median ${formatValue(p.median, unit)}  ${Math.round(p.ci.level * 100)}% CI ` +
      `[${formatValue(p.ci.low, unit)}, ${formatValue(p.ci.high, unit)}]  n=${p.n}`,
  ];
  if (p.browserVersion || p.cpuModel) lines.push(`${p.browserVersion ?? '?'} · ${p.cpuModel ?? '?'}`);
  return lines.join('\n');
}

function changePointTitle(cp: ChangePoint, unit: string): string {
  return (
    `Change point at run #${cp.runId} (commit ${shortCommit(cp.commit)}): ` +
    `${formatValue(cp.medianBefore, unit)} → ${formatValue(cp.medianAfter, unit)} ` +
    `(${formatSignedPercent(cp.change)}), ` +
    `p = ${formatPValueShort(cp.pValue)} — ${cp.regression ? 'regression' : 'improvement'}`
  );
}

type Xy = readonly [number, number];

/**
 * Path data through `pts`: one absolute move, then relative steps between coordinates rounded to a
 * tenth of a unit (below a pixel at any size a chart is laid out at). Steps are differences of
 * rounded values, so rounding never accumulates, and a step between neighbouring runs takes a few
 * characters fewer than an absolute coordinate: with hundreds of points per chart, that counts.
 * `dots` makes each point a zero-length subpath, which a round line cap paints as a disc of the
 * stroke's width (SVG 2, "Stroke shape"): every dot in one element instead of a circle each.
 */
function pathThrough(pts: readonly Xy[], dots = false): string {
  let d = '';
  let px = 0;
  let py = 0;
  pts.forEach(([x, y], k) => {
    const tx = Math.round(x * 10);
    const ty = Math.round(y * 10);
    d += k === 0 ? `M${tx / 10},${ty / 10}` : `${dots ? 'm' : 'l'}${(tx - px) / 10},${(ty - py) / 10}`;
    if (dots) d += 'h0';
    px = tx;
    py = ty;
  });
  return d;
}

/** Runs of consecutive points whose values are all finite. */
function finiteRuns(n: number, finite: (i: number) => boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < n) {
    if (!finite(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && finite(j + 1)) j++;
    runs.push([i, j]);
    i = j + 1;
  }
  return runs;
}

/** Path through finite points; a non-finite point breaks the line instead of dropping to zero. */
function linePath(xs: readonly number[], ys: readonly number[]): string {
  return finiteRuns(xs.length, (i) => Number.isFinite(ys[i]!))
    .map(([i, j]) => pathThrough(xs.slice(i, j + 1).map((x, k) => [x, ys[i + k]!] as const)))
    .join('');
}

/** Closed band between two lines, one polygon per run of finite points. */
function bandPath(xs: readonly number[], lows: readonly number[], highs: readonly number[]): string {
  return finiteRuns(xs.length, (i) => Number.isFinite(lows[i]!) && Number.isFinite(highs[i]!))
    .map(([i, j]) => {
      const ring: Xy[] = [];
      if (i === j) {
        // A single point gets a small visible width.
        const x = xs[i]!;
        ring.push([x - 2, highs[i]!], [x + 2, highs[i]!], [x + 2, lows[i]!], [x - 2, lows[i]!]);
      } else {
        for (let k = i; k <= j; k++) ring.push([xs[k]!, highs[k]!]);
        for (let k = j; k >= i; k--) ring.push([xs[k]!, lows[k]!]);
      }
      return `${pathThrough(ring)}Z`;
    })
    .join('');
}

/** One path of dots at the finite points. */
function dotsPath(xs: readonly number[], ys: readonly number[]): string {
  const pts: Xy[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(ys[i]!)) pts.push([xs[i]!, ys[i]!]);
  return pathThrough(pts, true);
}

export interface TrendChartOptions extends DrawnPointsOptions {
  /** Highlights the point of this run (the report's latest run). */
  latestRunId?: number;
  baselineRunId?: number;
  /** Index of this chart's entry in the report's hover data (data-series); none without hover data. */
  seriesIndex?: number;
}

/** A trend chart and, when it has points, what it drew where (for the hover data). */
export interface TrendChart {
  svg: string;
  drawn: DrawnSeries | null;
}

/** Trend of a series' medians with CI band, reference lines, change points and environment changes. */
export function renderTrendChart(s: ReportSeries, opts: TrendChartOptions = {}): string {
  return trendChart(s, opts).svg;
}

/**
 * The trend chart of a series. Long histories are downsampled (trend-points.ts): the line, band
 * and dots go through at most MAX_DRAWN_POINTS points, change points and the newest runs exact.
 * The dots are one path of zero-length round-capped segments, not one element per point: the
 * page's cost no longer grows with the history. Per-point details come from the hover data; the
 * latest and baseline points keep a circle with a native tooltip, which works without script.
 */
export function trendChart(s: ReportSeries, opts: TrendChartOptions = {}): TrendChart {
  const H = 240;
  const frame: Frame = { left: 70, right: W - 16, top: 16, bottom: H - 38 };
  const pts = s.points;
  const n = pts.length;
  const drawnIdx = n === 0 ? [] : drawnIndices(s, opts);
  const attrs =
    `class="trend-chart" viewBox="0 0 ${W} ${H}" role="img" preserveAspectRatio="xMidYMid meet" ` +
    `data-benchmark="${escapeHtml(s.benchmarkId)}" data-metric="${escapeHtml(s.metric)}" data-points="${n}" ` +
    `data-drawn="${drawnIdx.length}"` +
    (opts.seriesIndex === undefined || n === 0 ? '' : ` data-series="${opts.seriesIndex}"`);
  const head = `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${title(`${s.benchmarkId} · ${s.metric} (${s.unit}, ${directionText(s.direction)})`)}`;
  if (n === 0) {
    return {
      svg: `${head}<text class="empty" x="${W / 2}" y="${H / 2}" text-anchor="middle">no history yet</text></svg>`,
      drawn: null,
    };
  }

  // The y range covers every point, drawn or not: a dropped outlier still sets the scale.
  const values: number[] = [];
  for (const p of pts) values.push(p.median, p.ci.low, p.ci.high);
  if (s.baselineMedian !== undefined) values.push(s.baselineMedian);
  if (s.budgetLimit !== undefined) values.push(s.budgetLimit);
  const [lo, hi] = paddedRange(values);
  const axis = yAxis(frame, lo, hi, s.unit);
  const y = axis.y;
  const plotW = frame.right - frame.left;
  const x = (i: number): number => (n === 1 ? frame.left + plotW / 2 : frame.left + (i * plotW) / (n - 1));
  const drawn = drawnIdx.map((i) => pts[i]!);
  const xs = drawnIdx.map((i) => x(i));
  const out: string[] = [head, axis.svg];

  // x ticks: dates, or run ids when every run is from the same day.
  const sameDay = formatDay(pts[0]!.startedAt) === formatDay(pts[n - 1]!.startedAt);
  const tickCount = Math.min(n, 6);
  const tickIdx = new Set<number>();
  for (let k = 0; k < tickCount; k++) tickIdx.add(tickCount === 1 ? 0 : Math.round((k * (n - 1)) / (tickCount - 1)));
  for (const i of tickIdx) {
    const p = pts[i]!;
    const label = sameDay ? `#${p.runId}` : formatDay(p.startedAt).slice(5);
    out.push(
      `<text class="tick" x="${n2(x(i))}" y="${frame.bottom + 16}" text-anchor="middle">${escapeHtml(label)}</text>`,
    );
  }
  out.push(`<path class="axis" d="M${frame.left},${frame.top}V${frame.bottom}H${frame.right}"/>`);

  // Environment changes: dotted verticals, behind the data.
  for (const ec of environmentChanges(pts)) {
    const xc = n2((x(ec.index - 1) + x(ec.index)) / 2);
    const text = ec.what.map((w) => `${w.field === 'browser' ? 'Browser' : 'CPU'}: ${w.from} → ${w.to}`).join('\n');
    out.push(
      `<g class="env-change">${title(`Environment change at run #${pts[ec.index]!.runId}\n${text}`)}` +
        `<line x1="${xc}" x2="${xc}" y1="${frame.top}" y2="${frame.bottom}"/>` +
        `<text x="${xc}" y="${frame.bottom - 4}" text-anchor="middle">env</text></g>`,
    );
  }

  out.push(
    `<path class="ci-band" d="${bandPath(
      xs,
      drawn.map((p) => y(p.ci.low)),
      drawn.map((p) => y(p.ci.high)),
    )}"/>`,
  );

  // Segment medians between change points (the levels the change points separate).
  const cps = [...s.changePoints].filter((c) => c.index > 0 && c.index < n).sort((a, b) => a.index - b.index);
  if (cps.length > 0) {
    const cuts = [0, ...cps.map((c) => c.index), n];
    const levels = [cps[0]!.medianBefore, ...cps.map((c) => c.medianAfter)];
    levels.forEach((level, k) => {
      if (!Number.isFinite(level)) return;
      const yy = n2(y(level));
      out.push(`<line class="segment" x1="${n2(x(cuts[k]!))}" x2="${n2(x(cuts[k + 1]! - 1))}" y1="${yy}" y2="${yy}"/>`);
    });
  }

  const ref = (cls: string, v: number | undefined, label: string): void => {
    if (v === undefined || !Number.isFinite(v)) return;
    const yy = n2(y(v));
    out.push(
      `<g class="ref ${cls}">${title(`${label}: ${formatValue(v, s.unit)}`)}` +
        `<line x1="${frame.left}" x2="${frame.right}" y1="${yy}" y2="${yy}"/>` +
        `<text x="${frame.right - 2}" y="${yy}" dy="-0.35em" text-anchor="end">${escapeHtml(label)}</text></g>`,
    );
  };
  ref('baseline', s.baselineMedian, 'baseline median');
  ref('budget', s.budgetLimit, 'budget');

  const medianYs = drawn.map((p) => y(p.median));
  out.push(`<path class="median-line" d="${linePath(xs, medianYs)}"/>`);

  for (const cp of cps) {
    const xc = (x(cp.index - 1) + x(cp.index)) / 2;
    const cls = cp.regression ? 'cp cp-bad' : 'cp cp-good';
    out.push(
      `<g class="${cls}" data-index="${cp.index}">${title(changePointTitle(cp, s.unit))}` +
        `<line x1="${n2(xc)}" x2="${n2(xc)}" y1="${frame.top}" y2="${frame.bottom}"/>` +
        `<path d="M${n2(xc - 6)},${frame.top - 2}L${n2(xc + 6)},${frame.top - 2}L${n2(xc)},${frame.top + 8}Z"/></g>`,
    );
  }

  const r = drawn.length > 150 ? 1.6 : drawn.length > 60 ? 2.2 : 3;
  out.push(`<path class="pts" stroke-width="${n2(r * 2)}" d="${dotsPath(xs, medianYs)}"/>`);
  // The latest and baseline runs: a circle each, with the native tooltip of the unscripted page.
  drawn.forEach((p, k) => {
    const cls = ['pt'];
    if (p.runId === opts.latestRunId) cls.push('pt-latest');
    if (p.runId === opts.baselineRunId) cls.push('pt-baseline');
    if (cls.length === 1 || !Number.isFinite(p.median)) return;
    out.push(
      `<circle class="${cls.join(' ')}" cx="${n2(xs[k]!)}" cy="${n2(medianYs[k]!)}" r="${r + 1.5}">` +
        `${title(pointTitle(p, s.unit))}</circle>`,
    );
  });
  out.push('</svg>');
  return { svg: out.join(''), drawn: { series: s, indices: drawnIdx, x, y } };
}

/** Deterministic jitter in [-0.5, 0.5) (a fixed hash, so the same report renders identically). */
function jitter(i: number, salt: number): number {
  const v = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return v - Math.floor(v) - 0.5;
}

/** At most `max` values, evenly strided, to keep the file small for very long sample sets. */
function thin(values: readonly number[], max: number): number[] {
  if (values.length <= max) return [...values];
  const stride = values.length / max;
  return Array.from({ length: max }, (_, k) => values[Math.floor(k * stride)]!);
}

export const MAX_DRAWN_SAMPLES = 400;

/**
 * Box plot (quartiles, Tukey whiskers at 1.5 IQR, median) over a strip plot of the raw samples,
 * baseline above candidate on a shared axis.
 */
export function renderDistChart(d: ReportDistribution): string {
  const rowH = 46;
  const frame: Frame = { left: 110, right: W - 16, top: 10, bottom: 10 + rowH * 2 };
  const H = frame.bottom + 30;
  const rows = [
    { name: 'baseline', cls: 'base', samples: d.baseline.filter(Number.isFinite) },
    { name: 'candidate', cls: 'cand', samples: d.candidate.filter(Number.isFinite) },
  ];
  const [lo, hi] = paddedRange([...rows[0]!.samples, ...rows[1]!.samples]);
  const { ticks, step } = niceTicks(lo, hi, 6);
  const dlo = Math.min(lo, ticks[0] ?? lo);
  const dhi = Math.max(hi, ticks[ticks.length - 1] ?? hi);
  const span = dhi - dlo || 1;
  const x = (v: number): number => frame.left + ((v - dlo) / span) * (frame.right - frame.left);
  const fmt = axisFormatter(d.unit, dlo, dhi, step);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="dist-chart" viewBox="0 0 ${W} ${H}" role="img" ` +
      `data-benchmark="${escapeHtml(d.benchmarkId)}" data-metric="${escapeHtml(d.metric)}">` +
      title(`${d.benchmarkId} · ${d.metric}: samples of baseline and candidate`),
  ];
  for (const t of ticks) {
    const xx = n2(x(t));
    out.push(
      `<line class="grid" x1="${xx}" x2="${xx}" y1="${frame.top}" y2="${frame.bottom}"/>` +
        `<text class="tick" x="${xx}" y="${frame.bottom + 16}" text-anchor="middle">${escapeHtml(fmt(t))}</text>`,
    );
  }
  out.push(`<path class="axis" d="M${frame.left},${frame.bottom}H${frame.right}"/>`);
  rows.forEach((row, k) => {
    const cy = frame.top + rowH * k + rowH / 2;
    const sorted = [...row.samples].sort((a, b) => a - b);
    out.push(
      `<text class="row-label" x="${frame.left - 8}" y="${cy}" dy="-0.2em" text-anchor="end">${row.name}</text>` +
        `<text class="tick" x="${frame.left - 8}" y="${cy}" dy="1.1em" text-anchor="end">n=${sorted.length}</text>`,
    );
    if (sorted.length === 0) return;
    const q1 = quantileSorted(sorted, 0.25);
    const med = quantileSorted(sorted, 0.5);
    const q3 = quantileSorted(sorted, 0.75);
    const iqr = q3 - q1;
    const wLo = sorted.find((v) => v >= q1 - 1.5 * iqr) ?? sorted[0]!;
    const wHi = [...sorted].reverse().find((v) => v <= q3 + 1.5 * iqr) ?? sorted[sorted.length - 1]!;
    const boxH = 20;
    const summary =
      `${row.name}: median ${formatValue(med, d.unit)}, ` +
      `IQR [${formatValue(q1, d.unit)}, ${formatValue(q3, d.unit)}], ` +
      `whiskers [${formatValue(wLo, d.unit)}, ${formatValue(wHi, d.unit)}], n=${sorted.length}`;
    const shown = thin(row.samples, MAX_DRAWN_SAMPLES);
    const pts = dotsPath(
      shown.map((v) => x(v)),
      shown.map((_, i) => cy + jitter(i, k) * (rowH - 10)),
    );
    out.push(
      `<path class="samples ${row.cls}" d="${pts}"/>` +
        `<g class="box ${row.cls}">${title(summary)}` +
        `<path class="whisker" d="M${n2(x(wLo))},${cy}H${n2(x(q1))}M${n2(x(q3))},${cy}H${n2(x(wHi))}` +
        `M${n2(x(wLo))},${cy - 6}V${cy + 6}M${n2(x(wHi))},${cy - 6}V${cy + 6}"/>` +
        `<rect x="${n2(x(q1))}" y="${cy - boxH / 2}" ` +
        `width="${n2(Math.max(1, x(q3) - x(q1)))}" height="${boxH}" rx="2"/>` +
        `<path class="median" d="M${n2(x(med))},${cy - boxH / 2 - 3}V${cy + boxH / 2 + 3}"/></g>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}
