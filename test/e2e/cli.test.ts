/**
 * The CLI as users run it: exit codes, one-line errors without stack traces, and a browser killed
 * mid-run (the run is marked failed, exit 3, the database stays intact).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { cli, noBrowserReason, tempDir } from '../helpers.js';

/**
 * Polls for a Chromium child of the CLI; once one has lived for 2.5 s (so a run is measuring, not
 * just listing), calls `act` with its pid. False when none was seen in 20 s or it was gone by then.
 */
/**
 * Calls `act` once a measuring browser of the CLI process is up. The first Chromium a run starts
 * only lists the benchmarks and exits; under load it may still be closing when a poll sees it, and
 * a kill then lands on nothing that matters (the run went on and exited 0). So this waits for a
 * second distinct Chromium child: one that measures.
 */
async function whenBrowserRuns(cliPid: () => number, act: (browserPid: number) => void): Promise<boolean> {
  const seen: number[] = [];
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 100));
    let children = '';
    try {
      children = execFileSync('pgrep', ['-P', String(cliPid())], { encoding: 'utf8' });
    } catch {
      continue; // no children yet
    }
    for (const pid of children.split('\n').filter(Boolean).map(Number)) {
      if (seen.includes(pid)) continue;
      let args = '';
      try {
        args = execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
      } catch {
        continue; // gone already
      }
      if (!/chrom/i.test(args)) continue;
      seen.push(pid);
    }
    const measuring = seen[1];
    if (measuring === undefined) continue;
    await new Promise((r) => setTimeout(r, 1500));
    try {
      process.kill(measuring, 0); // still there?
    } catch {
      seen.splice(1, 1); // that session ended meanwhile: wait for the next one
      continue;
    }
    act(measuring);
    return true;
  }
  return false;
}

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
    assertOneLineError((await cli(['run', 'no-such-suite', '--db', db])).stderr, /unknown suite "no-such-suite" \(available: .*smoke/);
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

test('killing the browser mid-run: exit 3, run marked failed, database intact', { skip: noBrowserReason() }, async () => {
  const t = tempDir();
  try {
    const db = join(t.dir, 'kill.sqlite');
    let cliPid = 0;
    const pending = cli(['run', 'smoke', '--time', '20', '--db', db], { onStart: (pid) => (cliPid = pid) });
    // The first browser only lists benchmarks and exits; kill one that is still measuring.
    const killed = await whenBrowserRuns(() => cliPid, (browserPid) => process.kill(browserPid, 'SIGKILL'));
    assert.ok(killed, 'found and killed the browser process');
    const r = await pending;
    assert.equal(r.code, 3, `exit 3, stderr: ${r.stderr}`);
    // Mid-measurement the browser "exited unexpectedly"; if the kill lands while a round's browser
    // is still starting, launching fails instead. Both are infrastructure failures: exit 3, run failed.
    assert.match(r.stderr, /browser exited unexpectedly|lost the page|could not launch/);
    const raw = new Database(db, { readonly: true });
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    const runs = raw.prepare('SELECT status, error FROM runs').all() as Array<{ status: string; error: string }>;
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.status, 'failed');
    assert.equal((raw.prepare('SELECT COUNT(*) AS n FROM results').get() as { n: number }).n, 0, 'no half-written results');
    raw.close();
  } finally {
    t.cleanup();
  }
});

test('Ctrl-C mid-run: exit 130, run marked aborted, no results, database intact', { skip: noBrowserReason() }, async () => {
  const t = tempDir();
  try {
    const db = join(t.dir, 'int.sqlite');
    let cliPid = 0;
    const pending = cli(['run', 'smoke', '--time', '20', '--db', db], { onStart: (pid) => (cliPid = pid) });
    // Interrupt once a measuring browser is up (the run row exists by then).
    const sent = await whenBrowserRuns(() => cliPid, () => process.kill(cliPid, 'SIGINT'));
    assert.ok(sent, 'sent SIGINT while the browser was running');
    const r = await pending;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /run marked aborted/);
    const raw = new Database(db, { readonly: true });
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(raw.prepare('SELECT status FROM runs').all(), [{ status: 'aborted' }]);
    assert.equal((raw.prepare('SELECT COUNT(*) AS n FROM results').get() as { n: number }).n, 0);
    raw.close();
  } finally {
    t.cleanup();
  }
});
