/**
 * Sampling flags shared by `run`, `check`, `ab`, `bisect`, `calibrate` and `power`. Each flag
 * overrides the config's `sampling` section, whose defaults come from the schema.
 */
import type { Argv } from 'yargs';
import { DEFAULT_ROUNDS, DEFAULT_SAMPLING } from '../core/run.js';
import { SAMPLING_DEFAULTS, samplingTotals, type SamplingConfig } from '../config/sampling.js';
import { UsageError } from '../model/errors.js';
import { parseShard } from '../core/shard.js';
import type { SamplingOptions } from '../suite/protocol.js';
import type { RunOptions } from '../core/run.js';
import type { Config } from '../config/config.js';
import { suitesDir, type GlobalArgs } from './context.js';
import { progressPrinter, type OutputOptions } from './output.js';

export interface SamplingArgs {
  samples?: number;
  time?: number;
  warmup?: number;
  sessions?: number;
  'inject-delay'?: number;
  'benchmark-timeout'?: number;
  shard?: string;
  seed?: number;
  filter?: string;
  label?: string;
}

export function samplingOptions<T>(y: Argv<T>) {
  return y
    .option('filter', { type: 'string', describe: 'only benchmarks whose id matches this regular expression' })
    .option('samples', {
      type: 'number',
      describe:
        'minimum samples per benchmark ' + `(default: sampling.samples of the config, ${DEFAULT_SAMPLING.minSamples})`,
    })
    .option('time', {
      type: 'number',
      describe:
        'minimum sampling time per benchmark, seconds (default: sampling.timeS of the config, ' +
        `${DEFAULT_SAMPLING.minTimeMs / 1000})`,
    })
    .option('warmup', {
      type: 'number',
      describe:
        'warm-up time per benchmark, seconds (default: sampling.warmupS of the config, ' +
        `${DEFAULT_SAMPLING.warmupMs / 1000})`,
    })
    .option('sessions', {
      type: 'number',
      alias: 'rounds',
      describe:
        'sessions per run, each a fresh renderer process per suite; ' +
        `samples and time are split between them (default: sampling.sessions of the config, ${DEFAULT_ROUNDS})`,
    })
    .option('inject-delay', {
      type: 'number',
      describe:
        "make every timed sample PCT% slower by busy-waiting inside the timed region (measures the gate's power; " +
        'never for real runs)',
    })
    .option('benchmark-timeout', {
      type: 'number',
      describe:
        'seconds one benchmark may take in one session before it is stopped and errored (default: ' +
        '10x its sampling time, at least 30)',
    })
    .option('seed', { type: 'number', describe: 'seed of the benchmark order in each session (default fixed)' })
    .option('label', { type: 'string', describe: 'free-text label stored with the run' });
}

function positive(name: string, v: number | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isFinite(v) || v < min) throw new UsageError(`--${name} must be a number >= ${min}, got ${v}`);
  return v;
}

/** The sampling of a run: the flags over the config's `sampling` section (default: the schema's). */
export function parseSampling(args: SamplingArgs, config: SamplingConfig = SAMPLING_DEFAULTS): SamplingOptions {
  const samples = positive('samples', args.samples, 2);
  const time = positive('time', args.time, 0);
  const warmup = positive('warmup', args.warmup, 0);
  return {
    ...DEFAULT_SAMPLING,
    ...samplingTotals(config),
    ...(samples !== undefined && { minSamples: Math.round(samples) }),
    ...(time !== undefined && { minTimeMs: time * 1000 }),
    ...(warmup !== undefined && { warmupMs: warmup * 1000 }),
  };
}

/** Sessions per run: `--sessions` over the config's `sampling.sessions` (run.ts validates the flag). */
export function parseSessions(
  args: Pick<SamplingArgs, 'sessions'>,
  config: SamplingConfig = SAMPLING_DEFAULTS,
): number {
  return args.sessions ?? config.sessions;
}

/** `--inject-delay PCT` as a fraction; 0..100 percent. */
export function parseInjectDelay(pct: number | undefined): number | undefined {
  if (pct === undefined) return undefined;
  if (!Number.isFinite(pct) || pct < 0 || pct > 100)
    throw new UsageError(`--inject-delay must be a percentage between 0 and 100, got ${pct}`);
  return pct / 100;
}

/** `--benchmark-timeout S` in ms; more than zero. */
export function parseBenchmarkTimeout(seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--benchmark-timeout must be a number of seconds > 0, got ${seconds}`);
  return seconds * 1000;
}

/** `--shard K/N` for the commands that split their benchmarks between runners (`run`, `check`). */
export function shardOption<T>(y: Argv<T>) {
  return y.option('shard', {
    type: 'string',
    describe:
      'measure only shard K of N (e.g. 1/2): a split balanced by the stored durations, ' +
      'the same on every runner that restores the same history; `merge` combines the shard runs',
  });
}

export function parseFilter(filter: string | undefined): RegExp | undefined {
  if (filter === undefined) return undefined;
  try {
    return new RegExp(filter);
  } catch (e) {
    throw new UsageError(`--filter is not a valid regular expression: ${(e as Error).message}`);
  }
}

/** The RunOptions every measuring command builds from its flags (suites default to the config's). */
export function runOptions(
  args: GlobalArgs & SamplingArgs & { suites: string[] },
  config: Config,
  out: OutputOptions,
  signal: AbortSignal,
): RunOptions {
  return {
    suites: args.suites.length ? args.suites : config.defaultSuites,
    suitesDir: suitesDir(args),
    filter: parseFilter(args.filter),
    sampling: parseSampling(args, config.sampling),
    rounds: parseSessions(args, config.sampling),
    passes: config.sampling.passes,
    sessionSamples: config.sampling.sessionSamples,
    injectDelay: parseInjectDelay(args['inject-delay']),
    seed: args.seed,
    browser: args.browser,
    benchmarkTimeoutMs: parseBenchmarkTimeout(args['benchmark-timeout']),
    shard: parseShard(args.shard),
    label: args.label ?? null,
    signal,
    onProgress: progressPrinter(out),
  };
}
