/**
 * Date, axis and change-with-interval formatting for the report formats, plus the shared number
 * formatters of model/format.ts that they use. Pure functions.
 */
import type { Interval } from '../model/types.js';

export {
  pickScale,
  formatNumber,
  formatValue,
  formatSignedPercent,
  formatPValueShort,
  type UnitScale,
} from '../model/format.js';
import { formatSignedPercent, joinUnit, pickScale } from '../model/format.js';

/** A ratio (candidate/baseline) as a change with its interval: `+12.3% [+8.1%, +16.0%]`. */
export function formatRatioChange(ratio: number, ci?: Interval): string {
  const main = formatSignedPercent(ratio - 1);
  if (!ci) return main;
  return `${main} [${formatSignedPercent(ci.low - 1)}, ${formatSignedPercent(ci.high - 1)}]`;
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
