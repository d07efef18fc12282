/**
 * `bisect`: the first commit where a benchmark regressed, by paired A/B steps (core/ab.ts) of the
 * known-good commit against candidates chosen by binary search (src/ab/bisect.ts), so it needs
 * O(log n) comparisons. Every step is stored like any A/B, and its explanation is kept for the
 * final report. An inconclusive step is measured again with twice the sessions before the search
 * gives up and reports the range that is left.
 */
import { bisect, listCommits, revisionSide, stepVerdict, type BisectResult, type Commit } from '../ab/index.js';
import { prepareAb } from './ab-sides.js';
import { runAb } from './ab.js';
import { DEFAULT_ROUNDS, type RunOptions } from './run.js';
import { UsageError } from '../model/errors.js';
import type { Store } from '../store/store.js';
import type { Config } from '../config/config.js';
import type { Verdict } from '../model/types.js';

export interface BisectRunOptions {
  repoRoot: string;
  good: string;
  bad: string;
  /** Benchmark id, e.g. `reactivity/diamond`; the suite is the part before `/`. */
  benchmark: string;
  metric: string;
  run: Omit<RunOptions, 'suites' | 'filter' | 'beforeCommit'>;
  config: Config;
  onStep?: (line: string) => void;
}

export interface BisectRunResult extends BisectResult {
  /** The verdict of each measured commit against good, by sha. */
  verdicts: Map<string, Verdict | undefined>;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Parses `BENCH[:METRIC]`. */
export function parseTarget(target: string): { benchmark: string; metric: string } {
  const colon = target.lastIndexOf(':');
  const [benchmark, metric] = colon > 0 ? [target.slice(0, colon), target.slice(colon + 1)] : [target, 'time'];
  if (!benchmark.includes('/') || !metric)
    throw new UsageError(`bisect needs BENCH[:METRIC] with a benchmark id like reactivity/diamond, got "${target}"`);
  return { benchmark, metric };
}

export async function runBisect(store: Store, opts: BisectRunOptions): Promise<BisectRunResult> {
  const commits = await listCommits(opts.repoRoot, opts.good, opts.bad);
  const sessions = opts.run.rounds ?? DEFAULT_ROUNDS;
  const verdicts = new Map<string, Verdict | undefined>();
  const good = await revisionSide(opts.repoRoot, 'base', commits[0]!.sha, commits[0]);
  try {
    const step = async (_base: Commit, head: Commit, attempt: { more: boolean }) => {
      const side = await revisionSide(opts.repoRoot, 'head', head.sha, head);
      try {
        const prepared = await prepareAb({ base: good, head: side }, opts.repoRoot);
        const outcome = await runAb(store, {
          ...opts.run,
          suites: [opts.benchmark.split('/')[0]!],
          filter: new RegExp(`^${escapeRegex(opts.benchmark)}$`),
          rounds: attempt.more ? sessions * 2 : sessions,
          label: `bisect ${head.sha.slice(0, 10)}`,
          base: prepared.base,
          head: prepared.head,
          bundle: prepared.bundle,
          changedFiles: prepared.changedFiles,
          config: opts.config,
        });
        const mine = outcome.comparison.verdicts.filter(
          (v) => v.benchmarkId === opts.benchmark && v.metric === opts.metric,
        );
        verdicts.set(head.sha, mine[0]);
        const verdict = stepVerdict(mine.map((v) => v.verdict));
        opts.onStep?.(
          `${head.sha.slice(0, 10)} "${head.subject}" vs good ` +
            `${commits[0]!.sha.slice(0, 10)}${attempt.more ? ' (again, more sessions)' : ''}: ` +
            `${verdict}${mine[0] ? ` — ${mine[0].explanation}` : ''}`,
        );
        return verdict;
      } finally {
        await side.cleanup();
      }
    };
    const result = await bisect(commits, step);
    return { ...result, verdicts };
  } finally {
    await good.cleanup();
  }
}
