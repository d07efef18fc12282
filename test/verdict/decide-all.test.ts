import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Verdict } from '../../src/core/types.js';
import { benjaminiHochberg } from '../../src/stats/benjamini-hochberg.js';
import { mannWhitneyU } from '../../src/stats/mann-whitney.js';
import { decideAll, sortVerdicts } from '../../src/verdict/decide-all.js';
import { comparison, result, spread, T } from './helpers.js';

const find = (vs: Verdict[], id: string, metric = 'time') => {
  const v = vs.find((x) => x.benchmarkId === id && x.metric === metric);
  assert.ok(v, `no verdict for ${id} ${metric}`);
  return v;
};

test('decideAll: new, missing, errored and compared results', () => {
  const base = [
    result('s/same', spread(1, 30)),
    result('s/slower', spread(1, 30)),
    result('s/gone', spread(1, 30)),
    result('s/crashed', spread(1, 30)),
    result('s/crashed-gone', spread(1, 30)),
    result('s/empty', spread(1, 30)),
    result('s/nan', spread(1, 30)),
  ];
  const cand = [
    result('s/same', spread(1, 30)),
    result('s/slower', spread(1.3, 30)),
    result('s/crashed', spread(1, 30)),
    result('s/empty', []),
    result('s/nan', [1, Number.NaN, 1]),
    result('s/added', spread(2, 30)),
  ];
  const vs = decideAll(base, cand, { errored: ['s/crashed', 's/crashed-gone'] });
  assert.equal(vs.length, 8);
  assert.equal(find(vs, 's/same').verdict, 'unchanged');
  assert.equal(find(vs, 's/slower').verdict, 'regressed');
  assert.equal(find(vs, 's/gone').verdict, 'missing');
  assert.equal(find(vs, 's/crashed').verdict, 'errored');
  assert.equal(find(vs, 's/crashed-gone').verdict, 'errored');
  assert.equal(find(vs, 's/empty').verdict, 'errored');
  assert.match(find(vs, 's/empty').explanation, /no samples/);
  assert.equal(find(vs, 's/nan').verdict, 'errored');
  assert.equal(find(vs, 's/added').verdict, 'new');
  assert.match(find(vs, 's/added').explanation, /new \(median 2\.00 ms, n=30\)/);
  // Worst first.
  assert.deepEqual(
    vs.map((v) => v.verdict),
    ['regressed', 'errored', 'errored', 'errored', 'errored', 'missing', 'new', 'unchanged'],
  );
});

test('decideAll: Benjamini-Hochberg across all statistical comparisons', () => {
  // A modest shift that is significant alone (raw p < 0.01) but not after adjusting over 20.
  const b = spread(1, 12, 0.2);
  const c = b.map((x) => x * 1.1);
  const raw = mannWhitneyU(b, c).p;
  assert.ok(raw < 0.01 && raw * 20 > 0.01, `premise: raw p = ${raw}`);

  const alone = decideAll([result('s/shift', b)], [result('s/shift', c)]);
  assert.equal(alone[0]!.verdict, 'regressed');
  assert.equal(alone[0]!.comparison!.pAdjusted, raw);

  const nulls = Array.from({ length: 19 }, (_, i) => `s/null-${String(i).padStart(2, '0')}`);
  const base = [result('s/shift', b), ...nulls.map((id) => result(id, spread(1, 12, 0.2)))];
  const cand = [result('s/shift', c), ...nulls.map((id) => result(id, spread(1, 12, 0.2)))];
  const together = decideAll(base, cand);
  const shifted = find(together, 's/shift');
  assert.equal(shifted.verdict, 'inconclusive');
  const comparisons = together.map((v) => v.comparison!);
  const expected = benjaminiHochberg(comparisons.map((x) => x.pMannWhitney));
  comparisons.forEach((x, i) => assert.equal(x.pAdjusted, expected[i]));
  assert.ok(shifted.comparison!.pAdjusted > 0.01);
});

test('decideAll: counters and under-sampled comparisons stay out of the BH family', () => {
  const b = spread(1, 12, 0.2);
  const c = b.map((x) => x * 1.1);
  const raw = mannWhitneyU(b, c).p;
  const base = [
    result('s/shift', b),
    result('s/count', [100], { metric: 'patches', unit: 'patches', kind: 'counter' }),
    result('s/few', [1, 1.1, 1.2]),
  ];
  const cand = [
    result('s/shift', c),
    result('s/count', [101], { metric: 'patches', unit: 'patches', kind: 'counter' }),
    result('s/few', [1, 1.1, 1.2]),
  ];
  const vs = decideAll(base, cand);
  assert.equal(find(vs, 's/shift').comparison!.pAdjusted, raw);
  assert.equal(find(vs, 's/shift').verdict, 'regressed');
  assert.equal(find(vs, 's/count', 'patches').verdict, 'regressed');
  assert.equal(find(vs, 's/few').verdict, 'inconclusive');
});

test('decideAll: threshold overrides and resolver', () => {
  const base = [result('wasm/compile', spread(10, 30)), result('dom/render', spread(10, 30))];
  const cand = [result('wasm/compile', spread(11, 30)), result('dom/render', spread(11, 30))];
  const plain = decideAll(base, cand);
  assert.equal(find(plain, 'wasm/compile').verdict, 'regressed');
  assert.equal(find(plain, 'dom/render').verdict, 'regressed');

  const overridden = decideAll(base, cand, { overrides: [{ match: 'wasm/*', noise: 0.15 }] });
  assert.equal(find(overridden, 'wasm/compile').verdict, 'unchanged');
  assert.equal(find(overridden, 'wasm/compile').threshold, 0.15);
  assert.equal(find(overridden, 'dom/render').verdict, 'regressed');

  const resolved = decideAll(base, cand, {
    thresholds: (ctx) => ({ ...T, noise: ctx.suite === 'dom' ? 0.2 : 0.05 }),
  });
  assert.equal(find(resolved, 'dom/render').verdict, 'unchanged');
  assert.equal(find(resolved, 'wasm/compile').verdict, 'regressed');
});

test('decideAll: budgets become budget-failed verdicts', () => {
  const base = [result('s/a', spread(1, 30))];
  const cand = [result('s/a', spread(1, 30))];
  const vs = decideAll(base, cand, { budgets: [{ benchmark: 's/*', metric: 'time', stat: 'median', op: '<', limit: 0.5 }] });
  assert.deepEqual(vs.map((v) => v.verdict), ['budget-failed', 'unchanged']);
  assert.equal(vs[0]!.threshold, 0.5);
});

test('decideAll: direction and kind come from the candidate; duplicates are rejected', () => {
  const base = [result('s/fps', spread(60, 30), { metric: 'fps', unit: 'fps', direction: 'higher', kind: 'gauge' })];
  const cand = [result('s/fps', spread(40, 30), { metric: 'fps', unit: 'fps', direction: 'higher', kind: 'gauge' })];
  const [v] = decideAll(base, cand);
  assert.equal(v!.verdict, 'regressed');
  assert.equal(v!.severity, 'major'); // 60/40 = 1.5
  assert.throws(() => decideAll([...base, ...base], cand), /duplicate baseline/);
});

test('decideAll is deterministic and independent of input order', () => {
  const ids = ['a/1', 'a/2', 'b/1', 'b/2'];
  const base = ids.map((id, i) => result(id, spread(1 + i, 20, 0.2)));
  const cand = ids.map((id, i) => result(id, spread((1 + i) * (i % 2 ? 1.1 : 1), 20, 0.2)));
  const one = decideAll(base, cand, { seed: 3 });
  const two = decideAll(base.slice().reverse(), cand.slice().reverse(), { seed: 3 });
  assert.deepEqual(one, two);
});

test('sortVerdicts: regressed by severity then factor, then the other kinds', () => {
  const mk = (id: string, verdict: Verdict['verdict'], ratio?: number, severity?: Verdict['severity']): Verdict => ({
    benchmarkId: id,
    metric: 'time',
    unit: 'ms',
    direction: 'lower',
    verdict,
    ...(severity ? { severity } : {}),
    ...(ratio ? { comparison: comparison({ ratio, ci: [ratio, ratio], p: 0 }) } : {}),
    explanation: '',
    threshold: 0.05,
  });
  const sorted = sortVerdicts([
    mk('z', 'unchanged'),
    mk('a', 'improved'),
    mk('m1', 'regressed', 1.1, 'minor'),
    mk('m2', 'regressed', 1.3, 'minor'),
    mk('c', 'regressed', 3, 'critical'),
    mk('n', 'new'),
    mk('i', 'inconclusive'),
    mk('b', 'budget-failed'),
    mk('j', 'regressed', 1.6, 'major'),
    mk('e', 'errored'),
    mk('x', 'missing'),
  ]);
  assert.deepEqual(
    sorted.map((v) => v.benchmarkId),
    ['c', 'j', 'm2', 'm1', 'b', 'e', 'x', 'i', 'n', 'a', 'z'],
  );
});
