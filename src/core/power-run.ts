/**
 * Measures the pool of `power` (analysis/power.ts): P sessions of the same code on the sides A, A0
 * and one per injected delay, with the sampling of a normal check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { median } from 'simple-statistics';
import { checkedSuiteFiles } from './suite-check.js';
import { bundleSuites } from '../browser/session.js';
import { listBenchmarks, mergeSide, perRound, validSessions, type RunOptions } from './run.js';
import { measureSessions, type MeasuredSide, type SessionsResult } from './sessions.js';
import { passesOf, sessionSamplesOf } from './passes.js';
import { AA_SIDE, REFERENCE_SIDE, delaySide, type PoolSide } from '../analysis/power.js';
import { UsageError } from '../model/errors.js';
import type { BenchmarkInfo, Environment } from '../model/types.js';

export interface Pool {
  /** When and on what the pool was measured (quoted with every figure). */
  measuredAt: string;
  environment: Environment | null;
  sessions: number;
  /** Sampling totals per benchmark for `trialSessions` sessions, as a check would use. */
  trialSessions: number;
  sides: PoolSide[];
  costs: Record<string, { sessionMs: number; sampleMs: number }>;
}

export interface PoolOptions extends Omit<RunOptions, 'beforeCommit' | 'injectDelay'> {
  poolSessions: number;
  /** Sessions per trial: the sampling per session is that of a check with this many sessions. */
  trialSessions: number;
  delays: number[];
}

/** A pool's sessions as measured: one outcome per session, by side and benchmark id. */
export interface PoolOutcomes {
  measuredAt: string;
  sessions: number;
  trialSessions: number;
  sides: MeasuredSide[];
  infos: Map<string, BenchmarkInfo>;
  got: SessionsResult;
}

export async function measurePool(opts: PoolOptions): Promise<Pool> {
  return poolFrom(await measurePoolOutcomes(opts));
}

export async function measurePoolOutcomes(opts: PoolOptions): Promise<PoolOutcomes> {
  const files = await checkedSuiteFiles(opts.suitesDir, opts.suites);
  const sessions = validSessions(opts.poolSessions);
  const bundles = await bundleSuites(files);
  const { plan, infos } = await listBenchmarks(bundles, opts);
  const sides: MeasuredSide[] = [
    { key: REFERENCE_SIDE, bundles },
    { key: AA_SIDE, bundles },
    ...opts.delays.map((d) => ({ key: delaySide(d), bundles, injectDelay: d / 100 })),
  ];
  const measuredAt = new Date().toISOString();
  const got = await measureSessions({
    sides,
    plan,
    sessions,
    sampling: perRound(opts.sampling, opts.trialSessions),
    passes: passesOf(opts.passes),
    sessionSamples: sessionSamplesOf(opts.sessionSamples),
    innerFor: {},
    seed: opts.seed,
    browser: opts.browser,
    benchmarkTimeoutMs: opts.benchmarkTimeoutMs,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  return { measuredAt, sessions, trialSessions: opts.trialSessions, sides, infos, got };
}

/** The pool of measured sessions: each side's merged results and each benchmark's costs. */
export function poolFrom(m: PoolOutcomes): Pool {
  const { got } = m;
  const costs: Pool['costs'] = {};
  for (const [id, list] of got.outcomes.get(REFERENCE_SIDE)!) {
    const time = list
      .map((o) => o.metrics.find((m) => m.metric === 'time' && m.kind === 'time'))
      .filter((m) => m !== undefined);
    if (time.length === 0) continue;
    const sampleMs = median(time.map((m) => median(m.samples) * m.innerIterations));
    const sessionMs = median(list.map((o, i) => o.durationMs - (time[i] ? time[i].samples.length * sampleMs : 0)));
    costs[id] = { sessionMs: Math.max(0, sessionMs), sampleMs };
  }
  return {
    measuredAt: m.measuredAt,
    environment: got.environment,
    sessions: m.sessions,
    trialSessions: m.trialSessions,
    sides: m.sides.map((s) => ({
      key: s.key,
      delayPct: Math.round((s.injectDelay ?? 0) * 100),
      results: mergeSide(m.infos, got.outcomes.get(s.key)!).results,
    })),
    costs,
  };
}

export function savePool(file: string, pool: Pool): void {
  writeFileSync(file, JSON.stringify(pool));
}

export function loadPool(file: string): Pool {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Pool;
  } catch (e) {
    throw new UsageError(`cannot read the power pool ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}
