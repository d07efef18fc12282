/** Renders variant speedups (analysis/speedups.ts) as a terminal table, markdown, or an HTML section. */
import type { SpeedupRow, Speedup } from '../analysis/speedups.js';
import { formatValue } from '../model/format.js';
import { escapeHtml, escapeMarkdown } from './escape.js';

export function formatSpeedup(s: Speedup | null): string {
  if (!s) return '';
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));
  return `${f(s.ratio)}x [${f(s.ci.low)}, ${f(s.ci.high)}]`;
}

function header(reference: string, base: string): string[] {
  return [
    'workload',
    'variant',
    'median',
    `${reference} median`,
    `speedup vs ${reference} (95% CI)`,
    `vs ${base} (95% CI)`,
  ];
}

function cells(r: SpeedupRow): string[] {
  return [
    r.workload,
    r.variant,
    formatValue(r.medianMs, 'ms'),
    r.jsMedianMs === null ? '' : formatValue(r.jsMedianMs, 'ms'),
    formatSpeedup(r.vsJs),
    formatSpeedup(r.vsO0),
  ];
}

export function speedupRows(rows: readonly SpeedupRow[], reference = 'JS', base = 'O0'): string[][] {
  return [header(reference, base), ...rows.map(cells)];
}

/** A markdown table; the column against `base` is left out when no row has one (e.g. the peers suite). */
export function renderSpeedupsMarkdown(rows: readonly SpeedupRow[], reference = 'JS', base = 'O0'): string {
  const width = rows.some((r) => r.vsO0 !== null) ? 6 : 5;
  const h = header(reference, base).slice(0, width);
  const lines = [`| ${h.join(' | ')} |`, `| ${h.map((_, i) => (i < 2 ? ':---' : '---:')).join(' | ')} |`];
  for (const r of rows)
    lines.push(
      `| ${cells(r)
        .slice(0, width)
        .map((c) => escapeMarkdown(c))
        .join(' | ')} |`,
    );
  return lines.join('\n') + '\n';
}

const HTML_NOTE =
  '<p>median(reference) / median(variant) with a 95% bootstrap interval; ' +
  'above 1 the variant is faster, below 1 slower (rows where the whole interval is below 1 against JS are marked).</p>';

/** A section for the HTML report; empty when the run has no variant benchmarks. */
export function renderSpeedupsHtml(rows: readonly SpeedupRow[]): string {
  if (rows.length === 0) return '';
  const body = rows
    .map((r) => {
      const slower = r.vsJs !== null && r.vsJs.ci.high < 1;
      return `<tr${slower ? ' class="slower"' : ''}>${cells(r)
        .map((c, i) => `<td${i >= 2 ? ' class="num"' : ''}>${escapeHtml(c)}</td>`)
        .join('')}</tr>`;
    })
    .join('\n');
  return `<section id="speedups"><h2>Variant speedups in the latest run</h2>
${HTML_NOTE}
<table class="speedups"><thead><tr>${header('JS', 'O0')
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join('')}</tr></thead><tbody>
${body}
</tbody></table></section>`;
}
