/**
 * Number and unit formatting shared by the CLI, verdict explanations and every report format, one
 * formatter per idea: signed changes and unsigned fractions, precise and short p-values each have
 * a name of their own. Values keep the metric's unit in storage (time in ms, see MetricResult);
 * they are only rescaled for display, so `0.0042 ms` reads `4.20 µs` and `5310560 bytes` reads
 * `5.06 MiB`.
 */
export interface UnitScale {
  /** Multiply a value in the metric's unit by this to get a value in `unit`. */
  factor: number;
  unit: string;
}

/** Size of each time unit in nanoseconds. */
const TIME_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9 };
const TIME_STEPS: Array<[number, string]> = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];
const BYTE_UNITS = new Set(['b', 'byte', 'bytes']);
const BYTE_STEPS: Array<[number, string]> = [
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
  [1, 'B'],
];

/** The display unit for values of about `magnitude` (in `unit`): the largest unit that keeps it >= 1. */
export function pickScale(unit: string, magnitude: number): UnitScale {
  const mag = Math.abs(magnitude);
  const ns = TIME_NS[unit];
  if (ns !== undefined) {
    const inNs = mag * ns;
    const step = TIME_STEPS.find(([size]) => inNs >= size) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
    return { factor: ns / step[0], unit: step[1] };
  }
  if (BYTE_UNITS.has(unit.toLowerCase())) {
    const step = BYTE_STEPS.find(([size]) => mag >= size) ?? BYTE_STEPS[BYTE_STEPS.length - 1]!;
    return { factor: 1 / step[0], unit: step[1] };
  }
  return { factor: 1, unit };
}

/** About three significant digits, without exponent notation for everyday magnitudes. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  if (a >= 0.001) return v.toPrecision(3);
  return v.toExponential(2);
}

export function joinUnit(num: string, unit: string): string {
  if (unit === '') return num;
  if (unit === '%' || unit === 'x' || unit === '×') return `${num}${unit}`;
  return `${num} ${unit}`;
}

/** A value with its unit, rescaled to a readable unit: `formatValue(0.0042, 'ms')` is `4.20 µs`. */
export function formatValue(v: number, unit: string): string {
  if (!Number.isFinite(v)) return formatNumber(v);
  if (v === 0) return joinUnit('0', unit);
  const s = pickScale(unit, v);
  return joinUnit(formatNumber(v * s.factor), s.unit);
}

/**
 * A relative change as a signed percentage: 0.123 -> `+12.3%`, -0.05 -> `-5.0%`. A change that
 * rounds to zero reads `±0.0%` (not `-0.0%`): it has no direction worth a sign.
 */
export function formatSignedPercent(rel: number, digits = 1): string {
  if (Number.isNaN(rel)) return 'n/a';
  if (!Number.isFinite(rel)) return rel > 0 ? '+∞%' : '-∞%';
  const pct = rel * 100;
  const text = Math.abs(pct).toFixed(digits);
  const sign = Number(text) === 0 ? '±' : pct > 0 ? '+' : '-';
  return `${sign}${text}%`;
}

/** A fraction (a threshold, a share) as a compact unsigned percentage: 0.05 -> `5%`, 0.025 -> `2.5%`. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

/** A signed difference with its unit, for difference-scale comparisons: `+300 KiB`, `-1.20 ms`, `+0 bytes`. */
export function formatSignedValue(d: number, unit: string): string {
  const text = formatValue(d, unit);
  return d >= 0 ? `+${text}` : text;
}

/**
 * A p-value as precisely as a one-line explanation needs: four decimals, or exponent form below
 * 1e-4 so a very small p keeps its order of magnitude: `0.0003`, `0.05`, `3.2e-7`.
 */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  if (p === 0) return '0';
  if (p < 1e-4) return p.toExponential(1);
  return String(Number(p.toFixed(4)));
}

/**
 * A p-value for a table cell or chart label, where width matters more than precision: two or three
 * decimals, `<0.001` below that.
 */
export function formatPValueShort(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p < 0.001) return '<0.001';
  if (p < 0.01) return p.toFixed(3);
  return p.toFixed(2);
}
