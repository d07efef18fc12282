/**
 * A suite's own esbuild plugins, from its sidecar `<name>.plugins.ts`: not a suite itself, applied
 * to that suite's bundles only (page and Node, both A/B sides), loaded once per process, its bare
 * imports resolved from the nearest node_modules, and a broken one a one-line UsageError naming it.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleSuite, findSuites } from '../../src/browser/bundle.js';
import { pluginsFileOf } from '../../src/browser/suite-plugins.js';
import { UsageError } from '../../src/model/errors.js';
import type { SuiteDef } from '../../src/suite/api.js';
import { tempDir } from '../helpers.js';

const tmp = tempDir('jepsh-suite-plugins-');
after(() => tmp.cleanup());

function write(path: string, text: string): string {
  const full = join(tmp.dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

/** A suite whose description is the default export of `virtual:answer`, which only a plugin can resolve. */
function answerSuite(path: string): { name: string; path: string } {
  const name = path.replace(/^.*\//, '').replace(/\.ts$/, '');
  const full = write(
    path,
    `import answer from 'virtual:answer';\nimport { defineSuite, bench } from 'jepsh-bench';\n` +
      `export default defineSuite({ name: '${name}', description: ` +
      `'answer ' + answer, benchmarks: [bench({ name: 'a', run() {} })] });\n`,
  );
  return { name, path: full };
}

/** A sidecar resolving `virtual:answer` to `value` (an expression), counting its loads in `globalThis[counter]`. */
const answerSidecar = (value: string, counter: string, prelude = ''): string => `import type { Plugin } from 'esbuild';
${prelude}
const g = globalThis as Record<string, number>;
g['${counter}'] = (g['${counter}'] ?? 0) + 1;
export default (): Plugin[] => [{
  name: 'answer',
  setup(build) {
    build.onResolve({ filter: /^virtual:answer$/ }, (args) => ({ path: args.path, namespace: 'answer' }));
    build.onLoad({ filter: /.*/, namespace: 'answer' }, () => ({
      contents: 'export default ' + JSON.stringify(${value}) + ';',
      loader: 'js',
    }));
  },
}];
`;

const loads = (counter: string): number | undefined =>
  (globalThis as unknown as Record<string, unknown>)[counter] as number | undefined;

const importText = async (code: string): Promise<SuiteDef> =>
  ((await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default: SuiteDef })
    .default;

test('findSuites lists suites, not their sidecars', () => {
  write('list/alpha.ts', '');
  write('list/alpha.plugins.ts', '');
  write('list/beta.ts', '');
  write('list/_shared.ts', '');
  write('list/types.d.ts', '');
  assert.deepEqual(
    findSuites(join(tmp.dir, 'list')).map((s) => s.name),
    ['alpha', 'beta'],
  );
  assert.equal(pluginsFileOf('/x/suites/alpha.ts'), '/x/suites/alpha.plugins.ts');
});

test('a sidecar plugin resolves a virtual module for its suite, in Node and page bundles, loaded once', async () => {
  const suite = answerSuite('one/answer.ts');
  write('one/answer.plugins.ts', answerSidecar('42', 'jepshAnswerLoads'));
  const def = await importText(await bundleSuite(suite, 'node'));
  assert.equal(def.description, 'answer 42');
  const page = await bundleSuite(suite, 'page');
  assert.match(page, /_default = 42;/);
  assert.equal(loads('jepshAnswerLoads'), 1, 'the sidecar is loaded once per process');
});

test("a suite without a sidecar does not get another suite's plugins", async () => {
  write('one/answer.plugins.ts', answerSidecar('42', 'jepshAnswerLoads'));
  await bundleSuite(answerSuite('one/answer.ts'), 'node'); // its sidecar is loaded in this process
  const plain = answerSuite('one/plain.ts');
  await assert.rejects(
    bundleSuite(plain, 'node'),
    (e: unknown) => e instanceof UsageError && /cannot bundle suite plain .*virtual:answer/.test(e.message),
  );
});

test("in an A/B both sides use the plugins beside the suite being bundled (head's), the same instances", async () => {
  const suite = answerSuite('ab/head/suites/answer.ts');
  write('ab/head/suites/answer.plugins.ts', answerSidecar('"head"', 'jepshAbLoads'));
  write('ab/base/suites/answer.plugins.ts', answerSidecar('"base"', 'jepshAbBaseLoads'));
  mkdirSync(join(tmp.dir, 'ab', 'base', 'src'), { recursive: true });
  const asHead = await importText(await bundleSuite(suite, 'node'));
  const asBase = await importText(
    await bundleSuite(suite, 'node', { codeRoot: join(tmp.dir, 'ab', 'base'), sideLabel: 'base fixture' }),
  );
  assert.deepEqual([asHead.description, asBase.description], ['answer head', 'answer head']);
  assert.equal(loads('jepshAbLoads'), 1);
  assert.equal(loads('jepshAbBaseLoads'), undefined);
});

test(
  "a sidecar's bare imports resolve from the nearest node_modules, " + 'and its Node bundle is not left there',
  async () => {
    write(
      'project/node_modules/answer-source/package.json',
      JSON.stringify({ name: 'answer-source', type: 'module', exports: './index.js' }),
    );
    write('project/node_modules/answer-source/index.js', 'export const answer = 43;\n');
    const suite = answerSuite('project/suites/deep.ts');
    write(
      'project/suites/deep.plugins.ts',
      answerSidecar('answer', 'jepshDeepLoads', `import { answer } from 'answer-source';`),
    );
    assert.equal((await importText(await bundleSuite(suite, 'node'))).description, 'answer 43');
    assert.deepEqual(readdirSync(join(tmp.dir, 'project', 'node_modules', '.cache', 'jepsh-bench')), []);
  },
);

test('a sidecar that fails to load or exports no plugins is a one-line UsageError naming it', async () => {
  const cases: Array<[string, string, RegExp]> = [
    ['syntax', 'export default [\n', /failed to load: .*syntax\.plugins\.ts/],
    ['throws', `throw new Error('boom');\nexport default [];\n`, /failed to load: boom/],
    [
      'missing',
      `import { x } from 'no-such-package-jepsh';\nexport default [x];\n`,
      /failed to load: .*no-such-package-jepsh/,
    ],
    ['number', 'export default 42;\n', /must default-export an array of esbuild plugins/],
    ['shape', `export default [{ name: 'no-setup' }];\n`, /must default-export an array of esbuild plugins/],
  ];
  for (const [name, sidecar, why] of cases) {
    const suite = answerSuite(`broken/${name}.ts`);
    const file = write(`broken/${name}.plugins.ts`, sidecar);
    await assert.rejects(bundleSuite(suite, 'page'), (e: unknown) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.equal(e.exitCode, 2);
      assert.ok(e.message.startsWith(`suite plugins ${file} `), e.message);
      assert.match(e.message, why);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
  }
});
