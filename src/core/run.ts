/**
 * `run`: bundle suites -> list benchmarks -> S sessions (core/sessions.ts: a fresh renderer
 * process per suite page, seeded random benchmark order) -> merge sessions -> store the run in one
 * transaction. A failure marks the run failed (exit 3 for infrastructure) and Ctrl-C marks it
 * aborted (exit 130); neither leaves results. The same plan measures two sides for `ab`
 * (core/ab.ts), and the stored `rounds` of a result are its samples per session.
 */
import { checkedSuiteFiles } from './suite-check.js';
import { assignShards, shardGroup, type Shard, type ShardOptions } from './shard.js';
import { recentDurations } from '../store/durations.js';
import { quickMachineProbe } from '../doctor/quick.js';
import { gitInfo } from './git.js';
import { AbortedError, EnvironmentError, JepshError, UsageError, errorMessage } from '../model/errors.js';
import { Session, bundleSuites, type Progress, type SuiteBundle } from '../browser/session.js';
import { measureSessions, type MeasuredSide, type SuitePlan } from './sessions.js';
import { passesOf, sessionSamplesOf, storedSampling, type PassRules } from './passes.js';
import type { PhaseClock } from './phase-clock.js';
import { packageRoot } from '../model/paths.js';
import { CONTROLS_SUITE } from '../controls/suite.js';
import { join } from 'node:path';
import { appendMatchingRounds, mergeRounds } from './rounds.js';
import type { Store, BenchmarkStatus } from '../store/store.js';
import type { BenchmarkInfo, Environment, MetricResult, Run } from '../model/types.js';
import type { PageBenchmark, PageOutcome, SamplingOptions } from '../suite/protocol.js';
import { SAMPLING_DEFAULTS, samplingTotals } from '../config/sampling.js';

/**
 * Totals per benchmark and side over all sessions (split between them), warm-up per session: the
 * `sampling` defaults of the config schema (src/config/schema.ts), which a config or the flags
 * override (cli/sampling.ts). minSampleMs is the runner's calibration floor, not a setting.
 */
// 32 samples: 2 per session at 16 sessions. Only the DOM operations of 30-900 ms reach the minimum
// (fast ones take ~100 ms of samples); a third sample there cost ~3 s of a paired session.
export const DEFAULT_SAMPLING: SamplingOptions = { ...samplingTotals(SAMPLING_DEFAULTS), minSampleMs: 1 };
/** Sessions per run (docs/statistics.md: many short sessions beat a few long ones); from the schema too. */
export const DEFAULT_ROUNDS: number = SAMPLING_DEFAULTS.sessions;

export interface RunOptions {
  suites: string[];
  suitesDir: string;
  filter?: RegExp | undefined;
  /** Totals per benchmark over all rounds (samples and time are split between rounds). */
  sampling: SamplingOptions;
  /** Sessions, each a fresh renderer process per suite page (default DEFAULT_ROUNDS). */
  rounds?: number | undefined;
  /** Passes per session by benchmark id or glob (config `sampling.passes`, core/passes.ts); default 1. */
  passes?: PassRules | undefined;
  /** Minimum samples per session and pass by benchmark id or glob (config `sampling.sessionSamples`). */
  sessionSamples?: PassRules | undefined;
  /** Adds the session loop's wall time by phase to this clock (`run` and `check` print where it went). */
  phases?: PhaseClock | undefined;
  /** `--inject-delay`: busy-wait fraction added to every timed sample (power measurements). */
  injectDelay?: number | undefined;
  /** Seed of the benchmark order in each session. */
  seed?: number | undefined;
  /** Measure the machine-speed controls (src/controls) in every session; default true. */
  controls?: boolean | undefined;
  browser?: string | undefined;
  /** `--shard K/N`: measure only this shard's benchmarks (core/shard.ts); the controls always. */
  shard?: Shard | undefined;
  /**
   * `--benchmark-timeout`: time limit of one benchmark in one session, ms (default from the sampling,
   * core/sessions.ts).
   */
  benchmarkTimeoutMs?: number | undefined;
  label?: string | null | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: Progress) => void) | undefined;
  /**
   * Called with the measured results before they are stored: `check --auto` uses it to add
   * rounds to undecided benchmarks.
   */
  beforeCommit?: ((m: Measured, more: MoreSamples) => Promise<void>) | undefined;
}

export interface Measured {
  benchmarks: BenchmarkInfo[];
  statuses: BenchmarkStatus[];
  results: MetricResult[];
}

/** Runs `sessions` more sessions of the given ids and appends their samples (time and gauges). */
export type MoreSamples = (ids: string[], sessions: number) => Promise<void>;

export interface RunOutcome {
  run: Run;
  measured: Measured;
}

function toInfo(suite: string, b: PageBenchmark): BenchmarkInfo {
  const info: BenchmarkInfo = { id: b.id, suite, name: b.name, params: b.params };
  if (b.description) info.description = b.description;
  return info;
}

/** Sampling of one session: the totals split over `rounds` sessions, never below 2 samples per session. */
export function perRound(sampling: SamplingOptions, rounds: number): SamplingOptions {
  return {
    ...sampling,
    minSamples: Math.max(2, Math.ceil(sampling.minSamples / rounds)),
    minTimeMs: sampling.minTimeMs / rounds,
  };
}

/** The benchmarks a run measures, listed by the page (the authority on what a suite contains). */
export interface Listing {
  plan: SuitePlan[];
  infos: Map<string, BenchmarkInfo>;
}

export async function listBenchmarks(
  bundles: SuiteBundle[],
  opts: Pick<RunOptions, 'filter' | 'browser' | 'signal'>,
): Promise<Listing> {
  // The controls are never filtered out: every session measures the machine's speed.
  const select = (suite: string, b: PageBenchmark) =>
    suite === CONTROLS_SUITE || !opts.filter || opts.filter.test(b.id);
  const plan: SuitePlan[] = [];
  const infos = new Map<string, BenchmarkInfo>();
  const lister = await Session.start(bundles, { browser: opts.browser, signal: opts.signal });
  try {
    for (const b of bundles) {
      const listed = (await lister.list(b.file.name)).filter((x) => select(b.file.name, x));
      for (const x of listed) infos.set(x.id, toInfo(b.file.name, x));
      if (listed.length) plan.push({ suite: b.file.name, ids: listed.map((x) => x.id) });
    }
  } finally {
    await lister.close();
  }
  if ([...infos.values()].every((i) => i.suite === CONTROLS_SUITE))
    throw new UsageError(`no benchmark matches --filter ${opts.filter?.source ?? ''}`);
  return { plan, infos };
}

/**
 * This shard's part of a listing: the benchmarks assigned to `shard`, weighted by the store's
 * recent durations, plus the controls, which every shard measures (they tell each runner's drift).
 */
export function shardListing(listing: Listing, shard: Shard, weights: ReadonlyMap<string, number>): Listing {
  const ids = [...listing.infos.values()].filter((i) => i.suite !== CONTROLS_SUITE).map((i) => i.id);
  const assigned = assignShards(ids, shard.count, (id) => weights.get(id));
  const mine = (suite: string, id: string) => suite === CONTROLS_SUITE || assigned.get(id) === shard.index;
  const plan = listing.plan
    .map((p) => ({ suite: p.suite, ids: p.ids.filter((id) => mine(p.suite, id)) }))
    .filter((p) => p.ids.length > 0);
  const infos = new Map([...listing.infos].filter(([id, info]) => mine(info.suite, id)));
  if ([...infos.values()].every((i) => i.suite === CONTROLS_SUITE))
    throw new UsageError(`shard ${shard.index}/${shard.count} has no benchmarks: there are only ${ids.length}`);
  return { plan, infos };
}

/** The listing a run measures: the page's, cut to `--shard` when given. */
export async function listForRun(
  store: Store,
  bundles: SuiteBundle[],
  opts: Pick<RunOptions, 'filter' | 'browser' | 'signal' | 'shard'>,
): Promise<Listing> {
  const listing = await listBenchmarks(bundles, opts);
  return opts.shard ? shardListing(listing, opts.shard, recentDurations(store.db)) : listing;
}

/** One side's merged results: the benchmarks it ran, their statuses and results. */
export function mergeSide(infos: Map<string, BenchmarkInfo>, outcomes: Map<string, PageOutcome[]>): Measured {
  const measured: Measured = { benchmarks: [], statuses: [], results: [] };
  for (const [id, list] of outcomes) {
    const info = infos.get(id);
    if (!info || list.length === 0) continue;
    const merged = mergeRounds(id, list);
    measured.benchmarks.push(info);
    measured.statuses.push(merged.status);
    measured.results.push(...merged.results);
  }
  return measured;
}

/** The machine-speed controls, bundled like a suite (src/controls/suite.ts). */
export function controlsFile(): { name: string; path: string } {
  return { name: CONTROLS_SUITE, path: join(packageRoot(), 'src', 'controls', 'suite.ts') };
}

/**
 * Appends more sessions, session by session, to a side's results. A benchmark that failed in one
 * of them adds nothing: its extra sessions are dropped, and in an A/B the two sides' session counts
 * then differ, which the verdict reports as inconclusive.
 */
export function appendSessions(into: Measured, byId: Map<string, PageOutcome[]>): void {
  for (const [id, list] of byId) {
    if (!list.every((o) => o.ok)) continue;
    for (const o of list) appendMatchingRounds(into.results, mergeRounds(id, [o]).results);
  }
}

export function validSessions(rounds: number): number {
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new UsageError(`--sessions must be a whole number >= 1, got ${rounds}`);
  return rounds;
}

export async function runSuites(store: Store, opts: RunOptions): Promise<RunOutcome> {
  const files = await checkedSuiteFiles(opts.suitesDir, opts.suites);
  const sessions = validSessions(opts.rounds ?? DEFAULT_ROUNDS);
  const passes = passesOf(opts.passes);
  const sessionSamples = sessionSamplesOf(opts.sessionSamples);
  const bundles = await bundleSuites(opts.controls === false ? files : [...files, controlsFile()]);
  const git = gitInfo();
  const shard: ShardOptions | undefined = opts.shard && {
    ...opts.shard,
    group: shardGroup(git.commit, opts.label ?? null),
  };
  const run = store.createRun({
    git,
    label: opts.label ?? null,
    suites: files.map((f) => f.name),
    options: {
      sampling: opts.sampling,
      sessions,
      ...storedSampling(opts.passes, opts.sessionSamples),
      filter: opts.filter?.source ?? null,
      ...(opts.injectDelay ? { injectDelay: opts.injectDelay } : {}),
      ...(shard && { shard }),
    },
  });
  let environment: Environment | null = null;
  const warnings: string[] = [];
  try {
    // Is something else using the CPU? Recorded with the run (doctor's quick probe, ~1 s, beside the listing).
    const machine = quickMachineProbe();
    const { plan, infos } = await listForRun(store, bundles, opts);
    warnings.push(...(await machine));
    const side: MeasuredSide = { key: 'head', bundles, injectDelay: opts.injectDelay };
    const innerFor: Record<string, number> = {};
    const common = {
      sides: [side],
      sampling: perRound(opts.sampling, sessions),
      passes,
      sessionSamples,
      innerFor,
      seed: opts.seed,
      browser: opts.browser,
      benchmarkTimeoutMs: opts.benchmarkTimeoutMs,
      phases: opts.phases,
      signal: opts.signal,
      onProgress: opts.onProgress,
    };
    const first = await measureSessions({ ...common, plan, sessions });
    environment = first.environment;
    warnings.push(...first.warnings);
    const measured = mergeSide(infos, first.outcomes.get('head')!);

    if (opts.beforeCommit) {
      let taken = sessions;
      const more: MoreSamples = async (ids, extra) => {
        const wanted = new Set(ids);
        const subPlan = plan
          .map((p) => ({ suite: p.suite, ids: p.ids.filter((id) => wanted.has(id)) }))
          .filter((p) => p.ids.length > 0);
        const got = await measureSessions({ ...common, plan: subPlan, sessions: extra, firstSession: taken });
        taken += extra;
        appendSessions(measured, got.outcomes.get('head')!);
      };
      await opts.beforeCommit(measured, more);
    }
    if (environment && !environment.crossOriginIsolated)
      warnings.push('the page was not cross-origin isolated: timers are coarse (100 us)');
    store.completeRun(run.id, { environment: environment!, ...measured, warnings });
    return { run: store.getRun(run.id)!, measured };
  } catch (e) {
    const err =
      e instanceof JepshError ? e : opts.signal?.aborted ? new AbortedError() : new EnvironmentError(errorMessage(e));
    // The store may have marked it failed already (a fault while committing): then a second write
    // would only wait out a lock again.
    if (store.getRun(run.id)?.status === 'running')
      store.endRun(run.id, err instanceof AbortedError ? 'aborted' : 'failed', err.message, { environment, warnings });
    throw err;
  }
}
