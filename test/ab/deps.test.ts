/**
 * A side's packages: its own install, the host's when the lockfiles match, otherwise one install
 * per lockfile into a cache (a stub installer here: no npm, no network).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { depsCacheDir, lockfileHash, sideDependencies, type InstallDeps } from '../../src/ab/deps.js';
import { EnvironmentError } from '../../src/model/errors.js';
import { tempDir } from '../helpers.js';

const tmp = tempDir('jepsh-ab-deps-');
after(() => tmp.cleanup());
const dir = realpathSync(tmp.dir);
const host = join(dir, 'host');

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
function tree(root: string, lock: string): { root: string; describe: string } {
  write(join(root, 'package.json'), '{"name":"jepsh-bench"}');
  write(join(root, 'package-lock.json'), lock);
  mkdirSync(join(root, 'src'), { recursive: true });
  return { root, describe: `side ${root}` };
}
tree(host, '{"lock":"host"}');
mkdirSync(join(host, 'node_modules'));

/** A stub `npm ci` that records where it ran and leaves a package behind. */
function stubInstall(): { install: InstallDeps; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    install: async (d) => {
      calls.push(d);
      assert.ok(existsSync(join(d, 'package.json')) && existsSync(join(d, 'package-lock.json')));
      write(join(d, 'node_modules', 'some-pkg', 'index.js'), 'export default 1;\n');
    },
  };
}

test('the host itself and a side with its own node_modules need no extra paths', async () => {
  const stub = stubInstall();
  assert.deepEqual(await sideDependencies({ root: host, describe: 'head' }, host, stub.install), {
    nodePaths: [],
    source: 'host',
  });
  const own = tree(join(dir, 'own'), '{"lock":"other"}');
  mkdirSync(join(own.root, 'node_modules'));
  assert.deepEqual(await sideDependencies(own, host, stub.install), { nodePaths: [], source: 'own' });
  assert.deepEqual(stub.calls, []);
});

test("the same lockfile borrows the host's node_modules, without touching the side", async () => {
  const same = tree(join(dir, 'same'), '{"lock":"host"}');
  const stub = stubInstall();
  assert.deepEqual(await sideDependencies(same, host, stub.install), {
    nodePaths: [join(host, 'node_modules')],
    source: 'host',
  });
  assert.ok(!existsSync(join(same.root, 'node_modules')), 'no node_modules (or symlink) created in the side');
  assert.deepEqual(stub.calls, []);
});

test('a different lockfile installs once into a cache keyed by its hash, then reuses it', async () => {
  const other = tree(join(dir, 'other'), '{"lock":"old"}');
  const hash = lockfileHash(other.root)!;
  assert.match(hash, /^[0-9a-f]{16}$/);
  const cache = depsCacheDir(host, hash);
  assert.equal(cache, join(host, 'node_modules', '.cache', 'jepsh-bench', 'deps', hash));

  const stub = stubInstall();
  assert.deepEqual(await sideDependencies(other, host, stub.install), {
    nodePaths: [join(cache, 'node_modules')],
    source: 'installed',
  });
  assert.equal(stub.calls.length, 1);
  assert.notEqual(stub.calls[0], cache, 'installed beside the cache, then moved into place');
  assert.equal(readFileSync(join(cache, 'package-lock.json'), 'utf8'), '{"lock":"old"}');
  assert.ok(existsSync(join(cache, 'node_modules', 'some-pkg', 'index.js')));

  const again = tree(join(dir, 'other-again'), '{"lock":"old"}');
  assert.deepEqual(await sideDependencies(again, host, stub.install), {
    nodePaths: [join(cache, 'node_modules')],
    source: 'cache',
  });
  assert.equal(stub.calls.length, 1);
  assert.deepEqual(readdirSync(dirname(cache)), [hash], 'no staging folder left');
});

test('a failed install leaves no cache entry, and the next attempt installs again', async () => {
  const side = tree(join(dir, 'broken'), '{"lock":"broken"}');
  const cache = depsCacheDir(host, lockfileHash(side.root)!);
  const failing: InstallDeps = async (d) => {
    write(join(d, 'node_modules', 'half', 'index.js'), '');
    throw new EnvironmentError('npm ci failed');
  };
  await assert.rejects(sideDependencies(side, host, failing), EnvironmentError);
  assert.ok(!existsSync(cache));
  assert.ok(!readdirSync(dirname(cache)).some((f) => f.includes('.tmp-')));
  const stub = stubInstall();
  assert.equal((await sideDependencies(side, host, stub.install)).source, 'installed');
});

test('a side without a lockfile falls back to the host packages', async () => {
  const bare = join(dir, 'bare');
  mkdirSync(join(bare, 'src'), { recursive: true });
  assert.deepEqual(await sideDependencies({ root: bare, describe: 'base folder' }, host, stubInstall().install), {
    nodePaths: [join(host, 'node_modules')],
    source: 'host',
  });
});
