/**
 * Temporary detached git worktrees, one per revision being measured, and the registry that
 * removes them whatever way the process ends.
 *
 * Why a registry and not try/finally alone: an A/B run lives for minutes and can end by Ctrl-C,
 * SIGTERM from CI, or `process.exit` from a second Ctrl-C. Every live worktree is listed here,
 * and one idempotent cleanup removes them all: awaited by the caller on the normal path, run
 * synchronously from a process 'exit' hook otherwise. A leftover worktree is not just litter:
 * git refuses to check the same path out again and `git worktree list` keeps showing it.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, gitSyncQuiet } from './git.js';

export interface Worktree {
  /** The repository the worktree belongs to (where `git worktree prune` runs). */
  repo: string;
  /** The checked-out tree. */
  path: string;
  /** The temporary folder holding `path`, removed with it. */
  parent: string;
  sha: string;
}

const live = new Map<string, Worktree>();

/** Checks `sha` out, detached, into a fresh temporary folder and registers it for cleanup. */
export async function addWorktree(repo: string, sha: string, label = 'side'): Promise<Worktree> {
  // A fresh parent per worktree: git wants a path that does not exist yet, and mkdtemp gives a unique one.
  const parent = realpathSync(mkdtempSync(join(tmpdir(), `jepsh-ab-${label}-`)));
  const wt: Worktree = { repo, path: join(parent, 'tree'), parent, sha };
  register(wt);
  try {
    await git(['worktree', 'add', '--detach', '--quiet', wt.path, sha], repo);
  } catch (e) {
    await removeWorktree(wt);
    throw e;
  }
  return wt;
}

/** Removes one worktree: git's record of it, then the folder, then any stale record. Idempotent. */
export async function removeWorktree(wt: Worktree): Promise<void> {
  if (!live.has(wt.path)) return;
  live.delete(wt.path);
  try {
    await git(['worktree', 'remove', '--force', wt.path], wt.repo);
  } catch {
    // not (fully) added, or already gone: the folder removal and prune below still settle it
  }
  await rm(wt.parent, { recursive: true, force: true });
  try {
    await git(['worktree', 'prune'], wt.repo);
  } catch {
    // the repository itself is gone; nothing left to tidy
  }
  if (live.size === 0) uninstallHooks();
}

/** Removes every live worktree. Safe to call more than once and from a signal handler's cleanup path. */
export async function cleanupWorktrees(): Promise<void> {
  await Promise.all([...live.values()].map((wt) => removeWorktree(wt)));
}

/** Synchronous cleanup for the 'exit' event, where nothing can be awaited. */
export function cleanupWorktreesSync(): void {
  for (const wt of [...live.values()]) {
    live.delete(wt.path);
    gitSyncQuiet(['worktree', 'remove', '--force', wt.path], wt.repo);
    rmSync(wt.parent, { recursive: true, force: true });
    gitSyncQuiet(['worktree', 'prune'], wt.repo);
  }
  uninstallHooks();
}

/** Paths of the worktrees still registered (for tests and diagnostics). */
export function liveWorktrees(): string[] {
  return [...live.keys()];
}

function register(wt: Worktree): void {
  live.set(wt.path, wt);
  installHooks();
}

// Signals: when the CLI has its own handler (graceful abort, then `cleanupWorktrees()` in its
// finally, and `process.exit(130)` on a second Ctrl-C, which the 'exit' hook covers), this one
// stays out of the way. When nobody else listens, a listener would swallow the signal's default
// "terminate", so this one cleans up and re-raises the signal to die the default way.
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let hooked = false;

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  cleanupWorktreesSync();
  process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanupWorktreesSync);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstallHooks(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', cleanupWorktreesSync);
  for (const s of SIGNALS) process.off(s, onSignal);
}
