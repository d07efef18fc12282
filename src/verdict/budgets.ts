/**
 * Performance budgets: absolute limits on a statistic of the candidate's samples, independent of
 * any baseline (e.g. "reactivity/update-* time median < 2 ms"). They catch slow drift that no
 * single comparison flags, and they work on the first run of a new benchmark.
 *
 * Statistics are computed from the raw samples as in summary.ts (median and percentiles by linear
 * interpolation, R type 7). The benchmark is a glob (`*` wildcard, see glob.ts) and the metric an
 * exact name (BudgetResult carries no metric, so a metric glob would be ambiguous); a budget applies
 * to every matching result. A matching result without samples fails its budget (the value
 * cannot be shown to be within the limit).
 */
import { max, mean, min, quantileSorted } from 'simple-statistics';
import type { Budget, BudgetResult, MetricResult, Verdict } from '../model/types.js';
import { formatValue } from '../model/format.js';
import { globMatch } from './glob.js';

/** A budget statistic of `samples` (NaN when empty). */
export function budgetStat(samples: readonly number[], stat: Budget['stat']): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = samples.slice().sort((a, b) => a - b);
  switch (stat) {
    case 'median':
      return quantileSorted(sorted, 0.5);
    case 'p95':
      return quantileSorted(sorted, 0.95);
    case 'p99':
      return quantileSorted(sorted, 0.99);
    case 'mean':
      return mean(sorted);
    case 'max':
      return max(sorted);
    case 'min':
      return min(sorted);
  }
}

function holds(value: number, op: Budget['op'], limit: number): boolean {
  switch (op) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
  }
}

/** Every (budget, matching result) pair, in budget order then result order. */
export function evaluateBudgets(budgets: readonly Budget[], results: readonly MetricResult[]): BudgetResult[] {
  const out: BudgetResult[] = [];
  for (const budget of budgets) {
    for (const r of results) {
      if (!globMatch(budget.benchmark, r.benchmarkId) || budget.metric !== r.metric) continue;
      const value = budgetStat(r.samples, budget.stat);
      const passed = !Number.isNaN(value) && holds(value, budget.op, budget.limit);
      const shown = Number.isNaN(value) ? 'no samples' : formatValue(value, r.unit);
      const explanation =
        `${r.benchmarkId} ${r.metric}: ${budget.stat} ${shown} ${passed ? 'within' : 'violates'} budget ` +
        `${budget.op} ${formatValue(budget.limit, r.unit)}` +
        (budget.description ? ` (${budget.description})` : '');
      out.push({ budget, benchmarkId: r.benchmarkId, value, passed, explanation });
    }
  }
  return out;
}

/** Suites a run measured and the suites that exist: what a budget could have matched. */
export interface BudgetScope {
  measured: readonly string[];
  known: readonly string[];
}

/**
 * Whether a benchmark pattern can match ids of suite `suite` (ids are `suite/name?params`): decided
 * on the literal text before the first `*`. An over-approximation for patterns that start with `*`.
 */
export function patternCouldMatchSuite(pattern: string, suite: string): boolean {
  const star = pattern.indexOf('*');
  const prefix = star < 0 ? pattern : pattern.slice(0, star);
  const slash = prefix.indexOf('/');
  if (slash >= 0) return prefix.slice(0, slash) === suite;
  return star < 0 ? prefix === suite : suite.startsWith(prefix);
}

/**
 * Budgets that matched no result (likely a typo in the pattern or the metric): such a budget would
 * pass silently forever. With a scope, a budget whose pattern names only existing suites that the
 * run did not measure is left out (it had nothing to match in this run); one naming no existing
 * suite is kept, since that is a typo too. A `--filter` that left out the benchmark is not seen.
 */
export function unmatchedBudgets(
  budgets: readonly Budget[],
  results: readonly MetricResult[],
  scope?: BudgetScope,
): Budget[] {
  return budgets.filter((b) => {
    if (results.some((r) => globMatch(b.benchmark, r.benchmarkId) && b.metric === r.metric)) return false;
    if (!scope) return true;
    const suites = scope.known.filter((s) => patternCouldMatchSuite(b.benchmark, s));
    return suites.length === 0 || suites.some((s) => scope.measured.includes(s));
  });
}

/** A budget's rule in words, e.g. `median < 5 ms`. */
export function budgetRule(b: Pick<Budget, 'stat' | 'op' | 'limit'>, unit = ''): string {
  return `${b.stat} ${b.op} ${b.limit}${unit ? ` ${unit}` : ''}`;
}

/** A whole budget in one line (pattern, metric, rule, why), for a warning or an error. */
export function budgetLine(b: Budget): string {
  return `${b.benchmark} ${b.metric} ${budgetRule(b)}${b.description ? ` (${b.description})` : ''}`;
}

/** `budget-failed` verdicts for the failed budget results; unit and direction come from `results`. */
export function budgetVerdicts(budgetResults: readonly BudgetResult[], results: readonly MetricResult[]): Verdict[] {
  const out: Verdict[] = [];
  for (const br of budgetResults) {
    if (br.passed) continue;
    const r = results.find((x) => x.benchmarkId === br.benchmarkId && x.metric === br.budget.metric);
    out.push({
      benchmarkId: br.benchmarkId,
      metric: br.budget.metric,
      unit: r?.unit ?? '',
      direction: r?.direction ?? (br.budget.op.startsWith('<') ? 'lower' : 'higher'),
      verdict: 'budget-failed',
      explanation: br.explanation,
      threshold: br.budget.limit,
    });
  }
  return out;
}
