import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Verdict } from '../../src/model/types.js';
import { benjaminiHochberg } from '../../src/stats/benjamini-hochberg.js';
import { sessionTest, sessionValues } from '../../src/stats/sessions.js';
import { decideAll } from '../../src/verdict/decide-all.js';
import { sortVerdicts } from '../../src/verdict/order.js';
import { comparison, result, sessionResult, sessionsOf, spread, T } from './helpers.js';
import { createRng, randomNormal } from '../../src/stats/prng.js';

/** These tests pin the t-test family's numbers; the rank family (the default) has its own test below. */
const decideAllT = (...[b, c, o]: Parameters<typeof decideAll>) => decideAll(b, c, { test: 't', ...o });

const find = (vs: Verdict[], id: string, metric = 'time') => {
  const v = vs.find((x) => x.benchmarkId === id && x.metric === metric);
  assert.ok(v, `no verdict for ${id} ${metric}`);
  return v;
};

test('decideAll: new, missing, errored and compared results', () => {
  const base = [
    sessionResult('s/same', 1),
    sessionResult('s/slower', 1),
    sessionResult('s/gone', 1),
    sessionResult('s/crashed', 1),
    sessionResult('s/crashed-gone', 1),
    sessionResult('s/empty', 1),
    sessionResult('s/nan', 1),
  ];
  const cand = [
    sessionResult('s/same', 1),
    sessionResult('s/slower', 1.3),
    sessionResult('s/crashed', 1),
    result('s/empty', []),
    result('s/nan', [1, Number.NaN, 1]),
    sessionResult('s/added', 2),
  ];
  const vs = decideAllT(base, cand, {
    errored: new Map([
      ['s/crashed', null],
      ['s/crashed-gone', null],
    ]),
  });
  assert.equal(vs.length, 8);
  assert.equal(find(vs, 's/same').verdict, 'unchanged');
  assert.equal(find(vs, 's/slower').verdict, 'regressed');
  assert.match(find(vs, 's/slower').explanation, /Welch t over 12\/12 sessions/);
  assert.equal(find(vs, 's/gone').verdict, 'missing');
  assert.equal(find(vs, 's/crashed').verdict, 'errored');
  assert.equal(find(vs, 's/crashed-gone').verdict, 'errored');
  assert.match(find(vs, 's/crashed').explanation, /failed in the candidate run$/);
  // With the errors known, the explanation quotes the first line of each.
  const why = decideAllT(base, cand, {
    errored: new Map([
      ['s/crashed', 'Error: broke after 3 calls\n    at run (suite.ts:1)'],
      ['s/crashed-gone', null],
    ]),
  });
  assert.equal(
    find(why, 's/crashed').explanation,
    's/crashed time: benchmark failed in the candidate run: Error: broke after 3 calls',
  );
  assert.equal(find(why, 's/crashed-gone').explanation, 's/crashed-gone time: benchmark failed in the candidate run');
  assert.equal(find(vs, 's/empty').verdict, 'errored');
  assert.match(find(vs, 's/empty').explanation, /no samples/);
  assert.equal(find(vs, 's/nan').verdict, 'errored');
  assert.equal(find(vs, 's/added').verdict, 'new');
  assert.match(find(vs, 's/added').explanation, /new \(median 2\.00 ms, n=60\)/);
  // Worst first.
  assert.deepEqual(
    vs.map((v) => v.verdict),
    ['regressed', 'errored', 'errored', 'errored', 'errored', 'missing', 'new', 'unchanged'],
  );
});

test('decideAll: one session on a side is inconclusive, whatever the pooled samples say', () => {
  // 60 samples in one session each side, 30% apart: a pooled-sample test would call this p < 1e-20.
  const base = [result('s/one', spread(1, 60)), sessionResult('s/one-side', 1)];
  const cand = [result('s/one', spread(1.3, 60)), result('s/one-side', spread(1.3, 60))];
  const vs = decideAllT(base, cand);
  for (const id of ['s/one', 's/one-side']) {
    const v = find(vs, id);
    assert.equal(v.verdict, 'inconclusive', v.explanation);
    assert.match(v.explanation, /single session: between-session variance unknown, need --sessions >= 2$/);
    assert.ok(Number.isNaN(v.comparison!.pAdjusted), 'not in the BH family');
    assert.ok(v.comparison!.pMannWhitney < 1e-10, 'the pooled diagnostic is still reported');
  }
});

test('decideAll: Benjamini-Hochberg across the session p-values of all statistical comparisons', () => {
  // A modest shift that is significant alone (raw session p < 0.01) but not after adjusting over 20.
  const b = sessionsOf(1, 12, 0.2);
  const c = { samples: b.samples.map((x) => x * 1.08), rounds: b.rounds };
  const raw = sessionTest(
    'welch-log',
    sessionValues(b.samples, b.rounds, 'geomean'),
    sessionValues(c.samples, c.rounds, 'geomean'),
  ).p;
  assert.ok(raw < 0.01 && raw * 20 > 0.01, `premise: raw p = ${raw}`);

  const alone = decideAllT(
    [result('s/shift', b.samples, { rounds: b.rounds })],
    [result('s/shift', c.samples, { rounds: c.rounds })],
  );
  assert.equal(alone[0]!.verdict, 'regressed', alone[0]!.explanation);
  assert.equal(alone[0]!.comparison!.pAdjusted, raw);

  const nulls = Array.from({ length: 19 }, (_, i) => `s/null-${String(i).padStart(2, '0')}`);
  const base = [
    result('s/shift', b.samples, { rounds: b.rounds }),
    ...nulls.map((id) => sessionResult(id, 1, 12, 0.2)),
  ];
  const cand = [
    result('s/shift', c.samples, { rounds: c.rounds }),
    ...nulls.map((id) => sessionResult(id, 1, 12, 0.2)),
  ];
  const together = decideAllT(base, cand);
  const shifted = find(together, 's/shift');
  assert.equal(shifted.verdict, 'inconclusive');
  const comparisons = together.map((v) => v.comparison!);
  const expected = benjaminiHochberg(comparisons.map((x) => x.pSession!));
  comparisons.forEach((x, i) => assert.equal(x.pAdjusted, expected[i]));
  assert.ok(shifted.comparison!.pAdjusted > 0.01);
});

test('decideAll: counters and comparisons with too few sessions stay out of the BH family', () => {
  const b = sessionsOf(1, 12, 0.2);
  const c = { samples: b.samples.map((x) => x * 1.08), rounds: b.rounds };
  const raw = sessionTest(
    'welch-log',
    sessionValues(b.samples, b.rounds, 'geomean'),
    sessionValues(c.samples, c.rounds, 'geomean'),
  ).p;
  const base = [
    result('s/shift', b.samples, { rounds: b.rounds }),
    result('s/count', [100], { metric: 'patches', unit: 'patches', kind: 'counter' }),
    result('s/few', [1, 1.1, 1.2]),
    sessionResult('s/three', 1, 3),
  ];
  const cand = [
    result('s/shift', c.samples, { rounds: c.rounds }),
    result('s/count', [101], { metric: 'patches', unit: 'patches', kind: 'counter' }),
    result('s/few', [1, 1.1, 1.2]),
    sessionResult('s/three', 1, 3),
  ];
  const vs = decideAllT(base, cand, { thresholds: { ...T, minSessions: 4 } });
  assert.equal(find(vs, 's/shift').comparison!.pAdjusted, raw);
  assert.equal(find(vs, 's/shift').verdict, 'regressed');
  assert.equal(find(vs, 's/count', 'patches').verdict, 'regressed');
  assert.equal(find(vs, 's/few').verdict, 'inconclusive');
  assert.equal(find(vs, 's/three').verdict, 'inconclusive');
  assert.match(find(vs, 's/three').explanation, /3 sessions on the baseline side \(need 4 per side\)$/);
  assert.ok(Number.isNaN(find(vs, 's/three').comparison!.pAdjusted), 'no adjusted p outside the family');
  // The raw session p is still there: both sides are the same deterministic sessions, so Welch's t is 0 and p is 1.
  assert.equal(find(vs, 's/three').comparison!.pSession, 1);
});

test('decideAll: threshold overrides and resolver', () => {
  const base = [sessionResult('wasm/compile', 10), sessionResult('dom/render', 10)];
  const cand = [sessionResult('wasm/compile', 11), sessionResult('dom/render', 11)];
  const plain = decideAllT(base, cand);
  assert.equal(find(plain, 'wasm/compile').verdict, 'regressed');
  assert.equal(find(plain, 'dom/render').verdict, 'regressed');

  const overridden = decideAllT(base, cand, { overrides: [{ match: 'wasm/*', noise: 0.15 }] });
  assert.equal(find(overridden, 'wasm/compile').verdict, 'unchanged');
  assert.equal(find(overridden, 'wasm/compile').threshold, 0.15);
  assert.equal(find(overridden, 'dom/render').verdict, 'regressed');

  const resolved = decideAllT(base, cand, {
    thresholds: (ctx) => ({ ...T, noise: ctx.suite === 'dom' ? 0.2 : 0.05 }),
  });
  assert.equal(find(resolved, 'dom/render').verdict, 'unchanged');
  assert.equal(find(resolved, 'wasm/compile').verdict, 'regressed');

  const sessions = decideAllT(base, cand, { overrides: [{ match: 'dom/*', minSessions: 20 }] });
  assert.equal(find(sessions, 'dom/render').verdict, 'inconclusive');
  assert.equal(find(sessions, 'wasm/compile').verdict, 'regressed');
});

test('decideAll: budgets become budget-failed verdicts', () => {
  const base = [sessionResult('s/a', 1)];
  const cand = [sessionResult('s/a', 1)];
  const vs = decideAllT(base, cand, {
    budgets: [{ benchmark: 's/*', metric: 'time', stat: 'median', op: '<', limit: 0.5 }],
  });
  assert.deepEqual(
    vs.map((v) => v.verdict),
    ['budget-failed', 'unchanged'],
  );
  assert.equal(vs[0]!.threshold, 0.5);
});

test('decideAll: direction and kind come from the candidate; duplicates are rejected', () => {
  const fps = { metric: 'fps', unit: 'fps', direction: 'higher' as const, kind: 'gauge' as const };
  const base = [sessionResult('s/fps', 60, 12, 0.1, fps)];
  const cand = [sessionResult('s/fps', 40, 12, 0.1, fps)];
  const [v] = decideAllT(base, cand);
  assert.equal(v!.verdict, 'regressed');
  assert.equal(v!.severity, 'major'); // 60/40 = 1.5
  assert.throws(() => decideAllT([...base, ...base], cand), /duplicate baseline/);
});

test('decideAll: gauges with one value per session, values <= 0, and counts', () => {
  const frames = { metric: 'framesOverBudgetPct', unit: '%', kind: 'gauge' as const };
  const heap = { metric: 'heapGrowth', unit: 'bytes', kind: 'gauge' as const };
  const gc = { metric: 'gcCount', unit: 'count', kind: 'gauge' as const };
  const ones = Array.from({ length: 12 }, () => 1);
  const base = [
    result('p/a', [0, 0.5, 0, 1, 0, 0.5, 0, 0, 1, 0.5, 0, 0], { ...frames, rounds: ones }),
    result('p/a', [-3000, 5000, 1000, -2000, 4000, 0, 2000, -1000, 3000, 1000, -500, 1500], { ...heap, rounds: ones }),
    result(
      'p/a',
      Array.from({ length: 12 }, () => 0),
      { ...gc, rounds: ones },
    ),
  ];
  const cand = [
    result('p/a', [4, 5.5, 5, 6, 4.5, 5, 6.5, 5, 4, 5.5, 6, 5], { ...frames, rounds: ones }),
    result('p/a', [-2000, 6000, 2000, -1500, 5000, 500, 2500, 0, 3500, 2000, 0, 2500], { ...heap, rounds: ones }),
    result(
      'p/a',
      Array.from({ length: 12 }, () => 1),
      { ...gc, rounds: ones },
    ),
  ];
  const vs = decideAllT(base, cand);
  const f = find(vs, 'p/a', 'framesOverBudgetPct');
  assert.equal(f.comparison!.method, 'welch-diff');
  assert.equal(f.verdict, 'regressed', f.explanation);
  const h = find(vs, 'p/a', 'heapGrowth');
  assert.equal(h.comparison!.method, 'welch-diff');
  assert.ok(Number.isNaN(h.comparison!.ratioCI.low), 'no ratio interval on the difference scale');
  assert.ok(h.comparison!.shift > 0);
  const g = find(vs, 'p/a', 'gcCount');
  assert.equal(g.comparison!.method, 'poisson-rate');
  assert.equal(g.verdict, 'regressed', g.explanation); // 0 -> 12 collections in 12 sessions, exact p = 2^-11
  assert.match(g.explanation, /exact Poisson rate test over 12\/12 sessions, p=0\.0005/);
});

test('decideAll: paired sessions see a change that a session effect hides from the unpaired test', () => {
  // A large session effect shared by both sides of each session, and a 6% slowdown in every session.
  const levels = [1, 1.8, 0.9, 1.7, 1.1, 1.85, 0.95, 1.2, 1.75, 1.05, 0.85, 1.6];
  const rounds = levels.map(() => 3);
  const samples = (factor: number) => levels.flatMap((l) => [0.99, 1, 1.01].map((x) => x * l * factor));
  const base = [result('s/ab', samples(1), { rounds })];
  const cand = [result('s/ab', samples(1.06), { rounds })];
  const unpaired = decideAllT(base, cand);
  const paired = decideAllT(base, cand, { paired: true });
  assert.equal(unpaired[0]!.verdict, 'inconclusive', unpaired[0]!.explanation);
  assert.match(unpaired[0]!.explanation, /p_adj not below 0\.05$/);
  assert.equal(paired[0]!.verdict, 'regressed', paired[0]!.explanation);
  assert.equal(paired[0]!.comparison!.method, 'paired-log');
  assert.equal(paired[0]!.comparison!.paired, true);
  assert.match(paired[0]!.explanation, /paired t over 12 sessions/);
  // Different session counts cannot be paired.
  const short = [result('s/ab', samples(1.06).slice(0, 33), { rounds: rounds.slice(0, 11) })];
  const mismatched = decideAllT(base, short, { paired: true });
  assert.equal(mismatched[0]!.verdict, 'inconclusive');
  assert.match(mismatched[0]!.explanation, /paired sessions need the same count on both sides, got 12\/11/);
});

test('decideAll is deterministic and independent of input order', () => {
  const ids = ['a/1', 'a/2', 'b/1', 'b/2'];
  const base = ids.map((id, i) => sessionResult(id, 1 + i, 10, 0.2));
  const cand = ids.map((id, i) => sessionResult(id, (1 + i) * (i % 2 ? 1.1 : 1), 10, 0.2));
  const one = decideAllT(base, cand, { seed: 3 });
  const two = decideAllT(base.slice().reverse(), cand.slice().reverse(), { seed: 3 });
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

test('decideAll: rank tests by default; a few far-off paired sessions do not hide a steady 10% slowdown', () => {
  const rng = createRng(7);
  const rounds = Array.from({ length: 16 }, () => 4);
  const base: number[] = [];
  const cand: number[] = [];
  for (let s = 0; s < 16; s++) {
    // Sessions 0-2 land in a 3x slower mode on the candidate only (one half of the pair drew the other mode).
    const mode = s < 3 ? 3 : 1;
    for (let i = 0; i < 4; i++) {
      base.push(1 + 0.01 * randomNormal(rng));
      cand.push(1.1 * mode + 0.01 * randomNormal(rng));
    }
  }
  const [rank] = decideAll([result('s/x', base, { rounds })], [result('s/x', cand, { rounds })], { paired: true });
  assert.equal(rank!.comparison!.method, 'signed-rank-log');
  assert.equal(rank!.verdict, 'regressed', rank!.explanation);
  assert.ok(Math.abs(rank!.comparison!.ratio - 1.1) < 0.02, `Hodges-Lehmann ratio ${rank!.comparison!.ratio}`);
  const [t] = decideAll([result('s/x', base, { rounds })], [result('s/x', cand, { rounds })], {
    paired: true,
    test: 't',
  });
  assert.ok(t!.comparison!.ratio > 1.25, `the mean follows the outliers: ${t!.comparison!.ratio}`);
});
