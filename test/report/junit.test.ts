import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJUnit } from '../../src/report/junit.js';
import { makeReportData } from './fixtures.js';

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

test('a testsuite per suite, a testcase per benchmark and metric plus one per budget', () => {
  const data = makeReportData();
  const xml = renderJUnit(data);
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
  assert.equal(count(xml, /<testsuite /g), 2);
  assert.match(xml, /<testsuite name="diffing" /);
  assert.match(xml, /<testsuite name="reactivity" /);
  assert.equal(count(xml, /<testcase /g), data.verdicts.length + data.budgets.length);
  assert.match(xml, /<testcase classname="diffing" name="diffing\/create-rows\?rows=1000 time" time="0">/);
  assert.match(xml, /<testcase classname="reactivity" name="reactivity\/update-signal\?n=100 time" time="0">/);
});

test('failures = regressions + budget failures, carrying the explanation; errors and skips counted', () => {
  const data = makeReportData();
  // Also a verdict of kind budget-failed, which is a failure too.
  data.verdicts.push({ ...data.verdicts[2]!, verdict: 'budget-failed', explanation: 'p95 over budget' });
  const xml = renderJUnit(data);
  const expected =
    data.verdicts.filter((v) => v.verdict === 'regressed' || v.verdict === 'budget-failed').length +
    data.budgets.filter((b) => !b.passed).length;
  assert.equal(expected, 3);
  assert.equal(count(xml, /<failure /g), expected);
  assert.match(xml, /<testsuites name="jepsh-bench" tests="11" failures="3" errors="1" skipped="1"/);
  assert.match(
    xml,
    new RegExp(
      '<failure message="regressed \\(major\\): regressed: median 1\\.25 ms → 1\\.31×, ' +
        'p_adj &lt; 0\\.01[^"]*" type="regressed">',
    ),
  );
  assert.match(xml, /<failure message="budget failed: median 1\.64 ms is not &lt; 1\.5 ms" type="budget-failed">/);
  // Per-suite counts add up to the totals.
  const perSuite = [...xml.matchAll(/<testsuite name="[^"]*" tests="(\d+)" failures="(\d+)"/g)];
  assert.equal(
    perSuite.reduce((n, m) => n + Number(m[2]), 0),
    expected,
  );
  assert.equal(
    perSuite.reduce((n, m) => n + Number(m[1]), 0),
    11,
  );
});

test('control characters are dropped and newlines kept as references', () => {
  const data = makeReportData();
  data.verdicts[0]!.explanation = 'line1\nline2\u0001\u0008end';
  const xml = renderJUnit(data);
  assert.match(xml, /message="regressed \(major\): line1&#10;line2end"/);
  assert.doesNotMatch(xml, /[\u0000-\u0008]/);
});
