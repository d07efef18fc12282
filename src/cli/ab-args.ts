/** The A/B flags and the measuring path shared by `ab` and `check --base`. */
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { resolveSides, cleanupWorktrees } from '../ab/index.js';
import { prepareAb } from '../core/ab-sides.js';
import { runAb, type AbOptions, type AbOutcome } from '../core/ab.js';
import { packageRoot } from '../model/paths.js';
import type { Store } from '../store/store.js';
import type { RunOptions } from '../core/run.js';

export interface AbArgs {
  base?: string;
  head?: string;
  'base-dir'?: string;
  'head-dir'?: string;
  repo?: string;
}

export function abOptions<T>(y: Argv<T>) {
  return y
    .option('base', {
      type: 'string',
      describe: 'git revision measured as the base side (checked out in a temporary worktree)',
    })
    .option('head', { type: 'string', describe: 'git revision measured as the head side (default: the working tree)' })
    .option('base-dir', { type: 'string', describe: 'a folder whose src/ is the base side (code outside git)' })
    .option('head-dir', { type: 'string', describe: 'a folder whose src/ is the head side' })
    .option('repo', {
      type: 'string',
      describe: 'git repository whose src/ the suites import as code under test (default: this jepsh-bench tree)',
    });
}

export function wantsAb(args: AbArgs): boolean {
  return args.base !== undefined || args['base-dir'] !== undefined;
}

/**
 * Resolves the sides, measures them paired, and always removes the worktrees (also on errors and
 * Ctrl-C: the run's abort unwinds through the finally).
 */
export async function measureAb(
  store: Store,
  args: AbArgs,
  run: RunOptions,
  rest: Pick<AbOptions, 'config' | 'beforeCommit' | 'thresholds' | 'storedOptions'>,
  note: (line: string) => void,
): Promise<AbOutcome> {
  const repoRoot = args.repo ? resolve(args.repo) : packageRoot();
  const sides = await resolveSides({
    repoRoot,
    base: args.base,
    head: args.head,
    baseDir: args['base-dir'],
    headDir: args['head-dir'],
  });
  try {
    const prepared = await prepareAb(sides, repoRoot);
    note(`A/B: ${prepared.base.describe}  vs  ${prepared.head.describe}`);
    note(
      prepared.changedFiles.length
        ? `files that differ (src/, suites/): ${prepared.changedFiles.join(', ')}`
        : 'no file differs between the sides under src/ and suites/ (an A/A comparison)',
    );
    const { beforeCommit: _unused, ...plain } = run;
    const outcome = await runAb(store, {
      ...plain,
      ...rest,
      base: prepared.base,
      head: prepared.head,
      bundle: prepared.bundle,
      changedFiles: prepared.changedFiles,
    });
    for (const n of prepared.notes) note(n);
    return outcome;
  } finally {
    await sides.cleanup();
    await cleanupWorktrees();
  }
}
