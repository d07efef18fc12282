/**
 * How a gating command (`check`, `compare`, `ab`) ends: the comparison reduced to a GateOutcome,
 * unmatched budgets warned about on stderr, and the exit code from the one pure rule
 * (verdict/exit-code.ts checkExitCode); 2 and 3 are thrown, so main prints their one line.
 */
import type { CompareOutcome } from '../core/compare.js';
import type { Budget } from '../model/types.js';
import { EnvironmentError, UsageError } from '../model/errors.js';
import { findSuites } from '../browser/bundle.js';
import { budgetLine, unmatchedBudgets } from '../verdict/budgets.js';
import { checkExitCode, type GateOutcome } from '../verdict/exit-code.js';

export interface GateOptions {
  budgets: readonly Budget[];
  /** Folder of suite files: the suites that exist, so a budget of a suite not run is not reported. */
  suitesDir: string;
  strict?: boolean;
  strictEnv?: boolean;
  nightlyRegressions?: number;
  /** `--filter` narrowed the run: a budget may match nothing by design, so none is reported. */
  filtered?: boolean;
  /** Benchmarks that failed in the run; with no comparison (`check --nightly` alone) they still fail the check. */
  errored?: readonly string[];
}

function knownSuites(dir: string): string[] {
  try {
    return findSuites(dir).map((f) => f.name);
  } catch {
    // No suites folder (compare of stored runs needs none): judge every budget.
    return [];
  }
}

export function gateOutcome(comparison: CompareOutcome | null, opts: GateOptions): GateOutcome {
  const unmatched =
    comparison && !opts.filtered
      ? unmatchedBudgets(opts.budgets, comparison.candidateResults, {
          measured: comparison.candidate.suites,
          known: knownSuites(opts.suitesDir),
        })
      : [];
  return {
    // A comparison already holds an `errored` verdict per failed benchmark.
    verdicts: comparison?.verdicts ?? (opts.errored ?? []).map(() => ({ verdict: 'errored' as const })),
    nightlyRegressions: opts.nightlyRegressions ?? 0,
    strictEnv: opts.strictEnv ?? false,
    envDifference: comparison?.envDiffs.length ? comparison.envWarnings[0] : undefined,
    drift: comparison?.drift?.message,
    strict: opts.strict ?? false,
    unmatchedBudgets: unmatched.map(budgetLine),
  };
}

/** Warns about unmatched budgets (unless --strict makes them the error), then exits per checkExitCode. */
export function exitGate(
  outcome: GateOutcome,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): void {
  if (!outcome.strict) {
    for (const b of outcome.unmatchedBudgets ?? [])
      warn(
        `warning: budget ${b} matches no result of the run (a typo in the pattern or metric?); ` +
          '--strict makes this an error',
      );
  }
  const decision = checkExitCode(outcome);
  if (decision.code === 2) throw new UsageError(decision.reason);
  if (decision.code === 3) throw new EnvironmentError(decision.reason);
  process.exitCode = decision.code;
}
