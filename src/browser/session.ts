/**
 * A browser host: one browser and one local server serving every suite bundle of every side
 * (`/<side>/<suite>/`). Each side's pages of a session share one tab in a fresh browser context
 * (see openPage); core/sessions.ts decides what runs where.
 */
import { discoverBrowser } from './discover.js';
import { launchBrowser, type LaunchedBrowser } from './launch.js';
import { startServer, type SuiteServer } from './server.js';
import { bundleApp, bundleSuite, type SuiteFile } from './bundle.js';
import { openSuitePage, PageFault, type PageSession } from './page-session.js';
import { AbortedError, BrowserExited, EnvironmentError, errorMessage } from '../model/errors.js';
import type { BrowserContext, CDPSession } from 'puppeteer';
import type {
  PageBenchmark,
  PageEnvironment,
  PageOutcome,
  PrepareResult,
  SampleBudget,
  SampleProgress,
  SamplingOptions,
} from '../suite/protocol.js';

export interface SuiteBundle {
  file: SuiteFile;
  code: string;
  /** The suite's app page script (bundle.ts `bundleApp`), served at `app/` beside the suite page. */
  app?: string | undefined;
  /** Which version of the code under test this bundle measures (`head`, `base`); default `head`. */
  side?: string;
}

/** A page of one suite, in its side's tab of the session (a renderer process and V8 heap of its own). */
export interface SuitePage {
  benchmarks: PageBenchmark[];
  /** What the suite's page reports about itself (isolation, timer grain) after it loaded. */
  environment: PageEnvironment;
  /** Rejects with a PageFault (browser/page-session.ts) on a timeout or a renderer crash. */
  run(id: string, sampling: SamplingOptions, timeoutMs?: number): Promise<PageOutcome>;
  /** The same in steps, for interleaving the sides of an A/B (PageRunnerApi). */
  prepare(id: string, sampling: SamplingOptions, timeoutMs?: number): Promise<PrepareResult>;
  sample(id: string, budget: SampleBudget, timeoutMs?: number): Promise<SampleProgress>;
  finish(id: string, sampling: SamplingOptions, timeoutMs?: number): Promise<PageOutcome>;
  close(): Promise<void>;
  /** Done with this suite, the page healthy: its tab may take the side's next suite (Session.recycle ends that). */
  release(): Promise<void>;
  /** A DevTools protocol session on the page (the CPU profiler of `profile`). */
  cdp(): Promise<CDPSession>;
}

async function closeTab({ tab, context }: { tab: PageSession; context: BrowserContext }): Promise<void> {
  await tab.close();
  await context.close().catch(() => undefined);
}

export interface Progress {
  suite: string;
  benchmarkId: string;
  /** 0-based index of this benchmark among all benchmarks of the session's current pass. */
  index: number;
  total: number;
  /** Estimated ms left, from the mean duration of benchmarks so far. */
  etaMs: number | null;
  /** 0-based session (each session is a fresh renderer process). */
  round: number;
  /** Side being measured in an A/B (`base`, `head`); absent in a plain run. */
  side?: string;
  phase: 'start' | 'done';
  outcome?: PageOutcome;
}

/** Bundles every suite before anything is launched, so a broken suite fails fast (exit 2). */
export async function bundleSuites(files: SuiteFile[]): Promise<SuiteBundle[]> {
  const out: SuiteBundle[] = [];
  for (const file of files)
    out.push({ file, code: await bundleSuite(file, 'page'), app: (await bundleApp(file)) ?? undefined });
  return out;
}

function pageHtml(suite: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8"><title>jepsh-bench: ' +
    `${suite}</title></head><body><script src="bundle.js"></script></body></html>`
  );
}

/** A suite's app page: its script at the end of the body, as a plain app would load. */
function appHtml(suite: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8"><title>jepsh-bench: ' +
    `${suite} app</title></head><body><script src="app.js"></script></body></html>`
  );
}

/** The side a bundle belongs to; its page is served at `/SIDE/SUITE/` (script `bundle.js`). */
export const sideOf = (b: SuiteBundle): string => b.side ?? 'head';

export class Session {
  readonly warnings: string[] = [];
  pageEnvironment: PageEnvironment | null = null;
  private crashed = false;
  private closing = false;

  private constructor(
    private readonly launched: LaunchedBrowser,
    private readonly server: SuiteServer,
    private readonly signal: AbortSignal | undefined,
  ) {
    launched.browser.on('disconnected', () => {
      if (!this.closing) this.crashed = true;
    });
    // Closing the browser makes any in-flight page call reject at once: that is how Ctrl-C stops a benchmark mid-way.
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  private readonly onAbort = (): void => void this.close();

  static async start(
    bundles: SuiteBundle[],
    opts: { browser?: string | undefined; signal?: AbortSignal | undefined; jsFlags?: string[] },
  ): Promise<Session> {
    const found = discoverBrowser({ browser: opts.browser });
    const server = await startServer();
    for (const b of bundles) {
      const dir = `/${sideOf(b)}/${b.file.name}/`;
      server.set(dir, { contentType: 'text/html; charset=utf-8', body: pageHtml(b.file.name) });
      server.set(`${dir}bundle.js`, { contentType: 'text/javascript; charset=utf-8', body: b.code });
      if (b.app === undefined) continue;
      server.set(`${dir}app/`, { contentType: 'text/html; charset=utf-8', body: appHtml(b.file.name) });
      server.set(`${dir}app/app.js`, { contentType: 'text/javascript; charset=utf-8', body: b.app });
    }
    let launched: LaunchedBrowser;
    try {
      launched = await launchBrowser(found.path, [], opts.jsFlags);
    } catch (e) {
      await server.close();
      throw e;
    }
    return new Session(launched, server, opts.signal);
  }

  get browserVersion(): string {
    return this.launched.version;
  }

  get launchFlags(): string[] {
    return this.launched.flags;
  }

  /** Maps a failure to the right error: interrupted, browser gone, or the original error. */
  private classify(e: unknown): Error {
    if (this.signal?.aborted) return new AbortedError('interrupted (Ctrl-C): run marked aborted');
    if (this.crashed || !this.launched.browser.connected)
      return new BrowserExited(`the browser exited unexpectedly: ${errorMessage(e).split('\n')[0]}`);
    if (e instanceof PageFault) return e;
    if (
      e instanceof Error &&
      /Target closed|Session closed|Protocol error|Execution context was destroyed/i.test(e.message)
    ) {
      return new EnvironmentError(`lost the page: ${e.message.split('\n')[0]}`);
    }
    return e instanceof Error ? e : new Error(String(e));
  }

  /** Lists the benchmarks of a suite as the page sees them. */
  async list(suite: string, side = 'head'): Promise<PageBenchmark[]> {
    const page = await this.openPage(suite, side);
    try {
      return page.benchmarks;
    } finally {
      await page.close();
    }
  }

  /** A side's tab whose suite is done, kept for the session's next suite (SuitePage.release). */
  private readonly idle = new Map<string, { tab: PageSession; context: BrowserContext }>();
  /** Tabs opened so far, each in a fresh context (a renderer process of its own). */
  tabsOpened = 0;

  /**
   * Opens a suite's page. The first page of a side in a session opens in a fresh browser context:
   * a new context never shares a renderer process with another one, so each side's process starts
   * with its own V8 isolate, JIT state and heap (docs/statistics.md measured that such pages vary
   * between each other as much as fresh browsers do, at a fraction of the start-up cost). The
   * side's next suites load into that same tab (released by the previous suite): a navigation
   * within the origin keeps the process, ~0.2 s per suite instead of ~0.45 s for a new process.
   */
  async openPage(suite: string, side = 'head'): Promise<SuitePage> {
    if (this.signal?.aborted) throw new AbortedError('interrupted (Ctrl-C): run marked aborted');
    const url = `${this.server.origin}/${side}/${suite}/`;
    const kept = this.idle.get(side);
    this.idle.delete(side);
    let context: BrowserContext | undefined = kept?.context;
    try {
      let tab: PageSession;
      if (kept) tab = await kept.tab.load(url);
      else {
        context = await this.launched.browser.createBrowserContext();
        this.tabsOpened++;
        tab = await openSuitePage(context, url, this.server.origin, (w) => this.addWarning(`${suite}: ${w}`));
      }
      this.pageEnvironment ??= tab.environment;
      const ctx = context!;
      const call = async <T>(f: () => Promise<T>): Promise<T> => {
        if (this.signal?.aborted) throw new AbortedError('interrupted (Ctrl-C): run marked aborted');
        try {
          return await f();
        } catch (e) {
          throw this.classify(e);
        }
      };
      return {
        benchmarks: tab.benchmarks,
        environment: tab.environment,
        run: (id, sampling, timeoutMs) => call(() => tab.run(id, sampling, timeoutMs)),
        prepare: (id, sampling, timeoutMs) => call(() => tab.prepare(id, sampling, timeoutMs)),
        sample: (id, budget, timeoutMs) => call(() => tab.sample(id, budget, timeoutMs)),
        finish: (id, sampling, timeoutMs) => call(() => tab.finish(id, sampling, timeoutMs)),
        close: () => closeTab({ tab, context: ctx }),
        cdp: () => tab.page.createCDPSession(),
        release: async () => {
          const previous = this.idle.get(side);
          this.idle.set(side, { tab, context: ctx });
          if (previous) await closeTab(previous);
        },
      };
    } catch (e) {
      await context?.close().catch(() => undefined);
      throw this.classify(e);
    }
  }

  /** Ends a session: closes the tabs kept for a next suite, so the next session starts in new processes. */
  async recycle(): Promise<void> {
    const kept = [...this.idle.values()];
    this.idle.clear();
    await Promise.all(kept.map(closeTab));
  }

  private addWarning(w: string): void {
    if (!this.warnings.includes(w)) this.warnings.push(w);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    await this.launched.close();
    await this.server.close();
  }
}
