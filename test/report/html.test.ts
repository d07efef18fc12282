import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml, HTML_CSP } from '../../src/report/html.js';
import { makeReportData } from './fixtures.js';

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

test('one trend chart per series and one distribution chart per comparison, each with data attributes', () => {
  const data = makeReportData();
  const html = renderHtml(data);
  assert.equal(count(html, /<svg [^>]*class="trend-chart"/g), data.series.length);
  assert.equal(count(html, /<svg [^>]*class="dist-chart"/g), data.distributions.length);
  for (const s of data.series) {
    assert.ok(html.includes(`data-benchmark="${s.benchmarkId}" data-metric="${s.metric}"`), s.benchmarkId);
  }
  // Each trend chart has a non-empty median path.
  const medianPaths = [...html.matchAll(/<path class="median-line" d="([^"]*)"/g)].map((m) => m[1]!);
  assert.equal(medianPaths.length, data.series.length);
  for (const d of medianPaths) assert.match(d, /^M[\d.]+,[\d.]+(l-?[\d.]+,-?[\d.]+)+$/);
});

test('verdict table has one colour-coded row per verdict, and budget rows', () => {
  const data = makeReportData();
  const html = renderHtml(data);
  const table = html.slice(
    html.indexOf('<table class="sortable" id="verdict-table">'),
    html.indexOf('</table>', html.indexOf('id="verdict-table"')),
  );
  assert.equal(count(table, /<tr class="row-v row-/g), data.verdicts.length);
  assert.equal(count(table, /<tr class="row-v row-regressed"/g), 1);
  assert.equal(count(table, /<tr class="row-v row-improved"/g), 1);
  assert.match(table, /\+31\.0% \[\+28\.0%, \+34\.0%\]/);
  // Regressions sort first.
  assert.ok(table.indexOf('row-regressed') < table.indexOf('row-unchanged'));
  assert.equal(count(html, /<tr class="row-v row-budget-failed"[^>]*data-suite/g), 1);
  // Suite filter lists every suite once.
  assert.equal(count(html, /<option value="diffing">/g), 1);
  assert.equal(count(html, /<option value="reactivity">/g), 1);
});

test('self-contained: CSP meta, no external URLs, data: favicon', () => {
  const html = renderHtml(makeReportData());
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`));
  assert.ok(html.includes('<link rel="icon" href="data:,">'));
  // The only URL-like strings allowed are the SVG namespace (an identifier, never fetched).
  const urls = [...html.matchAll(/\b(?:https?:)?\/\/[^\s"'<>)]+/g)]
    .map((m) => m[0])
    .filter((u) => u !== 'http://www.w3.org/2000/svg');
  assert.deepEqual(urls, []);
  assert.doesNotMatch(html, /\b(?:src|href)="(?!data:|#)/);
  assert.doesNotMatch(html, /@import|url\(/);
});

test('change points and environment changes are marked on the trend chart', () => {
  const data = makeReportData();
  const html = renderHtml(data);
  const regressions = data.series.flatMap((s) => s.changePoints).filter((c) => c.regression).length;
  const improvements = data.series.flatMap((s) => s.changePoints).filter((c) => !c.regression).length;
  assert.ok(regressions >= 1 && improvements >= 1, 'fixture has both kinds');
  assert.equal(count(html, /<g class="cp cp-bad"/g), regressions);
  assert.equal(count(html, /<g class="cp cp-good"/g), improvements);
  // The browser changes at run 15 in every series.
  assert.equal(count(html, /<g class="env-change">/g), data.series.length);
  assert.match(html, /Browser: Chrome\/130\.0\.6723\.58 → Chrome\/131\.0\.6778\.85/);
  // Baseline and budget reference lines where the series has them.
  assert.equal(
    count(html, /<g class="ref baseline">/g),
    data.series.filter((s) => s.baselineMedian !== undefined).length,
  );
  assert.equal(count(html, /<g class="ref budget">/g), data.series.filter((s) => s.budgetLimit !== undefined).length);
  // Hover data: run, date and commit of each drawn point; native titles on the latest and baseline points.
  const hover = JSON.parse(/<script type="application\/json" id="report-hover">([^]*?)<\/script>/.exec(html)![1]!);
  assert.deepEqual(hover.runs[12], [13, '2025-01-14 03:00', '000dabcd', 'main', '', 0]);
  assert.equal(hover.series.length, data.series.length);
  assert.match(html, /<circle class="pt pt-latest"[^>]*><title>Run #20 · 2025-01-21 03:00\ncommit 0014abcd \(main\)/);
  assert.match(html, /<circle class="pt pt-baseline"[^>]*><title>Run #10 /);
});

test('an empty series still gets its chart element, and an empty report renders', () => {
  const data = makeReportData();
  data.series.push({ ...data.series[0]!, metric: 'empty', points: [], changePoints: [] });
  const html = renderHtml(data);
  assert.equal(count(html, /<svg [^>]*class="trend-chart"/g), data.series.length);
  const bare = renderHtml({
    ...data,
    verdicts: [],
    budgets: [],
    series: [],
    distributions: [],
    envWarnings: [],
    baselineRun: null,
    baselineName: null,
  });
  assert.match(bare, /No comparisons/);
  assert.equal(count(bare, /class="trend-chart"/g), 0);
});

test('a regressed benchmark with a recorded CPU profile links its files and names the functions that grew', () => {
  const data = makeReportData();
  const regressed = data.verdicts.find((v) => v.verdict === 'regressed')!;
  const other = data.verdicts.find((v) => v.verdict !== 'regressed')!;
  const profile = (benchmarkId: string) => ({
    runId: data.run.id,
    benchmarkId,
    files: [
      { side: 'base', path: 'profiles/run-20/x.base.cpuprofile' },
      { side: 'head', path: 'profiles/run-20/x.head.cpuprofile' },
    ],
    top: [{ name: 'recompute', location: 'src/runtime/reactivity/graph.ts:498', value: 0.25, unit: 'µs/op' as const }],
  });
  data.profiles = [profile(regressed.benchmarkId), profile(other.benchmarkId)];
  const html = renderHtml(data);
  // Only the regressed row carries it: a profile explains a regression, not an unchanged benchmark.
  assert.equal(count(html, /<div class="profile">/g), 1);
  assert.ok(
    html.includes(
      '<a href="profiles/run-20/x.base.cpuprofile">base</a> · <a href="profiles/run-20/x.head.cpuprofile">head</a>',
    ),
  );
  assert.ok(html.includes('<code>recompute</code> src/runtime/reactivity/graph.ts:498 +0.25 µs/op'));
  delete data.profiles;
  assert.equal(count(renderHtml(data), /<div class="profile">/g), 0);
});
