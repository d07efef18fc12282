/**
 * The HTML report: one self-contained file (inline CSS, inline SVG, a little inline JS) that can be
 * attached to a CI run and opened offline. It loads nothing: the Content-Security-Policy forbids every
 * fetch, the favicon is an empty data: URL (otherwise browsers request /favicon.ico), and no fonts
 * are referenced. Everything works without JS except sorting, filtering and the nicer tooltips.
 */
import type { BudgetResult, Environment, Run, Verdict, VerdictKind } from '../core/types.js';
import { escapeHtml, jsonForScript } from './escape.js';
import {
  directionText,
  formatDate,
  formatP,
  formatPercent,
  formatRatioChange,
  formatValue,
  shortCommit,
} from './format.js';
import {
  VERDICT_ORDER,
  describeBudget,
  failedBudgets,
  suiteOf,
  verdictCounts,
  type ReportData,
  type ReportSeries,
} from './model.js';
import { MAX_DRAWN_SAMPLES, renderDistChart, renderTrendChart } from './svg.js';
import { renderSpeedupsHtml } from './speedups.js';

export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const e = escapeHtml;

const CSS = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--panel:#f6f8fa;
--accent:#0969da;--band:rgba(9,105,218,.14);--bad:#cf222e;--bad-bg:#ffebe9;--good:#1a7f37;--good-bg:#dafbe1;
--warn:#9a6700;--warn-bg:#fff8c5;--neutral:#6e7781;--neutral-bg:#eff2f5;--new:#8250df;--new-bg:#fbefff;
--base:#6e7781;--cand:#0969da;--budget:#bc4c00;--font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--panel:#151b23;
--accent:#4493f8;--band:rgba(68,147,248,.2);--bad:#f85149;--bad-bg:#3c1618;--good:#3fb950;--good-bg:#12261e;
--warn:#d29922;--warn-bg:#2e2312;--neutral:#9198a1;--neutral-bg:#212830;--new:#ab7df8;--new-bg:#231a36;
--base:#9198a1;--cand:#4493f8;--budget:#f0883e}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 var(--font)}
main{max-width:1280px;margin:0 auto;padding:20px 24px 48px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--border)}
a{color:var(--accent)}
code,.mono{font-family:var(--mono);font-size:12.5px}
.meta{color:var(--muted);margin:2px 0}
.meta b{color:var(--fg);font-weight:600}
nav{display:flex;gap:14px;flex-wrap:wrap;margin:12px 0 0}
.chips{display:flex;gap:8px;flex-wrap:wrap;margin:14px 0 4px}
.chip,.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-weight:600;font-size:12.5px;border:1px solid currentColor;white-space:nowrap}
.badge{padding:0 8px;font-size:12px}
.v-regressed,.v-budget-failed,.v-errored{color:var(--bad);background:var(--bad-bg)}
.v-improved{color:var(--good);background:var(--good-bg)}
.v-inconclusive,.v-missing{color:var(--warn);background:var(--warn-bg)}
.v-unchanged{color:var(--neutral);background:var(--neutral-bg)}
.v-new{color:var(--new);background:var(--new-bg)}
.callout{border:1px solid var(--warn);background:var(--warn-bg);border-radius:6px;padding:8px 14px;margin:14px 0}
.callout.bad{border-color:var(--bad);background:var(--bad-bg)}
.callout ul{margin:4px 0;padding-left:20px}
.filters{position:sticky;top:0;z-index:2;background:var(--bg);display:flex;gap:16px;align-items:center;flex-wrap:wrap;
padding:10px 0;border-bottom:1px solid var(--border)}
.filters select,.filters input{font:inherit;color:inherit;background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:3px 8px}
.filters input{min-width:260px}
#filter-count{color:var(--muted)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:5px 10px;border-bottom:1px solid var(--border);text-align:left;vertical-align:top}
th{position:relative;font-size:12.5px;color:var(--muted);font-weight:600;white-space:nowrap;user-select:none}
table.sortable th{cursor:pointer}
table.sortable th:hover{color:var(--fg)}
th[aria-sort=ascending]::after{content:" \\25B2";font-size:10px}
th[aria-sort=descending]::after{content:" \\25BC";font-size:10px}
td.num{text-align:right;white-space:nowrap}
tr.slower td{color:#b3261e}
tbody tr:hover{background:var(--panel)}
tr.row-v td:first-child{border-left:4px solid var(--neutral)}
tr.row-regressed td:first-child,tr.row-budget-failed td:first-child,tr.row-errored td:first-child{border-left-color:var(--bad)}
tr.row-improved td:first-child{border-left-color:var(--good)}
tr.row-inconclusive td:first-child,tr.row-missing td:first-child{border-left-color:var(--warn)}
tr.row-new td:first-child{border-left-color:var(--new)}
td.why{color:var(--muted);font-size:12.5px;min-width:260px}
.bad-text{color:var(--bad);font-weight:600}.good-text{color:var(--good);font-weight:600}
.changed{background:var(--warn-bg)}
#env-table td{white-space:nowrap}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:16px}
figure{margin:0;border:1px solid var(--border);border-radius:8px;padding:10px 12px 6px;background:var(--bg)}
figcaption{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap;margin-bottom:4px}
figcaption .name{font-family:var(--mono);font-size:13px;font-weight:600;word-break:break-all}
figcaption .sub{color:var(--muted);font-size:12.5px}
h2 .sub{color:var(--muted);font-weight:400;font-size:13px}
.legend{display:flex;gap:14px;flex-wrap:wrap;color:var(--muted);font-size:12px;margin:2px 0 4px}
.legend i{display:inline-block;width:16px;height:0;border-top:2px solid;vertical-align:middle;margin-right:4px}
.lg-median{border-color:var(--accent)!important}.lg-ci{border-top:8px solid var(--band)!important}
.lg-base{border-color:var(--neutral)!important;border-top-style:dashed!important}
.lg-budget{border-color:var(--budget)!important;border-top-style:dashed!important}
.lg-cp{border-color:var(--bad)!important}.lg-env{border-color:var(--muted)!important;border-top-style:dotted!important}
svg{display:block;width:100%;height:auto;font-family:var(--font);overflow:visible}
svg text{fill:var(--muted);font-size:11px}
svg .grid{stroke:var(--border);stroke-width:1;opacity:.7}
svg .axis{stroke:var(--muted);fill:none;stroke-width:1}
svg .ci-band{fill:var(--band);stroke:none}
svg .median-line{stroke:var(--accent);fill:none;stroke-width:2;stroke-linejoin:round}
svg .pt{fill:var(--accent);stroke:var(--bg);stroke-width:1}
svg .pt:hover{r:5}
svg .pt-latest{fill:var(--bg);stroke:var(--accent);stroke-width:2.5}
svg .pt-baseline{fill:var(--neutral);stroke:var(--bg)}
svg .segment{stroke:var(--fg);opacity:.35;stroke-width:1.5;stroke-dasharray:2 3}
svg .ref line{stroke-width:1.5;stroke-dasharray:6 4}
svg .ref.baseline line{stroke:var(--neutral)}svg .ref.baseline text{fill:var(--neutral)}
svg .ref.budget line{stroke:var(--budget)}svg .ref.budget text{fill:var(--budget);font-weight:600}
svg .cp line{stroke-width:1.5;stroke-dasharray:4 3}
svg .cp-bad line{stroke:var(--bad)}svg .cp-bad path{fill:var(--bad)}
svg .cp-good line{stroke:var(--good)}svg .cp-good path{fill:var(--good)}
svg .env-change line{stroke:var(--muted);stroke-width:1.2;stroke-dasharray:1 3}
svg .env-change text{font-size:10px}
svg .empty{font-size:14px}
svg .samples circle{opacity:.45}
svg .samples.base circle{fill:var(--base)}svg .samples.cand circle{fill:var(--cand)}
svg .box rect{fill-opacity:.12;stroke-width:1.5}
svg .box.base rect{fill:var(--base);stroke:var(--base)}svg .box.cand rect{fill:var(--cand);stroke:var(--cand)}
svg .box .whisker{fill:none;stroke:var(--muted);stroke-width:1.2}
svg .box .median{stroke:var(--fg);stroke-width:2.5}
svg .row-label{fill:var(--fg);font-size:12px;font-weight:600}
.tooltip{position:fixed;z-index:10;pointer-events:none;max-width:420px;white-space:pre-line;background:var(--fg);color:var(--bg);
padding:6px 9px;border-radius:6px;font-size:12px;line-height:1.4;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.hidden{display:none!important}
.empty-note{color:var(--muted);font-style:italic}
footer{margin-top:40px;color:var(--muted);font-size:12px}
`;

/** Sorting, filtering and tooltips. Reads only the DOM; the page works without it. */
const SCRIPT = `
(function(){
  'use strict';
  function key(row, col){
    var c = row.cells[col]; if(!c) return '';
    var v = c.getAttribute('data-sort'); return v === null ? c.textContent.trim().toLowerCase() : v;
  }
  function cmp(a, b){
    var x = parseFloat(a), y = parseFloat(b);
    var nx = a !== '' && isFinite(a) && !isNaN(x), ny = b !== '' && isFinite(b) && !isNaN(y);
    if(nx && ny) return x - y;
    if(nx) return -1; if(ny) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  document.querySelectorAll('table.sortable').forEach(function(table){
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function(th, col){
      th.tabIndex = 0;
      function sort(){
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(heads, function(h){ h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var body = table.tBodies[0]; var rows = Array.prototype.slice.call(body.rows);
        var sign = dir === 'ascending' ? 1 : -1;
        rows.sort(function(a, b){ return sign * cmp(key(a, col), key(b, col)); });
        rows.forEach(function(r){ body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function(ev){ if(ev.key === 'Enter' || ev.key === ' '){ ev.preventDefault(); sort(); } });
    });
  });
  var suiteSel = document.getElementById('suite-filter');
  var textBox = document.getElementById('text-filter');
  var count = document.getElementById('filter-count');
  function applyFilter(){
    var suite = suiteSel ? suiteSel.value : '';
    var text = textBox ? textBox.value.trim().toLowerCase() : '';
    var items = document.querySelectorAll('[data-filter-text]');
    var shown = 0, rows = 0;
    items.forEach(function(el){
      var ok = (!suite || el.getAttribute('data-suite') === suite) &&
        (!text || el.getAttribute('data-filter-text').indexOf(text) !== -1);
      el.classList.toggle('hidden', !ok);
      if(el.tagName === 'TR' && el.closest('#verdict-table')){ rows++; if(ok) shown++; }
    });
    if(count) count.textContent = (suite || text) ? shown + ' of ' + rows + ' verdicts shown' : '';
  }
  if(suiteSel) suiteSel.addEventListener('change', applyFilter);
  if(textBox) textBox.addEventListener('input', applyFilter);
  // Tooltips: move each chart <title> into a data attribute (so the native tooltip does not show
  // twice) and show it in a positioned box that appears immediately.
  var tip = document.createElement('div'); tip.className = 'tooltip hidden'; tip.setAttribute('role', 'tooltip');
  document.body.appendChild(tip);
  document.querySelectorAll('svg.trend-chart title, svg.dist-chart title').forEach(function(t){
    var host = t.parentNode; if(!host || host.tagName.toLowerCase() === 'svg') return;
    host.setAttribute('data-tip', t.textContent); host.removeChild(t);
  });
  document.addEventListener('mousemove', function(ev){
    var el = ev.target && ev.target.closest ? ev.target.closest('[data-tip]') : null;
    if(!el){ tip.classList.add('hidden'); return; }
    tip.textContent = el.getAttribute('data-tip');
    tip.classList.remove('hidden');
    var x = ev.clientX + 14, y = ev.clientY + 14, w = tip.offsetWidth, h = tip.offsetHeight;
    if(x + w > window.innerWidth - 8) x = ev.clientX - w - 14;
    if(y + h > window.innerHeight - 8) y = ev.clientY - h - 14;
    tip.style.left = Math.max(4, x) + 'px'; tip.style.top = Math.max(4, y) + 'px';
  });
})();
`;

function badge(kind: VerdictKind, text: string = kind): string {
  return `<span class="badge v-${kind}">${e(text)}</span>`;
}

function runLine(run: Run): string {
  const parts = [`<b>Run #${run.id}</b>`];
  if (run.label) parts.push(`label <b>${e(run.label)}</b>`);
  if (run.git.branch) parts.push(`branch <b>${e(run.git.branch)}</b>`);
  if (run.git.commit) {
    parts.push(
      `commit <code title="${e(run.git.commit)}">${e(shortCommit(run.git.commit))}</code>${run.git.dirty ? ' (dirty)' : ''}`,
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

function verdictRow(v: Verdict, suite: string): string {
  const c = v.comparison;
  const rank = VERDICT_ORDER.indexOf(v.verdict);
  const change = c ? c.ratio - 1 : undefined;
  const bad = change !== undefined && (v.direction === 'lower' ? change > 0 : change < 0);
  const changeCls = v.verdict === 'regressed' ? 'bad-text' : v.verdict === 'improved' ? 'good-text' : '';
  const verdictText = v.severity ? `${v.verdict} · ${v.severity}` : v.verdict;
  return (
    `<tr class="row-v row-${v.verdict}" ${filterAttrs(suite, `${v.benchmarkId} ${v.metric} ${suite}`)}>` +
    `<td data-sort="${e(v.benchmarkId.toLowerCase())}"><code>${e(v.benchmarkId)}</code></td>` +
    `<td>${e(v.metric)}</td>` +
    `<td class="num" data-sort="${num(c?.baseline.median)}">${c ? e(formatValue(c.baseline.median, v.unit)) : '—'}</td>` +
    `<td class="num" data-sort="${num(c?.candidate.median)}">${c ? e(formatValue(c.candidate.median, v.unit)) : '—'}</td>` +
    `<td class="num ${changeCls}" data-sort="${num(change)}" title="${bad ? 'in the bad direction' : 'in the good direction'}">` +
    `${c ? e(formatRatioChange(c.ratio, c.ratioCI)) : '—'}</td>` +
    `<td class="num" data-sort="${num(c?.pAdjusted)}">${c ? e(formatP(c.pAdjusted)) : '—'}</td>` +
    `<td data-sort="${rank}">${badge(v.verdict, verdictText)}</td>` +
    `<td class="why">${e(v.explanation)}</td></tr>`
  );
}

function verdictSection(data: ReportData): string {
  if (data.verdicts.length === 0) return '<p class="empty-note">No comparisons: no baseline or no shared benchmarks.</p>';
  const sorted = [...data.verdicts].sort(
    (a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) || a.benchmarkId.localeCompare(b.benchmarkId),
  );
  const head = ['Benchmark', 'Metric', 'Baseline', 'Candidate', 'Change (CI)', 'p<sub>adj</sub>', 'Verdict', 'Explanation'];
  return (
    `<div class="table-wrap"><table class="sortable" id="verdict-table"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>` +
    sorted.map((v) => verdictRow(v, suiteOf(v.benchmarkId, data.series))).join('') +
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
        `<tr class="row-v ${b.passed ? 'row-unchanged' : 'row-budget-failed'}" ${filterAttrs(suite, `${b.benchmarkId} ${b.budget.metric} ${suite}`)}>` +
        `<td><code>${e(b.benchmarkId)}</code></td><td>${e(b.budget.metric)}</td>` +
        `<td>${e(describeBudget(b.budget, unit))}${b.budget.description ? `<div class="why">${e(b.budget.description)}</div>` : ''}</td>` +
        `<td class="num" data-sort="${num(b.value)}">${e(formatValue(b.value, unit))}</td>` +
        `<td data-sort="${b.passed ? 1 : 0}">${b.passed ? badge('unchanged', 'passed') : badge('budget-failed', 'failed')}</td>` +
        `<td class="why">${e(b.explanation)}</td></tr>`
      );
    });
  return (
    `<section id="budgets"><h2>Budgets <span class="sub">(${failedBudgets(data.budgets).length} of ${data.budgets.length} failed)</span></h2>` +
    '<div class="table-wrap"><table class="sortable" id="budget-table"><thead><tr>' +
    ['Benchmark', 'Metric', 'Rule', 'Value', 'Status', 'Explanation'].map((h) => `<th scope="col">${h}</th>`).join('') +
    `</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`
  );
}

const LEGEND =
  '<div class="legend"><span><i class="lg-median"></i>median</span><span><i class="lg-ci"></i>median CI</span>' +
  '<span><i class="lg-base"></i>baseline median</span><span><i class="lg-budget"></i>budget</span>' +
  '<span><i class="lg-cp"></i>change point</span><span><i class="lg-env"></i>environment change</span></div>';

function trendFigure(s: ReportSeries, data: ReportData): string {
  const v = data.verdicts.find((x) => x.benchmarkId === s.benchmarkId && x.metric === s.metric);
  const bad = s.changePoints.filter((c) => c.regression).length;
  const sub = [`${s.metric} · ${s.unit} · ${directionText(s.direction)} · ${s.points.length} runs`];
  if (s.changePoints.length > 0) sub.push(`${s.changePoints.length} change point${s.changePoints.length > 1 ? 's' : ''}${bad ? ` (${bad} regression${bad > 1 ? 's' : ''})` : ''}`);
  return (
    `<figure class="trend" ${filterAttrs(s.suite, `${s.benchmarkId} ${s.metric} ${s.suite}`)}>` +
    `<figcaption><span class="name">${e(s.benchmarkId)}</span>${v ? badge(v.verdict, v.severity ? `${v.verdict} · ${v.severity}` : v.verdict) : ''}` +
    `<span class="sub">${e(sub.join(' · '))}</span></figcaption>` +
    renderTrendChart(s, { latestRunId: data.run.id, baselineRunId: data.baselineRun?.id }) +
    '</figure>'
  );
}

function distFigure(d: ReportData['distributions'][number], data: ReportData): string {
  const suite = suiteOf(d.benchmarkId, data.series);
  const v = data.verdicts.find((x) => x.benchmarkId === d.benchmarkId && x.metric === d.metric);
  const thinned = d.baseline.length > MAX_DRAWN_SAMPLES || d.candidate.length > MAX_DRAWN_SAMPLES;
  const c = v?.comparison;
  return (
    `<figure class="dist" ${filterAttrs(suite, `${d.benchmarkId} ${d.metric} ${suite}`)}>` +
    `<figcaption><span class="name">${e(d.benchmarkId)}</span>${v ? badge(v.verdict) : ''}` +
    `<span class="sub">${e(d.metric)} · ${e(d.unit)}${c ? ` · ${e(formatPercent(c.ratio - 1))}` : ''}` +
    `${thinned ? ` · dots show at most ${MAX_DRAWN_SAMPLES} samples per side; boxes use all` : ''}</span></figcaption>` +
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
      return `<td class="${[cls, changed ? 'changed' : ''].join(' ').trim()}"${changed ? ` title="was: ${e(get(older))}"` : ''}>${e(text)}</td>`;
    }).join('');
    const warn = run.warnings.length + (run.error ? 1 : 0);
    const warnTitle = [...run.warnings, ...(run.error ? [`error: ${run.error}`] : [])].join('\n');
    return (
      `<tr><td class="num" data-sort="${run.id}">#${run.id} ${tags.join(' ')}</td>` +
      `<td data-sort="${e(run.startedAt)}">${e(formatDate(run.startedAt))}</td>` +
      `<td>${e(run.status)}</td><td>${e(run.label ?? '')}</td><td>${e(run.git.branch ?? '')}</td>` +
      `<td><code title="${e(run.git.commit ?? '')}">${e(shortCommit(run.git.commit))}</code>${run.git.dirty ? ' *' : ''}</td>` +
      envCells +
      `<td class="num"${warn ? ` title="${e(warnTitle)}"` : ''}>${warn || ''}</td></tr>`
    );
  });
  const head = ['Run', 'Started (UTC)', 'Status', 'Label', 'Branch', 'Commit', ...ENV_COLUMNS.map(([h]) => h), 'Warnings'];
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
  if (failed > 0) chips.push(`<span class="chip v-budget-failed">${failed} budget${failed > 1 ? 's' : ''} failed</span>`);
  if (chips.length === 0) chips.push('<span class="chip v-unchanged">no verdicts</span>');
  return `<div class="chips" id="verdict-counts">${chips.join('')}</div>`;
}

function warningsSection(data: ReportData): string {
  const out: string[] = [];
  if (data.run.error) out.push(`<div class="callout bad"><b>Run error:</b> ${e(data.run.error)}</div>`);
  const items = [...data.envWarnings, ...data.run.warnings];
  if (items.length > 0) {
    out.push(
      `<div class="callout" id="env-warnings"><b>Warnings</b> — results may not be comparable:<ul>${items.map((w) => `<li>${e(w)}</li>`).join('')}</ul></div>`,
    );
  }
  return out.join('');
}

/** Renders the whole report as one HTML document. */
export function renderHtml(data: ReportData): string {
  const suites = [...new Set([...data.series.map((s) => s.suite), ...data.verdicts.map((v) => suiteOf(v.benchmarkId, data.series))])].sort();
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
    ? `<p class="meta">against baseline ${data.baselineName ? `<b>${e(data.baselineName)}</b>: ` : ''}${runLine(data.baselineRun)}</p>`
    : `<p class="meta">${data.baselineName ? `baseline <b>${e(data.baselineName)}</b> has no run` : 'no baseline'}</p>`;
  const title = `jepsh-bench · run #${data.run.id}${data.run.label ? ` · ${data.run.label}` : ''}`;
  const trends = data.series.length
    ? `${LEGEND}<div class="grid">${data.series.map((s) => trendFigure(s, data)).join('')}</div>`
    : '<p class="empty-note">No history.</p>';
  const dists = data.distributions.length
    ? `<div class="grid">${data.distributions.map((d) => distFigure(d, data)).join('')}</div>`
    : '<p class="empty-note">No samples to compare.</p>';

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
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>jepsh-bench report</h1>
<p class="meta">${runLine(data.run)}</p>
${baseline}
${headline(data)}
<nav><a href="#verdicts">Verdicts</a>${data.budgets.length ? '<a href="#budgets">Budgets</a>' : ''}<a href="#trends">History</a><a href="#distributions">Distributions</a><a href="#environment">Environment</a></nav>
</header>
${warningsSection(data)}
<div class="filters">
<label>Suite <select id="suite-filter"><option value="">All suites</option>${suites.map((s) => `<option value="${e(s)}">${e(s)}</option>`).join('')}</select></label>
<label>Benchmark <input id="text-filter" type="search" placeholder="filter by id or metric" autocomplete="off"></label>
<span id="filter-count"></span>
</div>
<section id="verdicts"><h2>Verdicts</h2>${verdictSection(data)}</section>
${budgetSection(data)}
<section id="trends"><h2>History</h2>${trends}</section>
<section id="distributions"><h2>Distributions <span class="sub">baseline vs candidate samples</span></h2>${dists}</section>
${renderSpeedupsHtml(data.speedups ?? [])}
<section id="environment"><h2>Environment</h2>${environmentSection(data)}</section>
<footer>Generated ${e(formatDate(data.generatedAt))} UTC by jepsh-bench ${e(data.harnessVersion)}. Change points: E-divisive means with a permutation test.</footer>
</main>
<script type="application/json" id="report-summary">${jsonForScript(summary)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
