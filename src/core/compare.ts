/**
 * Comparison of a candidate run against a baseline: what `compare`, `check` and `report` share.
 * Resolves the baseline (a run, a named baseline, or the last K runs of a branch pooled), then
 * hands results to the pure verdict rules and adds budgets and environment differences.
 */
import type { BudgetResult, Environment, MetricResult, Run, Verdict } from '../model/types.js';
import type { BenchmarkStatus, Store, StoredResult } from '../store/store.js';
import type { Config } from '../config/config.js';
import { UsageError } from '../model/errors.js';
import { decideAll } from '../verdict/decide-all.js';
import { evaluateBudgets } from '../verdict/budgets.js';
import { environmentDiff, formatEnvironmentDiff, type EnvironmentDifference } from '../verdict/environment.js';
import { resultKey } from '../model/ids.js';
import { appendRounds } from './rounds.js';
import type { ThresholdResolver } from '../verdict/thresholds.js';
import { applyDrift, detectDrift, isControl, type Drift } from '../verdict/drift.js';

export interface Baseline {
  /** How the user named it: `main`, `42`, `branch:main`. */
  label: string;
  runs: Run[];
  results: MetricResult[];
  /** Environment of the newest baseline run. */
  environment: Environment | null;
}

export interface CompareOutcome {
  candidate: Run;
  baseline: Baseline;
  verdicts: Verdict[];
  budgets: BudgetResult[];
  envDiffs: EnvironmentDifference[];
  envWarnings: string[];
  candidateResults: MetricResult[];
  /** Machine drift seen in the controls (stored-baseline comparisons only); verdicts already account for it. */
  drift: Drift | null;
}

/**
 * Pools the results of several runs: samples of time and gauge metrics are concatenated (more
 * data for the same code), counters come from the newest run (they are exact, not samples).
 */
export function poolResults(perRun: MetricResult[][]): MetricResult[] {
  const pooled = new Map<string, MetricResult>();
  for (const results of perRun) {
    for (const r of results) {
      const key = resultKey(r);
      const prev = pooled.get(key);
      // Each run's rounds stay clusters of their own: runs differ at least as much as rounds do.
      if (!prev || r.kind === 'counter')
        pooled.set(key, {
          ...r,
          samples: [...r.samples],
          ...(r.kind !== 'counter' && { rounds: [...(r.rounds ?? [r.samples.length])] }),
        });
      else appendRounds(prev, r);
    }
  }
  return [...pooled.values()];
}

/**
 * A run's results for a comparison (or calibrate), which need raw samples: a run whose samples
 * `prune` reduced to session values (store/retention.ts) is refused by name instead of giving
 * sample statistics of medians.
 */
export function rawResults(store: Store, run: Run): StoredResult[] {
  const results = store.getResults(run.id);
  if (results.some((r) => r.pruned))
    throw new UsageError(
      `run ${run.id} was pruned (jepsh-bench prune kept one value per session of its samples); ` +
        'use a run that kept its samples, such as a baseline or a recent run',
    );
  return results;
}

/** Resolves `--against`: a run id / uuid prefix / baseline name, or `branch:NAME` (last K complete runs). */
export function resolveBaseline(store: Store, against: string, config: Config, excludeRunId?: number): Baseline {
  if (against.startsWith('branch:')) {
    const branch = against.slice('branch:'.length);
    if (!branch) throw new UsageError('--against branch:NAME needs a branch name');
    const runs = store
      .listRuns({ status: 'complete', branch, limit: config.branchRuns + 1 })
      .filter((r) => r.id !== excludeRunId)
      .slice(0, config.branchRuns);
    if (runs.length === 0) throw new UsageError(`no complete runs of branch "${branch}" to compare against`);
    return {
      label: against,
      runs,
      results: poolResults(runs.map((r) => rawResults(store, r))),
      environment: runs[0]!.environment,
    };
  }
  const run = store.resolveRun(against);
  if (run.status !== 'complete') throw new UsageError(`run ${run.id} is ${run.status}; compare against a complete run`);
  return { label: against, runs: [run], results: rawResults(store, run), environment: run.environment };
}

export interface CompareResultsOptions {
  /** Session i of the baseline was measured beside session i of the candidate (an A/B). */
  paired?: boolean;
  /** Thresholds per benchmark instead of the config's (check --auto: each at its stopping look's alpha). */
  thresholds?: ThresholdResolver;
}

/** The failed benchmarks of a stored run, with their errors. */
function erroredOf(store: Store, runId: number): Map<string, string | null> {
  return new Map(
    store
      .getBenchmarks(runId)
      .filter((b) => !b.ok)
      .map((b) => [b.id, b.error]),
  );
}

/** The failed benchmarks of a run being measured, with their errors. */
export function erroredMap(statuses: readonly BenchmarkStatus[]): Map<string, string | undefined> {
  return new Map(statuses.filter((s) => !s.ok).map((s) => [s.benchmarkId, s.error]));
}

export function compareResults(
  candidate: Run,
  candidateResults: MetricResult[],
  errored: ReadonlyMap<string, string | null | undefined>,
  baseline: Baseline,
  config: Config,
  opts: CompareResultsOptions = {},
): CompareOutcome {
  const settings = {
    thresholds: opts.thresholds ?? config.thresholds,
    overrides: opts.thresholds ? [] : config.overrides,
    paired: opts.paired ?? false,
    test: config.sessionTest,
  };
  // The machine-speed controls are not benchmarks: they decide whether the machine drifted (verdict/drift.ts).
  const split = (rs: MetricResult[]) =>
    [rs.filter((r) => !isControl(r.benchmarkId)), rs.filter((r) => isControl(r.benchmarkId))] as const;
  const [baseResults, baseControls] = split(baseline.results);
  const [candResults, candControls] = split(candidateResults);
  const drift =
    baseControls.length && candControls.length ? detectDrift(decideAll(baseControls, candControls, settings)) : null;
  const verdicts = applyDrift(
    decideAll(baseResults, candResults, { ...settings, errored, budgets: config.budgets }),
    drift,
  );
  const envDiffs = environmentDiff(baseline.environment, candidate.environment);
  const envWarnings = envDiffs.length
    ? [`${formatEnvironmentDiff(envDiffs)} (baseline ${baseline.label} vs candidate run ${candidate.id})`]
    : [];
  if (baseline.runs.some((r) => r.id === candidate.id))
    envWarnings.push(`the candidate run ${candidate.id} is part of the baseline ${baseline.label}: an A/A comparison`);
  if (drift) envWarnings.push(drift.message);
  return {
    candidate,
    baseline,
    verdicts,
    budgets: evaluateBudgets(config.budgets, candResults),
    envDiffs,
    envWarnings,
    candidateResults,
    drift,
  };
}

/**
 * Compares a stored run against a baseline. Without `against`, a run that is one side of a stored
 * A/B is compared with the other side, paired, exactly as the A/B was (head against base).
 */
export function compareStored(
  store: Store,
  candidateRef: string | undefined,
  against: string | undefined,
  config: Config,
): CompareOutcome {
  let candidate = store.resolveRun(candidateRef);
  if (candidate.status !== 'complete')
    throw new UsageError(`run ${candidate.id} is ${candidate.status}; only complete runs can be compared`);
  if (against === undefined) {
    const ab = store.abPeer(candidate.id);
    if (!ab) throw new UsageError(`run ${candidate.id} is not part of an A/B; give --against NAME|RUN|branch:NAME`);
    const [head, base] = ab.side === 'head' ? [ab.run, ab.peer] : [ab.peer, ab.run];
    candidate = head;
    const errored = erroredOf(store, head.id);
    const baseline: Baseline = {
      label: `base run ${base.id}${base.git.commit ? ` (${base.git.commit.slice(0, 10)})` : ''}`,
      runs: [base],
      results: rawResults(store, base),
      environment: base.environment,
    };
    return compareResults(candidate, rawResults(store, head), errored, baseline, config, { paired: true });
  }
  const baseline = resolveBaseline(store, against, config, candidate.id);
  const errored = erroredOf(store, candidate.id);
  return compareResults(candidate, rawResults(store, candidate), errored, baseline, config);
}
