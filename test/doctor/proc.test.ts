import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpuShares,
  parseLoadavg,
  parsePidStat,
  parseProcStat,
  processTree,
  sampleOtherProcesses,
  type PidStat,
  type ProcReader,
} from '../../src/doctor/proc.js';

// Captured from a 2-core VM (the intr line shortened).
const PROC_STAT = `cpu  2999809 348168 685823 1986121 2791 0 5090 1748 0 0
cpu0 1483891 174485 341665 1011124 692 0 2048 878 0 0
cpu1 1515917 173682 344158 974997 2098 0 3042 869 0 0
intr 50734746 0 0 0 0
ctxt 226328253
btime 1764500000
processes 30826
procs_running 2
procs_blocked 0
`;

const NODE_STAT =
  '25725 (node) R 1 25703 2787 0 -1 4194304 2966 0 0 0 11557 35 0 0 20 0 7 0 3018003 1015459840 11152 ' +
  '18446744073709551615 11988992 39846385 140729637211424 0 0 0 0 16781312 17922 0 0 0 17 1 0 0 0 ' +
  '0 0 90418888 90555584 908013568 140729637218992 140729637219052 140729637219052 140729637220330 0';

/** A /proc/[pid]/stat line with the fields we read; the rest zeros. */
function statLine(pid: number, name: string, ppid: number, utime: number, stime: number, start = 1000): string {
  const rest = ['S', ppid, pid, pid, 0, -1, 0, 0, 0, 0, 0, utime, stime, 0, 0, 20, 0, 1, 0, start, 0, 0];
  return `${pid} (${name}) ${rest.join(' ')}`;
}

test('parseProcStat: total and idle ticks of the cpu line, cores from the cpuN lines', () => {
  const t = parseProcStat(PROC_STAT);
  assert.equal(t.total, 2999809 + 348168 + 685823 + 1986121 + 2791 + 0 + 5090 + 1748);
  assert.equal(t.idle, 1986121 + 2791);
  assert.equal(t.cores, 2);
});

test('parseProcStat: an old kernel without steal, and text with no cpu line', () => {
  assert.deepEqual(parseProcStat('cpu 10 0 5 85\ncpu0 10 0 5 85\n'), { total: 100, idle: 85, cores: 1 });
  assert.throws(() => parseProcStat('intr 1 2 3\n'), /no cpu line/);
});

test('parsePidStat: a real line', () => {
  assert.deepEqual(parsePidStat(NODE_STAT), {
    pid: 25725,
    name: 'node',
    ppid: 1,
    ticks: 11557 + 35,
    startTime: 3018003,
  });
});

test('parsePidStat: a name with spaces and parentheses runs to the last ")"', () => {
  const s = parsePidStat(statLine(4242, 'Web (Content) ) x', 7, 300, 20, 5555));
  assert.deepEqual(s, { pid: 4242, name: 'Web (Content) ) x', ppid: 7, ticks: 320, startTime: 5555 });
  assert.equal(parsePidStat('99 (a b) S 1 99 99 0 -1 0 0 0 0 0 4 5 0 0 20 0 1 0 77\n').name, 'a b');
});

test('parsePidStat: garbage is an error, not zeros', () => {
  assert.throws(() => parsePidStat('no parentheses here'), /unreadable/);
  assert.throws(() => parsePidStat('12 (x) S'), /unreadable/);
});

test('parseLoadavg', () => {
  assert.deepEqual(parseLoadavg('2.29 4.22 4.76 2/91 30820\n'), { one: 2.29, five: 4.22, fifteen: 4.76 });
  assert.throws(() => parseLoadavg(''), /unreadable/);
});

const p = (pid: number, ppid: number, ticks = 0, startTime = 1, name = `p${pid}`): PidStat => ({
  pid,
  name,
  ppid,
  ticks,
  startTime,
});

test('processTree: the root and everything below it, not its parent or siblings', () => {
  const stats = [p(1, 0), p(10, 1), p(11, 10), p(12, 11), p(13, 10), p(20, 1), p(21, 20)];
  assert.deepEqual(
    [...processTree(10, stats)].sort((a, b) => a - b),
    [10, 11, 12, 13],
  );
  assert.deepEqual([...processTree(99, stats)], [99]);
});

test("cpuShares: ticks over one core's ticks, largest first, excluded pids left out", () => {
  // 2 cores, 200 machine ticks in the window: one core had 100.
  const before = {
    cpu: { total: 1000, idle: 500, cores: 2 },
    processes: [p(1, 0, 10), p(2, 1, 100), p(3, 1, 50), p(4, 1, 0)],
  };
  const after = {
    cpu: { total: 1200, idle: 600, cores: 2 },
    processes: [p(1, 0, 10), p(2, 1, 185), p(3, 1, 60), p(4, 1, 30)],
  };
  const shares = cpuShares(before, after, new Set([4]));
  assert.deepEqual(shares, [
    { pid: 2, name: 'p2', cores: 0.85 },
    { pid: 3, name: 'p3', cores: 0.1 },
  ]);
});

test('cpuShares: a process born in the window counts all its ticks; a reused pid is a new process', () => {
  const before = { cpu: { total: 0, idle: 0, cores: 1 }, processes: [p(7, 1, 500, 1)] };
  const after = { cpu: { total: 100, idle: 0, cores: 1 }, processes: [p(7, 1, 20, 2), p(8, 1, 30, 3)] };
  assert.deepEqual(
    cpuShares(before, after).map((s) => [s.pid, s.cores]),
    [
      [8, 0.3],
      [7, 0.2],
    ],
  );
});

test('cpuShares: no ticks elapsed gives nothing rather than infinities', () => {
  const snap = { cpu: { total: 5, idle: 5, cores: 2 }, processes: [p(1, 0, 1)] };
  assert.deepEqual(cpuShares(snap, snap), []);
});

test('sampleOtherProcesses: reads twice around the sleep, leaves out our own tree, totals the rest', async () => {
  let phase = 0;
  const cpu = ['cpu 0 0 0 0 0 0 0 0\ncpu0\ncpu1\n', 'cpu 100 0 0 100 0 0 0 0\ncpu0\ncpu1\n'];
  const procs: Record<number, [string, string]> = {
    1: [statLine(1, 'init', 0, 0, 0), statLine(1, 'init', 0, 0, 0)],
    50: [statLine(50, 'me', 1, 0, 0), statLine(50, 'me', 1, 90, 0)],
    51: [statLine(51, 'chrome (renderer)', 50, 0, 0), statLine(51, 'chrome (renderer)', 50, 95, 0)],
    60: [statLine(60, 'busy loop', 1, 10, 0), statLine(60, 'busy loop', 1, 70, 5)],
    61: [statLine(61, 'tiny', 1, 0, 0), statLine(61, 'tiny', 1, 0, 0.5)],
  };
  const proc: ProcReader = {
    stat: () => cpu[phase]!,
    pids: () => Object.keys(procs).map(Number),
    pidStat: (pid) => procs[pid]?.[phase] ?? null,
  };
  let slept = 0;
  const sample = await sampleOtherProcesses({
    proc,
    self: 50,
    durationMs: 1234,
    sleep: async (ms) => {
      slept = ms;
      phase = 1;
    },
  });
  assert.equal(slept, 1234);
  assert.ok(sample);
  // 100 ticks per core: busy loop 65 ticks = 0.65; tiny 0.5 ticks = 0.005 counts in the total but is not named.
  assert.deepEqual(sample.top, [{ pid: 60, name: 'busy loop', cores: 0.65 }]);
  assert.ok(Math.abs(sample.totalCores - 0.655) < 1e-12);
});

test('sampleOtherProcesses: no /proc (not Linux) is null, not an error', async () => {
  const proc: ProcReader = {
    stat: () => {
      throw new Error('ENOENT');
    },
    pids: () => [],
    pidStat: () => null,
  };
  assert.equal(await sampleOtherProcesses({ proc, sleep: async () => undefined }), null);
});

test('sampleOtherProcesses: a process that exits between listing and reading is skipped', async () => {
  const proc: ProcReader = {
    stat: () => 'cpu 1 0 0 1\ncpu0\n',
    pids: () => [1, 2],
    pidStat: (pid) => (pid === 1 ? statLine(1, 'init', 0, 0, 0) : null),
  };
  const sample = await sampleOtherProcesses({ proc, self: 99, sleep: async () => undefined });
  assert.deepEqual(sample, { top: [], totalCores: 0 });
});
