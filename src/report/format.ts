/**
 * Number, unit, percentage and date formatting shared by every report format. Pure functions.
 * Values keep the metric's unit in storage (time in ms, see MetricResult); they are only rescaled
 * for display, so `0.0042 ms` reads `4.20 µs`.
 */
import type { Interval } from '../core/types.js';

export { pickScale, formatNumber, formatValue, formatPercent, type UnitScale } from '../core/format.js';
import { formatPercent, joinUnit, pickScale } from '../core/format.js';

/** A ratio (candidate/baseline) as a change with its interval: `+12.3% [+8.1%, +16.0%]`. */
export function formatRatioChange(ratio: number, ci?: Interval): string {
  const main = formatPercent(ratio - 1);
  if (!ci) return main;
  return `${main} [${formatPercent(ci.low - 1)}, ${formatPercent(ci.high - 1)}]`;
}

/** p-values: two significant digits, `<0.001` below that. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p < 0.001) return '<0.001';
  if (p < 0.01) return p.toFixed(3);
  return p.toFixed(2);
}

/** `YYYY-MM-DD HH:MM` in UTC (reports are read across time zones; UTC is unambiguous). */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`;
}

/** `YYYY-MM-DD` in UTC. */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

export function shortCommit(commit: string | null | undefined): string {
  return commit ? commit.slice(0, 8) : '—';
}

/** "lower is better" / "higher is better". */
export function directionText(direction: 'lower' | 'higher'): string {
  return `${direction} is better`;
}

/**
 * Round tick values covering [lo, hi] (Heckbert, "Nice numbers for graph labels", Graphics Gems 1990):
 * steps of 1, 2 or 5 times a power of ten.
 */
export function niceTicks(lo: number, hi: number, count = 5): { ticks: number[]; step: number } {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const frac = raw / pow;
  const step = (frac <= 1 ? 1 : frac <= 2 ? 2 : frac <= 5 ? 5 : 10) * pow;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  }
  return { ticks, step };
}

/** A formatter for axis ticks: one unit for the whole axis, decimals from the tick step. */
export function axisFormatter(unit: string, lo: number, hi: number, step: number): (v: number) => string {
  const s = pickScale(unit, Math.max(Math.abs(lo), Math.abs(hi)));
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(step * s.factor) + 1e-9)));
  return (v) => joinUnit((v * s.factor).toFixed(decimals), s.unit);
}

/** Quantile of sorted values, linear interpolation (Hyndman & Fan 1996, type 7, as R's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Cuts `s` to at most `max` characters with an ellipsis (before escaping, so no entity is cut). */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}
