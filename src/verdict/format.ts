/**
 * Number formatting for one-line verdict explanations, e.g.
 * `reactivity/cellx?layers=1000 time: 1.20 ms -> 1.45 ms (+20.8%, 95% CI +17.1%..+24.0%), p_adj=0.0003 < 0.01, threshold 5%, n=40/40`.
 * Three significant digits for values (enough to read a 1% change at the magnitudes we show),
 * one decimal for percentages, p-values to 4 decimals or in exponent form below 1e-4.
 */

/** A value with about three significant digits, without exponent notation for >= 0.001. */
export function formatValue(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a >= 0.001) return x.toPrecision(3);
  return x.toExponential(2);
}

/** A value followed by its unit (`1.20 ms`, `12%`). */
export function formatWithUnit(x: number, unit: string): string {
  if (!unit) return formatValue(x);
  return unit === '%' ? `${formatValue(x)}%` : `${formatValue(x)} ${unit}`;
}

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
