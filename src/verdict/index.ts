/** Verdict rules, thresholds, budgets and environment checks (see each module for the reasoning). */
export {
  badFactor,
  decide,
  decideCounter,
  explainComparison,
  severityOf,
  undecidableReason,
  VERDICT_TOLERANCE,
  type CounterOptions,
} from './decide.js';
export { decideAll, type DecideAllOptions } from './decide-all.js';
export { resultKey } from '../model/ids.js';
export { sortVerdicts, verdictRank, VERDICT_ORDER } from './order.js';
export {
  budgetStat,
  budgetVerdicts,
  budgetLine,
  budgetRule,
  evaluateBudgets,
  patternCouldMatchSuite,
  unmatchedBudgets,
  type BudgetScope,
} from './budgets.js';
export { checkExitCode, exitCodeFor, FAILING_VERDICTS, type ExitDecision, type GateOutcome } from './exit-code.js';
export {
  COMPARED_ENVIRONMENT_FIELDS,
  environmentDiff,
  formatEnvironmentDiff,
  type ComparedEnvironmentField,
  type EnvironmentDifference,
} from './environment.js';
export {
  DEFAULT_THRESHOLDS,
  resolveThresholds,
  suiteOf,
  type ThresholdContext,
  type ThresholdOverride,
  type ThresholdResolver,
} from './thresholds.js';
export { globMatch, globToRegExp } from './glob.js';
