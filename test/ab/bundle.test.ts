/**
 * Bundling one suite for two sides: the suite and the runner are the harness's, the code under
 * test is each side's own (transitive imports and packages included), and a file that exists on
 * one side only is a typed MissingOnSide, not a crash.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleSuite, findSuites } from '../../src/browser/bundle.js';
import { MissingOnSide } from '../../src/ab/code-root-plugin.js';
import { revisionSide } from '../../src/ab/sides.js';
import { sideDependencies } from '../../src/ab/deps.js';
import type { SuiteDef } from '../../src/suite/api.js';
import { ROOT, tempDir } from '../helpers.js';

const tmp = tempDir('jepsh-ab-bundle-');
const head = join(tmp.dir, 'head');
const base = join(tmp.dir, 'base');
const nodePaths = [join(ROOT, 'node_modules')];

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const importText = async (code: string): Promise<SuiteDef> =>
  ((await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default: SuiteDef })
    .default;

before(() => {
  // Head: the real harness (src/suite) plus a tiny runtime and a suite that reports what it measured.
  cpSync(join(ROOT, 'src', 'suite'), join(head, 'src', 'suite'), { recursive: true });
  cpSync(join(ROOT, 'src', 'model', 'types.ts'), join(head, 'src', 'model', 'types.ts'));
  write(head, 'src/runtime/answer/index.ts', `export { answer } from './answer.js';\n`);
  write(head, 'src/runtime/answer/answer.ts', `export const answer = (): string => 'HEAD-ANSWER';\n`);
  write(head, 'src/runtime/fresh.ts', `export const fresh = (): number => 1;\n`);
  const suite = (imports: string, describe: string) => `import { defineSuite, bench } from '../src/suite/api.js';
${imports}
export default defineSuite({
  name: 'fixture',
  description: ${describe},
  benchmarks: [bench({ name: 'call', setup: () => ({ v: '' }), run(ctx) { ctx.state.v = String(${describe}); } })],
});
`;
  write(head, 'suites/answer.ts', suite(`import { answer } from '../src/runtime/answer/index.js';`, 'answer()'));
  write(head, 'suites/fresh.ts', suite(`import { fresh } from '../src/runtime/fresh.js';`, 'String(fresh())'));

  // Base: another answer, through a helper only base has and a package base resolves through nodePaths.
  write(base, 'src/runtime/answer/index.ts', `export { answer } from './answer.js';\n`);
  write(
    base,
    'src/runtime/answer/answer.ts',
    `import { helper } from './helper.js';\nimport { sum } from 'simple-statistics';\n` +
      `export const answer = (): string => 'BASE-ANSWER-' + helper() + '-' + sum([1, 2, 3]);\n`,
  );
  write(base, 'src/runtime/answer/helper.ts', `export const helper = (): string => 'via-base-helper';\n`);
  // Base's own harness and suites must never be used.
  write(base, 'src/suite/page-runner.ts', `export function installRunner(): void { console.log('BASE-RUNNER'); }\n`);
  write(
    base,
    'src/suite/api.ts',
    `export const defineSuite = (s: unknown) => ({ ...(s as object), description: 'BASE-API' });\n` +
      `export const bench = (b: unknown) => b;\n`,
  );
  write(base, 'suites/answer.ts', `export default { name: 'BASE-SUITE', benchmarks: [] };\n`);
});

after(() => tmp.cleanup());

const answerSuite = () => ({ name: 'answer', path: join(head, 'suites', 'answer.ts') });

test('each side bundle evaluates to that side code, with the harness suite and API', async () => {
  const headDef = await importText(await bundleSuite(answerSuite(), 'node', { harnessRoot: head, nodePaths }));
  const baseDef = await importText(
    await bundleSuite(answerSuite(), 'node', {
      harnessRoot: head,
      codeRoot: base,
      nodePaths,
      sideLabel: 'base fixture',
    }),
  );
  assert.equal(headDef.description, 'HEAD-ANSWER');
  assert.equal(baseDef.description, 'BASE-ANSWER-via-base-helper-6');
  assert.equal(baseDef.name, 'fixture', "head's suite file, not base's");
});

test("the page bundle holds the side's code and head's runner", async () => {
  const headPage = await bundleSuite(answerSuite(), 'page', { harnessRoot: head, nodePaths });
  const basePage = await bundleSuite(answerSuite(), 'page', { harnessRoot: head, codeRoot: base, nodePaths });
  for (const page of [headPage, basePage]) {
    assert.match(page, /function installRunner\(suite\)/, "head's real runner");
    assert.match(page, /tinybench/);
    assert.doesNotMatch(page, /BASE-RUNNER|BASE-API|BASE-SUITE/);
  }
  assert.match(headPage, /HEAD-ANSWER/);
  assert.doesNotMatch(headPage, /BASE-ANSWER/);
  assert.match(basePage, /BASE-ANSWER/);
  assert.match(basePage, /via-base-helper/);
  assert.doesNotMatch(basePage, /HEAD-ANSWER/);
});

test('codeRoot equal to the harness root is plain head bundling', async () => {
  const def = await importText(
    await bundleSuite(answerSuite(), 'node', { harnessRoot: head, codeRoot: head, nodePaths }),
  );
  assert.equal(def.description, 'HEAD-ANSWER');
});

test('a file only head has is MissingOnSide naming the path, not a crash', async () => {
  const fresh = { name: 'fresh', path: join(head, 'suites', 'fresh.ts') };
  assert.equal((await importText(await bundleSuite(fresh, 'node', { harnessRoot: head, nodePaths }))).description, '1');
  await assert.rejects(
    bundleSuite(fresh, 'page', { harnessRoot: head, codeRoot: base, nodePaths, sideLabel: 'base main (abc1234)' }),
    (e: unknown) => {
      assert.ok(e instanceof MissingOnSide, String(e));
      assert.equal(e.path, 'src/runtime/fresh.js');
      assert.equal(e.importer, 'suites/fresh.ts');
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /^base main \(abc1234\) has no src\/runtime\/fresh\.js/);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    },
  );
});

test("suites in head's own folder (--head-dir): base's bundle takes base's file at the same path", async () => {
  // Two plain folders outside the harness: the suite sits in head's tree and imports ../src/work.ts.
  const dirs = join(tmp.dir, 'dirs');
  const API = JSON.stringify(join(ROOT, 'src', 'suite', 'api.ts'));
  for (const [side, word] of [
    ['a', 'BASE-WORK'],
    ['b', 'HEAD-WORK'],
  ] as const) {
    write(join(dirs, side), 'src/work.ts', `export const work = (): string => '${word}';\n`);
    write(
      join(dirs, side),
      'suites/dirs.ts',
      `import { defineSuite } from ${API};\nimport { work } from '../src/work.ts';\n` +
        `export default defineSuite({ name: 'dirs', description: work(), benchmarks: [] });\n`,
    );
  }
  const suite = { name: 'dirs', path: join(dirs, 'b', 'suites', 'dirs.ts') };
  const sourceRoots = [ROOT, join(dirs, 'a'), join(dirs, 'b')];
  const asBase = await importText(
    await bundleSuite(suite, 'node', { codeRoot: join(dirs, 'a'), sourceRoots, nodePaths }),
  );
  const asHead = await importText(
    await bundleSuite(suite, 'node', { codeRoot: join(dirs, 'b'), sourceRoots, nodePaths }),
  );
  assert.equal(asBase.description, 'BASE-WORK');
  assert.equal(asHead.description, 'HEAD-WORK');
  // Without head's tree among the source roots the import is not recognised as code under test:
  // the bug this guards against (both sides measured head's code).
  const unaware = await importText(
    await bundleSuite(suite, 'node', { codeRoot: join(dirs, 'a'), sourceRoots: [ROOT], nodePaths }),
  );
  assert.equal(unaware.description, 'HEAD-WORK');
});

test("without nodePaths the side's bare import does not resolve (a UsageError, not MissingOnSide)", async () => {
  await assert.rejects(
    bundleSuite(answerSuite(), 'node', { harnessRoot: head, codeRoot: base, sideLabel: 'base fixture' }),
    (e: unknown) => {
      assert.ok(!(e instanceof MissingOnSide));
      assert.match((e as Error).message, /cannot bundle suite answer for base fixture .*simple-statistics/);
      return true;
    },
  );
});

test('the real memo suite and runner, with a copy of the real runtime as the side', async () => {
  const side = join(tmp.dir, 'real-side');
  cpSync(join(ROOT, 'src'), join(side, 'src'), { recursive: true });
  appendFileSync(join(side, 'src', 'runtime', 'memo', 'lru.ts'), `\nconsole.log('SIDE-COPY-OF-LRU');\n`);
  const memo = { name: 'memo', path: join(ROOT, 'suites', 'memo.ts') };
  const headPage = await bundleSuite(memo, 'page');
  const sidePage = await bundleSuite(memo, 'page', { codeRoot: side });
  assert.doesNotMatch(headPage, /SIDE-COPY-OF-LRU/);
  assert.match(sidePage, /SIDE-COPY-OF-LRU/);
  // The runner and the authoring API are the harness's in both (the side's copies are not bundled).
  const sideFiles = [...sidePage.matchAll(/^\s*\/\/ (.+\.ts)$/gm)].map((m) => m[1]!);
  assert.ok(
    sideFiles.some((f) => f.includes('real-side/src/runtime/memo/lru.ts')),
    sideFiles.join('\n'),
  );
  assert.ok(!sideFiles.some((f) => f.includes('real-side/src/suite/')), sideFiles.join('\n'));
  assert.ok(
    sideFiles.some((f) => /(^|\/)src\/suite\/page-runner\.ts$/.test(f) && !f.includes('real-side')),
    sideFiles.join('\n'),
  );
});

test("a worktree of this repository at HEAD: the default suites bundle with the host's packages", async () => {
  const side = await revisionSide(ROOT, 'base', 'HEAD');
  try {
    const deps = await sideDependencies(side, ROOT, async () => assert.fail('same lockfile: nothing to install'));
    assert.deepEqual(deps, { nodePaths: [join(ROOT, 'node_modules')], source: 'host' });
    // wasm is left out: its kernels plugin is harness code, built with binaryen, and slow.
    for (const suite of findSuites(join(ROOT, 'suites')).filter((s) => ['smoke', 'memo', 'peers'].includes(s.name))) {
      const page = await bundleSuite(suite, 'page', {
        codeRoot: side.root,
        nodePaths: deps.nodePaths,
        sideLabel: side.describe,
      });
      const files = [...page.matchAll(/^\s*\/\/ (\S+\.ts)$/gm)].map((m) => m[1]!);
      const runtime = files.filter((f) => /src\/(runtime|adapters)\//.test(f));
      if (suite.name !== 'smoke')
        assert.ok(
          runtime.length > 0 && runtime.every((f) => f.includes('jepsh-ab-base-')),
          `${suite.name}:\n${files.join('\n')}`,
        );
      assert.ok(
        files.some((f) => f.endsWith('src/suite/page-runner.ts') && !f.includes('jepsh-ab-base-')),
        `${suite.name}: harness runner`,
      );
    }
  } finally {
    await side.cleanup();
  }
});
