import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { exactJson, pinnedOutputs } from './pinned-outputs.js';

const FIXTURE = new URL('../fixtures/stats/pinned-outputs.json', import.meta.url);

test('verdicts, comparisons and bootstrap intervals are exactly the pinned ones', () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const expected = JSON.parse(text) as Record<string, unknown>;
  const actual = JSON.parse(exactJson(pinnedOutputs())) as Record<string, unknown>;
  assert.deepEqual(Object.keys(actual), Object.keys(expected));
  // Case by case first, so a failure names the case and the field.
  for (const key of Object.keys(expected)) assert.deepStrictEqual(actual[key], expected[key], key);
  // Then the text, which also holds the order of every object's fields (what a JSON report prints).
  assert.equal(`${exactJson(actual)}\n`, text);
});

test('the pinned cases reach every session method and verdict', () => {
  // Guards against the inputs silently losing the paths the fixture is meant to pin.
  const outputs = pinnedOutputs() as Record<string, { verdict: string; comparison?: { method?: string } }[]>;
  const all = Object.entries(outputs)
    .filter(([k]) => k.startsWith('decideAll'))
    .flatMap(([, v]) => v);
  const methods = new Set(all.map((v) => v.comparison?.method).filter(Boolean));
  for (const m of [
    'rank-sum-log',
    'signed-rank-log',
    'welch-log',
    'paired-log',
    'welch-diff',
    'paired-diff',
    'poisson-rate',
  ])
    assert.ok(methods.has(m), `no ${m} comparison`);
  const verdicts = new Set(all.map((v) => v.verdict));
  for (const v of ['regressed', 'improved', 'unchanged', 'inconclusive', 'new', 'missing', 'errored'])
    assert.ok(verdicts.has(v), `no ${v} verdict`);
  assert.ok(
    all.some((v) => (v.comparison as { modes?: unknown } | undefined)?.modes),
    'no comparison looked through two modes',
  );
});
