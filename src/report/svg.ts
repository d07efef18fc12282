/**
 * Hand-written SVG charts for the HTML report, generated server-side: no chart library (nothing to
 * download or audit, a small file) and the charts render without JavaScript. Colours come from CSS
 * classes defined in assets/report.css, so the same markup follows the light or dark colour scheme.
 * Hover details use SVG `<title>` (native tooltips; the report's script upgrades them).
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

/** Path through finite points; a non-finite point breaks the line instead of dropping to zero. */
function linePath(xs: number[], ys: number[]): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(ys[i]!)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${n2(xs[i]!)},${n2(ys[i]!)}`;
    pen = true;
  }
  return d;
}

/** Closed band between two lines, one polygon per run of finite points. */
function bandPath(xs: number[], lows: number[], highs: number[]): string {
  let d = '';
  let i = 0;
  while (i < xs.length) {
    if (!Number.isFinite(lows[i]!) || !Number.isFinite(highs[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < xs.length && Number.isFinite(lows[j + 1]!) && Number.isFinite(highs[j + 1]!)) j++;
    // A single point gets a small visible width.
    const widen = i === j ? 2 : 0;
    let part = `M${n2(xs[i]! - widen)},${n2(highs[i]!)}`;
    for (let k = i; k <= j; k++) part += `L${n2(xs[k]! + (k === j ? widen : 0))},${n2(highs[k]!)}`;
    for (let k = j; k >= i; k--) part += `L${n2(xs[k]! + (k === j ? widen : k === i ? -widen : 0))},${n2(lows[k]!)}`;
    d += `${part}Z`;
    i = j + 1;
  }
  return d;
}

export interface TrendChartOptions {
  /** Highlights the point of this run (the report's latest run). */
  latestRunId?: number;
  baselineRunId?: number;
}

/** Trend of a series' medians with CI band, reference lines, change points and environment changes. */
export function renderTrendChart(s: ReportSeries, opts: TrendChartOptions = {}): string {
  const H = 240;
  const frame: Frame = { left: 70, right: W - 16, top: 16, bottom: H - 38 };
  const pts = s.points;
  const n = pts.length;
  const attrs =
    `class="trend-chart" viewBox="0 0 ${W} ${H}" role="img" preserveAspectRatio="xMidYMid meet" ` +
    `data-benchmark="${escapeHtml(s.benchmarkId)}" data-metric="${escapeHtml(s.metric)}" data-points="${n}"`;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${title(`${s.benchmarkId} · ${s.metric} (${s.unit}, ${directionText(s.direction)})`)}`;
  if (n === 0) {
    return `${head}<text class="empty" x="${W / 2}" y="${H / 2}" text-anchor="middle">no history yet</text></svg>`;
  }

  const values: number[] = [];
  for (const p of pts) values.push(p.median, p.ci.low, p.ci.high);
  if (s.baselineMedian !== undefined) values.push(s.baselineMedian);
  if (s.budgetLimit !== undefined) values.push(s.budgetLimit);
  const [lo, hi] = paddedRange(values);
  const axis = yAxis(frame, lo, hi, s.unit);
  const y = axis.y;
  const plotW = frame.right - frame.left;
  const x = (i: number): number => (n === 1 ? frame.left + plotW / 2 : frame.left + (i * plotW) / (n - 1));
  const xs = pts.map((_, i) => x(i));
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
      pts.map((p) => y(p.ci.low)),
      pts.map((p) => y(p.ci.high)),
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

  out.push(
    `<path class="median-line" d="${linePath(
      xs,
      pts.map((p) => y(p.median)),
    )}"/>`,
  );

  for (const cp of cps) {
    const xc = (x(cp.index - 1) + x(cp.index)) / 2;
    const cls = cp.regression ? 'cp cp-bad' : 'cp cp-good';
    out.push(
      `<g class="${cls}" data-index="${cp.index}">${title(changePointTitle(cp, s.unit))}` +
        `<line x1="${n2(xc)}" x2="${n2(xc)}" y1="${frame.top}" y2="${frame.bottom}"/>` +
        `<path d="M${n2(xc - 6)},${frame.top - 2}L${n2(xc + 6)},${frame.top - 2}L${n2(xc)},${frame.top + 8}Z"/></g>`,
    );
  }

  const r = n > 150 ? 1.6 : n > 60 ? 2.2 : 3;
  pts.forEach((p, i) => {
    if (!Number.isFinite(p.median)) return;
    const cls = ['pt'];
    if (p.runId === opts.latestRunId) cls.push('pt-latest');
    if (p.runId === opts.baselineRunId) cls.push('pt-baseline');
    out.push(
      `<circle class="${cls.join(' ')}" cx="${n2(xs[i]!)}" cy="${n2(y(p.median))}" ` +
        `r="${cls.length > 1 ? r + 1.5 : r}">` +
        `${title(pointTitle(p, s.unit))}</circle>`,
    );
  });
  out.push('</svg>');
  return out.join('');
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
    const pts = thin(row.samples, MAX_DRAWN_SAMPLES)
      .map((v, i) => `<circle cx="${n2(x(v))}" cy="${n2(cy + jitter(i, k) * (rowH - 10))}" r="2"/>`)
      .join('');
    out.push(
      `<g class="samples ${row.cls}">${pts}</g>` +
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
