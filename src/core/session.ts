/**
 * A measuring session: one browser and one local server, kept open while suites run (and while
 * `check --auto` adds sampling rounds). Each suite gets a fresh page.
 */
import { discoverBrowser } from '../browser/discover.js';
import { launchBrowser, type LaunchedBrowser } from '../browser/launch.js';
import { startServer, type SuiteServer } from '../browser/server.js';
import { bundleSuite, type SuiteFile } from '../browser/bundle.js';
import { openSuitePage } from '../browser/page-session.js';
import { AbortedError, EnvironmentError, errorMessage } from './errors.js';
import type { PageBenchmark, PageEnvironment, PageOutcome, SamplingOptions } from '../suite/protocol.js';

export interface SuiteBundle {
  file: SuiteFile;
  code: string;
}

export interface Progress {
  suite: string;
  benchmarkId: string;
  /** 0-based index of this benchmark among all benchmarks of the session's current pass. */
  index: number;
  total: number;
  /** Estimated ms left, from the mean duration of benchmarks so far. */
  etaMs: number | null;
  /** 0-based round (each round is a fresh browser). */
  round: number;
  phase: 'start' | 'done';
  outcome?: PageOutcome;
}

export interface SuitePass {
  suite: string;
  benchmarks: PageBenchmark[];
  outcomes: PageOutcome[];
}

/** Bundles every suite before anything is launched, so a broken suite fails fast (exit 2). */
export async function bundleSuites(files: SuiteFile[]): Promise<SuiteBundle[]> {
  const out: SuiteBundle[] = [];
  for (const file of files) out.push({ file, code: await bundleSuite(file, 'page') });
  return out;
}

function pageHtml(suite: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>jepsh-bench: ${suite}</title></head><body><script src="/${suite}/bundle.js"></script></body></html>`;
}

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

  static async start(bundles: SuiteBundle[], opts: { browser?: string; signal?: AbortSignal }): Promise<Session> {
    const found = discoverBrowser({ browser: opts.browser });
    const server = await startServer();
    for (const b of bundles) {
      server.set(`/${b.file.name}/`, { contentType: 'text/html; charset=utf-8', body: pageHtml(b.file.name) });
      server.set(`/${b.file.name}/bundle.js`, { contentType: 'text/javascript; charset=utf-8', body: b.code });
    }
    let launched: LaunchedBrowser;
    try {
      launched = await launchBrowser(found.path);
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
    if (this.crashed || !this.launched.browser.connected) return new EnvironmentError(`the browser exited unexpectedly: ${errorMessage(e).split('\n')[0]}`);
    if (e instanceof Error && /Target closed|Session closed|Protocol error|Execution context was destroyed/i.test(e.message)) {
      return new EnvironmentError(`lost the page: ${e.message.split('\n')[0]}`);
    }
    return e instanceof Error ? e : new Error(String(e));
  }

  /** Lists the benchmarks of a suite as the page sees them. */
  async list(suite: string): Promise<PageBenchmark[]> {
    const page = await this.open(suite);
    try {
      return page.benchmarks;
    } finally {
      await page.close();
    }
  }

  private async open(suite: string) {
    try {
      const page = await openSuitePage(this.launched.browser, `${this.server.origin}/${suite}/`, this.server.origin, (w) => this.addWarning(`${suite}: ${w}`));
      this.pageEnvironment ??= page.environment;
      return page;
    } catch (e) {
      throw this.classify(e);
    }
  }

  private addWarning(w: string): void {
    if (!this.warnings.includes(w)) this.warnings.push(w);
  }

  /**
   * Runs the selected benchmarks of one suite in a fresh page. `select` picks ids from the page's
   * list; `onProgress` gets start/done events; `offset`/`total` place them in the whole session.
   */
  async runSuite(
    suite: string,
    select: (b: PageBenchmark) => boolean,
    sampling: SamplingOptions,
    progress: { offset: number; total: number; onProgress?: ((p: Progress) => void) | undefined; elapsed: number[]; round: number },
  ): Promise<SuitePass> {
    const page = await this.open(suite);
    try {
      const benchmarks = page.benchmarks.filter(select);
      const outcomes: PageOutcome[] = [];
      for (const [i, b] of benchmarks.entries()) {
        if (this.signal?.aborted) throw new AbortedError('interrupted (Ctrl-C): run marked aborted');
        const index = progress.offset + i;
        const mean = progress.elapsed.length ? progress.elapsed.reduce((a, c) => a + c, 0) / progress.elapsed.length : null;
        progress.onProgress?.({ suite, benchmarkId: b.id, index, total: progress.total, etaMs: mean === null ? null : mean * (progress.total - index), round: progress.round, phase: 'start' });
        const outcome = await page.run(b.id, sampling);
        progress.elapsed.push(outcome.durationMs);
        outcomes.push(outcome);
        progress.onProgress?.({ suite, benchmarkId: b.id, index, total: progress.total, etaMs: null, round: progress.round, phase: 'done', outcome });
      }
      return { suite, benchmarks, outcomes };
    } catch (e) {
      throw this.classify(e);
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    await this.launched.close();
    await this.server.close();
  }
}
