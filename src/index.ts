/**
 * The core API behind the CLI (package export `jepsh-bench`): tests and scripts call these
 * directly; the CLI in src/cli is a thin layer of flags and formatting over them.
 */
export * from './model/types.js';
export { JepshError, UsageError, EnvironmentError, AbortedError } from './model/errors.js';
export { Store } from './store/store.js';
export { summarize } from './stats/summary.js';
export { runSuites, DEFAULT_SAMPLING, type RunOptions, type RunOutcome } from './core/run.js';
export { check, type CheckOptions, type CheckOutcome } from './core/check.js';
export {
  compareStored,
  compareResults,
  resolveBaseline,
  poolResults,
  type CompareOutcome,
  type Baseline,
} from './core/compare.js';
export { calibrate, type CalibrationRow } from './core/calibrate.js';
export { listSuites } from './core/list.js';
export { checkSuites } from './core/suite-check.js';
export { validateSuite, formatProblems, type SuiteProblem } from './suite/validate.js';
export { loadConfig, parseConfig, type Config } from './config/config.js';
export { buildSeries, reportData } from './core/report-data.js';
export {
  defineSuite,
  bench,
  type SuiteDef,
  type BenchmarkDef,
  type BenchContext,
  type SetupContext,
} from './suite/api.js';
export * as verdict from './verdict/index.js';
export * as report from './report/index.js';
