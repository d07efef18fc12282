/**
 * Finding the commit that introduced a regression: a binary search over the first-parent history
 * between a known-good and a known-bad commit, each step an A/B measurement.
 *
 * Every step compares a candidate with the known-good commit, never with its neighbour:
 * - the answer is monotone along the history (every commit at or after the regression is
 *   "regressed" against good, every one before it is not), which is what a binary search needs;
 * - the effect keeps its full size at every step, so each verdict is as clear as the first one;
 *   a regression spread over two commits of +3% each may be under the noise threshold between
 *   neighbours and still be found against good (the first commit where the total crosses it).
 */
import { UsageError } from '../model/errors.js';
import type { VerdictKind } from '../model/types.js';
import { git, resolveRev } from './git.js';

export interface Commit {
  sha: string;
  subject: string;
}

/** A step's verdict for the benchmarks being bisected, reduced to one word by the caller. */
export type StepVerdict = 'regressed' | 'unchanged' | 'improved' | 'inconclusive';

/**
 * One A/B measurement of `head` against `base`. `more` is true on the retry of an inconclusive
 * step: measure with more sessions (rounds) or samples than the first time.
 */
export type StepFn = (base: Commit, head: Commit, attempt: { more: boolean }) => Promise<StepVerdict>;

/**
 * One word for a step from the verdicts of the benchmarks being bisected (usually one benchmark
 * and metric, chosen with --filter). Any regression is the regression being hunted. A benchmark
 * that errored, or exists on one side only, says nothing about the regression: 'inconclusive',
 * so the search stops with an honest range rather than guessing which way to go.
 */
export function stepVerdict(kinds: readonly VerdictKind[]): StepVerdict {
  if (kinds.includes('regressed')) return 'regressed';
  if (
    kinds.length === 0 ||
    kinds.some((k) => k === 'inconclusive' || k === 'errored' || k === 'new' || k === 'missing')
  )
    return 'inconclusive';
  if (kinds.includes('improved')) return 'improved';
  return 'unchanged';
}

export interface BisectStep {
  base: Commit;
  head: Commit;
  /** Index of `head` in the commit list. */
  index: number;
  verdict: StepVerdict;
  more: boolean;
}

export interface BisectOptions {
  /**
   * Measure the known-bad end first (default true): if it is not regressed against good there is
   * nothing to find, and saying so costs one step instead of log2(n) misleading ones.
   */
  checkBad?: boolean;
  /** Called after every step (progress). */
  onStep?(step: BisectStep): void;
}

export interface BisectResult {
  /**
   * found: `firstBad` is the first regressed commit. undecided: a step stayed inconclusive after
   * its retry; `range` is what is left to search. no-regression: the bad end is not regressed.
   */
  outcome: 'found' | 'undecided' | 'no-regression';
  firstBad?: Commit;
  /** [last known good, first known bad]: adjacent commits when found. */
  range: [Commit, Commit];
  steps: BisectStep[];
}

/**
 * Binary search over `commits` (oldest first; `commits[0]` is known good, the last is the
 * suspected bad one, as returned by `listCommits`). Takes 1 + ceil(log2(n - 1)) steps, plus one
 * retry per inconclusive step.
 */
export async function bisect(
  commits: readonly Commit[],
  step: StepFn,
  opts: BisectOptions = {},
): Promise<BisectResult> {
  if (commits.length < 2) throw new UsageError('bisect needs a good and a later bad commit');
  const good = commits[0]!;
  const steps: BisectStep[] = [];

  // One measurement with a single retry: an inconclusive verdict is usually too few samples.
  const measure = async (index: number): Promise<StepVerdict> => {
    const head = commits[index]!;
    let verdict: StepVerdict = 'inconclusive';
    for (const more of [false, true]) {
      verdict = await step(good, head, { more });
      const s: BisectStep = { base: good, head, index, verdict, more };
      steps.push(s);
      opts.onStep?.(s);
      if (verdict !== 'inconclusive') break;
    }
    return verdict;
  };

  let lo = 0;
  let hi = commits.length - 1;
  const result = (outcome: BisectResult['outcome']): BisectResult => ({
    outcome,
    ...(outcome === 'found' ? { firstBad: commits[hi]! } : {}),
    range: [commits[lo]!, commits[hi]!],
    steps,
  });

  if (opts.checkBad ?? true) {
    const v = await measure(hi);
    if (v === 'inconclusive') return result('undecided');
    if (v !== 'regressed') return result('no-regression');
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const v = await measure(mid);
    if (v === 'inconclusive') return result('undecided');
    // 'improved' against good is not the regression either: the search moves past it.
    if (v === 'regressed') hi = mid;
    else lo = mid;
  }
  return result('found');
}

/**
 * The first-parent history from `good` (excluded by git, prepended here) to `bad`, oldest first:
 * `git rev-list --first-parent --reverse good..bad`. First-parent because a merge brings a branch
 * in as one step of the mainline, the unit a gate would have measured.
 */
export async function listCommits(repo: string, good: string, bad: string): Promise<Commit[]> {
  const g = await resolveRev(repo, good, '--good');
  const b = await resolveRev(repo, bad, '--bad');
  try {
    await git(['merge-base', '--is-ancestor', g.sha, b.sha], repo);
  } catch {
    throw new UsageError(`--good ${good} is not an ancestor of --bad ${bad}: bisect searches the history between them`);
  }
  // %x1f (unit separator) cannot appear in a subject line; rev-list --format also prints "commit <sha>" lines, skipped.
  const out = await git(['rev-list', '--first-parent', '--reverse', '--format=%H%x1f%s', `${g.sha}..${b.sha}`], repo);
  const between = out
    .split('\n')
    .filter((line) => line.includes('\x1f'))
    .map((line) => {
      const [sha, subject] = line.split('\x1f');
      return { sha: sha!, subject: subject ?? '' };
    });
  if (between.length === 0)
    throw new UsageError(`--good ${good} and --bad ${bad} are the same commit: nothing to bisect`);
  return [{ sha: g.sha, subject: g.subject }, ...between];
}
