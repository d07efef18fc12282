/**
 * Opens the HTML report in headless Chromium: it must render without errors, load nothing from the
 * network, draw every trend chart, sort and filter, and paint a non-blank page. The only test of
 * the report formats that needs a browser; skipped when there is none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { renderHtml } from '../../src/report/html.js';
import { makeReportData } from '../report/fixtures.js';
import { BASE_FLAGS } from '../../src/browser/launch.js';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const skip = existsSync(chromePath) ? false : `no Chromium binary at ${chromePath} (set CHROME_PATH to run this test)`;

/** Distinct colours and share of pixels unlike the top-left one, from a PNG decoded in a blank page. */
async function pixelStats(page: Page, pngBase64: string): Promise<{ colours: number; inked: number }> {
  return page.evaluate(async (b64: string) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<number>();
    let inked = 0;
    const bg = (px[0]! << 16) | (px[1]! << 8) | px[2]!;
    for (let i = 0; i < px.length; i += 4) {
      const c = (px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!;
      colours.add(c);
      if (c !== bg) inked++;
    }
    return { colours: colours.size, inked: inked / (px.length / 4) };
  }, pngBase64);
}

test(
  'HTML report renders in headless Chromium with no errors and no network requests',
  { skip, timeout: 120_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jepsh-report-'));
    let browser: Browser | undefined;
    try {
      const data = makeReportData();
      const file = join(dir, 'report.html');
      writeFileSync(file, renderHtml(data));
      const fileUrl = pathToFileURL(file).href;

      browser = await puppeteer.launch({
        executablePath: chromePath,
        headless: true,
        args: [...BASE_FLAGS, `--user-data-dir=${join(dir, 'profile')}`],
      });
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      const consoleErrors: string[] = [];
      const pageErrors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (err) => pageErrors.push(String(err)));
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (req.url() === fileUrl) {
          void req.continue();
        } else {
          requests.push(req.url());
          void req.abort();
        }
      });

      await page.goto(fileUrl, { waitUntil: 'load' });

      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('svg.trend-chart')].map((svg) => {
          const drawn = [...svg.querySelectorAll('path, polyline')].filter(
            (el) => (el.getAttribute('d') ?? el.getAttribute('points') ?? '').trim() !== '',
          );
          const median = svg.querySelector<SVGPathElement>('path.median-line');
          const box = svg.getBoundingClientRect();
          return {
            benchmark: svg.getAttribute('data-benchmark'),
            drawn: drawn.length,
            medianLength: median ? median.getTotalLength() : 0,
            width: box.width,
            height: box.height,
          };
        }),
      );
      assert.equal(charts.length, data.series.length);
      for (const c of charts) {
        assert.ok(c.drawn >= 1, `${c.benchmark}: no drawn path`);
        assert.ok(c.medianLength > 0, `${c.benchmark}: median line has no length`);
        assert.ok(c.width > 100 && c.height > 40, `${c.benchmark}: laid out at ${c.width}x${c.height}`);
      }
      assert.equal(await page.$$eval('svg.dist-chart', (els) => els.length), data.distributions.length);

      // Sorting: clicking "Benchmark" sorts ascending, clicking again descending.
      const firstIds = async (): Promise<string[]> =>
        page.$$eval('#verdict-table tbody tr', (rows) =>
          rows.map((r) => (r as HTMLTableRowElement).cells[0]!.textContent ?? ''),
        );
      const ids = data.verdicts.map((v) => v.benchmarkId);
      await page.click('#verdict-table thead th:nth-child(1)');
      assert.deepEqual(
        await firstIds(),
        [...ids].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)),
      );
      await page.click('#verdict-table thead th:nth-child(1)');
      assert.equal((await firstIds())[0], [...ids].sort().reverse()[0]);

      // Filtering by suite hides the other suite's rows and charts.
      await page.select('#suite-filter', 'reactivity');
      const visible = await page.$$eval('#verdict-table tbody tr:not(.hidden), figure.trend:not(.hidden)', (els) =>
        els.map((el) => el.getAttribute('data-suite')),
      );
      assert.ok(visible.length > 0 && visible.every((s) => s === 'reactivity'), JSON.stringify(visible));
      await page.select('#suite-filter', '');

      // Tooltip: the pointer over a chart, at the first run's x, shows that run and its commit from
      // the hover data, and marks the point. Low in the plot, clear of the reference lines' own tips.
      assert.equal(await page.evaluate(() => (window as unknown as { __reportReady?: boolean }).__reportReady), true);
      const at = await page.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>('svg.trend-chart[data-series]')!;
        // In view: the mouse reaches only the viewport, and off-screen charts skip layout.
        svg.scrollIntoView({ block: 'center' });
        const data = JSON.parse(document.getElementById('report-hover')!.textContent!);
        const first = data.series[Number(svg.getAttribute('data-series'))].points[0];
        const p = svg.createSVGPoint();
        p.x = first[0];
        p.y = 196;
        const m = p.matrixTransform(svg.getScreenCTM()!);
        return { x: m.x, y: m.y };
      });
      await page.mouse.move(at.x, at.y);
      const tip = await page.$eval('.tooltip', (el) => ({
        hidden: el.classList.contains('hidden'),
        text: el.textContent ?? '',
      }));
      assert.equal(tip.hidden, false);
      assert.match(tip.text, /Run #1 · 2025-01-02 03:00\ncommit 0001abcd \(main\)\nmedian /);
      assert.equal(await page.$$eval('svg.trend-chart circle.pt-hover:not(.hidden)', (els) => els.length), 1);
      // The latest point keeps its own tooltip.
      await page.hover('svg.trend-chart circle.pt-latest');
      assert.match(await page.$eval('.tooltip', (el) => el.textContent ?? ''), /^Run #20 · /);

      // Not blank, in both colour schemes, and the schemes differ.
      const light = await page.screenshot({ encoding: 'base64' });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      const dark = await page.screenshot({ encoding: 'base64' });
      const bgLight = '#ffffff';
      const bgDark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(bgDark, 'rgb(255, 255, 255)', `dark scheme background ${bgDark} vs ${bgLight}`);

      const blank = await browser.newPage();
      for (const [name, png] of [
        ['light', light],
        ['dark', dark],
      ] as const) {
        const stats = await pixelStats(blank, png);
        assert.ok(stats.colours > 20, `${name}: only ${stats.colours} colours`);
        assert.ok(stats.inked > 0.02, `${name}: only ${(stats.inked * 100).toFixed(2)}% of pixels drawn`);
      }

      assert.deepEqual(requests, [], 'the report must not load anything');
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
