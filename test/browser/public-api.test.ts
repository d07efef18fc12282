/**
 * A suite outside this repository imports the package by name: bundling resolves `jepsh-bench` and
 * `jepsh-bench/suite` to the running harness's src/suite/api.ts, for the page and for Node, with no
 * node_modules beside the suite; `./suites` of the current folder is the default suites folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleSuite } from '../../src/browser/bundle.js';
import { defaultSuitesDir } from '../../src/model/paths.js';
import { ROOT, tempDir } from '../helpers.js';

const SUITE =
  `import { defineSuite, bench } from 'jepsh-bench';\nimport { bench as bench2 } from 'jepsh-bench/suite';\n` +
  `export default defineSuite({ name: 'outside', benchmarks: ` +
  `[bench({ name: 'a', run() {} }), bench2({ name: 'b', run() {} })] });\n`;

test('jepsh-bench and jepsh-bench/suite resolve to the harness API in page and node bundles', async () => {
  const t = tempDir();
  try {
    const file = { name: 'outside', path: join(t.dir, 'outside.ts') };
    writeFileSync(file.path, SUITE);
    const page = await bundleSuite(file, 'page');
    // One copy of the API (the runner's own import and the suite's are the same file), and none of the Node API.
    assert.equal(page.match(/function defineSuite\(/g)?.length, 1);
    assert.doesNotMatch(page, /better-sqlite3|puppeteer/);

    const mjs = join(t.dir, 'outside.mjs');
    writeFileSync(mjs, await bundleSuite(file, 'node'));
    const def = (
      (await import(pathToFileURL(mjs).href)) as { default: { name: string; benchmarks: Array<{ name: string }> } }
    ).default;
    assert.deepEqual([def.name, def.benchmarks.map((b) => b.name)], ['outside', ['a', 'b']]);
  } finally {
    t.cleanup();
  }
});

test('the default suites folder: ./suites of the current folder when present, else the bundled one', () => {
  const t = tempDir();
  try {
    assert.equal(defaultSuitesDir(t.dir), join(ROOT, 'suites'));
    mkdirSync(join(t.dir, 'suites'));
    assert.equal(defaultSuitesDir(t.dir), join(t.dir, 'suites'));
  } finally {
    t.cleanup();
  }
});
