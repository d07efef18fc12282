/** A throwaway git repository with 8 commits (c0..c7) on main, for the A/B and bisect tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers.js';

export interface GitFixture {
  repo: string;
  /** Full shas of c0..c7, oldest first. */
  shas: string[];
  git(...args: string[]): string;
  write(path: string, text: string): void;
  cleanup(): void;
}

/**
 * c0 creates the package; ci sets src/runtime/value.ts to `i`; c3 adds src/runtime/extra.ts,
 * c6 removes it; c5 touches suites/s.ts.
 */
export function makeGitFixture(): GitFixture {
  const tmp = tempDir('jepsh-ab-git-');
  const repo = join(realpathSync(tmp.dir), 'repo');
  mkdirSync(repo);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  git('init', '-q', '-b', 'main');
  const shas: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (i === 0) {
      write('package.json', JSON.stringify({ name: 'jepsh-bench', version: '0.0.0' }));
      write('package-lock.json', JSON.stringify({ name: 'jepsh-bench', lockfileVersion: 3 }));
      write('suites/s.ts', `export const s = 0;\n`);
    }
    write('src/runtime/value.ts', `export const value = ${i};\n`);
    if (i === 3) write('src/runtime/extra.ts', `export const extra = 3;\n`);
    if (i === 6) rmSync(join(repo, 'src/runtime/extra.ts'));
    if (i === 5) write('suites/s.ts', `export const s = 5;\n`);
    git('add', '-A');
    git('commit', '-q', '-m', `c${i}`);
    shas.push(git('rev-parse', 'HEAD'));
  }
  return { repo, shas, git, write, cleanup: tmp.cleanup };
}
