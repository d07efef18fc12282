/**
 * Versioned JSON report, for tools and dashboards. The layout is documented field by field in
 * docs/report-json-schema.md; bump REPORT_SCHEMA_VERSION on any change that is not adding an
 * optional field. Non-finite numbers (NaN, ±Infinity) become `null`, as JSON.stringify does, since
 * JSON has no representation for them.
 */
import type { BudgetResult, Run, Verdict, VerdictKind } from '../model/types.js';
import { failedBudgets, verdictCounts, type ReportData, type ReportDistribution, type ReportSeries } from './model.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportJsonV1 {
  schemaVersion: 1;
  generator: { name: 'jepsh-bench'; version: string };
  generatedAt: string;
  run: Run;
  baseline: { name: string | null; run: Run | null };
  summary: {
    verdicts: Record<VerdictKind, number>;
    budgetsTotal: number;
    budgetsFailed: number;
    /** Regressed + budget-failed verdicts + failed budgets: the JUnit failure count. */
    failures: number;
  };
  envWarnings: string[];
  verdicts: Verdict[];
  budgets: BudgetResult[];
  series: ReportSeries[];
  runs: Run[];
  distributions: ReportDistribution[];
}

export function toReportJson(data: ReportData): ReportJsonV1 {
  const counts = verdictCounts(data.verdicts);
  const budgetsFailed = failedBudgets(data.budgets).length;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'jepsh-bench', version: data.harnessVersion },
    generatedAt: data.generatedAt,
    run: data.run,
    baseline: { name: data.baselineName, run: data.baselineRun },
    summary: {
      verdicts: counts,
      budgetsTotal: data.budgets.length,
      budgetsFailed,
      failures: counts.regressed + counts['budget-failed'] + budgetsFailed,
    },
    envWarnings: data.envWarnings,
    verdicts: data.verdicts,
    budgets: data.budgets,
    series: data.series,
    runs: data.runs,
    distributions: data.distributions,
  };
}

/** The JSON report as text (2-space indented, trailing newline). */
export function renderJson(data: ReportData): string {
  return `${JSON.stringify(toReportJson(data), null, 2)}\n`;
}
