/** Human formatting of metric values: times scale ms -> s / us / ns; other units keep theirs. */
export function formatValue(value: number, unit: string, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'ms') {
    const abs = Math.abs(value);
    if (abs >= 1000) return `${(value / 1000).toPrecision(digits)} s`;
    if (abs >= 1) return `${value.toPrecision(digits)} ms`;
    if (abs >= 1e-3) return `${(value * 1e3).toPrecision(digits)} µs`;
    if (abs === 0) return '0 ms';
    return `${(value * 1e6).toPrecision(digits)} ns`;
  }
  const text = Number.isInteger(value) ? String(value) : value.toPrecision(digits);
  return unit === 'count' || unit === '' ? text : `${text} ${unit}`;
}

export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  const sign = fraction > 0 ? '+' : '';
  return `${sign}${(fraction * 100).toFixed(digits)}%`;
}
