/**
 * The HTML report: one self-contained file (inline CSS, inline SVG, a little inline JS) that can be
 * attached to a CI run and opened offline. It loads nothing: the Content-Security-Policy forbids every
 * fetch, the favicon is an empty data: URL (otherwise browsers request /favicon.ico), and no fonts
 * are referenced. Everything works without JS except sorting, filtering and the tooltips of a trend's
 * points (without JS, the latest and baseline points, markers and reference lines keep native ones).
 */
import type { StoredProfile } from '../store/store.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BudgetResult, Environment, Run, Verdict, VerdictKind } from '../model/types.js';
import { packageRoot } from '../model/paths.js';
import { escapeHtml, jsonForScript } from './escape.js';
import {
  directionText,
  formatDate,
  formatPValueShort,
  formatSignedPercent,
  formatRatioChange,
  formatValue,
  shortCommit,
} from './format.js';
import {
  VERDICT_ORDER,
  budgetRule,
  failedBudgets,
  suiteOf,
  verdictCounts,
  type ReportData,
  type ReportSeries,
} from './model.js';
import { verdictRank } from '../verdict/order.js';
import { MAX_DRAWN_SAMPLES, renderDistChart, trendChart, type TrendChart } from './svg.js';
import { hoverData, type DrawnSeries, type HoverData } from './trend-points.js';
import { renderSpeedupsHtml } from './speedups.js';

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const e = escapeHtml;

/**
 * The report's stylesheet and its script (sorting, filtering and tooltips; it reads only the DOM,
 * and the page works without it), kept as files of their own so they read as CSS and JavaScript.
 * Read once, from the package root rather than next to this module: the CLI runs from a bundle in
 * node_modules/.cache, where no assets folder sits beside it.
 */
let assets: { css: string; script: string } | undefined;
function reportAssets(): { css: string; script: string } {
  const dir = join(packageRoot(), 'src', 'report', 'assets');
  return (assets ??= {
    css: readFileSync(join(dir, 'report.css'), 'utf8'),
    script: readFileSync(join(dir, 'report.js'), 'utf8'),
  });
}

function badge(kind: VerdictKind, text: string = kind): string {
  return `<span class="badge v-${kind}">${e(text)}</span>`;
}

function runLine(run: Run): string {
  const parts = [`<b>Run #${run.id}</b>`];
  if (run.label) parts.push(`label <b>${e(run.label)}</b>`);
  if (run.git.branch) parts.push(`branch <b>${e(run.git.branch)}</b>`);
  if (run.git.commit) {
    parts.push(
      `commit <code title="${e(run.git.commit)}">${e(shortCommit(run.git.commit))}</code>` +
        `${run.git.dirty ? ' (dirty)' : ''}`,
    );
  }
  parts.push(`started ${e(formatDate(run.startedAt))} UTC`);
  if (run.status !== 'complete') parts.push(`status <b>${e(run.status)}</b>`);
  return parts.join(' · ');
}

function filterAttrs(suite: string, text: string): string {
  return `data-suite="${e(suite)}" data-filter-text="${e(text.toLowerCase())}"`;
}

function num(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '' : String(v);
}

/** The links to a regressed benchmark's profiles and the functions that grew most. */
function profileNote(p: StoredProfile | undefined): string {
  if (!p) return '';
  const links = p.files.map((f) => `<a href="${e(f.path)}">${e(f.side)}</a>`).join(' · ');
  const sign = (x: StoredProfile['top'][number]) => (x.unit === 'µs/op' && x.value >= 0 ? '+' : '');
  const rows = p.top
    .slice(0, 3)
    .map((x) => `<code>${e(x.name)}</code> ${e(x.location)} ${sign(x)}${x.value.toFixed(2)} ${e(x.unit)}`)
    .join('; ');
  return `<div class="profile">CPU profile (${links}): ${rows}</div>`;
}

function verdictRow(v: Verdict, suite: string, profile?: StoredProfile): string {
  const c = v.comparison;
  const rank = verdictRank(v.verdict);
  const change = c ? c.ratio - 1 : undefined;
  const bad = change !== undefined && (v.direction === 'lower' ? change > 0 : change < 0);
  const changeCls = v.verdict === 'regressed' ? 'bad-text' : v.verdict === 'improved' ? 'good-text' : '';
  const verdictText = v.severity ? `${v.verdict} · ${v.severity}` : v.verdict;
  return (
    `<tr class="row-v row-${v.verdict}" ${filterAttrs(suite, `${v.benchmarkId} ${v.metric} ${suite}`)}>` +
    `<td data-sort="${e(v.benchmarkId.toLowerCase())}"><code>${e(v.benchmarkId)}</code></td>` +
    `<td>${e(v.metric)}</td>` +
    `<td class="num" data-sort="${num(c?.baseline.median)}">` +
    `${c ? e(formatValue(c.baseline.median, v.unit)) : '—'}</td>` +
    `<td class="num" data-sort="${num(c?.candidate.median)}">` +
    `${c ? e(formatValue(c.candidate.median, v.unit)) : '—'}</td>` +
    `<td class="num ${changeCls}" data-sort="${num(change)}" ` +
    `title="${bad ? 'in the bad direction' : 'in the good direction'}">` +
    `${c ? e(formatRatioChange(c.ratio, c.ratioCI)) : '—'}</td>` +
    `<td class="num" data-sort="${num(c?.pAdjusted)}">${c ? e(formatPValueShort(c.pAdjusted)) : '—'}</td>` +
    `<td data-sort="${rank}">${badge(v.verdict, verdictText)}</td>` +
    `<td class="why">${e(v.explanation)}${profileNote(profile)}</td></tr>`
  );
}

function verdictSection(data: ReportData): string {
  if (data.verdicts.length === 0)
    return '<p class="empty-note">No comparisons: no baseline or no shared benchmarks.</p>';
  const sorted = [...data.verdicts].sort(
    (a, b) => verdictRank(a.verdict) - verdictRank(b.verdict) || a.benchmarkId.localeCompare(b.benchmarkId),
  );
  const head = [
    'Benchmark',
    'Metric',
    'Baseline',
    'Candidate',
    'Change (CI)',
    'p<sub>adj</sub>',
    'Verdict',
    'Explanation',
  ];
  return (
    '<div class="table-wrap"><table class="sortable" id="verdict-table"><thead><tr>' +
    `${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>` +
    sorted
      .map((v) =>
        verdictRow(
          v,
          suiteOf(v.benchmarkId, data.series),
          v.verdict === 'regressed' ? data.profiles?.find((p) => p.benchmarkId === v.benchmarkId) : undefined,
        ),
      )
      .join('') +
    '</tbody></table></div>'
  );
}

function budgetSection(data: ReportData): string {
  if (data.budgets.length === 0) return '';
  const unitOf = (b: BudgetResult): string =>
    data.verdicts.find((v) => v.benchmarkId === b.benchmarkId && v.metric === b.budget.metric)?.unit ??
    data.series.find((s) => s.benchmarkId === b.benchmarkId && s.metric === b.budget.metric)?.unit ??
    '';
  const rows = [...data.budgets]
    .sort((a, b) => Number(a.passed) - Number(b.passed) || a.benchmarkId.localeCompare(b.benchmarkId))
    .map((b) => {
      const unit = unitOf(b);
      const suite = suiteOf(b.benchmarkId, data.series);
      return (
        `<tr class="row-v ${b.passed ? 'row-unchanged' : 'row-budget-failed'}" ` +
        `${filterAttrs(suite, `${b.benchmarkId} ${b.budget.metric} ${suite}`)}>` +
        `<td><code>${e(b.benchmarkId)}</code></td><td>${e(b.budget.metric)}</td>` +
        `<td>${e(budgetRule(b.budget, unit))}` +
        `${b.budget.description ? `<div class="why">${e(b.budget.description)}</div>` : ''}</td>` +
        `<td class="num" data-sort="${num(b.value)}">${e(formatValue(b.value, unit))}</td>` +
        `<td data-sort="${b.passed ? 1 : 0}">` +
        `${b.passed ? badge('unchanged', 'passed') : badge('budget-failed', 'failed')}</td>` +
        `<td class="why">${e(b.explanation)}</td></tr>`
      );
    });
  return (
    '<section id="budgets"><h2>Budgets ' +
    `<span class="sub">(${failedBudgets(data.budgets).length} of ${data.budgets.length} failed)</span></h2>` +
    '<div class="table-wrap"><table class="sortable" id="budget-table"><thead><tr>' +
    ['Benchmark', 'Metric', 'Rule', 'Value', 'Status', 'Explanation'].map((h) => `<th scope="col">${h}</th>`).join('') +
    `</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`
  );
}

const LEGEND =
  '<div class="legend"><span><i class="lg-median"></i>median</span><span><i class="lg-ci"></i>median CI</span>' +
  '<span><i class="lg-base"></i>baseline median</span><span><i class="lg-budget"></i>budget</span>' +
  '<span><i class="lg-cp"></i>change point</span><span><i class="lg-env"></i>environment change</span></div>';

function trendFigure(s: ReportSeries, data: ReportData, chart: TrendChart): string {
  const v = data.verdicts.find((x) => x.benchmarkId === s.benchmarkId && x.metric === s.metric);
  const bad = s.changePoints.filter((c) => c.regression).length;
  const drawn = chart.drawn?.indices.length ?? 0;
  const sub = [
    `${s.metric} · ${s.unit} · ${directionText(s.direction)} · ${s.points.length} runs` +
      `${drawn < s.points.length ? ` (${drawn} drawn)` : ''}`,
  ];
  if (s.changePoints.length > 0)
    sub.push(
      `${s.changePoints.length} change point${s.changePoints.length > 1 ? 's' : ''}` +
        `${bad ? ` (${bad} regression${bad > 1 ? 's' : ''})` : ''}`,
    );
  return (
    `<figure class="trend" ${filterAttrs(s.suite, `${s.benchmarkId} ${s.metric} ${s.suite}`)}>` +
    `<figcaption><span class="name">${e(s.benchmarkId)}</span>` +
    `${v ? badge(v.verdict, v.severity ? `${v.verdict} · ${v.severity}` : v.verdict) : ''}` +
    `<span class="sub">${e(sub.join(' · '))}</span></figcaption>` +
    chart.svg +
    '</figure>'
  );
}

/**
 * The history section's figures and the hover data of their charts (one JSON block for the
 * whole page, parsed by the script on the first hover, so loading the page parses nothing).
 */
function trendsSection(data: ReportData): { html: string; hover: HoverData | null } {
  if (data.series.length === 0) return { html: '<p class="empty-note">No history.</p>', hover: null };
  const drawn: DrawnSeries[] = [];
  const figures = data.series.map((s) => {
    const chart = trendChart(s, {
      latestRunId: data.run.id,
      baselineRunId: data.baselineRun?.id,
      seriesIndex: drawn.length,
    });
    if (chart.drawn) drawn.push(chart.drawn);
    return trendFigure(s, data, chart);
  });
  return {
    html: `${LEGEND}<div class="grid">${figures.join('')}</div>`,
    hover: drawn.length > 0 ? hoverData(drawn) : null,
  };
}

function distFigure(d: ReportData['distributions'][number], data: ReportData): string {
  const suite = suiteOf(d.benchmarkId, data.series);
  const v = data.verdicts.find((x) => x.benchmarkId === d.benchmarkId && x.metric === d.metric);
  const thinned = d.baseline.length > MAX_DRAWN_SAMPLES || d.candidate.length > MAX_DRAWN_SAMPLES;
  const c = v?.comparison;
  return (
    `<figure class="dist" ${filterAttrs(suite, `${d.benchmarkId} ${d.metric} ${suite}`)}>` +
    `<figcaption><span class="name">${e(d.benchmarkId)}</span>${v ? badge(v.verdict) : ''}` +
    `<span class="sub">${e(d.metric)} · ${e(d.unit)}${c ? ` · ${e(formatSignedPercent(c.ratio - 1))}` : ''}` +
    `${thinned ? ` · dots show at most ${MAX_DRAWN_SAMPLES} samples per side; boxes use all` : ''}` +
    '</span></figcaption>' +
    renderDistChart(d) +
    '</figure>'
  );
}

type EnvKey = keyof Environment;
const ENV_COLUMNS: Array<[string, (env: Environment) => string, EnvKey]> = [
  ['Browser', (x) => x.browserVersion, 'browserVersion'],
  ['OS', (x) => x.os, 'os'],
  ['CPU', (x) => x.cpuModel, 'cpuModel'],
  ['Cores', (x) => String(x.cpuCores), 'cpuCores'],
  ['Node', (x) => x.nodeVersion, 'nodeVersion'],
  ['Harness', (x) => x.harnessVersion, 'harnessVersion'],
  ['Timer', (x) => `${formatValue(x.timerResolutionMs, 'ms')}`, 'timerResolutionMs'],
  ['Isolated', (x) => (x.crossOriginIsolated ? 'yes' : 'no'), 'crossOriginIsolated'],
  ['Flags', (x) => x.launchFlags.join(' '), 'launchFlags'],
];

function environmentSection(data: ReportData): string {
  if (data.runs.length === 0) return '<p class="empty-note">No runs.</p>';
  const rows = data.runs.map((run, i) => {
    const older = data.runs[i + 1]?.environment ?? null;
    const env = run.environment;
    const tags: string[] = [];
    if (run.id === data.run.id) tags.push(badge('new', 'latest'));
    if (data.baselineRun && run.id === data.baselineRun.id) tags.push(badge('unchanged', 'baseline'));
    const envCells = ENV_COLUMNS.map(([, get, field]) => {
      if (!env) return '<td>—</td>';
      const text = get(env);
      // Highlight what differs from the next older run: the usual suspect when a series jumps.
      const changed = older !== null && get(older) !== text;
      const cls = field === 'launchFlags' ? 'mono' : '';
      return (
        `<td class="${[cls, changed ? 'changed' : ''].join(' ').trim()}"` +
        `${changed ? ` title="was: ${e(get(older))}"` : ''}>${e(text)}</td>`
      );
    }).join('');
    const warn = run.warnings.length + (run.error ? 1 : 0);
    const warnTitle = [...run.warnings, ...(run.error ? [`error: ${run.error}`] : [])].join('\n');
    return (
      `<tr><td class="num" data-sort="${run.id}">#${run.id} ${tags.join(' ')}</td>` +
      `<td data-sort="${e(run.startedAt)}">${e(formatDate(run.startedAt))}</td>` +
      `<td>${e(run.status)}</td><td>${e(run.label ?? '')}</td><td>${e(run.git.branch ?? '')}</td>` +
      `<td><code title="${e(run.git.commit ?? '')}">${e(shortCommit(run.git.commit))}</code>` +
      `${run.git.dirty ? ' *' : ''}</td>` +
      envCells +
      `<td class="num"${warn ? ` title="${e(warnTitle)}"` : ''}>${warn || ''}</td></tr>`
    );
  });
  const head = [
    'Run',
    'Started (UTC)',
    'Status',
    'Label',
    'Branch',
    'Commit',
    ...ENV_COLUMNS.map(([h]) => h),
    'Warnings',
  ];
  return (
    '<div class="table-wrap"><table class="sortable" id="env-table"><thead><tr>' +
    head.map((h) => `<th scope="col">${h}</th>`).join('') +
    `</tr></thead><tbody>${rows.join('')}</tbody></table></div>` +
    '<p class="meta">Highlighted cells differ from the next older run. * = uncommitted changes.</p>'
  );
}

function headline(data: ReportData): string {
  const counts = verdictCounts(data.verdicts);
  const chips = VERDICT_ORDER.filter((k) => counts[k] > 0).map(
    (k) => `<span class="chip v-${k}">${counts[k]} ${e(k)}</span>`,
  );
  const failed = failedBudgets(data.budgets).length;
  if (failed > 0)
    chips.push(`<span class="chip v-budget-failed">${failed} budget${failed > 1 ? 's' : ''} failed</span>`);
  if (chips.length === 0) chips.push('<span class="chip v-unchanged">no verdicts</span>');
  return `<div class="chips" id="verdict-counts">${chips.join('')}</div>`;
}

function warningsSection(data: ReportData): string {
  const out: string[] = [];
  if (data.run.error) out.push(`<div class="callout bad"><b>Run error:</b> ${e(data.run.error)}</div>`);
  const items = [...data.envWarnings, ...data.run.warnings];
  if (items.length > 0) {
    out.push(
      '<div class="callout" id="env-warnings"><b>Warnings</b> — results may not be comparable:' +
        `<ul>${items.map((w) => `<li>${e(w)}</li>`).join('')}</ul></div>`,
    );
  }
  return out.join('');
}

/** Renders the whole report as one HTML document. */
export function renderHtml(data: ReportData): string {
  const suites = [
    ...new Set([...data.series.map((s) => s.suite), ...data.verdicts.map((v) => suiteOf(v.benchmarkId, data.series))]),
  ].sort();
  const counts = verdictCounts(data.verdicts);
  // Machine-readable summary for tools that scrape the report; escaped for a script element.
  const summary = {
    schemaVersion: 1,
    runId: data.run.id,
    baselineName: data.baselineName,
    baselineRunId: data.baselineRun?.id ?? null,
    counts,
    budgetsFailed: failedBudgets(data.budgets).length,
    generatedAt: data.generatedAt,
  };
  const baseline = data.baselineRun
    ? `<p class="meta">against baseline ${data.baselineName ? `<b>${e(data.baselineName)}</b>: ` : ''}` +
      `${runLine(data.baselineRun)}</p>`
    : `<p class="meta">${data.baselineName ? `baseline <b>${e(data.baselineName)}</b> has no run` : 'no baseline'}</p>`;
  const title = `jepsh-bench · run #${data.run.id}${data.run.label ? ` · ${data.run.label}` : ''}`;
  const trends = trendsSection(data);
  const hoverBlock = trends.hover
    ? `<script type="application/json" id="report-hover">${jsonForScript(trends.hover)}</script>\n`
    : '';
  const { css, script } = reportAssets();
  const dists = data.distributions.length
    ? `<div class="grid">${data.distributions.map((d) => distFigure(d, data)).join('')}</div>`
    : '<p class="empty-note">No samples to compare.</p>';
  const nav =
    `<nav><a href="#verdicts">Verdicts</a>${data.budgets.length ? '<a href="#budgets">Budgets</a>' : ''}` +
    '<a href="#trends">History</a><a href="#distributions">Distributions</a>' +
    '<a href="#environment">Environment</a></nav>';
  const suiteFilter =
    '<label>Suite <select id="suite-filter"><option value="">All suites</option>' +
    `${suites.map((s) => `<option value="${e(s)}">${e(s)}</option>`).join('')}</select></label>`;
  const distSection =
    '<section id="distributions"><h2>Distributions <span class="sub">baseline vs candidate samples</span></h2>' +
    `${dists}</section>`;
  const footer =
    `<footer>Generated ${e(formatDate(data.generatedAt))} UTC by jepsh-bench ${e(data.harnessVersion)}. ` +
    'Change points: E-divisive means with a permutation test.</footer>';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="jepsh-bench ${e(data.harnessVersion)}">
<link rel="icon" href="data:,">
<title>${e(title)}</title>
<style>
${css}</style>
</head>
<body>
<main>
<header>
<h1>jepsh-bench report</h1>
<p class="meta">${runLine(data.run)}</p>
${baseline}
${headline(data)}
${nav}
</header>
${warningsSection(data)}
<div class="filters">
${suiteFilter}
<label>Benchmark <input id="text-filter" type="search" placeholder="filter by id or metric" autocomplete="off"></label>
<span id="filter-count"></span>
</div>
<section id="verdicts"><h2>Verdicts</h2>${verdictSection(data)}</section>
${budgetSection(data)}
<section id="trends"><h2>History</h2>${trends.html}</section>
${distSection}
${renderSpeedupsHtml(data.speedups ?? [])}
<section id="environment"><h2>Environment</h2>${environmentSection(data)}</section>
${footer}
</main>
<script type="application/json" id="report-summary">${jsonForScript(summary)}</script>
${hoverBlock}<script>
${script}</script>
</body>
</html>
`;
}
