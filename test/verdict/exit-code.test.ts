import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VerdictKind } from '../../src/model/types.js';
import { checkExitCode, exitCodeFor, type GateOutcome } from '../../src/verdict/exit-code.js';

const KINDS: VerdictKind[] = [
  'regressed',
  'improved',
  'unchanged',
  'inconclusive',
  'new',
  'missing',
  'errored',
  'budget-failed',
];
const FAILING: VerdictKind[] = ['regressed', 'errored', 'budget-failed'];
const ENV = 'environment differs: cpuCores 2 -> 4 (baseline main vs candidate run 7)';
const DRIFT =
  'machine drift: the control workloads moved (controls/loop +30.0% [+25.0%, +35.0%]); ' +
  'compare in paired mode (check --base REV) instead';
const TYPO = 'reactvity/* time p95 < 1';

const v = (...kinds: VerdictKind[]) => kinds.map((verdict) => ({ verdict }));

test('every verdict kind alone: regressed, errored and budget-failed exit 1, the others 0', () => {
  for (const kind of KINDS) {
    const expected = FAILING.includes(kind) ? 1 : 0;
    assert.equal(checkExitCode({ verdicts: v(kind) }).code, expected, kind);
    assert.equal(exitCodeFor(v(kind)), expected, `exitCodeFor ${kind}`);
  }
  assert.equal(checkExitCode({ verdicts: [] }).code, 0);
});

const table: { name: string; outcome: GateOutcome; code: 0 | 1 | 2 | 3; reason?: RegExp }[] = [
  {
    name: 'nothing failed',
    outcome: { verdicts: v('unchanged', 'improved', 'new', 'missing', 'inconclusive') },
    code: 0,
  },
  { name: 'a regression', outcome: { verdicts: v('unchanged', 'regressed') }, code: 1, reason: /^1 regressed$/ },
  {
    name: 'counts by kind',
    outcome: { verdicts: v('regressed', 'errored', 'regressed', 'budget-failed', 'improved') },
    code: 1,
    reason: /^2 regressed, 1 budget-failed, 1 errored$/,
  },
  { name: 'a failed budget alone', outcome: { verdicts: v('unchanged', 'budget-failed') }, code: 1 },
  {
    name: 'an errored benchmark among inconclusive and missing',
    outcome: { verdicts: v('inconclusive', 'missing', 'errored') },
    code: 1,
  },
  // nightly
  {
    name: 'nightly alert, verdicts fine',
    outcome: { verdicts: v('unchanged'), nightlyRegressions: 1 },
    code: 1,
    reason: /1 nightly change point/,
  },
  { name: 'nightly alert without a comparison', outcome: { verdicts: [], nightlyRegressions: 2 }, code: 1 },
  { name: 'nightly with no alert', outcome: { verdicts: [], nightlyRegressions: 0 }, code: 0 },
  {
    name: 'nightly alert and a regression',
    outcome: { verdicts: v('regressed'), nightlyRegressions: 1 },
    code: 1,
    reason: /^1 regressed, 1 nightly/,
  },
  // environment
  {
    name: 'environment differs, no --strict-env: a warning only',
    outcome: { verdicts: v('unchanged'), envDifference: ENV },
    code: 0,
  },
  {
    name: 'environment differs, no --strict-env, regression',
    outcome: { verdicts: v('regressed'), envDifference: ENV },
    code: 1,
  },
  {
    name: '--strict-env, environment differs',
    outcome: { verdicts: v('unchanged'), strictEnv: true, envDifference: ENV },
    code: 3,
    reason: /^--strict-env: environment differs: cpuCores 2 -> 4/,
  },
  {
    name: '--strict-env wins over a regression',
    outcome: { verdicts: v('regressed'), strictEnv: true, envDifference: ENV },
    code: 3,
  },
  {
    name: '--strict-env wins over a nightly alert',
    outcome: { verdicts: [], nightlyRegressions: 1, strictEnv: true, envDifference: ENV },
    code: 3,
  },
  { name: '--strict-env, environments match', outcome: { verdicts: v('unchanged'), strictEnv: true }, code: 0 },
  {
    name: '--strict-env, environments match, regression',
    outcome: { verdicts: v('regressed'), strictEnv: true },
    code: 1,
  },
  // drift
  {
    name: 'drift, nothing failed',
    outcome: { verdicts: v('inconclusive', 'unchanged'), drift: DRIFT },
    code: 3,
    reason: /^machine drift: /,
  },
  {
    name: 'drift and a regression (a counter): 1',
    outcome: { verdicts: v('regressed', 'inconclusive'), drift: DRIFT },
    code: 1,
  },
  { name: 'drift and an errored benchmark: 1', outcome: { verdicts: v('errored'), drift: DRIFT }, code: 1 },
  { name: 'drift and a failed budget: 1', outcome: { verdicts: v('budget-failed'), drift: DRIFT }, code: 1 },
  {
    name: 'drift and a nightly alert: 1',
    outcome: { verdicts: v('unchanged'), drift: DRIFT, nightlyRegressions: 1 },
    code: 1,
  },
  {
    name: 'drift and --strict-env with a difference: the environment message',
    outcome: { verdicts: v('unchanged'), drift: DRIFT, strictEnv: true, envDifference: ENV },
    code: 3,
    reason: /^--strict-env/,
  },
  {
    name: 'drift, --strict-env, environments match',
    outcome: { verdicts: v('unchanged'), drift: DRIFT, strictEnv: true },
    code: 3,
    reason: /^machine drift/,
  },
  { name: 'no drift: an empty message is none', outcome: { verdicts: v('unchanged'), drift: '' }, code: 0 },
  // budgets that match nothing
  {
    name: 'unmatched budget, no --strict: a warning only',
    outcome: { verdicts: v('unchanged'), unmatchedBudgets: [TYPO] },
    code: 0,
  },
  {
    name: 'unmatched budget, no --strict, regression',
    outcome: { verdicts: v('regressed'), unmatchedBudgets: [TYPO] },
    code: 1,
  },
  {
    name: '--strict, unmatched budget',
    outcome: { verdicts: v('unchanged'), strict: true, unmatchedBudgets: [TYPO] },
    code: 2,
    reason: /^--strict: 1 budget\(s\) match no result of the run .*: reactvity\/\* time p95 < 1$/,
  },
  {
    name: '--strict, two unmatched, named in one line',
    outcome: { verdicts: [], strict: true, unmatchedBudgets: [TYPO, 'wasm/x bytes max <= 1'] },
    code: 2,
    reason: /^[^\n]*2 budget\(s\)[^\n]*reactvity[^\n]*; wasm\/x/,
  },
  {
    name: '--strict wins over a regression, drift and --strict-env',
    outcome: {
      verdicts: v('regressed'),
      strict: true,
      unmatchedBudgets: [TYPO],
      drift: DRIFT,
      strictEnv: true,
      envDifference: ENV,
      nightlyRegressions: 1,
    },
    code: 2,
  },
  {
    name: '--strict, every budget matched',
    outcome: { verdicts: v('unchanged'), strict: true, unmatchedBudgets: [] },
    code: 0,
  },
  { name: '--strict, every budget matched, regression', outcome: { verdicts: v('regressed'), strict: true }, code: 1 },
];

for (const row of table) {
  test(`checkExitCode: ${row.name} -> ${row.code}`, () => {
    const got = checkExitCode(row.outcome);
    assert.equal(got.code, row.code);
    assert.ok(got.reason.length > 0 && !got.reason.includes('\n'), 'one line of reason');
    if (row.reason) assert.match(got.reason, row.reason);
  });
}

// Every combination of verdict kinds (2^8 subsets) and of the other inputs, against the rule as the
// README states it, written out independently of the implementation's order of checks.
test('checkExitCode over every combination of inputs', () => {
  let cases = 0;
  for (let mask = 0; mask < 1 << KINDS.length; mask++) {
    const kinds = KINDS.filter((_, i) => mask & (1 << i));
    const failing = kinds.some((k) => FAILING.includes(k));
    for (const nightly of [0, 1])
      for (const strictEnv of [false, true])
        for (const envDifference of [undefined, ENV])
          for (const drift of [undefined, DRIFT])
            for (const strict of [false, true])
              for (const unmatched of [[], [TYPO]]) {
                const outcome: GateOutcome = {
                  verdicts: v(...kinds),
                  nightlyRegressions: nightly,
                  strictEnv,
                  envDifference,
                  drift,
                  strict,
                  unmatchedBudgets: unmatched,
                };
                const usage = strict && unmatched.length > 0;
                const envFail = strictEnv && envDifference !== undefined;
                const fails = failing || nightly > 0;
                const expected = usage ? 2 : envFail ? 3 : fails ? 1 : drift ? 3 : 0;
                assert.equal(checkExitCode(outcome).code, expected, JSON.stringify(outcome));
                cases++;
              }
  }
  assert.equal(cases, 256 * 64);
});

// The CLI's glue (src/cli/gate.ts): what a comparison contributes to the outcome, and how codes 2/3 end.
test(
  'gateOutcome: only an environment difference feeds --strict-env, not other warnings; ' + 'drift and budgets carried',
  async () => {
    const { gateOutcome, exitGate } = await import('../../src/cli/gate.js');
    type Outcome = Parameters<typeof gateOutcome>[0];
    const base = {
      candidate: { id: 7, suites: ['reactivity'] },
      verdicts: v('unchanged'),
      envDiffs: [],
      envWarnings: ['the candidate run 7 is part of the baseline main: an A/A comparison', DRIFT],
      drift: { shifts: [], message: DRIFT },
      candidateResults: [{ benchmarkId: 'reactivity/diamond', metric: 'time' }],
    } as unknown as Outcome;
    const budgets = [
      { benchmark: 'reactivity/*', metric: 'time', stat: 'median', op: '<', limit: 1 },
      { benchmark: 'reactvity/*', metric: 'time', stat: 'p95', op: '<', limit: 1 },
    ] as const;
    const opts = { budgets: [...budgets], suitesDir: '/nonexistent/suites', strictEnv: true };
    const got = gateOutcome(base, opts);
    assert.equal(got.envDifference, undefined);
    assert.equal(got.drift, DRIFT);
    assert.deepEqual(got.unmatchedBudgets, ['reactvity/* time p95 < 1']);
    assert.equal(checkExitCode(got).code, 3);
    const differs = gateOutcome(
      {
        ...base,
        envDiffs: [{ field: 'cpuCores', baseline: 2, candidate: 4 }],
        envWarnings: [ENV],
      } as unknown as Outcome,
      opts,
    );
    assert.equal(differs.envDifference, ENV);
    assert.equal(gateOutcome(base, { ...opts, filtered: true }).unmatchedBudgets?.length, 0);
    assert.deepEqual(gateOutcome(null, { ...opts, nightlyRegressions: 2 }), {
      verdicts: [],
      nightlyRegressions: 2,
      strictEnv: true,
      envDifference: undefined,
      drift: undefined,
      strict: false,
      unmatchedBudgets: [],
    });
    // check --nightly alone has no comparison: a benchmark that failed in the run still fails the check.
    const nightlyOnly = gateOutcome(null, { ...opts, errored: ['reactivity/diamond'] });
    assert.deepEqual(nightlyOnly.verdicts, [{ verdict: 'errored' }]);
    assert.equal(checkExitCode(nightlyOnly).code, 1);
    // With a comparison, its own errored verdicts count, not the list again.
    assert.deepEqual(gateOutcome(base, { ...opts, errored: ['reactivity/diamond'] }).verdicts, base!.verdicts);

    const warnings: string[] = [];
    const thrown = (o: GateOutcome) => {
      try {
        exitGate(o, (line) => warnings.push(line));
      } catch (e) {
        return e as import('../../src/model/errors.js').JepshError;
      }
      return undefined;
    };
    const saved = process.exitCode;
    try {
      assert.equal(thrown({ ...got, strict: true })?.exitCode, 2);
      assert.equal(warnings.length, 0, 'under --strict the unmatched budget is the error, not a warning');
      const drift = thrown(got);
      assert.equal(drift?.exitCode, 3);
      assert.match(drift!.message, /^machine drift/);
      assert.deepEqual(warnings, [
        'warning: budget reactvity/* time p95 < 1 matches no result of the ' +
          'run (a typo in the pattern or metric?); --strict makes this an error',
      ]);
      assert.equal(thrown({ verdicts: v('regressed') }), undefined);
      assert.equal(process.exitCode, 1);
      assert.equal(thrown({ verdicts: v('unchanged') }), undefined);
      assert.equal(process.exitCode, 0);
    } finally {
      process.exitCode = saved;
    }
  },
);
