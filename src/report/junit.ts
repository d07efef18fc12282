/**
 * JUnit XML for CI systems that display test results (GitLab, Jenkins, GitHub test-report actions).
 * Layout follows the de-facto schema used by those tools (Jenkins' junit plugin / the "JUnit XML
 * format" as documented by e.g. https://github.com/testmoapp/junitxml):
 * - one `<testsuite>` per benchmark suite, one `<testcase>` per benchmark and metric
 *   (classname = suite, name = `id metric`);
 * - `regressed` and `budget-failed` verdicts are `<failure>`; `errored` is `<error>`; `missing` is
 *   `<skipped>`; the other verdicts pass, with the explanation in `<system-out>`;
 * - every budget result is its own test case (`id metric budget: <rule>`), failing when the budget
 *   failed. So the failure count is (regressed + budget-failed verdicts) + failed budgets.
 * `time` is 0: these test cases report measurements, not how long a test took.
 */
import type { BudgetResult, Verdict } from '../model/types.js';
import { escapeXml } from './escape.js';
import { FAILING_VERDICTS } from '../verdict/exit-code.js';
import { budgetRule, suiteOf, type ReportData } from './model.js';

const x = escapeXml;

interface Case {
  name: string;
  body: string;
  failure: boolean;
  error: boolean;
  skipped: boolean;
}

function verdictCase(v: Verdict): Case {
  const name = `${v.benchmarkId} ${v.metric}`;
  const kind = v.severity ? `${v.verdict} (${v.severity})` : v.verdict;
  // Every kind that fails the check fails its test case; a benchmark that crashed is JUnit's
  // `<error>` (the test could not run), the others a `<failure>` (it ran and the answer was bad).
  if (v.verdict === 'errored') {
    return {
      name,
      failure: false,
      error: true,
      skipped: false,
      body: `<error message="${x(v.explanation)}" type="errored">${x(v.explanation)}</error>`,
    };
  }
  if (FAILING_VERDICTS.has(v.verdict)) {
    return {
      name,
      failure: true,
      error: false,
      skipped: false,
      body: `<failure message="${x(`${kind}: ${v.explanation}`)}" type="${x(v.verdict)}">${x(v.explanation)}</failure>`,
    };
  }
  if (v.verdict === 'missing') {
    return {
      name,
      failure: false,
      error: false,
      skipped: true,
      body: `<skipped message="${x(`missing: ${v.explanation}`)}"/>`,
    };
  }
  return {
    name,
    failure: false,
    error: false,
    skipped: false,
    body: `<system-out>${x(`${kind}: ${v.explanation}`)}</system-out>`,
  };
}

function budgetCase(b: BudgetResult): Case {
  const name = `${b.benchmarkId} ${b.budget.metric} budget: ${budgetRule(b.budget)}`;
  return b.passed
    ? { name, failure: false, error: false, skipped: false, body: `<system-out>${x(b.explanation)}</system-out>` }
    : {
        name,
        failure: true,
        error: false,
        skipped: false,
        body:
          `<failure message="${x(`budget failed: ${b.explanation}`)}" type="budget-failed">` +
          `${x(b.explanation)}</failure>`,
      };
}

export function renderJUnit(data: ReportData): string {
  const suites = new Map<string, Case[]>();
  const add = (suite: string, c: Case): void => {
    const list = suites.get(suite);
    if (list) list.push(c);
    else suites.set(suite, [c]);
  };
  for (const v of data.verdicts) add(suiteOf(v.benchmarkId, data.series), verdictCase(v));
  for (const b of data.budgets) add(suiteOf(b.benchmarkId, data.series), budgetCase(b));

  const count = (cases: Case[], k: 'failure' | 'error' | 'skipped'): number => cases.filter((c) => c[k]).length;
  const all = [...suites.values()].flat();
  const props = [
    ['run.id', String(data.run.id)],
    ['run.uuid', data.run.uuid],
    ['run.commit', data.run.git.commit ?? ''],
    ['run.branch', data.run.git.branch ?? ''],
    ['run.label', data.run.label ?? ''],
    ['baseline.name', data.baselineName ?? ''],
    ['baseline.run', data.baselineRun ? String(data.baselineRun.id) : ''],
    ['browser', data.run.environment?.browserVersion ?? ''],
  ]
    .map(([k, v]) => `      <property name="${x(k!)}" value="${x(v!)}"/>`)
    .join('\n');
  const timestamp = x(data.run.startedAt.replace(/Z$/, ''));

  const body = [...suites.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([suite, cases]) => {
      const tcs = cases
        .map(
          (c) =>
            `    <testcase classname="${x(suite)}" name="${x(c.name)}" time="0">\n      ${c.body}\n    </testcase>`,
        )
        .join('\n');
      return (
        `  <testsuite name="${x(suite)}" tests="${cases.length}" failures="${count(cases, 'failure')}" ` +
        `errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}" time="0" timestamp="${timestamp}">\n` +
        `    <properties>\n${props}\n    </properties>\n${tcs}\n  </testsuite>`
      );
    })
    .join('\n');

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="jepsh-bench" tests="${all.length}" failures="${count(all, 'failure')}" ` +
    `errors="${count(all, 'error')}" skipped="${count(all, 'skipped')}" time="0">\n` +
    (body ? `${body}\n` : '') +
    '</testsuites>\n'
  );
}
