/**
 * One timed opening of an HTML report in a fresh headless Chromium (src/browser/launch.ts: the
 * harness's flags, a new profile directory): what scripts/bench/report-open.ts prints and what
 * test/e2e/report-open.test.ts asserts (issue 16: interactive in under 1 s at 1,000 runs).
 *
 * From the page's own clock (ms since navigation start): domInteractive, domContentLoaded and the
 * end of the load event (PerformanceNavigationTiming), and `ready`, when the report's script has
 * run (the `jepsh-report-ready` mark): sorting, filtering and tooltips work from then on.
 * The first hover is timed in Node around CDP, from the pointer moving onto a trend point until
 * the point's tooltip shows; it includes parsing the hover data, which the page does on first use.
 */
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { launchBrowser } from '../../src/browser/launch.js';

export interface ReportOpening {
  bytes: number;
  domInteractiveMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  readyMs: number | null;
  /** Null when no trend point could be hovered, or its tooltip did not show within 5 s. */
  firstHoverMs: number | null;
  /** The tooltip the first hover showed ('' when none). */
  tooltip: string;
  elements: number;
  svgElements: number;
  heapMB: number | null;
}

/** Waits for two frames: what a scroll made visible is then laid out and painted. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

/**
 * Where to put the pointer on the first trend chart: a drawn point (the one nearest the middle
 * whose spot is not covered by an element with a tooltip of its own, such as an environment
 * change's label), low in the plot. Null when the chart has no such point.
 *
 * The chart must be scrolled into view and have had a frame to render first: off-screen charts
 * skip their content (content-visibility: auto) until a frame finds them on screen, and a pointer
 * moved in before then is hit-tested against the skipped figure, not the chart: the event's target
 * is the <figure>, so no tooltip. That is why this probe's hover (scroll, then move at once) found
 * none in the synthetic report, whose first chart starts far below the first screen, while the
 * report e2e, whose few charts are already rendered when the page loads, found one. A reader's
 * pointer arrives frames after the scroll; the report itself needs no change.
 */
async function pointerSpot(page: Page): Promise<{ x: number; y: number } | null> {
  const found = await page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('svg.trend-chart[data-series]');
    if (!svg) return false;
    svg.scrollIntoView({ block: 'center' });
    return true;
  });
  if (!found) return null;
  await settle(page);
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('svg.trend-chart[data-series]')!;
    const ctm = svg.getScreenCTM();
    const block = document.getElementById('report-hover');
    if (!ctm || !block) return null;
    // Read from the block's text: the page's own parse still happens on the first hover.
    const data = JSON.parse(block.textContent ?? '{}') as { series: Array<{ points: Array<[number, number]> }> };
    const points = data.series[Number(svg.getAttribute('data-series'))]?.points ?? [];
    const middle = points.length >> 1;
    // Low in the plot (the frame ends at 202), a little higher if a reference line runs there.
    for (const y of [196, 188, 180]) {
      for (let k = 0; k < points.length; k++) {
        const p = points[middle + (k % 2 ? -1 : 1) * ((k + 1) >> 1)];
        if (!p) continue;
        const at = svg.createSVGPoint();
        at.x = p[0];
        at.y = y;
        const screen = at.matrixTransform(ctm);
        const hit = document.elementFromPoint(screen.x, screen.y);
        if (hit && svg.contains(hit) && !hit.closest('[data-tip]')) return { x: screen.x, y: screen.y };
      }
    }
    return null;
  });
}

/** What the page's own clock says about its opening, and its size. */
export type PageTiming = Omit<ReportOpening, 'firstHoverMs' | 'tooltip'>;

/**
 * Opens `path` once in a fresh browser, reads the page's timing (see the file comment), then runs
 * `probe` on the open page (a hover) before the browser closes.
 */
export async function openTimed<T extends object>(
  path: string,
  browserPath: string,
  probe: (page: Page) => Promise<T>,
): Promise<PageTiming & T> {
  const launched = await launchBrowser(browserPath);
  try {
    const page = await launched.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load', timeout: 120_000 });
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const ready = performance.getEntriesByName('jepsh-report-ready')[0];
      const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return {
        domInteractiveMs: nav?.domInteractive ?? NaN,
        domContentLoadedMs: nav?.domContentLoadedEventEnd ?? NaN,
        loadMs: nav?.loadEventEnd ?? NaN,
        readyMs: ready ? ready.startTime : null,
        elements: document.getElementsByTagName('*').length,
        svgElements: document.querySelectorAll('svg *').length,
        heapMB: mem ? mem.usedJSHeapSize / 2 ** 20 : null,
      };
    });
    return { bytes: statSync(path).size, ...timing, ...(await probe(page)) };
  } finally {
    await launched.close();
  }
}

/** From the pointer moving onto a drawn trend point until its tooltip shows. */
async function hoverTrendPoint(page: Page): Promise<{ firstHoverMs: number | null; tooltip: string }> {
  const spot = await pointerSpot(page);
  if (!spot) return { firstHoverMs: null, tooltip: '' };
  const t0 = performance.now();
  await page.mouse.move(spot.x, spot.y);
  const shown = await page
    .waitForFunction(() => document.querySelector('.tooltip:not(.hidden)')?.textContent ?? '', {
      timeout: 5_000,
    })
    .then(async (handle) => String(await handle.jsonValue()))
    .catch(() => '');
  return shown ? { firstHoverMs: performance.now() - t0, tooltip: shown } : { firstHoverMs: null, tooltip: '' };
}

/** Opens `path` once in a fresh browser and measures it (see the file comment). */
export function measureReportOpening(path: string, browserPath: string): Promise<ReportOpening> {
  return openTimed(path, browserPath, hoverTrendPoint);
}
