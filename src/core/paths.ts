/** Locations inside the jepsh-bench package, found from this module wherever it was bundled to. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The folder holding jepsh-bench's package.json (walks up from this module). */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'jepsh-bench') return (cachedRoot = dir);
      } catch {
        // not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the jepsh-bench package root');
    dir = up;
  }
}

export function harnessVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export const defaultSuitesDir = (): string => join(packageRoot(), 'suites');
export const defaultDbPath = (): string => resolve(process.cwd(), 'baselines', 'jepsh-bench.sqlite');
export const defaultReportsDir = (): string => resolve(process.cwd(), 'reports');
