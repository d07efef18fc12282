/** Machine drift (src/verdict/drift.ts): control verdicts in, a drift or null out; verdicts under drift. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDrift, detectDrift, isControl, type Drift } from '../../src/verdict/drift.js';
import { decideCounter } from '../../src/verdict/decide.js';
import type { Verdict, VerdictKind } from '../../src/model/types.js';
import { comparison, type ComparisonSpec } from './helpers.js';

/** A verdict of `kind` on benchmark `id` whose session test gave `spec`. */
function verdict(
  id: string,
  kind: VerdictKind,
  spec: ComparisonSpec = { ratio: 1, ci: [0.97, 1.03], p: 0.5 },
  metric = 'time',
): Verdict {
  return {
    benchmarkId: id,
    metric,
    unit: 'ms',
    direction: 'lower',
    verdict: kind,
    ...(kind === 'regressed' && { severity: 'minor' as const }),
    comparison: { ...comparison(spec), benchmarkId: id, metric },
    explanation: `${id} ${metric}: ${kind}`,
    threshold: 0.05,
  };
}

const slower = (ratio: number, ci: [number, number]): ComparisonSpec => ({ ratio, ci, p: 1e-6 });

test('isControl: the controls/ prefix only', () => {
  assert.equal(isControl('controls/compute'), true);
  assert.equal(isControl('reactivity/controls'), false);
  assert.equal(isControl('controlsx/compute'), false);
});

test('detectDrift: null when every control is unchanged, inconclusive or absent', () => {
  assert.equal(detectDrift([]), null);
  assert.equal(
    detectDrift([
      verdict('controls/compute', 'unchanged'),
      verdict('controls/alloc', 'unchanged'),
      verdict('controls/dom', 'unchanged'),
    ]),
    null,
  );
  assert.equal(
    detectDrift([verdict('controls/compute', 'inconclusive', { ratio: 1.3, ci: [0.9, 1.8], p: 0.2 })]),
    null,
    'an unconfirmed move is not drift',
  );
});

test('detectDrift names each shifted control with its change and interval, and only those', () => {
  const drift = detectDrift([
    verdict('controls/compute', 'regressed', slower(1.4, [1.3, 1.5])),
    verdict('controls/alloc', 'regressed', slower(1.2, [1.15, 1.25])),
    verdict('controls/dom', 'unchanged'),
  ]);
  assert.ok(drift);
  assert.deepEqual(drift.shifts, [
    { benchmarkId: 'controls/compute', ratio: 1.4, low: 1.3, high: 1.5 },
    { benchmarkId: 'controls/alloc', ratio: 1.2, low: 1.15, high: 1.25 },
  ]);
  assert.match(drift.message, /^machine drift: /);
  assert.ok(drift.message.includes('controls/compute +40.0% [+30.0%, +50.0%]'), drift.message);
  assert.ok(drift.message.includes('controls/alloc +20.0% [+15.0%, +25.0%]'), drift.message);
  assert.ok(!drift.message.includes('controls/dom'), 'an unchanged control is not named');
  assert.match(drift.message, /paired mode \(check --base REV\)/, 'says what to do instead');
});

test(
  'detectDrift needs most controls to move the same way: ' + 'one control alone, or two opposite moves, are not drift',
  () => {
    const unchanged = (id: string) => verdict(id, 'unchanged');
    assert.equal(
      detectDrift([
        verdict('controls/alloc', 'regressed', slower(1.45, [1.14, 1.83])),
        unchanged('controls/compute'),
        unchanged('controls/dom'),
      ]),
      null,
    );
    assert.equal(
      detectDrift([
        verdict('controls/compute', 'regressed', slower(1.4, [1.3, 1.5])),
        verdict('controls/alloc', 'improved', slower(0.8, [0.75, 0.85])),
        unchanged('controls/dom'),
      ]),
      null,
    );
  },
);

test('detectDrift ignores metrics other than time and verdicts without a comparison', () => {
  const heap = verdict('controls/alloc', 'regressed', slower(1.5, [1.4, 1.6]), 'heap');
  const { comparison: _comparison, ...bare } = verdict('controls/dom', 'regressed');
  assert.equal(detectDrift([heap, bare]), null);
});

const DRIFT: Drift = {
  shifts: [
    { benchmarkId: 'controls/compute', ratio: 1.4, low: 1.3, high: 1.5 },
    { benchmarkId: 'controls/alloc', ratio: 1.1, low: 1.05, high: 1.15 },
  ],
  message: 'machine drift: …',
};

test('applyDrift without drift returns the verdicts as they are (a copy of the list)', () => {
  const verdicts = [verdict('s/a', 'regressed', slower(1.3, [1.2, 1.4])), verdict('s/b', 'unchanged')];
  const out = applyDrift(verdicts, null);
  assert.deepEqual(out, verdicts);
  assert.notEqual(out, verdicts);
});

test('applyDrift turns regressed and improved time verdicts into inconclusive, naming the largest drift', () => {
  const regressed = verdict('s/a', 'regressed', slower(1.3, [1.2, 1.4]));
  const improved = verdict('s/b', 'improved', slower(0.7, [0.6, 0.8]));
  const [a, b] = applyDrift([regressed, improved], DRIFT);
  for (const [before, after] of [
    [regressed, a!],
    [improved, b!],
  ] as const) {
    assert.equal(after.verdict, 'inconclusive');
    assert.equal(after.severity, undefined, 'an inconclusive verdict carries no severity');
    assert.ok(after.explanation.startsWith(before.explanation), 'keeps the statistical explanation');
    assert.match(after.explanation, /inconclusive \(machine drift \+40\.0% on controls\/compute\)$/);
    assert.deepEqual(after.comparison, before.comparison, 'the comparison is kept as measured');
  }
  assert.equal(regressed.verdict, 'regressed', 'the input is not modified');

  // The largest shift in either direction is named: a 50% speed-up beats a 40% slow-down.
  const faster: Drift = {
    ...DRIFT,
    shifts: [...DRIFT.shifts, { benchmarkId: 'controls/dom', ratio: 0.5, low: 0.45, high: 0.55 }],
  };
  assert.match(applyDrift([regressed], faster)[0]!.explanation, /machine drift -50\.0% on controls\/dom/);
});

test('applyDrift leaves counters, unchanged, inconclusive, errored, budget-failed and new verdicts alone', () => {
  const counter = decideCounter([10], [12], {
    benchmarkId: 's/c',
    metric: 'patches',
    unit: 'count',
    direction: 'lower',
    kind: 'counter',
  });
  assert.equal(counter.verdict, 'regressed');
  const budget: Verdict = {
    benchmarkId: 's/d',
    metric: 'time',
    unit: 'ms',
    direction: 'lower',
    verdict: 'budget-failed',
    explanation: 's/d time median 3 ms >= 2 ms',
    threshold: 2,
  };
  const errored: Verdict = {
    benchmarkId: 's/e',
    metric: 'time',
    unit: 'ms',
    direction: 'lower',
    verdict: 'errored',
    explanation: 's/e time: benchmark failed in the candidate run',
    threshold: 0,
  };
  const fresh: Verdict = {
    benchmarkId: 's/f',
    metric: 'time',
    unit: 'ms',
    direction: 'lower',
    verdict: 'new',
    explanation: 's/f time: new',
    threshold: 0,
  };
  const others = [
    counter,
    verdict('s/u', 'unchanged'),
    verdict('s/i', 'inconclusive', { ratio: 1.2, ci: [0.9, 1.5], p: 0.3 }),
    errored,
    budget,
    fresh,
  ];
  const out = applyDrift(others, DRIFT);
  assert.deepEqual(out, others);
  out.forEach((v, i) => assert.equal(v, others[i], `${v.benchmarkId} is the same object`));
});
