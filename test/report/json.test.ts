import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderJson, REPORT_SCHEMA_VERSION } from '../../src/report/json.js';
import { makeReportData } from './fixtures.js';

test('parses, is versioned, and carries the whole report', () => {
  const data = makeReportData();
  const parsed = JSON.parse(renderJson(data));
  assert.equal(parsed.schemaVersion, 1);
  assert.equal(REPORT_SCHEMA_VERSION, 1);
  assert.deepEqual(parsed.generator, { name: 'jepsh-bench', version: '0.1.0' });
  assert.equal(parsed.run.id, 20);
  assert.equal(parsed.baseline.name, 'main');
  assert.equal(parsed.baseline.run.id, 10);
  assert.equal(parsed.verdicts.length, data.verdicts.length);
  assert.equal(parsed.series.length, data.series.length);
  assert.equal(parsed.series[0].changePoints.length, data.series[0]!.changePoints.length);
  assert.equal(parsed.runs.length, 20);
  assert.equal(parsed.summary.verdicts.regressed, 1);
  assert.equal(parsed.summary.budgetsFailed, 1);
  assert.equal(parsed.summary.failures, 2);
});

test('non-finite numbers become null', () => {
  const data = makeReportData();
  data.budgets[0]!.value = NaN;
  const parsed = JSON.parse(renderJson(data));
  assert.equal(parsed.budgets[0].value, null);
});

test('every top-level and summary field is documented in docs/report-json-schema.md', () => {
  const doc = readFileSync(new URL('../../docs/report-json-schema.md', import.meta.url), 'utf8');
  const parsed = JSON.parse(renderJson(makeReportData()));
  for (const key of [...Object.keys(parsed), ...Object.keys(parsed.summary).map((k) => `summary.${k}`)]) {
    assert.ok(doc.includes(`\`${key}\``), `${key} is not documented`);
  }
});
