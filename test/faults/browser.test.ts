/**
 * Faults of the browser process and of the CLI process (README "Failure modes"): a browser that
 * dies once is restarted and the run completes; twice in one session ends the run (exit 3, marked
 * failed); SIGINT and SIGTERM abort it (exit 130, marked aborted). In every case the database stays
 * intact and no half-written results remain.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cli, noBrowserReason, storedState, tempDir } from '../helpers.js';

const skip = noBrowserReason();

/** Chromium main processes started by `pid`, as they appear. */
function chromiumChildren(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // none yet
  }
  return out
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((child) => {
      try {
        return /chrom/i.test(execFileSync('ps', ['-o', 'args=', '-p', String(child)], { encoding: 'utf8' }));
      } catch {
        return false; // gone already
      }
    });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Calls `act` with each of the first `times` measuring browsers of the CLI once it has lived 1.5 s.
 * The first Chromium a run starts only lists the benchmarks and exits (under load it may still be
 * closing when seen), so measuring browsers are the second one on. Resolves with how many it acted on.
 */
async function onMeasuringBrowsers(
  cliPid: () => number,
  times: number,
  act: (browserPid: number) => void,
): Promise<number> {
  const seen: number[] = [];
  let acted = 0;
  for (let i = 0; i < 900 && acted < times; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!alive(cliPid())) break;
    for (const pid of chromiumChildren(cliPid())) if (!seen.includes(pid)) seen.push(pid);
    const target = seen[1 + acted];
    if (target === undefined) continue;
    await new Promise((r) => setTimeout(r, 1500));
    if (!alive(target)) {
      seen.splice(1 + acted, 1); // that session ended meanwhile: wait for the next browser
      continue;
    }
    act(target);
    acted++;
  }
  return acted;
}

test(
  'a browser killed once mid-run is restarted and the benchmark measured again: ' +
    'run complete, exit 0, a warning says so',
  { skip },
  async () => {
    const t = tempDir();
    try {
      const db = join(t.dir, 'kill-once.sqlite');
      let cliPid = 0;
      const pending = cli(['run', 'smoke', '--sessions', '2', '--time', '4', '--db', db], {
        onStart: (pid) => (cliPid = pid),
      });
      assert.equal(
        await onMeasuringBrowsers(
          () => cliPid,
          1,
          (pid) => process.kill(pid, 'SIGKILL'),
        ),
        1,
        'killed a measuring browser',
      );
      const r = await pending;
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      assert.match(
        r.stderr,
        /warning: the browser exited in session 1 while measuring \S+; restarted it and measured \S+ again/,
      );
      const s = storedState(db);
      assert.equal(s.integrity, 'ok');
      assert.equal(s.runs.length, 1);
      assert.equal(s.runs[0]!.status, 'complete');
      assert.equal(s.errored, 0);
      assert.ok(s.results > 0);
    } finally {
      t.cleanup();
    }
  },
);

test(
  'a browser killed twice in one session: exit 3, run marked failed, no results, database intact',
  { skip },
  async () => {
    const t = tempDir();
    try {
      const db = join(t.dir, 'kill-twice.sqlite');
      let cliPid = 0;
      // 10 s per benchmark per session: both kills land in the first session.
      const pending = cli(['run', 'smoke', '--sessions', '2', '--time', '20', '--db', db], {
        onStart: (pid) => (cliPid = pid),
      });
      assert.equal(
        await onMeasuringBrowsers(
          () => cliPid,
          2,
          (pid) => process.kill(pid, 'SIGKILL'),
        ),
        2,
        'killed two measuring browsers',
      );
      const r = await pending;
      assert.equal(r.code, 3, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stderr, /the browser exited twice in session 1, last while measuring \S+/);
      const s = storedState(db);
      assert.equal(s.integrity, 'ok');
      assert.equal(s.runs.length, 1);
      assert.equal(s.runs[0]!.status, 'failed');
      assert.match(s.runs[0]!.error ?? '', /exited twice/);
      assert.equal(s.results, 0, 'no half-written results');
    } finally {
      t.cleanup();
    }
  },
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} mid-run: exit 130, run marked aborted, no results, database intact`, { skip }, async () => {
    const t = tempDir();
    try {
      const db = join(t.dir, 'int.sqlite');
      let cliPid = 0;
      const pending = cli(['run', 'smoke', '--time', '20', '--db', db], { onStart: (pid) => (cliPid = pid) });
      assert.equal(
        await onMeasuringBrowsers(
          () => cliPid,
          1,
          () => process.kill(cliPid, signal),
        ),
        1,
        `sent ${signal} while a browser was measuring`,
      );
      const r = await pending;
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /run marked aborted/);
      const s = storedState(db);
      assert.equal(s.integrity, 'ok');
      assert.deepEqual(
        s.runs.map((x) => x.status),
        ['aborted'],
      );
      assert.equal(s.results, 0);
    } finally {
      t.cleanup();
    }
  });
}
