/**
 * The host API's `loadPage`: one cold load of a page of the local server in a tab of its own,
 * in a browser context of its own: renderer processes are never shared across browser contexts,
 * so the load gets a fresh process, V8 heap and code cache (a tab of the suite's context could
 * land in the suite tab's process and find its code compiled), and an empty HTTP cache. The tab
 * has the same request rules as the suite tab, the cache disabled and optional CPU throttling.
 * Long tasks are collected by an observer installed before the page's own scripts run; time to
 * interactive is decided by the pure rule of src/suite/tti.ts.
 */
import type { Browser, Page } from 'puppeteer';
import { errorMessage } from '../model/errors.js';
import { FIRST_RENDER_MARK, type PageLoadOptions, type PageLoadTimings } from '../suite/api.js';
import { quietWindowStart, timeToInteractive, type LongTask } from '../suite/tti.js';
import { allowOnlyOrigin } from './local-only.js';

declare global {
  var __jepshLongTasks: LongTask[] | undefined;
}

export const DEFAULT_QUIET_WINDOW_MS = 1000;
export const DEFAULT_LOAD_TIMEOUT_MS = 30_000;
/** Extra wait after a quiet window should have ended, so a long task ending just then is reported first. */
const REPORT_MARGIN_MS = 50;

/** What the loaded page has observed so far (read inside it). */
interface Observed {
  now: number;
  fcp: number | null;
  firstRender: number | null;
  domContentLoadedEnd: number;
  longTasks: LongTask[];
}

/** Runs in the new document before its scripts: buffers every long task for `observe`. */
function installLongTaskObserver(): void {
  const tasks: LongTask[] = [];
  globalThis.__jepshLongTasks = tasks;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No longtask support: no long tasks seen, TTI falls back to max(FCP, DOMContentLoaded).
  }
}

function observe(page: Page): Promise<Observed> {
  return page.evaluate((mark: string) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      now: performance.now(),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      firstRender: performance.getEntriesByName(mark, 'mark')[0]?.startTime ?? null,
      domContentLoadedEnd: nav?.domContentLoadedEventEnd ?? 0,
      longTasks: globalThis.__jepshLongTasks ?? [],
    };
  }, FIRST_RENDER_MARK);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `url` is absolute and on `origin` (the caller resolves it); rejects with a one-line reason. */
export async function coldLoad(
  browser: Pick<Browser, 'createBrowserContext'>,
  url: string,
  origin: string,
  opts: PageLoadOptions,
  onWarning: (message: string) => void,
): Promise<PageLoadTimings> {
  if (!url.startsWith(origin + '/')) throw new Error(`loadPage: ${url} is not on the harness's server ${origin}`);
  const quietWindowMs = opts.quietWindowMs ?? DEFAULT_QUIET_WINDOW_MS;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  const rate = opts.cpuThrottling ?? 1;
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(errorMessage(e)));
  const cdp = await page.createCDPSession();
  try {
    await allowOnlyOrigin(page, origin, onWarning);
    await page.setCacheEnabled(false);
    if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.evaluateOnNewDocument(installLongTaskObserver);
    const res = await page.goto(url, { waitUntil: 'load', timeout: left() });
    if (!res || !res.ok()) throw new Error(`HTTP ${res?.status() ?? 'no response'}`);
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, {
      timeout: left(),
    });
    for (;;) {
      if (errors.length > 0) throw new Error(`page error: ${errors[0]}`);
      const seen = await observe(page);
      const tti = timeToInteractive({ ...seen, fcp: seen.fcp!, quietWindowMs });
      if (tti !== null)
        return {
          fcp: seen.fcp!,
          firstRender: seen.firstRender,
          tti,
          domContentLoadedEnd: seen.domContentLoadedEnd,
          longTasks: seen.longTasks.length,
        };
      if (Date.now() >= deadline) throw new Error(`not interactive after ${timeoutMs} ms`);
      // The earliest the window can have elapsed, if no long task comes meanwhile.
      const ends = quietWindowStart(seen.longTasks, seen.fcp!, quietWindowMs) + quietWindowMs;
      await sleep(Math.min(left(), Math.max(0, ends - seen.now) + REPORT_MARGIN_MS));
    }
  } catch (e) {
    const extra = errors.length && !errorMessage(e).startsWith('page error') ? ` (page error: ${errors[0]})` : '';
    throw new Error(`loadPage ${url}: ${errorMessage(e).split('\n')[0]}${extra}`, { cause: e });
  } finally {
    await context.close().catch(() => undefined);
  }
}
