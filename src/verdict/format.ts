/**
 * Number formatting for one-line verdict explanations, e.g.
 * `reactivity/cellx?layers=1000 time: 1.20 ms -> 1.45 ms (+20.8%, 95% CI +17.1%..+24.0%), p_adj=0.0003 < 0.01, threshold 5%, n=40/40`.
 * Three significant digits for values (enough to read a 1% change at the magnitudes we show),
 * one decimal for percentages, p-values to 4 decimals or in exponent form below 1e-4.
 */

// Values and units format as everywhere else (three significant digits, readable time and byte units).
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
