/**
 * The tree being run is the tree the bin was started from, even when its node_modules is a
 * symlink into another checkout (where the cached CLI bundle really lives).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolvePackageRoot, ROOT_ENV } from '../../src/model/paths.js';
import { EnvironmentError } from '../../src/model/errors.js';
import { ROOT, tempDir } from '../helpers.js';

const tmp = tempDir('jepsh-ab-root-');
after(() => tmp.cleanup());
const base = realpathSync(tmp.dir);
const original = join(base, 'original');
const copy = join(base, 'copy');

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A minimal jepsh-bench tree whose CLI prints which tree its code came from and what packageRoot() says. */
function makeTree(root: string, marker: string): void {
  write(join(root, 'package.json'), JSON.stringify({ name: 'jepsh-bench', version: '0.0.0', type: 'module' }));
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'jepsh-bench.js'), join(root, 'bin', 'jepsh-bench.js'));
  mkdirSync(join(root, 'src', 'model'), { recursive: true });
  for (const f of ['paths.ts', 'errors.ts']) copyFileSync(join(ROOT, 'src', 'model', f), join(root, 'src', 'model', f));
  write(
    join(root, 'src', 'cli', 'main.ts'),
    `import { packageRoot } from '../model/paths.js';\n` +
      `console.log(JSON.stringify({ code: '${marker}', root: packageRoot() }));\n`,
  );
}

makeTree(original, 'original');
makeTree(copy, 'copy');
mkdirSync(join(original, 'node_modules'), { recursive: true });
symlinkSync(join(ROOT, 'node_modules', 'esbuild'), join(original, 'node_modules', 'esbuild'));
// The copy shares the original's install, as a quick experiment copy would.
symlinkSync(join(original, 'node_modules'), join(copy, 'node_modules'));

const bundleUrl = pathToFileURL(join(original, 'node_modules', '.cache', 'jepsh-bench', 'cli.mjs')).href;

test('walking up from the real path of the cached bundle finds the tree owning node_modules (the trap)', () => {
  assert.equal(resolvePackageRoot({}, bundleUrl), original);
});

test('the root the bin hands over wins over the walk', () => {
  assert.equal(resolvePackageRoot({ [ROOT_ENV]: copy }, bundleUrl), copy);
});

test('a root that is not a jepsh-bench tree is an environment error, not a silent fallback', () => {
  assert.throws(
    () => resolvePackageRoot({ [ROOT_ENV]: join(base, 'nowhere') }, bundleUrl),
    (e: unknown) => e instanceof EnvironmentError && e.exitCode === 3 && e.message.includes(ROOT_ENV),
  );
});

test('the bin: each tree runs its own code and sees its own root, sharing one node_modules', () => {
  const run = (root: string) => {
    const env = { ...process.env };
    delete env[ROOT_ENV];
    return JSON.parse(
      execFileSync(process.execPath, [join(root, 'bin', 'jepsh-bench.js')], { cwd: base, env, encoding: 'utf8' }),
    ) as { code: string; root: string };
  };
  // The original first: its bundle is then newer than the copy's sources, which used to make the
  // copy run the original's CLI from the shared cache.
  assert.deepEqual(run(original), { code: 'original', root: original });
  assert.deepEqual(run(copy), { code: 'copy', root: copy });
  assert.deepEqual(run(original), { code: 'original', root: original });
});
