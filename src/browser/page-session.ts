/**
 * A tab for suite pages: loads a suite's page from the local server (and, for the next suite of
 * the same session, the next one into the same tab), blocks (and records)
 * every request to any other origin, exposes the CDP-backed host API, and calls the in-page runner.
 */
import type { BrowserContext, CDPSession, Page } from 'puppeteer';
import { EnvironmentError, errorMessage } from '../model/errors.js';
import type {
  DomCounters,
  GcCount,
  HostApi,
  PageBenchmark,
  PageEnvironment,
  PageLoadOptions,
  PageOutcome,
  PageRunnerApi,
  PrepareResult,
  SampleBudget,
  SampleProgress,
  SamplingOptions,
} from '../suite/protocol.js';
import { GC_WINDOW } from '../suite/api.js';
import { coldLoad } from './cold-load.js';
import { allowOnlyOrigin } from './local-only.js';
import { gcSummary, gcWindows, type TraceEvent } from '../profile/gc.js';

declare global {
  var __jepshRunner: PageRunnerApi | undefined;
  var __jepshHost: HostApi | undefined;
  var __jepshHostCall: ((method: string, arg?: unknown) => Promise<unknown>) | undefined;
}

/** The methods of HostApi, each forwarded to the Node side; `loadPage` packs its two arguments. */
const HOST_METHODS: ReadonlyArray<keyof HostApi> = [
  'heapUsed',
  'gcCountStart',
  'gcCountStop',
  'gcCountWindows',
  'collectGarbage',
  'domCounters',
  'loadPage',
];

/** Installs `__jepshHost` in every document of the page (see its use for why a string). */
export const HOST_SCRIPT =
  '(() => { const host = {}; ' +
  `for (const m of ${JSON.stringify(HOST_METHODS)}) ` +
  "host[m] = m === 'loadPage' ? (url, opts) => globalThis.__jepshHostCall(m, { url, opts }) " +
  ': () => globalThis.__jepshHostCall(m); ' +
  'globalThis.__jepshHost = host; })();';

export interface PageSession {
  page: Page;
  environment: PageEnvironment;
  benchmarks: PageBenchmark[];
  /**
   * Runs one benchmark. Rejects with a PageFault when it takes longer than `timeoutMs` (the page
   * may be spinning: only closing its browser stops it) or when the page's renderer crashes.
   */
  run(id: string, opts: SamplingOptions, timeoutMs?: number): Promise<PageOutcome>;
  /** The same in steps (PageRunnerApi), for interleaving sides; each step has its own time limit. */
  prepare(id: string, opts: SamplingOptions, timeoutMs?: number): Promise<PrepareResult>;
  sample(id: string, budget: SampleBudget, timeoutMs?: number): Promise<SampleProgress>;
  finish(id: string, opts: SamplingOptions, timeoutMs?: number): Promise<PageOutcome>;
  /**
   * Navigates this tab to another suite's page (same origin, so the same renderer process: a
   * process start saved per suite). Resolves with that suite's session; this one is then stale.
   */
  load(url: string): Promise<PageSession>;
  close(): Promise<void>;
}

/**
 * A benchmark that broke its page: it ran out of time (`timeout`; the renderer may still be
 * spinning) or the renderer process died (`crash`, e.g. out of memory). The benchmark is errored
 * and the run goes on in a fresh page; the message says where it was.
 */
export class PageFault extends Error {
  constructor(
    readonly kind: 'timeout' | 'crash',
    message: string,
  ) {
    super(message);
    this.name = 'PageFault';
  }
}

/** "run (sample 12)" -> " in run (sample 12)"; nothing before the first phase report. */
const where = (phase: string): string => (phase ? ` in ${phase}` : '');

/** Seconds for messages: "30 s", "2.5 s". */
const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

const traceEvents = (traceJson: string): TraceEvent[] =>
  (JSON.parse(traceJson) as { traceEvents?: TraceEvent[] }).traceEvents ?? [];

/** V8 GC trace events (devtools.timeline): scavenges and mark-compacts. */
export function countGcEvents(traceJson: string): GcCount {
  const { minor, major } = gcSummary(traceEvents(traceJson));
  return { minor, major };
}

export async function openSuitePage(
  context: Pick<BrowserContext, 'newPage'>,
  url: string,
  origin: string,
  onWarning: (message: string) => void,
): Promise<PageSession> {
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(errorMessage(err)));
  // Where the running benchmark is, reported by the page runner through a raw CDP binding: the
  // message leaves the page at once, so it arrives even when the page then spins forever.
  let phase = '';
  const phases = await page.createCDPSession();
  phases.on('Runtime.bindingCalled', (e: { name: string; payload: string }) => {
    if (e.name === '__jepshPhase') phase = e.payload;
  });
  await phases.send('Runtime.enable');
  await phases.send('Runtime.addBinding', { name: '__jepshPhase' });
  // 'error' is puppeteer's "Page crashed!": the renderer died (out of memory, a renderer bug).
  let crashed: ((e: PageFault) => void) | null = null;
  page.on('error', () =>
    crashed?.(new PageFault('crash', `the page crashed${where(phase)} (the renderer process died: out of memory?)`)),
  );
  await allowOnlyOrigin(page, origin, onWarning);

  let cdp: CDPSession | null = null;
  let tracing = false;
  /** The trace gcCountStart began, as JSON ('{}' when none runs). */
  const stopTrace = async (): Promise<string> => {
    if (!tracing) return '{}';
    tracing = false;
    const buf = await page.tracing.stop();
    return buf ? Buffer.from(buf).toString('utf8') : '{}';
  };
  await page.exposeFunction('__jepshHostCall', async (method: string, arg?: unknown): Promise<unknown> => {
    cdp ??= await page.createCDPSession();
    switch (method) {
      case 'heapUsed': {
        const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        return usage.usedSize;
      }
      case 'gcCountStart':
        if (tracing) await page.tracing.stop();
        await page.tracing.start({ categories: ['devtools.timeline', 'v8', 'disabled-by-default-v8.gc'] });
        tracing = true;
        return null;
      case 'gcCountStop':
        return countGcEvents(await stopTrace());
      case 'gcCountWindows':
        return gcWindows(traceEvents(await stopTrace()), GC_WINDOW);
      case 'collectGarbage':
        await cdp.send('HeapProfiler.collectGarbage');
        return null;
      case 'domCounters': {
        const c = (await cdp.send('Memory.getDOMCounters')) as DomCounters;
        return { documents: c.documents, nodes: c.nodes, jsEventListeners: c.jsEventListeners };
      }
      case 'loadPage': {
        // Relative to the suite page, so a suite names its side's own pages (`/<side>/<suite>/...`).
        const { url, opts } = arg as { url: string; opts?: PageLoadOptions };
        return coldLoad(page.browser(), new URL(url, page.url()).href, origin, opts ?? {}, onWarning);
      }
      default:
        throw new Error(`unknown host call ${method}`);
    }
  });
  // A string, not a function: a function's source is what the page runs, and a transpiler may have
  // added helpers to it (tsx's keepNames wraps `const call = ...` in `__name(...)`, undefined in the
  // page), which left `__jepshHost` unset and every host-based metric silently empty.
  await page.evaluateOnNewDocument(HOST_SCRIPT);

  /** Races a call into the page against its time limit and a renderer crash. */
  function guarded<T>(running: Promise<T>, timeoutMs: number | undefined): Promise<T> {
    phase = '';
    let timer: NodeJS.Timeout | undefined;
    const faults = new Promise<never>((_, reject) => {
      crashed = reject;
      if (timeoutMs !== undefined)
        timer = setTimeout(
          () => reject(new PageFault('timeout', `timed out after ${seconds(timeoutMs)}${where(phase)}`)),
          timeoutMs,
        );
    });
    // Once a fault has won, the evaluation rejects too when its page goes away: not news.
    running.catch(() => undefined);
    return Promise.race([running, faults]).finally(() => {
      clearTimeout(timer);
      crashed = null;
    });
  }
  /** Loads a suite's page into this tab: the first load, or the next suite of the same session. */
  async function load(target: string): Promise<PageSession> {
    try {
      const res = await page.goto(target, { waitUntil: 'load', timeout: 60_000 });
      if (!res || !res.ok()) throw new Error(`HTTP ${res?.status() ?? 'no response'}`);
      await page.waitForFunction(() => globalThis.__jepshRunner !== undefined, { timeout: 30_000 });
    } catch (e) {
      await page.close().catch(() => undefined);
      const extra = pageErrors.length ? ` (page error: ${pageErrors[0]})` : '';
      throw new EnvironmentError(`suite page ${target} did not load: ${errorMessage(e).split('\n')[0]}${extra}`);
    }
    // After a navigation, the previous suite's heap is garbage: collect it now, not while timing.
    await page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
    const environment = await page.evaluate(() => globalThis.__jepshRunner!.environment());
    const benchmarks = await page.evaluate(() => globalThis.__jepshRunner!.list());
    return session(environment, benchmarks);
  }
  return load(url);

  function session(environment: PageEnvironment, benchmarks: PageBenchmark[]): PageSession {
    return {
      page,
      environment,
      benchmarks,
      load,
      run: (id, opts, timeoutMs) =>
        guarded(
          page.evaluate((i, o) => globalThis.__jepshRunner!.runBenchmark(i, o), id, opts),
          timeoutMs,
        ),
      prepare: (id, opts, timeoutMs) =>
        guarded(
          page.evaluate((i, o) => globalThis.__jepshRunner!.prepareBenchmark(i, o), id, opts),
          timeoutMs,
        ),
      sample: (id, budget, timeoutMs) =>
        guarded(
          page.evaluate((i, b) => globalThis.__jepshRunner!.sampleBenchmark(i, b), id, budget),
          timeoutMs,
        ),
      finish: (id, opts, timeoutMs) =>
        guarded(
          page.evaluate((i, o) => globalThis.__jepshRunner!.finishBenchmark(i, o), id, opts),
          timeoutMs,
        ),
      close: async () => {
        await page.close().catch(() => undefined);
      },
    };
  }
}
