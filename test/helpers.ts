/** Shared test helpers: temp folders, the CLI as a child process, Chromium availability. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { discoverBrowser } from '../src/browser/discover.js';
import type { Environment } from '../src/model/types.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'jepsh-bench.js');

/** A plausible stored environment for store and compare tests; override what a test varies. */
export function testEnvironment(overrides: Partial<Environment> = {}): Environment {
  return {
    browserVersion: 'HeadlessChrome/156.0.0.0',
    userAgent: 'ua',
    os: 'Linux',
    cpuModel: 'cpu',
    cpuCores: 2,
    nodeVersion: 'v20',
    harnessVersion: '0.1.0',
    launchFlags: [],
    timerResolutionMs: 0.005,
    crossOriginIsolated: true,
    ...overrides,
  };
}

export function tempDir(prefix = 'jepsh-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Why browser tests must be skipped on this machine, or undefined when Chromium is there. */
/** `run` flags for one short session per benchmark, results as JSON: e2e tests that check behaviour, not speed. */
export const QUICK_RUN: readonly string[] = ['--sessions', '1', '--time', '0.05', '--samples', '2', '--json'];

export function noBrowserReason(): string | undefined {
  try {
    discoverBrowser();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI as a user would; a CLI that hangs is killed after `timeoutMs` (the test then fails on
 * its exit code). `bin`: another copy's bin/jepsh-bench.js (an installed package); default this repository's.
 */
export function cli(
  args: string[],
  opts: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    onStart?: (pid: number) => void;
    timeoutMs?: number;
    bin?: string;
  } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [opts.bin ?? BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 240_000);
    if (child.pid) opts.onStart?.(child.pid);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/**
 * What a store file holds after a fault: integrity, the runs in order, and counts of results and
 * errored benchmarks.
 */
export function storedState(db: string) {
  const raw = new Database(db, { readonly: true });
  try {
    return {
      integrity: raw.pragma('integrity_check', { simple: true }) as string,
      runs: raw.prepare('SELECT status, error, warnings FROM runs ORDER BY id').all() as Array<{
        status: string;
        error: string | null;
        warnings: string;
      }>,
      results: (raw.prepare('SELECT COUNT(*) AS n FROM results').get() as { n: number }).n,
      errored: (raw.prepare("SELECT COUNT(*) AS n FROM run_benchmarks WHERE status = 'error'").get() as { n: number })
        .n,
    };
  } finally {
    raw.close();
  }
}
