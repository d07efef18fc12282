/**
 * `run`: bundle suites -> R rounds, each in a fresh browser (suites in rotated order, a fresh page
 * per suite) -> merge rounds -> store the run in one transaction. A failure marks the run failed
 * (exit 3 for infrastructure) and Ctrl-C marks it aborted (exit 130); neither leaves results.
 *
 * Why rounds: samples taken in one browser session share its JIT decisions, heap layout and
 * machine state, so they vary far less than two sessions do. Spreading the samples over several
 * fresh browsers puts that session-to-session variation into the data, where the statistics can
 * see it (stats/bootstrap.ts resamples rounds).
 */
import { findSuites, selectSuites } from '../browser/bundle.js';
import { gitInfo } from './git.js';
import { buildEnvironment } from './environment.js';
import { AbortedError, EnvironmentError, JepshError, UsageError, errorMessage } from './errors.js';
import { Session, bundleSuites, type Progress, type SuiteBundle } from './session.js';
import { appendRound, mergeRounds } from './rounds.js';
import type { Store, BenchmarkStatus } from '../store/store.js';
import type { BenchmarkInfo, Environment, MetricResult, Run } from './types.js';
import type { PageBenchmark, PageOutcome, SamplingOptions } from '../suite/protocol.js';

export const DEFAULT_SAMPLING: SamplingOptions = { minSamples: 30, minTimeMs: 1000, warmupMs: 200, minSampleMs: 1 };
export const DEFAULT_ROUNDS = 3;

export interface RunOptions {
  suites: string[];
  suitesDir: string;
  filter?: RegExp | undefined;
  /** Totals per benchmark over all rounds (samples and time are split between rounds). */
  sampling: SamplingOptions;
  /** Rounds, each in a fresh browser (default 3). */
  rounds?: number | undefined;
  browser?: string | undefined;
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

/** Runs one more round (fresh browser) of the given ids and appends its samples (time and gauges). */
export type MoreSamples = (ids: string[], sampling: SamplingOptions) => Promise<void>;

export interface RunOutcome {
  run: Run;
  measured: Measured;
}

function toInfo(suite: string, b: PageBenchmark): BenchmarkInfo {
  const info: BenchmarkInfo = { id: b.id, suite, name: b.name, params: b.params };
  if (b.description) info.description = b.description;
  return info;
}

/** Sampling of one round: the totals split over `rounds`, never below 2 samples per round. */
export function perRound(sampling: SamplingOptions, rounds: number): SamplingOptions {
  return { ...sampling, minSamples: Math.max(2, Math.ceil(sampling.minSamples / rounds)), minTimeMs: sampling.minTimeMs / rounds };
}

interface RoundPlan {
  suite: string;
  ids: Set<string>;
}

/** Rotates the suite order by round, so no suite always runs first (or last) in a browser. */
export function rotate<T>(items: T[], by: number): T[] {
  if (items.length === 0) return items;
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export async function runSuites(store: Store, opts: RunOptions): Promise<RunOutcome> {
  const files = selectSuites(findSuites(opts.suitesDir), opts.suites);
  if (files.length === 0) throw new UsageError(`no suites in ${opts.suitesDir}`);
  const rounds = opts.rounds ?? DEFAULT_ROUNDS;
  if (!Number.isInteger(rounds) || rounds < 1) throw new UsageError(`--rounds must be a whole number >= 1, got ${rounds}`);
  const bundles = await bundleSuites(files);
  const run = store.createRun({
    git: gitInfo(),
    label: opts.label ?? null,
    suites: files.map((f) => f.name),
    options: { sampling: opts.sampling, rounds, filter: opts.filter?.source ?? null },
  });
  let environment: Environment | null = null;
  const warnings: string[] = [];
  const elapsed: number[] = [];

  /** One round in a fresh browser over `plan`; returns outcomes by id. */
  async function round(bundlesToServe: SuiteBundle[], plan: RoundPlan[], sampling: SamplingOptions, index: number, offset: number, total: number): Promise<Map<string, PageOutcome>> {
    const s = await Session.start(bundlesToServe, { browser: opts.browser, signal: opts.signal });
    try {
      const out = new Map<string, PageOutcome>();
      let off = offset;
      for (const p of rotate(plan, index)) {
        const pass = await s.runSuite(p.suite, (b) => p.ids.has(b.id), sampling, { offset: off, total, onProgress: opts.onProgress, elapsed, round: index });
        off += p.ids.size;
        for (const o of pass.outcomes) out.set(o.id, o);
      }
      environment ??= buildEnvironment(s.browserVersion, s.launchFlags, s.pageEnvironment!);
      for (const w of s.warnings) if (!warnings.includes(w)) warnings.push(w);
      return out;
    } finally {
      await s.close();
    }
  }

  try {
    // List benchmarks once (in a browser: the page is the authority on what a suite contains).
    const select = (b: PageBenchmark) => !opts.filter || opts.filter.test(b.id);
    const plan: RoundPlan[] = [];
    const infos = new Map<string, BenchmarkInfo>();
    const lister = await Session.start(bundles, { browser: opts.browser, signal: opts.signal });
    try {
      for (const f of files) {
        const listed = (await lister.list(f.name)).filter(select);
        for (const b of listed) infos.set(b.id, toInfo(f.name, b));
        if (listed.length) plan.push({ suite: f.name, ids: new Set(listed.map((b) => b.id)) });
      }
    } finally {
      await lister.close();
    }
    if (infos.size === 0) throw new UsageError(`no benchmark matches --filter ${opts.filter?.source ?? ''}`);

    const sampling = perRound(opts.sampling, rounds);
    const perId = new Map<string, PageOutcome[]>([...infos.keys()].map((id) => [id, []]));
    const innerFor: Record<string, number> = {};
    for (let r = 0; r < rounds; r++) {
      const outcomes = await round(bundles, plan, { ...sampling, innerFor }, r, r * infos.size, rounds * infos.size);
      for (const [id, o] of outcomes) {
        perId.get(id)!.push(o);
        const time = o.metrics.find((m) => m.kind === 'time' && m.metric === 'time');
        if (r === 0 && time) innerFor[id] = time.innerIterations;
      }
    }

    const measured: Measured = { benchmarks: [...infos.values()], statuses: [], results: [] };
    for (const [id, outcomes] of perId) {
      const merged = mergeRounds(id, outcomes);
      measured.statuses.push(merged.status);
      measured.results.push(...merged.results);
    }

    if (opts.beforeCommit) {
      let extra = 0;
      const more: MoreSamples = async (ids, moreSampling) => {
        const wanted = new Set(ids);
        const subPlan = plan.map((p) => ({ suite: p.suite, ids: new Set([...p.ids].filter((id) => wanted.has(id))) })).filter((p) => p.ids.size > 0);
        const outcomes = await round(bundles, subPlan, { ...perRound(moreSampling, rounds), samplesOnly: true, innerFor }, rounds + extra++, 0, ids.length);
        const results: MetricResult[] = [];
        for (const o of outcomes.values()) if (o.ok) results.push(...mergeRounds(o.id, [o]).results);
        appendRound(measured.results, results);
      };
      await opts.beforeCommit(measured, more);
    }
    if (environment && !(environment as Environment).crossOriginIsolated) warnings.push('the page was not cross-origin isolated: timers are coarse (100 us)');
    store.completeRun(run.id, { environment: environment!, ...measured, warnings });
    return { run: store.getRun(run.id)!, measured };
  } catch (e) {
    const err = e instanceof JepshError ? e : opts.signal?.aborted ? new AbortedError() : new EnvironmentError(errorMessage(e));
    store.endRun(run.id, err instanceof AbortedError ? 'aborted' : 'failed', err.message, { environment, warnings });
    throw err;
  }
}
