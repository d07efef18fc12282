/**
 * Process exit code of a check: 1 when any verdict is `regressed` or `budget-failed`, else 0.
 * `errored`, `missing`, `inconclusive` and `new` are reported but do not fail the check, so that a
 * flaky or renamed benchmark does not block a merge on its own; a caller that wants them to fail can
 * inspect the verdicts itself.
 */
import type { Verdict } from '../core/types.js';

export function exitCodeFor(verdicts: readonly Pick<Verdict, 'verdict'>[]): 0 | 1 {
  return verdicts.some((v) => v.verdict === 'regressed' || v.verdict === 'budget-failed') ? 1 : 0;
}
