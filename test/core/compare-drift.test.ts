/**
 * compareResults (src/core/compare.ts) with the machine-speed controls: synthetic baseline and
 * candidate results of 12 sessions each, built from a seeded generator. The controls decide whether
 * the machine drifted and never appear as verdicts; pairing sessions removes the session effect.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareResults, type Baseline } from '../../src/core/compare.js';
import { parseConfig } from '../../src/config/config.js';
import { createRng, randomNormal, type Rng } from '../../src/stats/prng.js';
import type { MetricResult, Run } from '../../src/model/types.js';
import { testEnvironment } from '../helpers.js';

/** Pinned thresholds (noise 5%, alpha 0.01): the assertions do not follow the defaults. */
const config = parseConfig({ thresholds: { noise: 0.05, alpha: 0.01 } }, 'test');
const SESSIONS = 12;
const PER_SESSION = 5;
const CONTROLS = ['controls/compute', 'controls/alloc', 'controls/dom'];

const env = testEnvironment({ browserVersion: 'HeadlessChrome/131.0.0.0' });

function run(id: number): Run {
  return {
    id,
    uuid: `0000000${id}-run`,
    startedAt: '2026-11-30T10:00:00.000Z',
    endedAt: '2026-11-30T10:04:00.000Z',
    status: 'complete',
    git: { commit: null, branch: 'main', dirty: false },
    label: null,
    environment: env,
    warnings: [],
    error: null,
    suites: ['s', 'controls'],
  };
}

/** A time result with one session per level: PER_SESSION samples with 1% noise around each level. */
function measured(rng: Rng, benchmarkId: string, levels: readonly number[]): MetricResult {
  const samples = levels.flatMap((level) =>
    Array.from({ length: PER_SESSION }, () => level * Math.exp(0.01 * randomNormal(rng))),
  );
  return {
    benchmarkId,
    metric: 'time',
    unit: 'ms',
    direction: 'lower',
    kind: 'time',
    samples,
    innerIterations: 100,
    rounds: levels.map(() => PER_SESSION),
  };
}

/** SESSIONS session levels around `median`, lognormal with sd `sd` between sessions. */
const levelsOf = (rng: Rng, median: number, sd = 0.03) =>
  Array.from({ length: SESSIONS }, () => median * Math.exp(sd * randomNormal(rng)));

function baselineOf(results: MetricResult[]): Baseline {
  return { label: 'main', runs: [run(1)], results, environment: env };
}

/** Both sides of a stored comparison: every benchmark measured in its own independent sessions. */
function stored(rng: Rng, factors: { controls: number; benchmarks: Record<string, number> }) {
  const base: MetricResult[] = [];
  const cand: MetricResult[] = [];
  for (const id of CONTROLS) {
    base.push(measured(rng, id, levelsOf(rng, 0.5)));
    cand.push(measured(rng, id, levelsOf(rng, 0.5 * factors.controls)));
  }
  for (const [id, factor] of Object.entries(factors.benchmarks)) {
    base.push(measured(rng, id, levelsOf(rng, 2)));
    cand.push(measured(rng, id, levelsOf(rng, 2 * factor)));
  }
  return { base, cand };
}

test('(a) controls unchanged and a benchmark 30% slower: regressed, no drift, no control verdicts', () => {
  const { base, cand } = stored(createRng(1), { controls: 1, benchmarks: { 's/slow': 1.3, 's/same': 1 } });
  const out = compareResults(run(2), cand, new Map(), baselineOf(base), config);
  assert.equal(out.drift, null);
  assert.deepEqual(
    out.verdicts.map((v) => [v.benchmarkId, v.verdict]),
    [
      ['s/slow', 'regressed'],
      ['s/same', 'unchanged'],
    ],
  );
  assert.ok(!out.envWarnings.some((w) => w.includes('machine drift')));
  assert.deepEqual(out.candidateResults, cand, 'the candidate results are returned whole, controls included');
});

test('(b) the machine 40% slower on the candidate: drift named, no regression claimed, no control verdicts', () => {
  const { base, cand } = stored(createRng(2), { controls: 1.4, benchmarks: { 's/a': 1.4, 's/b': 1.4, 's/c': 1.4 } });
  const out = compareResults(run(2), cand, new Map(), baselineOf(base), config);
  assert.ok(out.drift, 'drift detected');
  assert.deepEqual(out.drift.shifts.map((s) => s.benchmarkId).sort(), [...CONTROLS].sort(), 'every control moved');
  for (const s of out.drift.shifts)
    assert.ok(
      s.low > 1.3 && s.high < 1.5 && s.low <= s.ratio && s.ratio <= s.high,
      `${s.benchmarkId} ${s.ratio} [${s.low}, ${s.high}]`,
    );
  assert.ok(out.envWarnings.includes(out.drift.message), 'the drift is a warning of the comparison');
  assert.ok(!out.verdicts.some((v) => v.benchmarkId.startsWith('controls/')), 'controls are not verdicts');
  assert.equal(out.verdicts.length, 3);
  assert.ok(!out.verdicts.some((v) => v.verdict === 'regressed'));
  for (const v of out.verdicts) {
    assert.equal(v.verdict, 'inconclusive');
    assert.match(v.explanation, /machine drift \+4\d\.\d% on controls\//);
  }
});

test('(b) controls measured on one side only: no drift can be claimed', () => {
  const { base, cand } = stored(createRng(3), { controls: 1.4, benchmarks: { 's/a': 1.4 } });
  const out = compareResults(
    run(2),
    cand,
    new Map(),
    baselineOf(base.filter((r) => !r.benchmarkId.startsWith('controls/'))),
    config,
  );
  assert.equal(out.drift, null);
  assert.deepEqual(
    out.verdicts.map((v) => [v.benchmarkId, v.verdict]),
    [['s/a', 'regressed']],
  );
});

/**
 * (c) What pairing buys. Both sides measured in the same 12 sessions: session levels spread 2x
 * (1 ms to 2 ms), shared by both halves of a pair, and the candidate 10% slower in every session.
 * Paired, the session effect cancels in each pair's ratio; unpaired, it is noise 7x the change.
 */
test('(c) paired sessions: a 10% slowdown under a 2x session effect is regressed paired, not unpaired', () => {
  const rng = createRng(4);
  // 1x .. 2x, scrambled
  const spread = Array.from({ length: SESSIONS }, (_, i) => 2 ** (((i * 5) % SESSIONS) / (SESSIONS - 1)));
  const base: MetricResult[] = [];
  const cand: MetricResult[] = [];
  for (const id of CONTROLS) {
    const levels = spread.map((s) => 0.5 * s);
    base.push(measured(rng, id, levels));
    cand.push(measured(rng, id, levels));
  }
  base.push(measured(rng, 's/pairs', spread));
  cand.push(
    measured(
      rng,
      's/pairs',
      spread.map((s) => 1.1 * s),
    ),
  );
  assert.equal(Math.max(...spread) / Math.min(...spread), 2);

  const paired = compareResults(run(2), cand, new Map(), baselineOf(base), config, { paired: true });
  const unpaired = compareResults(run(2), cand, new Map(), baselineOf(base), config);
  const [p] = paired.verdicts;
  const [u] = unpaired.verdicts;
  assert.equal(paired.verdicts.length, 1);
  assert.equal(p!.verdict, 'regressed');
  assert.equal(p!.comparison!.method, 'signed-rank-log');
  assert.ok(Math.abs(p!.comparison!.ratio - 1.1) < 0.01, `paired ratio ${p!.comparison!.ratio}`);
  assert.equal(u!.verdict, 'inconclusive', 'the same data without pairing cannot confirm the change');
  assert.equal(u!.comparison!.method, 'rank-sum-log');
  assert.ok(u!.comparison!.ratioCI.low < 1, 'the unpaired interval includes no change');
  assert.equal(paired.drift, null, 'the controls did not move');
  assert.equal(unpaired.drift, null);
});

test('(c) paired comparisons need the same sessions on both sides', () => {
  const rng = createRng(5);
  const base = [measured(rng, 's/a', levelsOf(rng, 2))];
  const cand = [measured(rng, 's/a', levelsOf(rng, 2).slice(0, SESSIONS - 1))];
  const [v] = compareResults(run(2), cand, new Map(), baselineOf(base), config, { paired: true }).verdicts;
  assert.equal(v!.verdict, 'inconclusive');
  assert.match(v!.explanation, /paired sessions need the same count on both sides, got 12\/11/);
});
