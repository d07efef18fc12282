// Usage: node --import tsx scripts/bench/chart-uplot.ts [--runs 1000] [--series 140] [--repeat 5] [--keep DIR]
//
// Issue 16 asks to measure the report's hand-written SVG trend charts against a chart library built
// for long time series that can be inlined, uPlot (canvas), at 1,000 and 10,000 runs. This script
// renders the same synthetic history (test/report/synthetic-history.ts, seed 16) three ways and
// opens each in a fresh headless Chromium with the harness's flags, in turns (svg, uplot-eager,
// uplot-lazy, svg, ...) so the machine's drift hits all three alike:
//   - svg: the real report (src/report/html.ts: LTTB-downsampled SVG, hover data in one JSON block);
//   - uplot-eager: one uPlot chart per series with every run (median line and CI band), the runs'
//     dates and commits in the legend on hover, all charts built when the page opens;
//   - uplot-lazy: the same, each chart built when it scrolls near the viewport (IntersectionObserver).
// Printed per variant: file bytes, load and "ready" (the page's script done: the report's
// `jepsh-report-ready` mark, uPlot pages' own mark after the eager charts are built) from the
// page's clock, the time from moving the pointer onto the first chart until its hover shows
// (tooltip for svg, through the report's own probe, scripts/bench/report-probe.ts; legend value for
// uPlot), and JS heap. The uPlot pages are a fair best effort, not
// a full report: verdict and environment tables are left out, which favours them on size.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Page } from 'puppeteer';
import type { ReportData } from '../../src/report/model.js';
import { renderHtml } from '../../src/report/html.js';
import { createRng } from '../../src/stats/prng.js';
import { syntheticHistory } from '../../test/report/synthetic-history.js';
import { measureReportOpening, openTimed, settle } from './report-probe.js';

type Variant = 'svg' | 'uplot-eager' | 'uplot-lazy';
const VARIANTS: Variant[] = ['svg', 'uplot-eager', 'uplot-lazy'];

interface Measurement {
  bytes: number;
  loadMs: number;
  readyMs: number | null;
  firstHoverMs: number | null;
  heapMB: number | null;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/** uPlot's files from node_modules (a devDependency: only this script uses it). */
function uplotAssets(): { js: string; css: string } {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('uplot/dist/uPlot.iife.min.js'));
  return {
    js: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(join(dist, 'uPlot.min.css'), 'utf8'),
  };
}

/** Every run of every series as column arrays (uPlot's layout), 4 significant digits like the report's hover data. */
function uplotPage(data: ReportData, lazy: boolean): string {
  const { js, css } = uplotAssets();
  const runs = new Map<number, [string, string]>();
  const series = data.series.map((s) => {
    const x: number[] = [];
    const y: number[] = [];
    const lo: number[] = [];
    const hi: number[] = [];
    for (const p of s.points) {
      runs.set(p.runId, [p.startedAt.slice(0, 16), (p.commit ?? '').slice(0, 8)]);
      x.push(p.runId);
      y.push(Number(p.median.toPrecision(4)));
      lo.push(Number(p.ci.low.toPrecision(4)));
      hi.push(Number(p.ci.high.toPrecision(4)));
    }
    return { title: `${s.benchmarkId} ${s.metric} (${s.unit})`, d: [x, y, lo, hi] };
  });
  const payload = JSON.stringify({ runs: Object.fromEntries(runs), series }).replace(/</g, '\\u003c');
  const figures = series.map((s, i) => `<figure><figcaption>${s.title}</figcaption><div id="c${i}"></div></figure>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>uPlot trends</title><style>${css}
figure{margin:12px 0}figure div{width:560px;height:220px}</style></head><body>
${figures.join('\n')}
<script type="application/json" id="data">${payload}</script>
<script>${js}</script>
<script>
const DATA = JSON.parse(document.getElementById('data').textContent);
const run = (id) => DATA.runs[id] || ['', ''];
function build(i) {
  const s = DATA.series[i], el = document.getElementById('c' + i);
  if (el.dataset.built) return; el.dataset.built = '1';
  new uPlot({
    width: 560, height: 200,
    scales: { x: { time: false } },
    series: [
      { label: 'run', value: (u, v) => v == null ? '--' : v + ' ' + run(v).join(' ') },
      { label: 'median', stroke: '#2563eb', width: 1.5 },
      { label: 'lo', stroke: 'transparent' },
      { label: 'hi', stroke: 'transparent' },
    ],
    bands: [{ series: [3, 2], fill: 'rgba(37,99,235,0.15)' }],
  }, s.d, el);
}
${
  lazy
    ? `const io = new IntersectionObserver((es) => {
  for (const e of es) if (e.isIntersecting) { build(Number(e.target.id.slice(1))); io.unobserve(e.target); }
}, { rootMargin: '400px' });
DATA.series.forEach((_, i) => io.observe(document.getElementById('c' + i)));`
    : 'DATA.series.forEach((_, i) => build(i));'
}
performance.mark('jepsh-report-ready');
</script></body></html>`;
}

/** From moving the pointer onto the first chart's plot until its legend shows a run's value. */
async function firstHover(page: Page): Promise<number | null> {
  const chart = await page.$('#c0');
  if (!chart) return null;
  await chart.scrollIntoView();
  await page.waitForSelector('#c0 .u-over', { timeout: 5_000 });
  await settle(page); // as the report's probe does: a reader's pointer arrives after the paint
  const target = (await page.$('#c0 .u-over')) ?? chart;
  const box = await target.boundingBox();
  if (!box) return null;
  const t0 = performance.now();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const shown = await page
    .waitForFunction(() => (document.querySelector('#c0 .u-legend .u-series .u-value')?.textContent ?? '--') !== '--', {
      timeout: 5_000,
    })
    .then(() => true)
    .catch(() => false);
  return shown ? performance.now() - t0 : null;
}

async function measureOnce(path: string, variant: Variant, browserPath: string): Promise<Measurement> {
  // The svg page through the report's own probe (also the e2e test's), which hovers a drawn point.
  const m =
    variant === 'svg'
      ? await measureReportOpening(path, browserPath)
      : await openTimed(path, browserPath, async (page) => ({ firstHoverMs: await firstHover(page) }));
  return { bytes: m.bytes, loadMs: m.loadMs, readyMs: m.readyMs, firstHoverMs: m.firstHoverMs, heapMB: m.heapMB };
}

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const runs = Number(option('--runs', '1000'));
const seriesCount = Number(option('--series', '140'));
const repeat = Number(option('--repeat', '5'));
const keep = process.argv.includes('--keep') ? resolve(option('--keep', '.')) : undefined;
const browserPath = process.env.CHROME_PATH || '/usr/bin/chromium';
const data = syntheticHistory(runs, createRng(16), { series: seriesCount });
const dir = keep ?? mkdtempSync(join(tmpdir(), 'jepsh-chart-uplot-'));
const files: Record<Variant, string> = {
  svg: join(dir, 'svg.html'),
  'uplot-eager': join(dir, 'uplot-eager.html'),
  'uplot-lazy': join(dir, 'uplot-lazy.html'),
};
writeFileSync(files.svg, renderHtml(data));
writeFileSync(files['uplot-eager'], uplotPage(data, false));
writeFileSync(files['uplot-lazy'], uplotPage(data, true));
console.error(`rendered ${runs} runs x ${data.series.length} series to ${dir}`);
try {
  const all: Record<Variant, Measurement[]> = { svg: [], 'uplot-eager': [], 'uplot-lazy': [] };
  for (let r = 0; r < repeat; r++)
    for (const v of VARIANTS) {
      const m = await measureOnce(files[v], v, browserPath);
      all[v].push(m);
      console.log(JSON.stringify({ repeat: r + 1, variant: v, ...m }));
    }
  const keys = ['loadMs', 'readyMs', 'firstHoverMs', 'heapMB'] as const;
  for (const v of VARIANTS) {
    const med = Object.fromEntries(keys.map((k) => [k, Number(median(all[v].map((m) => m[k] ?? NaN)).toFixed(1))]));
    console.log(JSON.stringify({ runs, series: data.series.length, variant: v, bytes: all[v][0]?.bytes, median: med }));
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
