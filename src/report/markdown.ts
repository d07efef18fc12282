/**
 * Markdown for a pull-request comment (GitHub-flavoured): what changed first, the rest collapsed.
 * GitHub rejects comments over 65,536 characters, so the output is cut row by row below `maxChars`
 * (never inside a row or an open `<details>`) and says what it left out.
 */
import type { BudgetResult, Run, Verdict } from '../model/types.js';
import { escapeMarkdown } from './escape.js';
import { clip, formatDate, formatPValueShort, formatRatioChange, formatValue, shortCommit } from './format.js';
import { FAILING_VERDICTS } from '../verdict/exit-code.js';
import { VERDICT_ORDER, budgetRule, failedBudgets, verdictCounts, type ReportData } from './model.js';

export interface MarkdownOptions {
  /** Upper bound on the output length in UTF-16 code units. Default 65,000. */
  maxChars?: number;
  /** Link to the full (HTML) report, mentioned in the footer and the truncation note. http(s) only. */
  reportUrl?: string;
}

/** Escaped, clipped user text for inline markdown and table cells. */
const md = (s: string, max = 200): string => escapeMarkdown(clip(s, max));

interface Section {
  head: string[];
  rows: string[];
  tail: string[];
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function tableHead(cols: string[], align: Array<'l' | 'r'>): string[] {
  return [row(cols), row(align.map((a) => (a === 'r' ? '---:' : ':---')))];
}

function runText(run: Run): string {
  const parts = [`run ${run.id}`];
  if (run.label) parts.push(`“${md(run.label, 80)}”`);
  if (run.git.branch) parts.push(`on **${md(run.git.branch, 80)}**`);
  if (run.git.commit) parts.push(`at ${md(shortCommit(run.git.commit))}${run.git.dirty ? ' (dirty)' : ''}`);
  return parts.join(' ');
}

function comparisonCells(v: Verdict): string[] {
  const c = v.comparison;
  if (!c) return ['—', '—', '—', '—'];
  return [
    md(formatValue(c.baseline.median, v.unit)),
    md(formatValue(c.candidate.median, v.unit)),
    md(formatRatioChange(c.ratio, c.ratioCI)),
    md(formatPValueShort(c.pAdjusted)),
  ];
}

function verdictSection(title: string, verdicts: Verdict[], withSeverity: boolean): Section | null {
  if (verdicts.length === 0) return null;
  const cols = ['Benchmark', 'Metric', 'Baseline', 'Candidate', 'Change (CI)', 'p_adj'];
  const align: Array<'l' | 'r'> = ['l', 'l', 'r', 'r', 'r', 'r'];
  if (withSeverity) {
    cols.push('Severity');
    align.push('l');
  }
  cols.push('Why');
  align.push('l');
  return {
    head: [`#### ${title} (${verdicts.length})`, '', ...tableHead(cols, align)],
    rows: verdicts.map((v) =>
      row([
        md(v.benchmarkId),
        md(v.metric, 60),
        ...comparisonCells(v),
        ...(withSeverity ? [md(v.severity ?? '—', 20)] : []),
        md(v.explanation, 400),
      ]),
    ),
    tail: [''],
  };
}

function budgetSection(failed: BudgetResult[], unitOf: (b: BudgetResult) => string): Section | null {
  if (failed.length === 0) return null;
  return {
    head: [
      `#### Budget failures (${failed.length})`,
      '',
      ...tableHead(['Benchmark', 'Metric', 'Budget', 'Value', 'Why'], ['l', 'l', 'l', 'r', 'l']),
    ],
    rows: failed.map((b) =>
      row([
        md(b.benchmarkId),
        md(b.budget.metric, 60),
        md(budgetRule(b.budget, unitOf(b)), 80),
        md(formatValue(b.value, unitOf(b))),
        md(b.explanation, 400),
      ]),
    ),
    tail: [''],
  };
}

function otherSection(verdicts: Verdict[]): Section | null {
  if (verdicts.length === 0) return null;
  return {
    head: [
      `#### Needs a look (${verdicts.length})`,
      '',
      ...tableHead(['Benchmark', 'Metric', 'Verdict', 'Why'], ['l', 'l', 'l', 'l']),
    ],
    rows: verdicts.map((v) => row([md(v.benchmarkId), md(v.metric, 60), `**${v.verdict}**`, md(v.explanation, 400)])),
    tail: [''],
  };
}

function unchangedSection(verdicts: Verdict[]): Section | null {
  if (verdicts.length === 0) return null;
  return {
    // A blank line after <summary> is required for GitHub to render the markdown table inside.
    head: [
      `<details><summary>${verdicts.length} unchanged</summary>`,
      '',
      ...tableHead(
        ['Benchmark', 'Metric', 'Baseline', 'Candidate', 'Change (CI)', 'p_adj'],
        ['l', 'l', 'r', 'r', 'r', 'r'],
      ),
    ],
    rows: verdicts.map((v) => row([md(v.benchmarkId), md(v.metric, 60), ...comparisonCells(v)])),
    tail: ['', '</details>', ''],
  };
}

function warningSection(warnings: string[]): Section | null {
  if (warnings.length === 0) return null;
  return {
    head: ['> [!WARNING]', '> The environment differs from the baseline; results may not be comparable:'],
    rows: warnings.map((w) => `> - ${md(w, 500)}`),
    tail: [''],
  };
}

function safeUrl(url: string | undefined): string | null {
  if (!url || !/^https?:\/\/[^\s<>()"'`]+$/i.test(url)) return null;
  return url;
}

/** The PR comment. Always shorter than `maxChars` (default 65,000). */
export function renderMarkdown(data: ReportData, opts: MarkdownOptions = {}): string {
  const maxChars = opts.maxChars ?? 65000;
  const url = safeUrl(opts.reportUrl);
  const counts = verdictCounts(data.verdicts);
  const failed = failedBudgets(data.budgets);
  const bad = data.verdicts.filter((v) => FAILING_VERDICTS.has(v.verdict)).length + failed.length;
  const icon = bad > 0 ? '❌' : counts.inconclusive + counts.missing > 0 ? '⚠️' : '✅';
  const countText = VERDICT_ORDER.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  if (failed.length > 0)
    countText.splice(counts.regressed > 0 ? 1 : 0, 0, `${failed.length} budget${failed.length > 1 ? 's' : ''} failed`);
  const intro = [
    `### ${icon} jepsh-bench: ${countText.length ? countText.join(', ') : 'no comparisons'}`,
    '',
    `Candidate ${runText(data.run)}, ${md(formatDate(data.run.startedAt))} UTC — ` +
      (data.baselineRun
        ? `baseline ${data.baselineName ? `**${md(data.baselineName, 80)}** ` : ''}(${runText(data.baselineRun)})`
        : 'no baseline run') +
      (data.run.environment ? ` · ${md(data.run.environment.browserVersion, 80)}` : ''),
    '',
  ];
  if (data.run.error) intro.push(`> [!CAUTION]`, `> Run error: ${md(data.run.error, 500)}`, '');

  const unitOf = (b: BudgetResult): string =>
    data.verdicts.find((v) => v.benchmarkId === b.benchmarkId && v.metric === b.budget.metric)?.unit ??
    data.series.find((s) => s.benchmarkId === b.benchmarkId && s.metric === b.budget.metric)?.unit ??
    '';
  const byKind = (...kinds: Verdict['verdict'][]): Verdict[] =>
    data.verdicts
      .filter((v) => kinds.includes(v.verdict))
      .sort((a, b) => {
        // Largest changes first: what a reviewer should read first.
        const ca = a.comparison ? Math.abs(Math.log(a.comparison.ratio)) : 0;
        const cb = b.comparison ? Math.abs(Math.log(b.comparison.ratio)) : 0;
        return cb - ca || a.benchmarkId.localeCompare(b.benchmarkId);
      });

  const sections = [
    warningSection([...data.envWarnings, ...data.run.warnings]),
    verdictSection('Regressions', byKind('regressed'), true),
    budgetSection(failed, unitOf),
    otherSection(byKind('budget-failed', 'errored', 'missing', 'inconclusive', 'new')),
    verdictSection('Improvements', byKind('improved'), false),
    unchangedSection(byKind('unchanged')),
  ].filter((s): s is Section => s !== null);

  const footer =
    `<sub>jepsh-bench ${md(data.harnessVersion, 40)} · generated ${md(formatDate(data.generatedAt))} UTC · ` +
    `p_adj: Benjamini–Hochberg adjusted${url ? ` · [full report](${url})` : ''}</sub>\n`;
  const note = (omitted: number): string =>
    `> [!NOTE]\n> Truncated: ${omitted} more row${omitted === 1 ? '' : 's'} ` +
    `not shown to stay under ${maxChars} characters` +
    `${url ? `; see the [full report](${url})` : '; see the HTML or JSON report'}.\n\n`;
  // Room for the footer and the longest possible note, so adding them never crosses the limit.
  const budget = maxChars - footer.length - note(Number.MAX_SAFE_INTEGER).length;

  const out: string[] = [];
  let used = 0;
  const fits = (lines: string[], extra = 0): boolean =>
    used + lines.reduce((n, l) => n + l.length + 1, 0) + extra <= budget;
  const push = (lines: string[]): void => {
    for (const l of lines) {
      out.push(l);
      used += l.length + 1;
    }
  };

  let omitted = 0;
  if (fits(intro)) push(intro);
  else push([clip(intro[0]!, Math.max(0, budget - 1))]);
  for (const s of sections) {
    const tailLen = s.tail.reduce((n, l) => n + l.length + 1, 0);
    if (omitted > 0 || s.rows.length === 0 || !fits([...s.head, s.rows[0]!], tailLen)) {
      omitted += s.rows.length;
      continue;
    }
    push(s.head);
    let i = 0;
    for (; i < s.rows.length; i++) {
      if (!fits([s.rows[i]!], tailLen)) break;
      push([s.rows[i]!]);
    }
    omitted += s.rows.length - i;
    push(s.tail);
  }
  let text = out.join('\n');
  if (!text.endsWith('\n')) text += '\n';
  if (omitted > 0) text += `\n${note(omitted)}`;
  else text += '\n';
  text += footer;
  // Only reachable with a maxChars smaller than the footer and note themselves.
  return text.length <= maxChars ? text : text.slice(0, Math.max(0, text.lastIndexOf('\n', maxChars - 1) + 1));
}
