/**
 * Packages for a side's code. A worktree has no node_modules, and installing into it would cost a
 * full `npm ci` per revision, so a side borrows: bare imports from its files resolve through
 * esbuild's `nodePaths` (never a symlink inside the worktree, which git would see as a change and
 * `worktree remove` would have to step around).
 *
 * - same package-lock.json as the host (the tree being run): the host's node_modules;
 * - a different lockfile: one `npm ci` into a cache keyed by the lockfile's hash, reused by every
 *   later A/B of a revision with that lockfile.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../model/errors.js';
import type { Side } from './sides.js';

/** Installs the packages of `dir/package-lock.json` into `dir/node_modules`. Tests pass a stub. */
export type InstallDeps = (dir: string) => Promise<void>;

export interface SideDeps {
  /** Extra folders for bare imports (esbuild `nodePaths`); empty when the side resolves on its own. */
  nodePaths: string[];
  /** Where they come from, for the progress line: own install, the host's, the cache, or installed just now. */
  source: 'own' | 'host' | 'cache' | 'installed';
}

const LOCKFILE = 'package-lock.json';
// Written last, so an install killed half-way is redone instead of trusted.
const COMPLETE_MARKER = '.jepsh-complete';

/** First 16 hex digits of the lockfile's SHA-256: the cache key. */
export function lockfileHash(root: string): string | null {
  const file = join(root, LOCKFILE);
  if (!existsSync(file)) return null;
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
}

/** `<host>/node_modules/.cache/jepsh-bench/deps/<hash>`: inside the host's node_modules, so it goes when they go. */
export function depsCacheDir(hostRoot: string, hash: string): string {
  return join(hostRoot, 'node_modules', '.cache', 'jepsh-bench', 'deps', hash);
}

/**
 * What a side needs for its bare imports; `hostRoot` is the tree being run (packageRoot()), whose
 * node_modules holds esbuild and the harness's packages. `install` runs at most once per lockfile.
 */
export async function sideDependencies(
  side: Pick<Side, 'root' | 'describe'>,
  hostRoot: string,
  install: InstallDeps = npmCi,
): Promise<SideDeps> {
  const root = realpathSync(side.root);
  hostRoot = realpathSync(hostRoot);
  if (root === hostRoot) return { nodePaths: [], source: 'host' };
  // A --base-dir that is a full checkout brings its own install; esbuild finds it by walking up.
  if (existsSync(join(root, 'node_modules'))) return { nodePaths: [], source: 'own' };
  const hostModules = join(hostRoot, 'node_modules');
  const hash = lockfileHash(root);
  // No lockfile on the side (a plain folder of sources): the host's packages are the only guess.
  if (hash === null || hash === lockfileHash(hostRoot)) return { nodePaths: [hostModules], source: 'host' };

  const dir = depsCacheDir(hostRoot, hash);
  const modules = join(dir, 'node_modules');
  if (existsSync(join(modules, COMPLETE_MARKER))) return { nodePaths: [modules], source: 'cache' };

  // Install beside the final folder and rename into place, so two processes racing for the same
  // lockfile never see each other's half-filled node_modules.
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    for (const f of ['package.json', LOCKFILE]) {
      if (existsSync(join(root, f))) copyFileSync(join(root, f), join(staging, f));
    }
    await install(staging);
    mkdirSync(join(staging, 'node_modules'), { recursive: true });
    writeFileSync(join(staging, 'node_modules', COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch {
      // another process finished the same install first; use theirs
      if (!existsSync(join(modules, COMPLETE_MARKER)))
        throw new EnvironmentError(`cannot move the package install for ${side.describe} into ${dir}`);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { nodePaths: [modules], source: 'installed' };
}

/**
 * `npm ci` without lifecycle scripts (the side's code is bundled, never run in Node, so native
 * builds are not needed), without audit/fund noise, and without puppeteer's browser download.
 */
export const npmCi: InstallDeps = (dir) =>
  new Promise((resolve, reject) => {
    const child = spawn('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: dir,
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', (e) => reject(new EnvironmentError(`cannot run npm to install a side's packages: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const last = stderr.trim().split('\n').filter(Boolean).pop() ?? '';
      reject(new EnvironmentError(`npm ci for a side's packages failed in ${dir} (exit ${code}): ${last}`));
    });
  });
