/**
 * Number formatting for one-line verdict explanations, e.g.
 * `reactivity/diamond time: 405 ns -> 534 ns (+31.9%, 95% CI +20.1%..+44.8%), paired t over 20 sessions, p=2.1e-5, p_adj=0.0003 < 0.01, threshold 5%, detectable >= 6.2%`.
 * Three significant digits for values (enough to read a 1% change at the magnitudes we show),
 * one decimal for percentages, p-values to 4 decimals or in exponent form below 1e-4.
 */

// Values and units format as everywhere else (three significant digits, readable time and byte units).
import { formatValue as formatWithUnit } from '../core/format.js';
export { formatNumber as formatValue, formatValue as formatWithUnit } from '../core/format.js';

/** A relative change as a signed percentage: 0.208 -> `+20.8%`. */
export function formatChange(change: number): string {
  if (Number.isNaN(change)) return 'n/a';
  if (!Number.isFinite(change)) return change > 0 ? '+inf%' : '-inf%';
  const pct = change * 100;
  const text = pct.toFixed(1);
  if (text === '-0.0') return '+0.0%';
  return pct >= 0 ? `+${text}%` : `${text}%`;
}

/** A signed difference with its unit, for difference-scale comparisons: `+300 KiB`, `-1.20 ms`, `+0 bytes`. */
export function formatDifference(d: number, unit: string): string {
  const text = formatWithUnit(d, unit);
  return d >= 0 ? `+${text}` : text;
}

/** A p-value: `0.0003`, `0.05`, `3.2e-7`. */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  if (p === 0) return '0';
  if (p < 1e-4) return p.toExponential(1);
  return String(Number(p.toFixed(4)));
}

/** A fraction as a compact percentage: 0.05 -> `5%`, 0.025 -> `2.5%`. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}
