/** Bisect: the search with a deterministic fake step, and the commit list from a real temporary repository. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { bisect, listCommits, stepVerdict, type Commit, type StepFn, type StepVerdict } from '../../src/ab/bisect.js';
import { UsageError } from '../../src/model/errors.js';
import { makeGitFixture } from './git-fixture.js';

const commits = (n: number): Commit[] => Array.from({ length: n }, (_, i) => ({ sha: `sha${i}`, subject: `c${i}` }));
const indexOf = (c: Commit): number => Number(c.sha.slice(3));

/** Regressed from commit `bad` on; `overrides` replaces the verdict for some (index, more) pairs. */
function fakeStep(
  bad: number,
  overrides: (i: number, more: boolean) => StepVerdict | undefined = () => undefined,
): StepFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (base: Commit, head: Commit, { more }: { more: boolean }): Promise<StepVerdict> => {
    calls.push(`${base.subject}->${head.subject}${more ? '+' : ''}`);
    const i = indexOf(head);
    return overrides(i, more) ?? (i >= bad ? 'regressed' : 'unchanged');
  };
  return Object.assign(fn, { calls });
}

test('8 commits, regression planted at c5: found in 1 + 3 steps, each against the good commit', async () => {
  const step = fakeStep(5);
  const seen: number[] = [];
  const r = await bisect(commits(8), step, { onStep: (s) => seen.push(s.index) });
  assert.equal(r.outcome, 'found');
  assert.equal(r.firstBad?.subject, 'c5');
  assert.deepEqual(
    r.range.map((c) => c.subject),
    ['c4', 'c5'],
  );
  assert.deepEqual(step.calls, ['c0->c7', 'c0->c3', 'c0->c5', 'c0->c4']);
  assert.deepEqual(
    r.steps.map((s) => [s.head.subject, s.verdict]),
    [
      ['c7', 'regressed'],
      ['c3', 'unchanged'],
      ['c5', 'regressed'],
      ['c4', 'unchanged'],
    ],
  );
  assert.deepEqual(seen, [7, 3, 5, 4]);
});

test('every position and length: found, in at most 1 + ceil(log2(n - 1)) steps', async () => {
  for (let n = 2; n <= 20; n++) {
    for (let bad = 1; bad < n; bad++) {
      const r = await bisect(commits(n), fakeStep(bad));
      assert.equal(r.firstBad?.subject, `c${bad}`, `n=${n} bad=${bad}`);
      assert.ok(r.steps.length <= 1 + Math.ceil(Math.log2(n - 1)), `n=${n} bad=${bad}: ${r.steps.length} steps`);
    }
  }
});

test('"improved" against good is not the regression: the search moves past it', async () => {
  const r = await bisect(
    commits(8),
    fakeStep(6, (i) => (i === 3 ? 'improved' : undefined)),
  );
  assert.equal(r.firstBad?.subject, 'c6');
});

test('a bad end that is not regressed: no-regression after one step', async () => {
  const r = await bisect(commits(8), fakeStep(99));
  assert.equal(r.outcome, 'no-regression');
  assert.equal(r.firstBad, undefined);
  assert.deepEqual(
    r.range.map((c) => c.subject),
    ['c0', 'c7'],
  );
  assert.equal(r.steps.length, 1);
});

test('checkBad: false trusts the bad end', async () => {
  const step = fakeStep(5);
  const r = await bisect(commits(8), step, { checkBad: false });
  assert.equal(r.firstBad?.subject, 'c5');
  assert.ok(!step.calls.includes('c0->c7'));
});

test('an inconclusive step is retried once with more, and the retry decides', async () => {
  const step = fakeStep(5, (i, more) => (i === 3 && !more ? 'inconclusive' : undefined));
  const r = await bisect(commits(8), step);
  assert.equal(r.firstBad?.subject, 'c5');
  assert.deepEqual(step.calls, ['c0->c7', 'c0->c3', 'c0->c3+', 'c0->c5', 'c0->c4']);
  assert.deepEqual(
    r.steps.filter((s) => s.index === 3).map((s) => [s.verdict, s.more]),
    [
      ['inconclusive', false],
      ['unchanged', true],
    ],
  );
});

test('still inconclusive after the retry: stops and reports the range left', async () => {
  const step = fakeStep(5, (i) => (i === 5 ? 'inconclusive' : undefined));
  const r = await bisect(commits(8), step);
  assert.equal(r.outcome, 'undecided');
  assert.equal(r.firstBad, undefined);
  assert.deepEqual(
    r.range.map((c) => c.subject),
    ['c3', 'c7'],
  );
  assert.deepEqual(step.calls, ['c0->c7', 'c0->c3', 'c0->c5', 'c0->c5+']);
});

test('an undecided bad end stops at once', async () => {
  const r = await bisect(
    commits(8),
    fakeStep(5, (i) => (i === 7 ? 'inconclusive' : undefined)),
  );
  assert.equal(r.outcome, 'undecided');
  assert.deepEqual(
    r.range.map((c) => c.subject),
    ['c0', 'c7'],
  );
  assert.equal(r.steps.length, 2);
});

test('fewer than two commits is a usage error', async () => {
  await assert.rejects(bisect(commits(1), fakeStep(0)), UsageError);
});

test('stepVerdict: any regression decides; errored or one-sided benchmarks leave the step undecided', () => {
  assert.equal(stepVerdict(['unchanged', 'regressed', 'inconclusive']), 'regressed');
  assert.equal(stepVerdict(['unchanged', 'inconclusive']), 'inconclusive');
  assert.equal(stepVerdict(['unchanged', 'errored']), 'inconclusive');
  assert.equal(stepVerdict(['new']), 'inconclusive');
  assert.equal(stepVerdict([]), 'inconclusive');
  assert.equal(stepVerdict(['unchanged', 'improved']), 'improved');
  assert.equal(stepVerdict(['unchanged', 'budget-failed']), 'unchanged');
});

const fx = makeGitFixture();
after(() => fx.cleanup());

test('listCommits: the good commit then good..bad, oldest first, with subjects', async () => {
  const list = await listCommits(fx.repo, fx.shas[0]!, 'main');
  assert.deepEqual(
    list.map((c) => c.subject),
    ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'],
  );
  assert.deepEqual(
    list.map((c) => c.sha),
    fx.shas,
  );
  assert.deepEqual(
    (await listCommits(fx.repo, 'main~2', 'main')).map((c) => c.subject),
    ['c5', 'c6', 'c7'],
  );
});

test('listCommits follows the first parent only: a merged branch is one step', async () => {
  fx.git('checkout', '-q', '-b', 'side', fx.shas[7]!);
  fx.write('src/runtime/side.ts', 'export const side = 1;\n');
  fx.git('add', '-A');
  fx.git('commit', '-q', '-m', 'side work');
  fx.git('checkout', '-q', 'main');
  fx.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
  const list = await listCommits(fx.repo, fx.shas[6]!, 'main');
  assert.deepEqual(
    list.map((c) => c.subject),
    ['c6', 'c7', 'merge side'],
  );
});

test('listCommits: bad revisions, reversed ends and equal ends are usage errors', async () => {
  await assert.rejects(listCommits(fx.repo, 'nope', 'main'), /^UsageError: --good nope: no commit "nope"/);
  await assert.rejects(listCommits(fx.repo, 'main', fx.shas[0]!), /is not an ancestor of --bad/);
  await assert.rejects(listCommits(fx.repo, 'main', 'main'), /nothing to bisect/);
});
