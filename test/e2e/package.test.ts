/**
 * The published package in a user's project: `npm pack` this repository, install the tarball into
 * a fresh project's node_modules (its dependencies borrowed from this repository by a symlink: no
 * network), then `init`, `run` the example, and `list`/`run` a suite of the project's own that
 * imports `jepsh-bench` and the project's code. An invalid suite is still exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, noBrowserReason, ROOT, tempDir, type CliResult } from '../helpers.js';

const SHORT = ['--sessions', '2', '--time', '0.2', '--samples', '4'];

interface PackageJson {
  bin: Record<string, string>;
  exports: Record<string, Record<string, string>>;
}

test(
  'npm pack, installed in a project: init, run the example, a suite of the project importing jepsh-bench; ' +
    'a bad one exits 2',
  { skip: noBrowserReason() },
  async () => {
    const t = tempDir('jepsh-package-');
    const project = join(t.dir, 'project');
    const installed = join(project, 'node_modules', 'jepsh-bench');
    let cachedCli: string | undefined;
    try {
      // No prepack/prepare script: packing is a copy of the files `files` names.
      const packed = JSON.parse(
        execFileSync('npm', ['pack', '--json', '--pack-destination', t.dir], {
          cwd: ROOT,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      ) as Array<{ filename: string }>;
      mkdirSync(installed, { recursive: true });
      // The installed bin caches its CLI bundle under its node_modules/.cache: through the symlink,
      // in this repository's node_modules, named by the tree's (real) path. Removed afterwards.
      cachedCli = join(
        ROOT,
        'node_modules',
        '.cache',
        'jepsh-bench',
        `cli-${createHash('sha256').update(realpathSync(installed)).digest('hex').slice(0, 12)}.mjs`,
      );
      execFileSync('tar', ['-xzf', join(t.dir, packed[0]!.filename), '-C', installed, '--strip-components=1']);
      symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'));
      writeFileSync(
        join(project, 'package.json'),
        `${JSON.stringify({ name: 'outside-project', private: true }, null, 2)}\n`,
      );

      // What `bin` and `exports` point at was packed.
      const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as PackageJson;
      const targets = [...Object.values(pkg.bin), ...Object.values(pkg.exports).flatMap((c) => Object.values(c))];
      for (const target of targets) assert.ok(existsSync(join(installed, target)), `${target} is in the tarball`);
      assert.ok(pkg.exports['./suite'] && pkg.exports['.'], 'exports "." and "./suite"');

      const bin = join(installed, 'bin', 'jepsh-bench.js');
      const jb = (args: string[]): Promise<CliResult> => cli(args, { cwd: project, bin, timeoutMs: 60_000 });
      const ok = (r: CliResult, what: string) => assert.equal(r.code, 0, `${what}: ${r.stderr}${r.stdout}`);

      const init = await jb(['init']);
      ok(init, 'init');
      assert.match(init.stdout, /created suites\/example\.ts/);
      assert.match(init.stdout, /^next:$/m);
      const config = JSON.parse(readFileSync(join(project, 'jepsh-bench.config.json'), 'utf8')) as { $schema: string };
      assert.ok(existsSync(join(project, config.$schema)), `$schema ${config.$schema} exists`);
      assert.match(readFileSync(join(project, '.gitignore'), 'utf8'), /^baselines\/$/m);

      // The example type-checks against the package's `types` condition, without Node's types.
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            target: 'ES2022',
            lib: ['ES2023'],
            types: [],
            noEmit: true,
          },
          include: ['suites/example.ts'],
        }),
      );
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], {
        stdio: 'pipe',
      });

      ok(await jb(['run', 'example', ...SHORT]), 'run example');
      const db = new Database(join(project, 'baselines', 'jepsh-bench.sqlite'), { readonly: true });
      try {
        const runs = db.prepare('SELECT status, suites FROM runs').all() as Array<{ status: string; suites: string }>;
        assert.deepEqual(
          runs.map((r) => r.status),
          ['complete'],
        );
        assert.ok((JSON.parse(runs[0]!.suites) as string[]).includes('example'), runs[0]!.suites);
        const ids = db
          .prepare(
            'SELECT DISTINCT b.key AS id FROM results r JOIN benchmarks b ' +
              "ON b.id = r.benchmark_id WHERE b.suite = 'example'",
          )
          .all() as Array<{ id: string }>;
        assert.deepEqual(
          ids.map((r) => r.id),
          ['example/array-sum?n=10000'],
        );
      } finally {
        db.close();
      }

      // The project's own code under test, imported by a suite beside the example.
      mkdirSync(join(project, 'src'));
      writeFileSync(
        join(project, 'src', 'lib.ts'),
        `export function triangle(n: number): number {\n  let s = 0;\n` +
          `  for (let i = 1; i <= n; i++) s += i;\n  return s;\n}\n`,
      );
      writeFileSync(
        join(project, 'suites', 'outside.ts'),
        `import { defineSuite, bench } from 'jepsh-bench';\nimport { triangle } from '../src/lib.js';\n\n` +
          `export default defineSuite({\n  name: 'outside',\n  benchmarks: [\n` +
          `    bench({\n      name: 'triangle',\n      params: { n: [1000] },\n` +
          `      setup: () => ({ out: 0 }),\n      run(ctx) { ctx.state.out = triangle(ctx.params.n); },\n` +
          `      verify(ctx) { if (ctx.state.out !== 500500) throw new Error(\`got \${ctx.state.out}\`); },\n` +
          `    }),\n  ],\n});\n`,
      );
      const list = await jb(['list', 'outside']);
      ok(list, 'list outside');
      assert.match(list.stdout, /outside\/triangle\?n=1000/);
      ok(await jb(['run', 'outside', ...SHORT]), 'run outside');

      writeFileSync(
        join(project, 'suites', 'bad.ts'),
        `import { defineSuite } from 'jepsh-bench/suite';\n` +
          `export default defineSuite({ name: 'bad', benchmarks: [{ name: 'Not Kebab', run() {} }] });\n`,
      );
      const bad = await jb(['list']);
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, /bad\.ts: benchmarks\[0\]\.name "Not Kebab" must be lower-case kebab-case/);
    } finally {
      t.cleanup();
      if (cachedCli) rmSync(cachedCli, { force: true });
    }
  },
);
