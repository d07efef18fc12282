/**
 * Issue 16: a report over 1,000 runs was 36 MB with 165,402 circles and took 5.7 s to load. The
 * file must stay under 5 MB with a bounded number of SVG elements per chart, while every change
 * point and the newest runs stay exact in what the charts draw and hover. How fast it opens in
 * Chromium is measured by scripts/bench/report-open.ts, not here (no browser in unit tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../src/report/html.js';
import { MAX_DRAWN_POINTS, NEWEST_EXACT, sig4, type HoverData } from '../../src/report/trend-points.js';
import { createRng } from '../../src/stats/prng.js';
import { syntheticHistory } from './synthetic-history.js';

const RUNS = 1000;
const data = syntheticHistory(RUNS, createRng(16));
const html = renderHtml(data);
const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

function hover(): HoverData {
  const json = /<script type="application\/json" id="report-hover">([^]*?)<\/script>/.exec(html);
  assert.ok(json, 'the report has its hover data');
  return JSON.parse(json[1]!) as HoverData;
}

/** Each trend chart's SVG text, in series order. */
const charts = [...html.matchAll(/<svg [^>]*class="trend-chart"[^]*?<\/svg>/g)].map((m) => m[0]);

test('1,000 runs: the HTML report is under 5 MB', (t) => {
  const bytes = Buffer.byteLength(html, 'utf8');
  const part = (from: string, to: string): number => {
    const a = html.indexOf(from);
    return a < 0 ? 0 : Buffer.byteLength(html.slice(a, html.indexOf(to, a)), 'utf8');
  };
  // Where the bytes go, for the next person who has to cut them.
  t.diagnostic(
    `${bytes} bytes: trends ${part('<section id="trends">', '</section>')}, ` +
      `distributions ${part('<section id="distributions">', '</section>')}, ` +
      `environment ${part('<section id="environment">', '</section>')}, ` +
      `hover data ${part('id="report-hover"', '</script>')}`,
  );
  assert.ok(bytes < 5 * 1024 * 1024, `${(bytes / 1024 / 1024).toFixed(2)} MB`);
});

test('1,000 runs: SVG elements per chart are bounded, not one per run', (t) => {
  assert.equal(charts.length, data.series.length);
  t.diagnostic(`elements per chart: at most ${Math.max(...charts.map((svg) => count(svg, /<[a-z]/g)))}`);
  for (const svg of charts) {
    assert.ok(count(svg, /<circle/g) <= 2, 'only the latest and baseline points are circles');
    assert.ok(count(svg, /<title>/g) <= 20, 'titles for markers and reference lines only');
    assert.ok(count(svg, /<[a-z]/g) <= 100, `${count(svg, /<[a-z]/g)} elements`);
    const drawn = Number(/data-drawn="(\d+)"/.exec(svg)![1]);
    assert.ok(drawn <= MAX_DRAWN_POINTS, `${drawn} points drawn`);
  }
  // Distribution strips are paths too.
  assert.ok(count(html, /<circle/g) <= 2 * data.series.length);
});

test('1,000 runs: every change point is drawn and hoverable, on both sides of the step', () => {
  const h = hover();
  assert.equal(h.series.length, data.series.length);
  let checked = 0;
  data.series.forEach((s, k) => {
    const runIds = new Set(h.series[k]!.points.map((p) => h.runs[p[2]]![0]));
    for (const cp of s.changePoints) {
      for (const i of [cp.index - 1, cp.index]) {
        const point = s.points[i]!;
        assert.ok(runIds.has(point.runId), `${s.benchmarkId}: run ${point.runId} at change point ${cp.index}`);
        checked++;
      }
    }
  });
  assert.ok(checked >= data.series.length * 2, 'the synthetic history has change points');
});

test('1,000 runs: the newest runs are drawn exactly (values to 4 significant digits)', () => {
  const h = hover();
  data.series.forEach((s, k) => {
    const byRun = new Map(h.series[k]!.points.map((p) => [h.runs[p[2]]![0], p]));
    for (const point of s.points.slice(-NEWEST_EXACT)) {
      const p = byRun.get(point.runId);
      assert.ok(p, `${s.benchmarkId}: newest run ${point.runId} drawn`);
      assert.equal(p[3], sig4(point.median));
      assert.equal(p[4], sig4(point.ci.low));
      assert.equal(p[5], sig4(point.ci.high));
    }
    // First and last point of the history too.
    assert.ok(byRun.has(s.points[0]!.runId));
  });
});

test('1,000 runs: the report renders the same bytes twice', () => {
  assert.equal(renderHtml(data), html);
  assert.equal(renderHtml(syntheticHistory(RUNS, createRng(16))), html);
});

test('1,000 runs: the tables stay complete (every verdict and every run without script)', () => {
  assert.equal(count(html, /<tr class="row-v row-unchanged"/g), data.verdicts.length);
  const envTable = html.slice(html.indexOf('id="env-table"'), html.indexOf('</table>', html.indexOf('id="env-table"')));
  assert.equal(count(envTable, /<tr><td class="num" data-sort="/g), RUNS);
});
