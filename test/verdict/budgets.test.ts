import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Budget } from '../../src/model/types.js';
import {
  budgetStat,
  budgetLine,
  budgetRule,
  budgetVerdicts,
  evaluateBudgets,
  patternCouldMatchSuite,
  unmatchedBudgets,
} from '../../src/verdict/budgets.js';
import { result } from './helpers.js';

const samples = [1, 2, 3, 4, 10]; // median 3, mean 4, p95 8.8, p99 9.76 (numpy linear), min 1, max 10

test('budget statistics', () => {
  const table: [Budget['stat'], number][] = [
    ['median', 3],
    ['mean', 4],
    ['p95', 8.8],
    ['p99', 9.76],
    ['min', 1],
    ['max', 10],
  ];
  for (const [stat, expected] of table) assert.ok(Math.abs(budgetStat(samples, stat) - expected) < 1e-12, stat);
  assert.ok(Number.isNaN(budgetStat([], 'median')));
});

const results = [
  result('reactivity/update-rows', samples),
  result(
    'reactivity/update-cells',
    samples.map((x) => x * 2),
  ),
  result('reactivity/create', samples),
  result('reactivity/update-rows', [60, 58, 59], { metric: 'fps', unit: 'fps', direction: 'higher', kind: 'gauge' }),
  result('reactivity/update-empty', []),
];

const cases: { budget: Budget; expected: [string, boolean][] }[] = [
  {
    budget: { benchmark: 'reactivity/update-rows', metric: 'time', stat: 'median', op: '<', limit: 3.5 },
    expected: [['reactivity/update-rows', true]],
  },
  {
    budget: { benchmark: 'reactivity/update-rows', metric: 'time', stat: 'median', op: '<', limit: 3 },
    expected: [['reactivity/update-rows', false]],
  },
  {
    budget: { benchmark: 'reactivity/update-rows', metric: 'time', stat: 'median', op: '<=', limit: 3 },
    expected: [['reactivity/update-rows', true]],
  },
  {
    budget: { benchmark: 'reactivity/update-*', metric: 'time', stat: 'p95', op: '<', limit: 10 },
    expected: [
      ['reactivity/update-rows', true],
      ['reactivity/update-cells', false],
      ['reactivity/update-empty', false],
    ],
  },
  {
    budget: { benchmark: '*', metric: 'fps', stat: 'min', op: '>=', limit: 58 },
    expected: [['reactivity/update-rows', true]],
  },
  {
    budget: { benchmark: '*', metric: 'fps', stat: 'min', op: '>', limit: 58 },
    expected: [['reactivity/update-rows', false]],
  },
  { budget: { benchmark: 'nothing/*', metric: 'time', stat: 'max', op: '<', limit: 1 }, expected: [] },
];

for (const c of cases) {
  test(`budget ${c.budget.benchmark} ${c.budget.metric} ${c.budget.stat} ${c.budget.op} ${c.budget.limit}`, () => {
    const got = evaluateBudgets([c.budget], results);
    assert.deepEqual(
      got.map((r) => [r.benchmarkId, r.passed]),
      c.expected,
    );
    for (const r of got) {
      assert.equal(r.budget, c.budget);
      assert.match(r.explanation, r.passed ? /within budget/ : /violates budget/);
    }
  });
}

test('budget explanation and budget-failed verdicts', () => {
  const budget: Budget = {
    benchmark: 'reactivity/update-*',
    metric: 'time',
    stat: 'median',
    op: '<',
    limit: 5,
    description: 'interaction budget',
  };
  const br = evaluateBudgets([budget], results);
  assert.equal(
    br.find((r) => r.benchmarkId === 'reactivity/update-cells')!.explanation,
    'reactivity/update-cells time: median 6.00 ms violates budget < 5.00 ms (interaction budget)',
  );
  const vs = budgetVerdicts(br, results);
  assert.deepEqual(
    vs.map((v) => v.benchmarkId),
    ['reactivity/update-cells', 'reactivity/update-empty'],
  );
  for (const v of vs) {
    assert.equal(v.verdict, 'budget-failed');
    assert.equal(v.metric, 'time');
    assert.equal(v.unit, 'ms');
    assert.equal(v.threshold, 5);
  }
  assert.match(vs[1]!.explanation, /no samples/);
});

test('unmatched budgets are reported', () => {
  const b1: Budget = { benchmark: 'reactivity/*', metric: 'time', stat: 'median', op: '<', limit: 1 };
  const b2: Budget = { benchmark: 'reactivty/*', metric: 'time', stat: 'median', op: '<', limit: 1 };
  assert.deepEqual(unmatchedBudgets([b1, b2], results), [b2]);
});

test('unmatched: a right pattern with a wrong metric, and a benchmark typo inside a glob', () => {
  const metricTypo: Budget = { benchmark: 'reactivity/update-rows', metric: 'tme', stat: 'median', op: '<', limit: 1 };
  const nameTypo: Budget = { benchmark: 'reactivity/updte-*', metric: 'time', stat: 'median', op: '<', limit: 1 };
  const fps: Budget = { benchmark: '*', metric: 'fps', stat: 'min', op: '>=', limit: 30 };
  assert.deepEqual(unmatchedBudgets([metricTypo, nameTypo, fps], results), [metricTypo, nameTypo]);
  assert.deepEqual(unmatchedBudgets([fps], []), [fps]);
  assert.deepEqual(unmatchedBudgets([], results), []);
});

test('unmatched with a scope: a budget of an existing suite the run did not measure is not reported', () => {
  const scope = { measured: ['reactivity'], known: ['diffing', 'reactivity', 'wasm'] };
  const wasm: Budget = {
    benchmark: 'wasm/runtime-bundle*',
    metric: 'totalWasmBytes',
    stat: 'max',
    op: '<=',
    limit: 51200,
  };
  const suiteTypo: Budget = { benchmark: 'reactvity/update-rows', metric: 'time', stat: 'median', op: '<', limit: 1 };
  const nameTypo: Budget = { benchmark: 'reactivity/updte-rows', metric: 'time', stat: 'median', op: '<', limit: 1 };
  const anySuite: Budget = { benchmark: 'wa*', metric: 'bytes', stat: 'max', op: '<', limit: 1 };
  const good: Budget = { benchmark: 'reactivity/update-*', metric: 'time', stat: 'p95', op: '<', limit: 10 };
  assert.deepEqual(unmatchedBudgets([wasm, suiteTypo, nameTypo, anySuite, good], results, scope), [
    suiteTypo,
    nameTypo,
  ]);
  // Once wasm is measured, its budgets must match.
  assert.deepEqual(unmatchedBudgets([wasm, anySuite], results, { ...scope, measured: ['reactivity', 'wasm'] }), [
    wasm,
    anySuite,
  ]);
  // Without a scope every budget that matches nothing is reported.
  assert.deepEqual(unmatchedBudgets([wasm, suiteTypo], results), [wasm, suiteTypo]);
});

test('patternCouldMatchSuite reads the literal prefix of a pattern', () => {
  const table: [string, string, boolean][] = [
    ['reactivity/update-*', 'reactivity', true],
    ['reactivity/update-*', 'react', false],
    ['reactivity/*', 'reactivityx', false],
    ['react*', 'reactivity', true],
    ['react*', 'memo', false],
    ['*', 'memo', true],
    ['*/deep-propagation', 'memo', true],
    ['memo', 'memo', true],
    ['wasm/runtime-bundle?opt=O3', 'wasm', true],
  ];
  for (const [pattern, suite, expected] of table)
    assert.equal(patternCouldMatchSuite(pattern, suite), expected, `${pattern} ${suite}`);
});

test('budgetLine names pattern, metric, rule and description in one line; budgetRule the rule with its unit', () => {
  assert.equal(budgetRule({ stat: 'median', op: '<', limit: 5 }, 'ms'), 'median < 5 ms');
  assert.equal(
    budgetLine({ benchmark: 'reactvity/*', metric: 'time', stat: 'p95', op: '<', limit: 1 }),
    'reactvity/* time p95 < 1',
  );
  assert.equal(
    budgetLine({
      benchmark: 'wasm/*',
      metric: 'totalWasmBytes',
      stat: 'max',
      op: '<=',
      limit: 51200,
      description: 'bundle < 50 KB',
    }),
    'wasm/* totalWasmBytes max <= 51200 (bundle < 50 KB)',
  );
});
