/**
 * The browser half of `doctor`: finds and launches Chromium the way a run does (Session: the
 * local server with COOP/COEP, fresh browser contexts), reads what a page sees (cross-origin
 * isolation, timer grain), and times a fixed loop in a few fresh pages to see how much the machine
 * alone moves a measurement from page to page.
 */
import { join } from 'node:path';
import { discoverBrowser } from '../browser/discover.js';
import { bundleSuites, Session, type SuitePage } from '../browser/session.js';
import { AbortedError, errorMessage } from '../model/errors.js';
import { packageRoot } from '../model/paths.js';
import type { PageEnvironment, SamplingOptions } from '../suite/protocol.js';
import type { BrowserFacts, PageFacts, StabilityFacts, Unmeasured } from './findings.js';
import { PROBE_SUITE } from './probe-suite.js';

export interface BrowserProbe {
  browser: BrowserFacts;
  page: PageFacts | Unmeasured;
  stability: StabilityFacts | Unmeasured;
}

export interface BrowserProbeOptions {
  /** --browser, as a run takes it. */
  browser?: string;
  /** Fresh pages to time the loop in (default 5). */
  pages?: number;
  signal?: AbortSignal;
  onPage?: (index: number, total: number) => void;
}

/** Per page: ~0.2 s warm-up, then >= 0.6 s of 2 ms batches; with page start-up about 1 s a page. */
export const PROBE_SAMPLING: SamplingOptions = { minSamples: 30, minTimeMs: 600, warmupMs: 200, minSampleMs: 2 };
export const PROBE_PAGES = 5;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function probeFile(): { name: string; path: string } {
  return { name: PROBE_SUITE, path: join(packageRoot(), 'src', 'doctor', 'probe-suite.ts') };
}

const pageFacts = (env: PageEnvironment): PageFacts => ({
  crossOriginIsolated: env.crossOriginIsolated,
  timerResolutionMs: env.timerResolutionMs,
});

const NEEDS_BROWSER: Unmeasured = { error: 'needs the browser: fix the browser line first', skipped: true };

/** Ctrl-C ends the probe (exit 130); any other page failure is a finding, not a crash. */
function asUnmeasured(what: string, e: unknown): Unmeasured {
  if (e instanceof AbortedError) throw e;
  return { error: `${what}: ${errorMessage(e)}` };
}

export async function probeBrowser(opts: BrowserProbeOptions = {}): Promise<BrowserProbe> {
  const total = opts.pages ?? PROBE_PAGES;
  // A coefficient of variation needs two pages; and with none, no page would be seen at all.
  if (!(total >= 2)) throw new RangeError(`the stability probe needs two or more pages, got ${total}`);
  let path: string;
  try {
    path = discoverBrowser({ browser: opts.browser }).path;
  } catch (e) {
    return { browser: { error: errorMessage(e) }, page: NEEDS_BROWSER, stability: NEEDS_BROWSER };
  }
  const bundles = await bundleSuites([probeFile()]);
  let session: Session;
  try {
    session = await Session.start(bundles, { browser: path, ...(opts.signal && { signal: opts.signal }) });
  } catch (e) {
    return { browser: { path, error: errorMessage(e) }, page: NEEDS_BROWSER, stability: NEEDS_BROWSER };
  }
  const browser: BrowserFacts = { path, version: session.browserVersion };
  // What the first page saw; the runner measures the timer once per page, at load.
  const seen = (): PageFacts | null => (session.pageEnvironment ? pageFacts(session.pageEnvironment) : null);
  try {
    const pageMs: number[] = [];
    for (let i = 0; i < total; i++) {
      opts.onPage?.(i, total);
      let page: SuitePage;
      try {
        page = await session.openPage(PROBE_SUITE);
      } catch (e) {
        const failed = asUnmeasured('a page from the local server did not load', e);
        return { browser, page: seen() ?? failed, stability: failed };
      }
      try {
        const outcome = await page.run(page.benchmarks[0]!.id, PROBE_SAMPLING);
        const samples = outcome.metrics.find((m) => m.metric === 'time')?.samples ?? [];
        if (!outcome.ok || samples.length === 0)
          return {
            browser,
            page: seen()!,
            stability: { error: `the probe loop failed in the page: ${outcome.error ?? 'no samples'}` },
          };
        pageMs.push(median(samples));
      } catch (e) {
        return { browser, page: seen()!, stability: asUnmeasured('the probe loop failed in the page', e) };
      } finally {
        await page.close();
      }
    }
    return { browser, page: seen()!, stability: { pageMs } };
  } finally {
    await session.close();
  }
}
