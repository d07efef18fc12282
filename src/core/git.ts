/** Git facts for a run: commit, branch and dirty flag. Outside a checkout all are null. */
import { execFileSync } from 'node:child_process';
import type { GitInfo } from '../model/types.js';

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
  } catch {
    return null;
  }
}

export function gitInfo(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): GitInfo {
  const commit = git(['rev-parse', 'HEAD'], cwd);
  if (commit === null) return { commit: null, branch: env.JEPSH_BRANCH ?? null, dirty: null };
  let branch = env.JEPSH_BRANCH ?? git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd);
  // CI checkouts are often detached; fall back to the CI's own branch variables.
  if (branch === 'HEAD')
    branch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || env.CI_COMMIT_REF_NAME || env.BRANCH_NAME || null;
  const status = git(['status', '--porcelain', '--untracked-files=no'], cwd);
  return { commit, branch: branch || null, dirty: status === null ? null : status.length > 0 };
}
