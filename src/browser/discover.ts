/**
 * Finds a Chromium binary without ever downloading one: --browser, then CHROME_PATH, then
 * /usr/bin/chromium, then `chromium` / `google-chrome` on PATH. Pure apart from the injected
 * file-system probe, so the search order is unit tested without touching the disk.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { EnvironmentError } from '../model/errors.js';

export interface DiscoverOptions {
  browser?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Returns true when `path` is an executable file. */
  isExecutable?: (path: string) => boolean;
}

export interface Discovered {
  path: string;
  source: '--browser' | 'CHROME_PATH' | 'default' | 'PATH';
}

export const DEFAULT_BROWSER_PATHS = ['/usr/bin/chromium'];
export const PATH_BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function discoverBrowser(opts: DiscoverOptions = {}): Discovered {
  const env = opts.env ?? process.env;
  const isExec = opts.isExecutable ?? isExecutableFile;
  const tried: string[] = [];
  if (opts.browser) {
    if (isExec(opts.browser)) return { path: opts.browser, source: '--browser' };
    // An explicit choice that does not work is an error, not a reason to pick another browser.
    throw new EnvironmentError(
      `--browser ${opts.browser} is not an executable file; ` +
        'pass the path of a Chromium binary (apt-get install chromium gives /usr/bin/chromium)',
    );
  }
  if (env.CHROME_PATH) {
    if (isExec(env.CHROME_PATH)) return { path: env.CHROME_PATH, source: 'CHROME_PATH' };
    tried.push(`CHROME_PATH=${env.CHROME_PATH}`);
  } else tried.push('CHROME_PATH (unset)');
  for (const p of DEFAULT_BROWSER_PATHS) {
    if (isExec(p)) return { path: p, source: 'default' };
    tried.push(p);
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of PATH_BROWSER_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExec(candidate)) return { path: candidate, source: 'PATH' };
    }
    tried.push(`${name} on PATH`);
  }
  throw new EnvironmentError(
    `no Chromium found (tried ${tried.join(', ')}); ` +
      'install one with "apt-get install chromium" or pass --browser PATH / set CHROME_PATH',
  );
}
