/**
 * An invalid suite is refused before any browser starts (README "Failure modes"): `run` and `list`
 * exit 2 with one line naming the file and the field, and no run is recorded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, ROOT, tempDir } from '../helpers.js';

const API = JSON.stringify(join(ROOT, 'src', 'suite', 'api.ts'));

test(
  'a benchmark name that is not kebab-case: run and list exit 2 in seconds, naming the file and the field; ' +
    'no run recorded',
  async () => {
    const t = tempDir();
    try {
      const suites = join(t.dir, 'suites');
      mkdirSync(suites);
      writeFileSync(
        join(suites, 'bad.ts'),
        `import { defineSuite } from ${API};\nexport default defineSuite({ name: 'bad', ` +
          `benchmarks: [{ name: 'fine', run() {} }, { name: 'Not Kebab', run() {} }] });\n`,
      );
      const db = join(t.dir, 'bad.sqlite');
      for (const args of [
        ['run', 'bad', '--db', db],
        ['list', 'bad'],
      ]) {
        const started = Date.now();
        const r = await cli([...args, '--suites-dir', suites]);
        const seconds = (Date.now() - started) / 1000;
        assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
        const lines = r.stderr.trim().split('\n');
        assert.equal(lines.length, 1, r.stderr);
        assert.match(lines[0]!, /bad\.ts: benchmarks\[1\]\.name "Not Kebab" must be lower-case kebab-case/);
        // Before: a 30 s page-load timeout and exit 3. Now bundling and checking in Node (CLI start-up included).
        assert.ok(seconds < 15, `${args[0]} took ${seconds} s`);
      }
      if (existsSync(db)) {
        const raw = new Database(db, { readonly: true });
        assert.equal((raw.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n, 0);
        raw.close();
      }
    } finally {
      t.cleanup();
    }
  },
);
