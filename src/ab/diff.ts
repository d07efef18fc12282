/**
 * Which files differ between the two sides under `src/` and `suites/`: printed before an A/B run
 * so a reader can tell what is being compared (and spot an A/B of two identical trees).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { git } from './git.js';
import type { Side } from './sides.js';

export type FileChangeStatus = 'added' | 'removed' | 'modified';

export interface FileChange {
  /** Relative to the side's root, with '/' separators: `src/runtime/memo/lru.ts`. */
  path: string;
  /** What happened going from base to head. */
  status: FileChangeStatus;
}

const SCOPE = ['src', 'suites'];

export async function diffSummary(base: Side, head: Side): Promise<FileChange[]> {
  if (base.commit !== null && head.commit !== null && base.kind !== 'working-tree') {
    // Both in git: git knows the answer without reading every file.
    const changes =
      head.kind === 'working-tree'
        ? [...(await gitDiff(head.root, [base.commit])), ...(await untracked(head.root))]
        : await gitDiff(head.root, [base.commit, head.commit]);
    return sortChanges(changes);
  }
  return sortChanges(diffFolders(base.root, head.root));
}

/**
 * `git diff --name-status` from base to one commit, or (one argument) to the working tree,
 * uncommitted changes included. `--no-renames` so a rename reads as removed + added;
 * `--relative` so paths are relative to the package root even inside a bigger repository.
 */
async function gitDiff(cwd: string, commits: string[]): Promise<FileChange[]> {
  const out = await git(['diff', '--name-status', '--no-renames', '--relative', ...commits, '--', ...SCOPE], cwd);
  return parseNameStatus(out);
}

/** New files git does not track yet: part of the working tree being measured. */
async function untracked(cwd: string): Promise<FileChange[]> {
  const out = await git(['ls-files', '--others', '--exclude-standard', '--', ...SCOPE], cwd);
  return out
    .split('\n')
    .filter(Boolean)
    .map((path) => ({ path, status: 'added' as const }));
}

/** Parses `git diff --name-status` lines (`M\tsrc/a.ts`). Exported for tests. */
export function parseNameStatus(out: string): FileChange[] {
  const changes: FileChange[] = [];
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [code, path] = line.split('\t');
    if (!code || !path) continue;
    const status: FileChangeStatus = code.startsWith('A') ? 'added' : code.startsWith('D') ? 'removed' : 'modified';
    changes.push({ path, status });
  }
  return changes;
}

/** Compares two folders by file content hashes (plain folders have no git to ask). */
function diffFolders(baseRoot: string, headRoot: string): FileChange[] {
  const a = hashTree(baseRoot);
  const b = hashTree(headRoot);
  const changes: FileChange[] = [];
  for (const [path, hash] of b) {
    const before = a.get(path);
    if (before === undefined) changes.push({ path, status: 'added' });
    else if (before !== hash) changes.push({ path, status: 'modified' });
  }
  for (const path of a.keys()) if (!b.has(path)) changes.push({ path, status: 'removed' });
  return changes;
}

function hashTree(root: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile())
        hashes.set(relative(root, p).split(sep).join('/'), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  for (const top of SCOPE) if (existsSync(join(root, top))) walk(join(root, top));
  return hashes;
}

const sortChanges = (changes: FileChange[]): FileChange[] =>
  [...changes].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
