/**
 * Process exit code of a check or compare: 1 when any verdict is `regressed`, `budget-failed` or
 * `errored`, else 0. This is the one place that decides which verdicts fail a check.
 *
 * Why `errored` fails: a benchmark that crashed or returned a wrong answer in the candidate could
 * hide any regression, so a gate that passes it would pass broken code. `missing`, `inconclusive`
 * and `new` are reported but do not fail: a renamed or added benchmark, or one that needs more
 * sessions to be decided, does not block a merge on its own (`check --auto` takes more sessions
 * for inconclusive ones).
 */
import type { Verdict, VerdictKind } from '../core/types.js';

/** Verdict kinds that fail a check. */
export const FAILING_VERDICTS: ReadonlySet<VerdictKind> = new Set<VerdictKind>(['regressed', 'budget-failed', 'errored']);

export function exitCodeFor(verdicts: readonly Pick<Verdict, 'verdict'>[]): 0 | 1 {
  return verdicts.some((v) => FAILING_VERDICTS.has(v.verdict)) ? 1 : 0;
}
