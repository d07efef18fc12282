/**
 * The CLI as users run it: exit codes and one-line errors without stack traces. Faults mid-run
 * (browser killed, signals) are in test/faults/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { cli, tempDir } from '../helpers.js';

function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${stderr}`);
  assert.match(lines[0]!, pattern);
  assert.ok(!/\n\s+at /.test(stderr), 'no stack trace');
}

test('--help works straight away and lists every command', async () => {
  const r = await cli(['--help']);
  assert.equal(r.code, 0);
  for (const c of ['run', 'list', 'runs', 'show']) assert.match(r.stdout, new RegExp(`jepsh-bench ${c}`));
});

test('bad input: exit 2 with one line, no stack trace', async () => {
  const t = tempDir();
  try {
    const db = join(t.dir, 'x.sqlite');
    assertOneLineError(
      (await cli(['run', 'no-such-suite', '--db', db])).stderr,
      /unknown suite "no-such-suite" \(available: .*smoke/,
    );
    assert.equal((await cli(['run', 'no-such-suite', '--db', db])).code, 2);
    const badFilter = await cli(['run', 'smoke', '--filter', '(', '--db', db]);
    assert.equal(badFilter.code, 2);
    assertOneLineError(badFilter.stderr, /--filter is not a valid regular expression/);
    const notDb = join(t.dir, 'notes.txt');
    writeFileSync(notDb, 'plain text');
    const r = await cli(['runs', '--db', notDb]);
    assert.equal(r.code, 2);
    assertOneLineError(r.stderr, /is not a SQLite database/);
    const unknownRun = await cli(['show', '12345', '--db', db]);
    assert.equal(unknownRun.code, 2);
    assertOneLineError(unknownRun.stderr, /no run or baseline "12345"/);
  } finally {
    t.cleanup();
  }
});

test('--time-budget: bad values and combinations are usage errors before anything is measured', async () => {
  const t = tempDir();
  try {
    const db = join(t.dir, 'x.sqlite');
    const cases: Array<[string[], RegExp]> = [
      [
        ['ab', '--base-dir', t.dir, '--time-budget', '-5'],
        /--time-budget must be a number of seconds >= 0 \(0 for none\), got -5/,
      ],
      [['check', '--against', 'main', '--time-budget', '60'], /--time-budget needs --base or --base-dir/],
      [['check', '--base-dir', t.dir, '--auto', '--time-budget', '60'], /--time-budget does not combine with --auto/],
    ];
    for (const [args, pattern] of cases) {
      const r = await cli([...args, '--db', db]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assertOneLineError(r.stderr, pattern);
    }
  } finally {
    t.cleanup();
  }
});

test('a browser that is not there: exit 3 with one line saying how to get one', async () => {
  const t = tempDir();
  try {
    const r = await cli(['run', 'smoke', '--browser', '/nonexistent/chrome', '--db', join(t.dir, 'x.sqlite')]);
    assert.equal(r.code, 3);
    assertOneLineError(r.stderr, /--browser \/nonexistent\/chrome is not an executable file.*apt-get install chromium/);
  } finally {
    t.cleanup();
  }
});
