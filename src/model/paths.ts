/** Locations inside the jepsh-bench package, found from this module wherever it was bundled to. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from './errors.js';

/**
 * Set by bin/jepsh-bench.js to the tree the command was run from. Needed because the CLI runs
 * from a bundle in node_modules/.cache, which Node loads by its real path: when node_modules is a
 * symlink into another checkout, walking up from this module finds that checkout instead.
 */
export const ROOT_ENV = 'JEPSH_BENCH_ROOT';

let cachedRoot: string | undefined;

/** The folder holding jepsh-bench's package.json: the tree being run. */
export function packageRoot(): string {
  return (cachedRoot ??= resolvePackageRoot(process.env, import.meta.url));
}

/**
 * `env.JEPSH_BENCH_ROOT` when set (it must be a jepsh-bench tree: falling back to the walk would
 * bring the wrong-tree problem back silently), else the first folder above `moduleUrl` whose
 * package.json is jepsh-bench's (tests and library use, where no bin ran).
 */
export function resolvePackageRoot(env: NodeJS.ProcessEnv, moduleUrl: string): string {
  const fromEnv = env[ROOT_ENV];
  if (fromEnv) {
    const dir = resolve(fromEnv);
    if (!isJepshBench(dir))
      throw new EnvironmentError(
        `${ROOT_ENV}=${fromEnv} is not a jepsh-bench checkout (no package.json named jepsh-bench); unset it`,
      );
    return dir;
  }
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (isJepshBench(dir)) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the jepsh-bench package root');
    dir = up;
  }
}

function isJepshBench(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'jepsh-bench';
  } catch {
    return false; // not ours; keep walking
  }
}

export function harnessVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * `./suites` of the current folder when it has one (a project measuring its own code, as `init`
 * sets it up), else the suites bundled with the harness. In this repository both are the same.
 */
export const defaultSuitesDir = (cwd = process.cwd()): string => {
  const own = resolve(cwd, 'suites');
  return existsSync(own) ? own : join(packageRoot(), 'suites');
};
export const defaultDbPath = (): string => resolve(process.cwd(), 'baselines', 'jepsh-bench.sqlite');
export const defaultReportsDir = (): string => resolve(process.cwd(), 'reports');
