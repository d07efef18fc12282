/**
 * Which other processes use the CPU right now, from Linux /proc: pure parsers of /proc/stat,
 * /proc/[pid]/stat and /proc/loadavg, and a sampler that reads them twice around a short sleep.
 * Shares are measured against the machine's own tick counter (/proc/stat), so no CLK_TCK or wall
 * clock is needed: a process's share of a core is its ticks over the ticks one core had.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Aggregate CPU ticks of the machine (the `cpu` line of /proc/stat). */
export interface CpuTicks {
  /** All ticks of all cores: user nice system idle iowait irq softirq steal (guest is inside user). */
  total: number;
  /** Ticks in which a core had nothing to do (idle + iowait). */
  idle: number;
  /** Number of `cpuN` lines: the cores the ticks are summed over. */
  cores: number;
}

/** The fields of /proc/[pid]/stat we use. */
export interface PidStat {
  pid: number;
  /** The executable name (`comm`, at most 15 characters; may contain spaces and parentheses). */
  name: string;
  ppid: number;
  /** utime + stime, in ticks. */
  ticks: number;
  /** Start time after boot, in ticks: tells a reused pid from the process that had it before. */
  startTime: number;
}

export interface LoadAverage {
  one: number;
  five: number;
  fifteen: number;
}

/** One process's CPU use over a sample window, in cores (1 = one core fully busy). */
export interface ProcessShare {
  pid: number;
  name: string;
  cores: number;
}

export function parseProcStat(text: string): CpuTicks {
  let total = NaN;
  let idle = NaN;
  let cores = 0;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === 'cpu') {
      const v = fields.slice(1, 9).map(Number);
      while (v.length < 8) v.push(0); // old kernels lack steal (and more)
      if (v.some((x) => !Number.isFinite(x))) throw new Error(`unreadable /proc/stat cpu line: ${line}`);
      total = v.reduce((a, b) => a + b, 0);
      idle = v[3]! + v[4]!;
    } else if (/^cpu\d+$/.test(fields[0] ?? '')) cores++;
  }
  if (!Number.isFinite(total)) throw new Error('no cpu line in /proc/stat');
  return { total, idle, cores: Math.max(cores, 1) };
}

/**
 * Parses /proc/[pid]/stat. `comm` sits in parentheses and may itself contain spaces and `)`, so
 * the name runs to the last `)` and the numbered fields are counted from there.
 */
export function parsePidStat(text: string): PidStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`unreadable /proc/[pid]/stat: ${text.slice(0, 80)}`);
  const pid = Number(text.slice(0, open).trim());
  // rest[0] is field 3 (state); field N is rest[N - 3].
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const field = (n: number): number => Number(rest[n - 3]);
  const out = {
    pid,
    name: text.slice(open + 1, close),
    ppid: field(4),
    ticks: field(14) + field(15),
    startTime: field(22),
  };
  if (![out.pid, out.ppid, out.ticks, out.startTime].every(Number.isFinite))
    throw new Error(`unreadable /proc/[pid]/stat: ${text.slice(0, 80)}`);
  return out;
}

export function parseLoadavg(text: string): LoadAverage {
  const [one, five, fifteen] = text.trim().split(/\s+/).map(Number);
  if (![one, five, fifteen].every((x) => Number.isFinite(x)))
    throw new Error(`unreadable /proc/loadavg: ${text.slice(0, 80)}`);
  return { one: one!, five: five!, fifteen: fifteen! };
}

/** `root` and every process below it (by parent pid), among the processes of `stats`. */
export function processTree(root: number, stats: Iterable<PidStat>): Set<number> {
  const children = new Map<number, number[]>();
  for (const s of stats) {
    const list = children.get(s.ppid);
    if (list) list.push(s.pid);
    else children.set(s.ppid, [s.pid]);
  }
  const tree = new Set<number>([root]);
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (!tree.has(child)) {
        tree.add(child);
        queue.push(child);
      }
    }
  }
  return tree;
}

/**
 * CPU use per process between two snapshots, in cores, largest first; processes in `exclude` and
 * below `minCores` are left out. A process that started inside the window (new pid, or a reused
 * pid with a new start time) counts all its ticks: they were all spent in the window.
 */
export function cpuShares(
  before: { cpu: CpuTicks; processes: readonly PidStat[] },
  after: { cpu: CpuTicks; processes: readonly PidStat[] },
  exclude: ReadonlySet<number> = new Set(),
  minCores = 0,
): ProcessShare[] {
  // Ticks one core had in the window: the machine's ticks spread over its cores.
  const coreTicks = (after.cpu.total - before.cpu.total) / after.cpu.cores;
  if (!(coreTicks > 0)) return [];
  const earlier = new Map(before.processes.map((p) => [p.pid, p]));
  const out: ProcessShare[] = [];
  for (const p of after.processes) {
    if (exclude.has(p.pid)) continue;
    const prev = earlier.get(p.pid);
    const used = prev && prev.startTime === p.startTime ? p.ticks - prev.ticks : p.ticks;
    const cores = used / coreTicks;
    if (cores > 0 && cores >= minCores) out.push({ pid: p.pid, name: p.name, cores });
  }
  return out.sort((a, b) => b.cores - a.cores || a.pid - b.pid);
}

/** Reads the /proc files the sampler needs; injected so the sampler runs on fixtures too. */
export interface ProcReader {
  stat(): string;
  pids(): number[];
  /** null when the process is gone (it exited between listing and reading). */
  pidStat(pid: number): string | null;
}

export const linuxProc: ProcReader = {
  stat: () => readFileSync('/proc/stat', 'utf8'),
  pids: () =>
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number),
  pidStat: (pid) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
  },
};

function snapshot(proc: ProcReader): { cpu: CpuTicks; processes: PidStat[] } {
  const processes: PidStat[] = [];
  for (const pid of proc.pids()) {
    const text = proc.pidStat(pid);
    if (text === null) continue;
    try {
      processes.push(parsePidStat(text));
    } catch {
      // One odd entry (a kernel we do not know) must not hide every other process.
    }
  }
  return { cpu: parseProcStat(proc.stat()), processes };
}

export interface SampleOptions {
  durationMs?: number;
  sleep?: (ms: number) => Promise<void>;
  proc?: ProcReader;
  /** The process whose tree is not "other": default this one. */
  self?: number;
}

/** Processes below 1% of a core are not named (they still count in the total). */
export const LISTED_MIN_CORES = 0.01;

export interface ProcessSample {
  /** Other processes' CPU use, largest first. */
  top: ProcessShare[];
  /** Sum over all other processes, in cores. */
  totalCores: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Samples the CPU use of every process but ours (this process and its children, e.g. a browser
 * we started) over `durationMs` (default 1 s). Returns null where there is no /proc (not Linux).
 */
export async function sampleOtherProcesses(opts: SampleOptions = {}): Promise<ProcessSample | null> {
  const proc = opts.proc ?? linuxProc;
  const sleep = opts.sleep ?? defaultSleep;
  let before: ReturnType<typeof snapshot>;
  try {
    before = snapshot(proc);
  } catch {
    return null;
  }
  await sleep(opts.durationMs ?? 1000);
  const after = snapshot(proc);
  // Our tree as it is at the end: children started during the window are ours too.
  const ours = processTree(opts.self ?? process.pid, [...before.processes, ...after.processes]);
  // The total counts every process, however small: forty kernel threads at 0.5% add up.
  const all = cpuShares(before, after, ours, 0);
  return { top: all.filter((p) => p.cores >= LISTED_MIN_CORES), totalCores: all.reduce((a, p) => a + p.cores, 0) };
}
