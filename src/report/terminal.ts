/**
 * Plain-text output for the `compare`, `check` and `trend` commands. ANSI colours only when asked
 * (the CLI decides from TTY / NO_COLOR / --color), so piped output and tests see plain text.
 */
import type { ChangePoint, Verdict, VerdictKind } from '../model/types.js';
import {
  clip,
  directionText,
  formatDay,
  formatPValueShort,
  formatSignedPercent,
  formatRatioChange,
  formatValue,
  shortCommit,
} from './format.js';
import { VERDICT_ORDER, environmentChanges, verdictCounts, type ReportSeries } from './model.js';
import { median as ssMedian } from 'simple-statistics';
import { paint, type Style } from './ansi.js';
import { textTable, textWidth, type StyledText } from './text-table.js';

export interface TerminalOptions {
  color: boolean;
}

const width = textWidth;

const VERDICT_STYLE: Record<VerdictKind, Style[]> = {
  regressed: ['red', 'bold'],
  'budget-failed': ['red', 'bold'],
  errored: ['red'],
  missing: ['yellow'],
  inconclusive: ['yellow'],
  improved: ['green'],
  new: ['cyan'],
  unchanged: ['dim'],
};

export interface TerminalTableOptions extends TerminalOptions {
  /** Longest benchmark id shown before it is cut with an ellipsis. Default 60. */
  maxIdWidth?: number;
}

/**
 * Verdicts as an aligned table (in the order given) with a one-line summary:
 * benchmark, metric, baseline median, candidate median, change with CI, p_adj, verdict.
 */
export function renderTerminalTable(verdicts: readonly Verdict[], opts: TerminalTableOptions): string {
  const maxId = opts.maxIdWidth ?? 60;
  const header = ['benchmark', 'metric', 'baseline', 'candidate', 'change [CI]', 'p_adj', 'verdict'];
  const rows: StyledText[][] = verdicts.map((v) => {
    const c = v.comparison;
    const style = VERDICT_STYLE[v.verdict];
    const changeStyle: Style[] = v.verdict === 'regressed' ? ['red'] : v.verdict === 'improved' ? ['green'] : [];
    return [
      { text: clip(v.benchmarkId, maxId) },
      { text: v.metric },
      { text: c ? formatValue(c.baseline.median, v.unit) : '—' },
      { text: c ? formatValue(c.candidate.median, v.unit) : '—' },
      { text: c ? formatRatioChange(c.ratio, c.ratioCI) : '—', styles: changeStyle },
      { text: c ? formatPValueShort(c.pAdjusted) : '—' },
      { text: v.severity ? `${v.verdict} (${v.severity})` : v.verdict, styles: style },
    ];
  });
  const lines = textTable(rows, { header, align: ['l', 'l', 'r', 'r', 'r', 'r', 'l'], color: opts.color });
  const counts = verdictCounts(verdicts);
  const summary = VERDICT_ORDER.filter((k) => counts[k] > 0).map((k) =>
    paint(opts.color, `${counts[k]} ${k}`, ...VERDICT_STYLE[k]),
  );
  lines.push('', summary.length ? summary.join(', ') : 'no comparisons');
  return `${lines.join('\n')}\n`;
}

/** Series fields the trend view needs (a ReportSeries fits). */
export type TrendSeries = Pick<ReportSeries, 'benchmarkId' | 'metric' | 'unit' | 'direction' | 'points'>;

export interface TrendOptions extends TerminalOptions {
  /** Total width in columns, labels included. Default 80. */
  width?: number;
  /** Chart height in rows. Default 6. */
  height?: number;
}

const BLOCKS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

function median(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? NaN : ssMedian(finite);
}

/**
 * A block-character plot of a series' medians (one column per run, or the median of several runs
 * per column when the history is wider than the terminal), markers under the columns where change
 * points (▲) and environment changes (◆) begin, and a list of the change points.
 */
export function renderTrend(series: TrendSeries, changePoints: readonly ChangePoint[], opts: TrendOptions): string {
  const color = opts.color;
  const pts = series.points;
  const n = pts.length;
  const lines: string[] = [
    `${paint(color, series.benchmarkId, 'bold')} · ` +
      `${series.metric} (${series.unit}, ${directionText(series.direction)}) · ${n} run${n === 1 ? '' : 's'}`,
  ];
  if (n === 0) {
    lines.push('  no history');
    return `${lines.join('\n')}\n`;
  }
  const medians = pts.map((p) => p.median);
  const finite = medians.filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 0;
  const hiLabel = formatValue(hi, series.unit);
  const loLabel = formatValue(lo, series.unit);
  const labelW = Math.max(width(hiLabel), width(loLabel));
  const cols = Math.max(1, Math.min(n, (opts.width ?? 80) - labelW - 2));
  const height = Math.max(1, opts.height ?? 6);
  const colOf = (i: number): number => Math.min(cols - 1, Math.floor((i * cols) / n));

  // Column values: the median of the runs that fall into each column.
  const buckets: number[][] = Array.from({ length: cols }, () => []);
  medians.forEach((m, i) => buckets[colOf(i)]!.push(m));
  const levels = buckets.map((b) => {
    const v = median(b);
    if (!Number.isFinite(v)) return 0;
    // Flat series: half height. Otherwise the smallest value still shows one eighth.
    if (hi === lo) return Math.max(1, Math.round(height * 4));
    return 1 + Math.round(((v - lo) / (hi - lo)) * (height * 8 - 1));
  });
  for (let r = height - 1; r >= 0; r--) {
    const label = r === height - 1 ? hiLabel : r === 0 ? loLabel : '';
    const axis = label ? '┤' : '│';
    const bar = levels.map((lvl) => BLOCKS[Math.max(0, Math.min(8, lvl - r * 8))]!).join('');
    lines.push(`${' '.repeat(labelW - width(label))}${label} ${axis}${paint(color, bar.trimEnd(), 'cyan')}`);
  }

  // Marker row: change points win over environment changes in a shared column.
  const markers: StyledText[] = Array.from({ length: cols }, () => ({ text: ' ' }));
  for (const ec of environmentChanges(pts)) markers[colOf(ec.index)] = { text: '◆', styles: ['magenta'] };
  for (const cp of changePoints) {
    if (cp.index < 0 || cp.index >= n) continue;
    markers[colOf(cp.index)] = { text: '▲', styles: [cp.regression ? 'red' : 'green', 'bold'] };
  }
  const markerText = markers.map((m) => paint(color, m.text, ...(m.styles ?? []))).join('');
  if (markers.some((m) => m.text !== ' ')) lines.push(`${' '.repeat(labelW)}  ${markerText.trimEnd()}`);
  const first = formatDay(pts[0]!.startedAt);
  const last = formatDay(pts[n - 1]!.startedAt);
  // The last date ends under the last column, or runs past it when the chart is narrower than both.
  const gap = Math.max(1, cols - width(first) - width(last));
  lines.push(`${' '.repeat(labelW)}  ${n > 1 && last !== first ? first + ' '.repeat(gap) + last : first}`);

  lines.push('');
  if (changePoints.length === 0) {
    lines.push('  No change points.');
  } else {
    lines.push(`  Change points (${changePoints.length}):`);
    const rows: StyledText[][] = [...changePoints]
      .sort((a, b) => a.index - b.index)
      .map((cp) => {
        const p = pts[cp.index];
        const tone: Style = cp.regression ? 'red' : 'green';
        return [
          { text: '▲', styles: [tone] },
          { text: `run #${cp.runId}` },
          { text: shortCommit(cp.commit) },
          { text: p ? formatDay(p.startedAt) : '' },
          { text: `${formatValue(cp.medianBefore, series.unit)} → ${formatValue(cp.medianAfter, series.unit)}` },
          { text: formatSignedPercent(cp.change), styles: [tone] },
          { text: cp.regression ? 'regression' : 'improvement', styles: cp.regression ? ['red', 'bold'] : ['green'] },
          { text: `p=${formatPValueShort(cp.pValue)}`, styles: ['dim'] },
        ];
      });
    const table = textTable(rows, { align: ['l', 'l', 'l', 'l', 'l', 'r', 'l', 'l'], color, gap: ' ' });
    lines.push(...table.map((l) => `  ${l}`));
  }
  const envs = environmentChanges(pts);
  if (envs.length > 0) {
    lines.push(`  Environment changes (${envs.length}):`);
    for (const ec of envs) {
      const what = ec.what.map((w) => `${w.field} ${w.from} → ${w.to}`).join('; ');
      lines.push(`  ${paint(color, '◆', 'magenta')} run #${pts[ec.index]!.runId}  ${what}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
