/**
 * Paired A/B of two versions of the code under test (`ab`, `check --base`, `bisect`, `power`).
 *
 * Both sides run in the same sessions, benchmark by benchmark, their samples interleaved in short
 * steps (core/sessions.ts), with head's suite definitions and harness and each side's own runtime
 * (browser/bundle.ts), so the only difference between a pair's halves is the code under test. The
 * statistics then pair session i of base with session i of head (a signed-rank test on the
 * per-session log ratios, stats/modes.ts): the machine's drift and its sub-second speed flips hit
 * both halves and cancel in the ratio; each process's own JIT and heap modes do not.
 *
 * Both sides are stored as runs of their own, linked by `options.ab` (group and side) and
 * completed in one transaction, so `compare`/`report` can show a stored A/B again.
 */
import { randomUUID } from 'node:crypto';
import { type SuiteFile } from '../browser/bundle.js';
import { checkedSuiteFiles } from './suite-check.js';
import { quickMachineProbe } from '../doctor/quick.js';
import { AbortedError, EnvironmentError, JepshError, errorMessage } from '../model/errors.js';
import {
  appendSessions,
  listForRun,
  mergeSide,
  perRound,
  validSessions,
  DEFAULT_ROUNDS,
  type Measured,
  type RunOptions,
} from './run.js';
import { measureSessions, type MeasuredSide } from './sessions.js';
import { PhaseClock, type PhaseTimes } from './phase-clock.js';
import { passesOf, sessionSamplesOf, storedSampling } from './passes.js';
import { budgetFloor } from './time-budget.js';
import { compareResults, erroredMap, type CompareOutcome } from './compare.js';
import type { SuiteBundle } from '../browser/session.js';
import type { Store } from '../store/store.js';
import type { Config } from '../config/config.js';
import type { ThresholdResolver } from '../verdict/thresholds.js';
import type { Environment, GitInfo, Run } from '../model/types.js';

/** One side of an A/B: where its code lives and what git says about it. */
export interface AbSideSpec {
  role: 'base' | 'head';
  root: string;
  git: GitInfo;
  /** How the user named it: `HEAD~1 (abc1234)`, `working tree`, a folder. */
  describe: string;
}

/**
 * Bundles a suite file (head's) and its app page, if any, against one side's code; null when the
 * suite cannot be built there (new API).
 */
export type SideBundler = (file: SuiteFile, side: AbSideSpec) => Promise<Pick<SuiteBundle, 'code' | 'app'> | null>;

export interface AbOptions extends Omit<RunOptions, 'beforeCommit'> {
  base: AbSideSpec;
  head: AbSideSpec;
  bundle: SideBundler;
  config: Config;
  /** Files that differ between the sides (shown with the verdicts). */
  changedFiles?: string[] | undefined;
  /**
   * Called after the planned sessions with both sides' results; may call `more(ids, n)` to add
   * sessions (check --auto's sequential design).
   */
  beforeCommit?:
    | ((
        sides: { base: Measured; head: Measured },
        more: (ids: string[], sessions: number) => Promise<void>,
      ) => Promise<void>)
    | undefined;
  /**
   * Clock value (ms) by which the sessions should be done (`--time-budget`): sessions stop early,
   * never below budgetFloor for the plan. Not with `beforeCommit`, whose own budget bounds its extra sessions.
   */
  deadlineMs?: number | undefined;
  /** Per-benchmark thresholds for the final comparison (check --auto). */
  thresholds?: () => ThresholdResolver | undefined;
  /**
   * Extra fields for each side's stored options (`run --reference` records the reference there).
   * Base's run is created first, so head's fields can name it.
   */
  storedOptions?:
    | ((role: AbSideSpec['role'], ctx: { base: AbSideSpec; baseRunId: number | null }) => Record<string, unknown>)
    | undefined;
}

export interface AbOutcome {
  baseRun: Run;
  headRun: Run;
  base: Measured;
  head: Measured;
  comparison: CompareOutcome;
  /** Suites that could not be bundled against base: their benchmarks are `new`. */
  newSuites: string[];
  /** The session loop's wall time by phase (both calls of it, with --auto's extra sessions). */
  phases: PhaseTimes;
  /** The same by benchmark (all sides, passes and sessions). */
  phasesByBenchmark: ReadonlyMap<string, PhaseTimes>;
}

export async function sideBundles(files: SuiteFile[], side: AbSideSpec, bundle: SideBundler): Promise<SuiteBundle[]> {
  const out: SuiteBundle[] = [];
  for (const file of files) {
    const built = await bundle(file, side);
    if (built !== null) out.push({ file, ...built, side: side.role });
  }
  return out;
}

export async function runAb(store: Store, opts: AbOptions): Promise<AbOutcome> {
  const files = await checkedSuiteFiles(opts.suitesDir, opts.suites);
  const sessions = validSessions(opts.rounds ?? DEFAULT_ROUNDS);
  const passes = passesOf(opts.passes);
  const sessionSamples = sessionSamplesOf(opts.sessionSamples);
  const headBundles = await sideBundles(files, opts.head, opts.bundle);
  const baseBundles = await sideBundles(files, opts.base, opts.bundle);
  const newSuites = files.filter((f) => !baseBundles.some((b) => b.file.name === f.name)).map((f) => f.name);
  const group = randomUUID();
  const options = (role: AbSideSpec['role'], baseRunId: number | null = null) => ({
    ...opts.storedOptions?.(role, { base: opts.base, baseRunId }),
    sampling: opts.sampling,
    sessions,
    ...storedSampling(opts.passes, opts.sessionSamples),
    filter: opts.filter?.source ?? null,
    ab: {
      group,
      side: role,
      base: opts.base.describe,
      head: opts.head.describe,
      changedFiles: opts.changedFiles ?? [],
    },
    ...(opts.injectDelay ? { injectDelay: opts.injectDelay } : {}),
    ...(opts.shard && { abShard: opts.shard }),
  });
  const suites = files.map((f) => f.name);
  const baseRun = store.createRun({ git: opts.base.git, label: opts.label ?? null, suites, options: options('base') });
  const headRun = store.createRun({
    git: opts.head.git,
    label: opts.label ?? null,
    suites,
    options: options('head', baseRun.id),
  });
  let environment: Environment | null = null;
  const warnings: string[] = [];
  const phases = new PhaseClock();
  try {
    const machine = quickMachineProbe(); // recorded with the runs: is something else using the CPU?
    // Head's suite definitions decide what is measured, on both sides.
    const { plan, infos } = await listForRun(store, headBundles, opts);
    warnings.push(...(await machine));
    const sides: MeasuredSide[] = [
      { key: 'base', bundles: baseBundles },
      { key: 'head', bundles: headBundles, injectDelay: opts.injectDelay },
    ];
    const innerFor: Record<string, number> = {};
    const common = {
      sides,
      phases,
      sampling: perRound(opts.sampling, sessions),
      passes,
      sessionSamples,
      innerFor,
      seed: opts.seed,
      browser: opts.browser,
      benchmarkTimeoutMs: opts.benchmarkTimeoutMs,
      signal: opts.signal,
      onProgress: opts.onProgress,
    };
    const deadline =
      opts.deadlineMs === undefined
        ? undefined
        : {
            atMs: opts.deadlineMs,
            minSessions: Math.min(
              sessions,
              budgetFloor(
                plan.reduce((n, p) => n + p.ids.length, 0),
                opts.config.thresholds.alpha,
              ),
            ),
            now: Date.now,
          };
    const got = await measureSessions({ ...common, plan, sessions, deadline });
    environment = got.environment;
    warnings.push(...got.warnings);
    const base = mergeSide(infos, got.outcomes.get('base')!);
    const head = mergeSide(infos, got.outcomes.get('head')!);
    // A benchmark that cannot run on base (it needs an API base lacks) is `new`, not an error.
    const baseFailed = new Set(base.statuses.filter((s) => !s.ok).map((s) => s.benchmarkId));
    if (baseFailed.size) {
      warnings.push(`could not run on base (measured as new): ${[...baseFailed].join(', ')}`);
      base.results = base.results.filter((r) => !baseFailed.has(r.benchmarkId));
    }

    if (opts.beforeCommit) {
      let taken = got.sessionsTaken;
      await opts.beforeCommit({ base, head }, async (ids, extra) => {
        const wanted = new Set(ids);
        const subPlan = plan
          .map((p) => ({ suite: p.suite, ids: p.ids.filter((id) => wanted.has(id)) }))
          .filter((p) => p.ids.length > 0);
        const more = await measureSessions({ ...common, plan: subPlan, sessions: extra, firstSession: taken });
        taken += extra;
        appendSessions(base, more.outcomes.get('base')!);
        appendSessions(head, more.outcomes.get('head')!);
      });
    }
    if (environment && !environment.crossOriginIsolated)
      warnings.push('the page was not cross-origin isolated: timers are coarse (100 us)');
    store.completeRuns([
      [baseRun.id, { environment: environment!, ...base, warnings }],
      [headRun.id, { environment: environment!, ...head, warnings }],
    ]);
    const stored = { base: store.getRun(baseRun.id)!, head: store.getRun(headRun.id)! };
    const comparison = compareResults(
      stored.head,
      head.results,
      erroredMap(head.statuses),
      { label: opts.base.describe, runs: [stored.base], results: base.results, environment },
      opts.config,
      { paired: true, ...(opts.thresholds?.() && { thresholds: opts.thresholds()! }) },
    );
    return {
      baseRun: stored.base,
      headRun: stored.head,
      base,
      head,
      comparison,
      newSuites,
      phases: phases.ms,
      phasesByBenchmark: phases.byBenchmark,
    };
  } catch (e) {
    const err =
      e instanceof JepshError ? e : opts.signal?.aborted ? new AbortedError() : new EnvironmentError(errorMessage(e));
    for (const run of [baseRun, headRun]) {
      if (store.getRun(run.id)?.status === 'running')
        store.endRun(run.id, err instanceof AbortedError ? 'aborted' : 'failed', err.message, {
          environment,
          warnings,
        });
    }
    throw err;
  }
}
