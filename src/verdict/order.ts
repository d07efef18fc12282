/**
 * The one order of verdict kinds, used to sort verdicts (every table and report lists them in
 * sortVerdicts' order) and to list counts ("1 regressed, 2 unchanged").
 *
 * What needs attention first: what fails the check (regressed, budget-failed, errored), then what
 * could not be decided and needs a look (missing, inconclusive, new: a benchmark with no baseline
 * has no verdict yet), then good news (improved), then what needs nothing (unchanged).
 */
import type { Severity, Verdict, VerdictKind } from '../model/types.js';

export const VERDICT_ORDER: readonly VerdictKind[] = [
  'regressed',
  'budget-failed',
  'errored',
  'missing',
  'inconclusive',
  'new',
  'improved',
  'unchanged',
];

/** Position of a kind in VERDICT_ORDER: 0 is the most urgent. */
export function verdictRank(kind: VerdictKind): number {
  return VERDICT_ORDER.indexOf(kind);
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, major: 1, minor: 2 };

/** Bad-direction factor of a verdict's comparison (1 when there is none). */
function factorOf(v: Verdict): number {
  const r = v.comparison?.ratio;
  if (r === undefined || Number.isNaN(r)) return 1;
  return v.direction === 'lower' ? r : r === 0 ? Infinity : 1 / r;
}

/**
 * Worst first, by VERDICT_ORDER; regressions by severity (critical, major, minor), then larger
 * factor first; ties by benchmark id and metric. Returns a new array.
 */
export function sortVerdicts(verdicts: readonly Verdict[]): Verdict[] {
  return verdicts
    .slice()
    .sort(
      (a, b) =>
        verdictRank(a.verdict) - verdictRank(b.verdict) ||
        (a.verdict === 'regressed' && b.verdict === 'regressed'
          ? SEVERITY_ORDER[a.severity ?? 'minor'] - SEVERITY_ORDER[b.severity ?? 'minor'] || factorOf(b) - factorOf(a)
          : 0) ||
        (a.benchmarkId < b.benchmarkId ? -1 : a.benchmarkId > b.benchmarkId ? 1 : 0) ||
        (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0),
    );
}
