/**
 * Process exit code of a gating command (`check`, paired or stored, `compare`, `ab`): the one place
 * that decides it, from a small outcome (checkExitCode). README "Exit codes":
 *  - 2 under `--strict` when a budget's pattern matches no result of the run: the config is wrong
 *    (most likely a typo), so every other answer of the gate is suspect; fix it first.
 *  - 3 under `--strict-env` when the environment differs from the baseline's: the user asked that
 *    no verdict across environments be trusted, regressions included.
 *  - 1 when any verdict is `regressed`, `budget-failed` or `errored`, or `--nightly` found a new
 *    change point in the bad direction.
 *  - 3 when the control workloads show machine drift and nothing above failed: drift turns the
 *    statistical verdicts inconclusive (drift.ts), so a pass would hide any regression. A failure
 *    that drift cannot explain (a counter change, an errored benchmark, a failed budget, a nightly
 *    alert) still exits 1, the more specific answer.
 *  - 0 otherwise.
 *
 * Why `errored` fails: a benchmark that crashed or returned a wrong answer in the candidate could
 * hide any regression, so a gate that passes it would pass broken code. `missing`, `inconclusive`
 * and `new` are reported but do not fail: a renamed or added benchmark, or one that needs more
 * sessions to be decided, does not block a merge on its own (`check --auto` takes more sessions
 * for inconclusive ones).
 */
import type { Verdict, VerdictKind } from '../model/types.js';

/** Verdict kinds that fail a check; the markdown headline and the JUnit test cases count the same ones. */
export const FAILING_VERDICTS: ReadonlySet<VerdictKind> = new Set<VerdictKind>([
  'regressed',
  'budget-failed',
  'errored',
]);

/** What a gating command found, reduced to what decides its exit code. */
export interface GateOutcome {
  verdicts: readonly Pick<Verdict, 'verdict'>[];
  /** `--nightly`: alerts (bad-direction change points in the newest runs). */
  nightlyRegressions?: number;
  /** `--strict-env` was given. */
  strictEnv?: boolean;
  /** The environment difference from the baseline, one line; absent when they match. */
  envDifference?: string | undefined;
  /** Machine drift seen by the control workloads, one line; absent when none. */
  drift?: string | undefined;
  /** `--strict` was given. */
  strict?: boolean;
  /** Budgets that matched no result of the run, one description each. */
  unmatchedBudgets?: readonly string[];
}

export interface ExitDecision {
  code: 0 | 1 | 2 | 3;
  /** Why, in one line: the error message for 2 and 3. */
  reason: string;
}

function failureSummary(verdicts: readonly Pick<Verdict, 'verdict'>[], nightly: number): string {
  const counts = new Map<VerdictKind, number>();
  for (const v of verdicts)
    if (FAILING_VERDICTS.has(v.verdict)) counts.set(v.verdict, (counts.get(v.verdict) ?? 0) + 1);
  const parts = [...FAILING_VERDICTS].filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${k}`);
  if (nightly > 0) parts.push(`${nightly} nightly change point(s) in the bad direction`);
  return parts.join(', ');
}

/** Pure: the exit code of a gating command and its reason (see the module comment for the order). */
export function checkExitCode(outcome: GateOutcome): ExitDecision {
  const unmatched = outcome.unmatchedBudgets ?? [];
  if (outcome.strict && unmatched.length > 0) {
    return {
      code: 2,
      reason:
        `--strict: ${unmatched.length} budget(s) match no result of the run ` +
        `(a typo in the pattern or metric?): ${unmatched.join('; ')}`,
    };
  }
  if (outcome.strictEnv && outcome.envDifference) return { code: 3, reason: `--strict-env: ${outcome.envDifference}` };
  const failures = failureSummary(outcome.verdicts, outcome.nightlyRegressions ?? 0);
  if (failures) return { code: 1, reason: failures };
  if (outcome.drift) return { code: 3, reason: outcome.drift };
  return { code: 0, reason: 'no regression, failed budget, errored benchmark or nightly change' };
}

/** The verdicts' part of checkExitCode: 1 when any verdict fails a check, else 0. */
export function exitCodeFor(verdicts: readonly Pick<Verdict, 'verdict'>[]): 0 | 1 {
  return checkExitCode({ verdicts }).code === 1 ? 1 : 0;
}
