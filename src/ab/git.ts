/**
 * Git for the A/B plumbing: commands that must succeed (worktrees, diffs, commit lists) fail with
 * git's own one-line reason instead of the silent null of src/core/git.ts, which only describes a run.
 */
import { execFile, execFileSync } from 'node:child_process';
import { UsageError } from '../model/errors.js';

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed: ${firstLine(stderr) || 'no output'}`);
    this.name = 'GitError';
  }
}

const firstLine = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0) ?? '';

/** Runs git in `cwd` and returns stdout (not trimmed: callers split lines themselves). */
export function git(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new GitError(args, stderr || err.message));
      else resolve(stdout);
    });
  });
}

/** Synchronous form, for the process 'exit' hook (no awaiting there); never throws. */
export function gitSyncQuiet(args: readonly string[], cwd: string): void {
  try {
    execFileSync('git', args, { cwd, stdio: 'ignore', timeout: 30_000 });
  } catch {
    // best effort: the caller removes the folder and prunes anyway
  }
}

export interface ResolvedRev {
  sha: string;
  subject: string;
}

/**
 * A revision as the user typed it (branch, tag, sha, `HEAD~3`), peeled to a commit.
 * A bad revision is the user's mistake, so a UsageError naming the flag.
 */
export async function resolveRev(repo: string, rev: string, flag: string, alternative = ''): Promise<ResolvedRev> {
  let out: string;
  try {
    // `--end-of-options` keeps a revision that starts with '-' from being read as an option.
    out = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], repo);
  } catch (e) {
    const why =
      e instanceof GitError && /not a git repository/i.test(e.stderr)
        ? `${repo} is not a git checkout`
        : `no commit "${rev}" in ${repo}`;
    throw new UsageError(`${flag} ${rev}: ${why} (give a branch, tag or sha${alternative ? `, ${alternative}` : ''})`);
  }
  const sha = out.trim();
  const subject = (await git(['show', '-s', '--format=%s', sha], repo)).trim();
  return { sha, subject };
}
