/** The A/B flags and the measuring path shared by `ab` and `check --base`. */
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { resolveSides, cleanupWorktrees } from '../ab/index.js';
import { prepareAb, type PreparedAb } from '../core/ab-sides.js';
import { runAb, type AbOptions, type AbOutcome } from '../core/ab.js';
import { phaseLines } from '../core/phase-clock.js';
import { packageRoot } from '../model/paths.js';
import type { Store } from '../store/store.js';
import type { RunOptions } from '../core/run.js';
import { UsageError } from '../model/errors.js';
import type { Config } from '../config/config.js';
import { CONFIG_SCHEMA } from '../config/schema.js';

export interface AbArgs {
  base?: string;
  head?: string;
  'base-dir'?: string;
  'head-dir'?: string;
  repo?: string;
  'time-budget'?: number;
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
    })
    .option('time-budget', {
      type: 'number',
      describe:
        'seconds the A/B may take from its start: stop taking sessions when one more would end later ' +
        '(never below the sessions at which one metric alone can still be flagged: log2(4 x benchmarks / alpha), ' +
        'at least 8); 0 for none (default: none for ab; checkTimeBudgetS of the config, ' +
        `${CONFIG_SCHEMA.properties.checkTimeBudgetS.default}, for check --base without --auto or --sessions)`,
    });
}

/** `--time-budget S` in ms; 0 is none. */
export function parseTimeBudget(seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new UsageError(`--time-budget must be a number of seconds >= 0 (0 for none), got ${seconds}`);
  return seconds === 0 ? undefined : seconds * 1000;
}

/**
 * The time budget of `check --base`, seconds: the flag, else the config's `checkTimeBudgetS`. A CI
 * job's limit is fixed while runners differ (the same check took 546 s on one host and 911 s on
 * another), so the gate takes the sessions that fit rather than overrun. No default with `--auto`
 * (its `--max-time` bounds it) or `--sessions` (a number asked for is taken whole).
 */
export function checkTimeBudget(
  args: Pick<AbArgs, 'time-budget'> & { auto?: boolean; sessions?: number | undefined },
  config: Pick<Config, 'checkTimeBudgetS'>,
): number | undefined {
  if (args['time-budget'] !== undefined) return args['time-budget'];
  if (args.auto || args.sessions !== undefined) return undefined;
  return config.checkTimeBudgetS;
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
  /** Runs while the sides' trees still exist (check --profile-regressions profiles them). */
  after?: (outcome: AbOutcome, prepared: PreparedAb) => Promise<void>,
): Promise<AbOutcome> {
  const startedMs = Date.now(); // the budget counts worktrees and bundling too: CI waits for all of it
  const budgetMs = parseTimeBudget(args['time-budget']);
  if (budgetMs !== undefined && rest.beforeCommit)
    throw new UsageError('--time-budget does not combine with --auto: --max-time bounds its extra sessions');
  return withAbSides(args, note, async (prepared) => {
    const { beforeCommit: _unused, ...plain } = run;
    const outcome = await runAb(store, {
      ...plain,
      ...rest,
      base: prepared.base,
      head: prepared.head,
      bundle: prepared.bundle,
      changedFiles: prepared.changedFiles,
      deadlineMs: budgetMs === undefined ? undefined : startedMs + budgetMs,
    });
    for (const n of prepared.notes) note(n);
    for (const w of outcome.headRun.warnings) note(`warning: ${w}`);
    for (const line of phaseLines(
      { ms: outcome.phases, byBenchmark: outcome.phasesByBenchmark },
      Date.now() - startedMs,
    ))
      note(line);
    await after?.(outcome, prepared);
    return outcome;
  });
}

/**
 * Resolves the two sides (`--base`, `--head`, `--base-dir`, `--head-dir`, `--repo`), says what
 * differs between them, runs `f`, and always removes the worktrees (also on errors and Ctrl-C:
 * an abort unwinds through the finally).
 */
export async function withAbSides<T>(
  args: AbArgs,
  note: (line: string) => void,
  f: (prepared: PreparedAb) => Promise<T>,
): Promise<T> {
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
    return await f(prepared);
  } finally {
    await sides.cleanup();
    await cleanupWorktrees();
  }
}
