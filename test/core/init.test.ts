/** `jepsh-bench init`'s planner: which files, never an overwrite without --force, .gitignore appended once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planInit, packageEntry, type InitInput } from '../../src/core/init.js';

const SCHEMA = './node_modules/jepsh-bench/src/config/config.schema.json';
const WORKFLOWS = [
  { name: 'nightly.yml', text: 'name: nightly\n' },
  { name: 'pr-gate.yml', text: 'name: gate\n' },
];

function input(files: Record<string, string>, over: Partial<InitInput> = {}): InitInput {
  return { read: (p) => files[p], hasGithub: false, force: false, schemaPath: SCHEMA, workflows: WORKFLOWS, ...over };
}

const paths = (plan: ReturnType<typeof planInit>) => plan.write.map((w) => `${w.action} ${w.path}`);
const text = (plan: ReturnType<typeof planInit>, path: string) => plan.write.find((w) => w.path === path)?.text ?? '';

test('an empty folder: config, a self-contained example with verify, .gitignore; no workflows', () => {
  const plan = planInit(input({}));
  assert.deepEqual(paths(plan), ['create jepsh-bench.config.json', 'create suites/example.ts', 'create .gitignore']);
  assert.deepEqual(plan.skipped, []);
  assert.deepEqual(JSON.parse(text(plan, 'jepsh-bench.config.json')), { $schema: SCHEMA, defaultSuites: ['example'] });
  const suite = text(plan, 'suites/example.ts');
  assert.match(suite, /^import \{ defineSuite, bench \} from 'jepsh-bench\/suite';$/m);
  assert.match(suite, /name: 'example'/);
  assert.match(suite, /Float64Array/);
  assert.match(suite, /verify\(ctx\)/);
  assert.match(text(plan, '.gitignore'), /^baselines\/$/m);
  assert.ok(plan.next.some((n) => n.command === 'npx jepsh-bench run'));
  assert.ok(plan.next.some((n) => n.command === 'npm install --save-dev jepsh-bench'));
});

test('a package with an entry point: the example imports it and says to pick a function', () => {
  const pkg = { name: 'mylib', main: 'lib/index.js', devDependencies: { 'jepsh-bench': '^0.1.0' } };
  const plan = planInit(input({ 'package.json': JSON.stringify(pkg) }));
  const suite = text(plan, 'suites/example.ts');
  assert.match(suite, /^import \* as lib from '\.\.\/lib\/index\.js';$/m);
  assert.match(suite, /Pick the function to measure/);
  assert.doesNotMatch(suite, /Float64Array/);
  assert.ok(!plan.next.some((n) => n.command.startsWith('npm install')), 'already a devDependency');
});

test('the entry point: exports before main, the "." entry, a loadable condition (never types)', () => {
  assert.equal(packageEntry({ main: 'index.js' }), './index.js');
  assert.equal(packageEntry({ main: './dist/a.cjs', exports: './dist/b.mjs' }), './dist/b.mjs');
  assert.equal(
    packageEntry({
      exports: { '.': { types: './x.d.ts', import: './esm/x.js', require: './cjs/x.js' }, './sub': './sub.js' },
    }),
    './esm/x.js',
  );
  assert.equal(packageEntry({ exports: { types: './x.d.ts', default: './x.js' } }), './x.js');
  assert.equal(packageEntry({ exports: { '.': [{ import: './a.js' }, './b.js'] } }), './a.js');
  assert.equal(packageEntry({ types: './x.d.ts' } as never), undefined);
  assert.equal(packageEntry({ exports: { './sub': './sub.js' } }), undefined);
  assert.equal(packageEntry({ main: './x.d.ts' }), undefined);
  assert.equal(packageEntry({ main: '../outside.js' }), undefined);
  // A broken package.json: the example stays self-contained.
  assert.match(text(planInit(input({ 'package.json': '{ not json' })), 'suites/example.ts'), /Float64Array/);
});

test('existing files are skipped without --force and named; --force overwrites them', () => {
  const files = {
    'jepsh-bench.config.json': '{}',
    'suites/example.ts': 'mine',
    '.github/workflows/jepsh-bench-nightly.yml': 'mine',
  };
  const plan = planInit(input(files, { hasGithub: true }));
  assert.deepEqual(paths(plan), ['create .gitignore', 'create .github/workflows/jepsh-bench-pr-gate.yml']);
  assert.deepEqual(
    plan.skipped.map((s) => s.path),
    ['jepsh-bench.config.json', 'suites/example.ts', '.github/workflows/jepsh-bench-nightly.yml'],
  );
  assert.ok(plan.skipped.every((s) => /--force/.test(s.reason)));

  const forced = planInit(input(files, { hasGithub: true, force: true }));
  assert.deepEqual(paths(forced), [
    'overwrite jepsh-bench.config.json',
    'overwrite suites/example.ts',
    'create .gitignore',
    'overwrite .github/workflows/jepsh-bench-nightly.yml',
    'create .github/workflows/jepsh-bench-pr-gate.yml',
  ]);
  assert.deepEqual(forced.skipped, []);
});

test(
  '.gitignore: appended to (with a newline when the file lacks one), ' + 'never twice, never overwritten by --force',
  () => {
    const noNewline = planInit(input({ '.gitignore': 'node_modules' })).write.find((w) => w.path === '.gitignore');
    assert.equal(noNewline?.action, 'append');
    assert.match(noNewline!.text, /^\n# jepsh-bench.*\nbaselines\/\n$/);
    const newline = planInit(input({ '.gitignore': 'node_modules\n' })).write.find((w) => w.path === '.gitignore');
    assert.equal(newline?.text.startsWith('#'), true);
    assert.equal(
      planInit(input({ '.gitignore': 'node_modules\n' }, { force: true })).write.find((w) => w.path === '.gitignore')
        ?.action,
      'append',
    );

    // Appended once, the next init finds it; other spellings of the whole folder count too.
    const after = 'node_modules\n' + newline!.text;
    for (const existing of [after, '/baselines\n', 'baselines\n', 'x\r\nbaselines/**\r\n']) {
      const plan = planInit(input({ '.gitignore': existing }, { force: true }));
      assert.equal(
        plan.write.some((w) => w.path === '.gitignore'),
        false,
        existing,
      );
      assert.deepEqual(plan.skipped.find((s) => s.path === '.gitignore')?.reason, 'already ignores baselines/');
    }
    // Ignoring only some files of the folder is not the folder.
    assert.equal(
      planInit(input({ '.gitignore': 'baselines/*.sqlite\n' })).write.find((w) => w.path === '.gitignore')?.action,
      'append',
    );
  },
);

test('workflows: with a .github folder or --ci github, each ci/github template as jepsh-bench-<name>', () => {
  for (const over of [{ hasGithub: true }, { ci: 'github' as const }]) {
    const plan = planInit(input({}, over));
    assert.deepEqual(
      plan.write.filter((w) => w.path.startsWith('.github/')).map((w) => [w.path, w.text]),
      [
        ['.github/workflows/jepsh-bench-nightly.yml', 'name: nightly\n'],
        ['.github/workflows/jepsh-bench-pr-gate.yml', 'name: gate\n'],
      ],
    );
    assert.ok(plan.next.some((n) => n.command.startsWith('git add .github/workflows/')));
  }
});
