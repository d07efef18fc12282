/**
 * Launches headless Chromium for measurement. Flags: what a root, offline, GPU-less machine
 * needs (DEVELOPERS.md), --expose-gc for gc() between benchmarks, precise memory info for heap
 * metrics, and no throttling of background timers or renderers, which would distort timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { EnvironmentError, errorMessage } from '../model/errors.js';

export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];

export interface LaunchedBrowser {
  browser: Browser;
  flags: string[];
  version: string;
  userDataDir: string;
  /** Closes the browser (if still open) and removes its profile directory. Idempotent. */
  close(): Promise<void>;
}

/**
 * Launches Chromium. `jsFlags` are V8 flags added to the one `--js-flags` switch (Chromium keeps
 * only the last of several, which would drop --expose-gc).
 */
export async function launchBrowser(
  executablePath: string,
  extraFlags: string[] = [],
  jsFlags: string[] = [],
): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'jepsh-bench-profile-'));
  const base = BASE_FLAGS.map((f) => (f.startsWith('--js-flags=') && jsFlags.length ? [f, ...jsFlags].join(' ') : f));
  const flags = [...base, ...extraFlags, `--user-data-dir=${userDataDir}`];
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: flags,
      defaultViewport: { width: 1280, height: 800 },
      // We handle SIGINT ourselves so the run can be marked aborted before exiting.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60_000,
      protocolTimeout: 600_000,
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new EnvironmentError(`could not launch ${executablePath}: ${errorMessage(e).split('\n')[0]}`);
  }
  const version = await browser.version();
  let closed = false;
  return {
    browser,
    flags: flags.filter((f) => !f.startsWith('--user-data-dir=')),
    version,
    userDataDir,
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (browser.connected) await browser.close();
      } catch {
        // fall through to the kill below
      }
      // A crashed or killed browser can leave helper processes (renderer, zygote) holding our
      // pipes open; puppeteer starts Chromium in its own process group, so end the whole group.
      const pid = browser.process()?.pid;
      if (pid !== undefined) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
