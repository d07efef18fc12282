/**
 * The two versions of the code under test in an A/B comparison. A side is a revision checked out
 * into a temporary worktree, the working tree itself, or a plain folder. Only its `src/` (outside
 * `src/suite/`) is measured: the suites and the harness always come from the tree being run, so
 * both sides run the same benchmark code (see src/ab/code-root-plugin.ts).
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../model/errors.js';
import { git, resolveRev } from './git.js';
import { addWorktree, removeWorktree } from './worktree.js';

export type SideRole = 'base' | 'head';

export interface Side {
  role: SideRole;
  /** The folder whose `src/` is this side's code. */
  root: string;
  /** Full sha, or null for a plain folder. */
  commit: string | null;
  /** Uncommitted changes to tracked files; false for a fresh worktree, null without git. */
  dirty: boolean | null;
  /** How it was given, for progress lines and reports: `base main (1a2b3c4 "Fix LRU")`. */
  describe: string;
  /**
   * How the side exists: 'worktree' (a revision checked out for this run), 'working-tree' (the
   * repository as it is on disk, uncommitted changes included) or 'dir' (a folder, no git).
   */
  kind: 'worktree' | 'working-tree' | 'dir';
  /** Removes what the side created (its worktree); a no-op for the others. Idempotent. */
  cleanup(): Promise<void>;
}

export interface SidesRequest {
  /** The tree being run (packageRoot()): the repository revisions are looked up in. */
  repoRoot: string;
  base?: string;
  head?: string;
  baseDir?: string;
  headDir?: string;
}

export interface Sides {
  base: Side;
  head: Side;
  /** Both sides' cleanup. */
  cleanup(): Promise<void>;
}

const short = (sha: string): string => sha.slice(0, 7);

/**
 * Builds both sides. Revisions are all checked before any worktree is created, and a failure
 * part-way removes what was already created, so a usage error never leaves a worktree behind.
 */
export async function resolveSides(req: SidesRequest): Promise<Sides> {
  if (req.base !== undefined && req.baseDir !== undefined)
    throw new UsageError('give either --base REV or --base-dir DIR, not both');
  if (req.head !== undefined && req.headDir !== undefined)
    throw new UsageError('give either --head REV or --head-dir DIR, not both');
  if (req.base === undefined && req.baseDir === undefined)
    throw new UsageError('an A/B comparison needs --base REV (a branch, tag or sha) or --base-dir DIR');
  const repoRoot = realpathSync(req.repoRoot);

  // Validate everything first: cheap, and nothing to undo.
  const baseRev =
    req.base !== undefined
      ? await resolveRev(repoRoot, req.base, '--base', 'or --base-dir DIR for a plain folder')
      : null;
  const headRev =
    req.head !== undefined
      ? await resolveRev(repoRoot, req.head, '--head', 'or --head-dir DIR for a plain folder')
      : null;
  if (req.baseDir !== undefined) checkDir(req.baseDir, '--base-dir');
  if (req.headDir !== undefined) checkDir(req.headDir, '--head-dir');

  const created: Side[] = [];
  try {
    const base = baseRev ? await revisionSide(repoRoot, 'base', req.base!, baseRev) : dirSide('base', req.baseDir!);
    created.push(base);
    const head = headRev
      ? await revisionSide(repoRoot, 'head', req.head!, headRev)
      : req.headDir !== undefined
        ? dirSide('head', req.headDir)
        : await workingTreeSide(repoRoot);
    created.push(head);
    return { base, head, cleanup: () => Promise.all(created.map((s) => s.cleanup())).then(() => undefined) };
  } catch (e) {
    await Promise.all(created.map((s) => s.cleanup()));
    throw e;
  }
}

/** Runs `fn` with both sides and always removes them afterwards, whether `fn` returns or throws. */
export async function withSides<T>(req: SidesRequest, fn: (sides: Sides) => Promise<T>): Promise<T> {
  const sides = await resolveSides(req);
  try {
    return await fn(sides);
  } finally {
    await sides.cleanup();
  }
}

/**
 * A revision checked out, detached, into a temporary worktree. Exported for bisect, which keeps
 * the good side for the whole search and makes a new head side per step.
 */
export async function revisionSide(
  repoRoot: string,
  role: SideRole,
  rev: string,
  resolved?: { sha: string; subject: string },
): Promise<Side> {
  const { sha, subject } = resolved ?? (await resolveRev(repoRoot, rev, `--${role}`));
  // The package may sit in a subfolder of the repository; the side's root is that subfolder of the worktree.
  const prefix = (await git(['rev-parse', '--show-prefix'], repoRoot)).trim();
  const wt = await addWorktree(repoRoot, sha, role);
  const describe =
    rev === sha || sha.startsWith(rev)
      ? `${role} ${short(sha)} "${subject}"`
      : `${role} ${rev} (${short(sha)} "${subject}")`;
  return {
    role,
    root: join(wt.path, prefix),
    commit: sha,
    dirty: false,
    describe,
    kind: 'worktree',
    cleanup: () => removeWorktree(wt),
  };
}

/** The repository as it is on disk: the default head, uncommitted changes included. */
export async function workingTreeSide(repoRoot: string): Promise<Side> {
  const root = realpathSync(repoRoot);
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = (await git(['rev-parse', 'HEAD'], root)).trim();
    // Tracked files only, as in a stored run's git info (src/core/git.ts), so the two flags agree.
    dirty = (await git(['status', '--porcelain', '--untracked-files=no'], root)).trim().length > 0;
  } catch {
    // not a checkout: still a valid head, just without git facts
  }
  const describe = commit
    ? `head working tree (${short(commit)}${dirty ? ', uncommitted changes' : ''})`
    : `head working tree ${root}`;
  return { role: 'head', root, commit, dirty, describe, kind: 'working-tree', cleanup: async () => {} };
}

/** A plain folder with a `src/` tree: no git needed, nothing to clean up. */
export function dirSide(role: SideRole, dir: string): Side {
  const root = realpathSync(checkDir(dir, `--${role}-dir`));
  return {
    role,
    root,
    commit: null,
    dirty: null,
    describe: `${role} folder ${root}`,
    kind: 'dir',
    cleanup: async () => {},
  };
}

function checkDir(dir: string, flag: string): string {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`${flag} ${dir}: no such folder`);
  if (!existsSync(join(abs, 'src')))
    throw new UsageError(`${flag} ${dir}: no src/ folder in it (give the root of a jepsh-bench checkout)`);
  return abs;
}
