/**
 * `jepsh-bench doctor`'s judgement: facts about the machine in, one finding per check out, each
 * with a status, the measured value and a one-line fix. Pure: the facts are gathered elsewhere
 * (proc.ts, probe.ts, the command), so every threshold is unit tested with made-up machines.
 *
 * Boundaries: a value exactly at a limit counts on the better side ("warn above 10%": 10% is ok).
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { formatValue } from '../model/format.js';
import type { ProcessSample, ProcessShare } from './proc.js';

export type Status = 'ok' | 'warn' | 'fail';

export type CheckName =
  'browser' | 'isolation' | 'timer' | 'cpu' | 'governor' | 'load' | 'processes' | 'memory' | 'disk' | 'stability';

export interface Finding {
  check: CheckName;
  status: Status;
  /** What was measured, for a person: `2 cores`, `45% of a core: node 40%`. */
  value: string;
  /** What to do about it; null when the finding is ok. */
  fix: string | null;
}

/** The browser as found and launched, or why not. */
export type BrowserFacts = { path: string; version: string } | { path?: string; error: string };

/** A probe that gave no value: `skipped` when a check it depends on failed first (the browser). */
export interface Unmeasured {
  error: string;
  skipped?: boolean;
}

/** What a page from the local server (COOP/COEP, as the harness serves suites) saw. */
export interface PageFacts {
  crossOriginIsolated: boolean;
  timerResolutionMs: number;
}

export interface StabilityFacts {
  /** Median time per operation of the fixed loop, one value per fresh page, in ms. */
  pageMs: number[];
}

export interface MachineFacts {
  browser: BrowserFacts;
  page: PageFacts | Unmeasured;
  cpu: { model: string; cores: number };
  /** scaling_governor of each core; null when the kernel does not expose cpufreq (most VMs). */
  governors: string[] | null;
  /** 1-minute load average and the cores it is shared by. */
  load: { one: number; cores: number };
  /** null where /proc cannot be read (not Linux). */
  processes: ProcessSample | null;
  memory: { freeBytes: number };
  disk: { path: string; freeBytes: number } | { path: string; error: string };
  stability: StabilityFacts | Unmeasured;
}

/** performance.now() grain: 5 us in an isolated page; coarser than 10 us is not the isolated timer. */
export const TIMER_WARN_MS = 0.01;
/** Coarser than a non-isolated page's 100 us: something coarsens the timer on purpose. */
export const TIMER_FAIL_MS = 0.1;
/** With one core, the browser's own processes take turns with the renderer being measured. */
export const MIN_CORES = 2;
/** 1-minute load per core: above half, runs compete for cores; above one, tasks are queueing. */
export const LOAD_WARN_PER_CORE = 0.5;
/** Other processes' CPU use, in cores (summed: ten processes at 9% take as much as one at 90%). */
export const PROCESSES_WARN_CORES = 0.1;
export const PROCESSES_FAIL_CORES = 0.5;
/** Free memory: a run holds one browser and one page at a time, a few hundred MiB. */
export const MEMORY_WARN_BYTES = 1024 ** 3;
export const MEMORY_FAIL_BYTES = 512 * 1024 ** 2;
/** Free disk for the database folder: runs take little, but SQLite needs room to write. */
export const DISK_WARN_BYTES = 1024 ** 3;
export const DISK_FAIL_BYTES = 100 * 1024 ** 2;
/** Coefficient of variation of a fixed loop's time between fresh pages. */
export const STABILITY_WARN_CV = 0.05;
export const STABILITY_FAIL_CV = 0.15;
/** How many other programs the processes finding names. */
export const LISTED_PROCESSES = 3;

const finding = (check: CheckName, status: Status, value: string, fix: string | null = null): Finding => ({
  check,
  status,
  value,
  fix: status === 'ok' ? null : fix,
});

/** Status of a value that is worse when higher. */
export function gradeHigh(value: number, warnAbove: number, failAbove: number): Status {
  return value > failAbove ? 'fail' : value > warnAbove ? 'warn' : 'ok';
}

/** Status of a value that is worse when lower. */
export function gradeLow(value: number, warnBelow: number, failBelow: number): Status {
  return value < failBelow ? 'fail' : value < warnBelow ? 'warn' : 'ok';
}

const bytes = (b: number): string => formatValue(b, 'bytes');
const pctOfCore = (cores: number): string => `${Math.round(cores * 100)}%`;
const isUnmeasured = (x: object): x is Unmeasured => 'error' in x;

function unmeasured(check: CheckName, u: Unmeasured): Finding {
  // A skipped probe repeats the failure that stopped it; that failure already fails the run.
  return u.skipped ? finding(check, 'warn', 'not measured', u.error) : finding(check, 'fail', 'probe failed', u.error);
}

export function browserFinding(b: BrowserFacts): Finding {
  if ('error' in b) return finding('browser', 'fail', b.path ? `${b.path} did not start` : 'not found', b.error);
  return finding('browser', 'ok', `${b.version} (${b.path})`);
}

export function isolationFinding(page: PageFacts | Unmeasured): Finding {
  if (isUnmeasured(page)) return unmeasured('isolation', page);
  if (page.crossOriginIsolated) return finding('isolation', 'ok', 'cross-origin isolated');
  return finding(
    'isolation',
    'fail',
    'not cross-origin isolated',
    'the COOP/COEP headers did not reach the page: check for a proxy or browser policy in between ' +
      '(timings fall back to a 100 us timer)',
  );
}

export function timerFinding(page: PageFacts | Unmeasured): Finding {
  if (isUnmeasured(page)) return unmeasured('timer', page);
  const ms = page.timerResolutionMs;
  const status = Number.isFinite(ms) ? gradeHigh(ms, TIMER_WARN_MS, TIMER_FAIL_MS) : 'fail';
  return finding(
    'timer',
    status,
    `performance.now() grain ${formatValue(ms, 'ms')}`,
    'a coarse timer: use a current Chromium without timer-coarsening flags, in a cross-origin isolated page (5 us)',
  );
}

export function cpuFinding(cpu: MachineFacts['cpu']): Finding {
  const value = `${cpu.model}, ${cpu.cores} core${cpu.cores === 1 ? '' : 's'}`;
  if (cpu.cores >= MIN_CORES) return finding('cpu', 'ok', value);
  return finding(
    'cpu',
    'warn',
    value,
    `measure on ${MIN_CORES} or more cores: the browser's own processes share the measured renderer's core`,
  );
}

export function governorFinding(governors: string[] | null): Finding {
  if (governors === null || governors.length === 0) return finding('governor', 'ok', 'not exposed (VM)');
  const others = [...new Set(governors.filter((g) => g !== 'performance'))];
  if (others.length === 0)
    return finding('governor', 'ok', `performance on ${governors.length} of ${governors.length} cores`);
  const slow = governors.filter((g) => g !== 'performance').length;
  const value = `${others.join(', ')} on ${slow} of ${governors.length} cores`;
  return finding(
    'governor',
    'warn',
    value,
    'pin the clock: cpupower frequency-set -g performance (the clock otherwise follows the load)',
  );
}

export function loadFinding(load: MachineFacts['load']): Finding {
  const perCore = load.one / Math.max(1, load.cores);
  // Warn at most: the 1-minute average lags by minutes (it still read 3.27 on 2 cores right after a
  // test run had ended, with nothing else running); the processes check measures the present.
  const status = perCore > LOAD_WARN_PER_CORE ? 'warn' : 'ok';
  const value = `1-min load ${load.one.toFixed(2)} on ${load.cores} cores`;
  return finding(
    'load',
    status,
    value,
    `wait for the load to settle or stop what runs: ${load.one.toFixed(2)} tasks want ${load.cores} cores`,
  );
}

/** One program's processes together (a browser is a dozen processes), largest first. */
export interface ProgramShare {
  name: string;
  cores: number;
  pids: number[];
}

export function groupByProgram(processes: readonly ProcessShare[]): ProgramShare[] {
  const byName = new Map<string, ProgramShare>();
  for (const p of processes) {
    const g = byName.get(p.name);
    if (g) {
      g.cores += p.cores;
      g.pids.push(p.pid);
    } else byName.set(p.name, { name: p.name, cores: p.cores, pids: [p.pid] });
  }
  return [...byName.values()].sort((a, b) => b.cores - a.cores || a.name.localeCompare(b.name));
}

const programLabel = (g: ProgramShare): string =>
  g.pids.length === 1 ? `${g.name} (pid ${g.pids[0]})` : `${g.name} (${g.pids.length} processes)`;

export function processesFinding(sample: ProcessSample | null): Finding {
  if (sample === null) return finding('processes', 'ok', 'not measured (no /proc)');
  const programs = groupByProgram(sample.top);
  const named = programs.slice(0, LISTED_PROCESSES).map((g) => `${g.name} ${pctOfCore(g.cores)}`);
  const value = `others use ${pctOfCore(sample.totalCores)} of a core${named.length ? `: ${named.join(', ')}` : ''}`;
  const status = gradeHigh(sample.totalCores, PROCESSES_WARN_CORES, PROCESSES_FAIL_CORES);
  const top = programs[0];
  // Name the biggest program when it is most of the load; else say it is many small ones.
  const fix =
    top && top.cores >= sample.totalCores / 2
      ? `stop other processes: ${programLabel(top)} uses ${pctOfCore(top.cores)} of a core`
      : `stop other processes: together they use ${pctOfCore(sample.totalCores)} of a core`;
  return finding('processes', status, value, fix);
}

export function memoryFinding(memory: MachineFacts['memory']): Finding {
  const status = gradeLow(memory.freeBytes, MEMORY_WARN_BYTES, MEMORY_FAIL_BYTES);
  return finding(
    'memory',
    status,
    `${bytes(memory.freeBytes)} free`,
    'free memory: Chromium needs a few hundred MiB per page, ' +
      `and swapping distorts timings (${bytes(MEMORY_WARN_BYTES)} or more)`,
  );
}

export function diskFinding(disk: MachineFacts['disk']): Finding {
  if ('error' in disk) return finding('disk', 'warn', `${disk.path}: not measured`, disk.error);
  const status = gradeLow(disk.freeBytes, DISK_WARN_BYTES, DISK_FAIL_BYTES);
  return finding(
    'disk',
    status,
    `${bytes(disk.freeBytes)} free for ${disk.path}`,
    `free disk space for the database (${bytes(DISK_WARN_BYTES)} or more), or pass --db on another disk`,
  );
}

/** Sample standard deviation over the mean; NaN with fewer than two values. */
export function coefficientOfVariation(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values as number[]);
  const sd = sampleStandardDeviation(values as number[]);
  return sd === 0 ? 0 : sd / m;
}

export function stabilityFinding(s: StabilityFacts | Unmeasured): Finding {
  if (isUnmeasured(s)) return unmeasured('stability', s);
  const cv = coefficientOfVariation(s.pageMs);
  if (!Number.isFinite(cv))
    return finding('stability', 'fail', `${s.pageMs.length} page(s)`, 'the stability probe needs two or more pages');
  const range = `${formatValue(Math.min(...s.pageMs), 'ms')}-${formatValue(Math.max(...s.pageMs), 'ms')}`;
  const value = `CV ${(cv * 100).toFixed(1)}% over ${s.pageMs.length} fresh pages (${range} per loop)`;
  return finding(
    'stability',
    gradeHigh(cv, STABILITY_WARN_CV, STABILITY_FAIL_CV),
    value,
    'the same loop runs at different speeds from page to page: stop background work, pin the CPU clock, ' +
      'or use a quieter machine',
  );
}

/** Every finding, in the order a person reads them: the browser first, the machine, the probe last. */
export function machineFindings(f: MachineFacts): Finding[] {
  return [
    browserFinding(f.browser),
    isolationFinding(f.page),
    timerFinding(f.page),
    cpuFinding(f.cpu),
    governorFinding(f.governors),
    loadFinding(f.load),
    processesFinding(f.processes),
    memoryFinding(f.memory),
    diskFinding(f.disk),
    stabilityFinding(f.stability),
  ];
}

/** 0 when nothing fails, 3 (environment, as EnvironmentError) when something does. */
export function doctorExitCode(findings: readonly Finding[]): 0 | 3 {
  return findings.some((f) => f.status === 'fail') ? 3 : 0;
}

/** A finding as one warning line for a run's warnings: `machine load: 1-min load 1.90 on 2 cores; wait ...`. */
export function findingWarning(f: Finding): string {
  return `machine ${f.check}: ${f.value}${f.fix ? `; ${f.fix}` : ''}`;
}
