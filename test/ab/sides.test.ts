/**
 * Sides in a real temporary git repository: worktrees appear and disappear (after success, a
 * thrown error, process exit and SIGTERM), the working tree is head, folders need no git, and
 * diffSummary says what differs.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSides, revisionSide, withSides, dirSide, workingTreeSide } from '../../src/ab/sides.js';
import { cleanupWorktrees, cleanupWorktreesSync, liveWorktrees } from '../../src/ab/worktree.js';
import { diffSummary, parseNameStatus } from '../../src/ab/diff.js';
import { UsageError } from '../../src/model/errors.js';
import { makeGitFixture } from './git-fixture.js';

const fx = makeGitFixture();
after(async () => {
  await cleanupWorktrees();
  fx.cleanup();
});

/** Paths of the worktrees git knows about, the main one included. */
const worktrees = (): string[] =>
  fx
    .git('worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree '))
    .map((l) => l.slice('worktree '.length));

const assertClean = (): void => {
  assert.deepEqual(worktrees(), [fx.repo]);
  assert.deepEqual(liveWorktrees(), []);
};

test('a revision goes into a temporary worktree, removed by cleanup; head is the working tree', async () => {
  const sides = await resolveSides({ repoRoot: fx.repo, base: 'HEAD~3' });
  const { base, head } = sides;
  assert.equal(base.kind, 'worktree');
  assert.equal(base.commit, fx.shas[4]);
  assert.equal(base.dirty, false);
  assert.match(base.describe, /^base HEAD~3 \([0-9a-f]{7} "c4"\)$/);
  assert.equal(readFileSync(join(base.root, 'src/runtime/value.ts'), 'utf8'), 'export const value = 4;\n');
  assert.equal(head.kind, 'working-tree');
  assert.equal(head.root, fx.repo);
  assert.equal(head.commit, fx.shas[7]);
  assert.equal(head.dirty, false);
  assert.equal(worktrees().length, 2);
  await sides.cleanup();
  await sides.cleanup(); // idempotent
  assert.ok(!existsSync(base.root));
  assertClean();
});

test('both sides as revisions, and a thrown error inside withSides still removes them', async () => {
  let roots: string[] = [];
  await assert.rejects(
    withSides({ repoRoot: fx.repo, base: fx.shas[1]!, head: 'main~1' }, async ({ base, head }) => {
      roots = [base.root, head.root];
      assert.equal(head.commit, fx.shas[6]);
      assert.match(base.describe, /^base [0-9a-f]{7} "c1"$/);
      assert.equal(worktrees().length, 3);
      throw new Error('measuring failed');
    }),
    /measuring failed/,
  );
  assert.ok(roots.length === 2 && roots.every((r) => !existsSync(r)));
  assertClean();
});

test('a bad revision is a one-line UsageError and creates no worktree', async () => {
  for (const req of [{ base: 'no-such-branch' }, { base: 'main', head: 'nope~99' }, { base: '--upload-pack=x' }]) {
    await assert.rejects(resolveSides({ repoRoot: fx.repo, ...req }), (e: unknown) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /^--(base|head) .*: no commit ".*" in /);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
  }
  await assert.rejects(resolveSides({ repoRoot: fx.repo }), UsageError);
  await assert.rejects(resolveSides({ repoRoot: fx.repo, base: 'main', baseDir: fx.repo }), UsageError);
  await assert.rejects(
    resolveSides({ repoRoot: fx.repo, base: 'main', headDir: join(fx.repo, 'nope') }),
    /--head-dir .*no such folder/,
  );
  assertClean();
});

test('the synchronous exit-time cleanup removes live worktrees', async () => {
  await revisionSide(fx.repo, 'base', 'main~2');
  await revisionSide(fx.repo, 'head', 'main~1');
  assert.equal(worktrees().length, 3);
  cleanupWorktreesSync();
  assertClean();
});

/** A child process that makes a base worktree, prints its root, then ends the way `ending` says. */
function childRun(ending: string): {
  root: string;
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
} {
  const sidesUrl = pathToFileURL(join(import.meta.dirname, '../../src/ab/sides.ts')).href;
  const script = `
    const { resolveSides } = await import(${JSON.stringify(sidesUrl)});
    const sides = await resolveSides({ repoRoot: ${JSON.stringify(fx.repo)}, base: 'main~1' });
    console.log(sides.base.root);
    ${ending}
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { root: r.stdout.trim(), status: r.status, signal: r.signal, stderr: r.stderr };
}

test('a process that exits without cleaning up still removes its worktree', () => {
  const r = childRun('process.exit(4);');
  assert.equal(r.status, 4, r.stderr);
  assert.ok(r.root.length > 0 && !existsSync(r.root));
  assertClean();
});

test('SIGTERM with no other handler removes the worktree and still ends the process by that signal', () => {
  const r = childRun(
    `process.kill(process.pid, 'SIGTERM'); await new Promise((r) => setTimeout(r, 5000)); console.log('survived');`,
  );
  assert.equal(r.signal, 'SIGTERM', r.stderr);
  assert.ok(!r.root.includes('survived'));
  assert.ok(r.root.length > 0 && !existsSync(r.root));
  assertClean();
});

test('diffSummary between two revisions', async () => {
  await withSides({ repoRoot: fx.repo, base: fx.shas[2]!, head: fx.shas[6]! }, async ({ base, head }) => {
    assert.deepEqual(await diffSummary(base, head), [
      { path: 'src/runtime/value.ts', status: 'modified' },
      { path: 'suites/s.ts', status: 'modified' },
    ]);
  });
  await withSides({ repoRoot: fx.repo, base: fx.shas[2]!, head: fx.shas[4]! }, async ({ base, head }) => {
    assert.deepEqual(await diffSummary(base, head), [
      { path: 'src/runtime/extra.ts', status: 'added' },
      { path: 'src/runtime/value.ts', status: 'modified' },
    ]);
    assert.deepEqual(await diffSummary(head, base), [
      { path: 'src/runtime/extra.ts', status: 'removed' },
      { path: 'src/runtime/value.ts', status: 'modified' },
    ]);
  });
  assertClean();
});

test('a dirty working tree as head: dirty flag and uncommitted + untracked changes in the diff', async () => {
  fx.write('src/runtime/value.ts', 'export const value = 99;\n');
  fx.write('src/runtime/brand-new.ts', 'export const n = 1;\n');
  fx.write('notes.txt', 'outside src and suites\n');
  try {
    await withSides({ repoRoot: fx.repo, base: 'main' }, async ({ base, head }) => {
      assert.equal(head.dirty, true);
      assert.match(head.describe, /uncommitted changes/);
      assert.deepEqual(await diffSummary(base, head), [
        { path: 'src/runtime/brand-new.ts', status: 'added' },
        { path: 'src/runtime/value.ts', status: 'modified' },
      ]);
    });
  } finally {
    fx.git('checkout', '--', 'src/runtime/value.ts');
    rmSync(join(fx.repo, 'src/runtime/brand-new.ts'));
    rmSync(join(fx.repo, 'notes.txt'));
  }
  assert.equal((await workingTreeSide(fx.repo)).dirty, false);
  assertClean();
});

test('plain folders: no git, commit null, diff by content', async () => {
  await withSides({ repoRoot: fx.repo, base: fx.shas[2]!, head: fx.shas[4]! }, async (revs) => {
    const dirs = join(fx.repo, '..', 'dirs');
    cpSync(revs.base.root, join(dirs, 'a'), { recursive: true, filter: (p) => !p.endsWith('.git') });
    cpSync(revs.head.root, join(dirs, 'b'), { recursive: true, filter: (p) => !p.endsWith('.git') });
    const sides = await resolveSides({ repoRoot: fx.repo, baseDir: join(dirs, 'a'), headDir: join(dirs, 'b') });
    assert.equal(sides.base.kind, 'dir');
    assert.equal(sides.base.commit, null);
    assert.equal(sides.head.dirty, null);
    assert.deepEqual(await diffSummary(sides.base, sides.head), await diffSummary(revs.base, revs.head));
    // A folder against a revision also compares by content.
    assert.deepEqual(
      await diffSummary(dirSide('base', join(dirs, 'a')), revs.head),
      await diffSummary(revs.base, revs.head),
    );
  });
  assertClean();
});

test('parseNameStatus maps git status letters', () => {
  assert.deepEqual(parseNameStatus('A\tsrc/a.ts\nD\tsrc/b.ts\nM\tsrc/c.ts\nT\tsrc/d.ts\n\n'), [
    { path: 'src/a.ts', status: 'added' },
    { path: 'src/b.ts', status: 'removed' },
    { path: 'src/c.ts', status: 'modified' },
    { path: 'src/d.ts', status: 'modified' },
  ]);
});
