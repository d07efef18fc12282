/**
 * The group-sequential design of `check --auto` (src/stats/sequential.ts): alpha spending values,
 * the decision at each look, and a seeded simulation under the null with session effects and
 * multimodal sessions showing that the whole procedure keeps its false-alarm rate while re-testing
 * at alpha after every look does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, randomNormal, type Rng } from '../../src/stats/prng.js';
import {
  lookAlphas,
  obrienFlemingSpending,
  sequentialDecision,
  type SequentialDesign,
  type SequentialOutcome,
} from '../../src/stats/sequential.js';
import { sessionTest, sessionValues, type SessionTest } from '../../src/stats/sessions.js';
import { assertClose } from './reference.js';
import { sessionsReference as ref } from './sessions-reference.js';

test("O'Brien-Fleming-type spending matches the scipy formula; look alphas sum to alpha", () => {
  for (const { t, alpha, spent } of ref.obrienFleming)
    assertClose(obrienFlemingSpending(t, alpha), spent, 1e-10, `alpha(${t}; ${alpha})`);
  assert.equal(obrienFlemingSpending(0, 0.05), 0);
  const alphas = lookAlphas({ looks: [10, 15, 20, 30], alpha: 0.01 });
  assert.equal(alphas.length, 4);
  assertClose(
    alphas.reduce((a, b) => a + b, 0),
    0.01,
    1e-15,
    'sum',
  );
  assert.ok(
    alphas.every((a, i) => a > 0 && (i === 0 || a > alphas[i - 1]!)),
    'early looks spend least',
  );
  assertClose(alphas[0]!, ref.obrienFleming[0]!.spent, 1e-10, 'first look');
  assert.deepEqual(lookAlphas({ looks: [12], alpha: 0.05 }), [0.05], 'one look is the fixed design');
  assert.throws(() => lookAlphas({ looks: [10, 10], alpha: 0.05 }), /increase/);
  assert.throws(() => lookAlphas({ looks: [1, 10], alpha: 0.05 }), />= 2/);
  assert.throws(() => lookAlphas({ looks: [], alpha: 0.05 }), /at least one look/);
});

/** A session test with a chosen estimate, se and p (welch-log, 20/20 sessions, baseline centre 1). */
function fakeTest(estimate: number, se: number, p: number, df = 30): SessionTest {
  return {
    method: 'welch-log',
    estimate,
    ci: { low: Number.NaN, high: Number.NaN, level: 0.95 },
    p,
    df,
    sessions: [20, 20],
    se,
    mdc: Number.NaN,
    centres: [1, estimate],
  };
}

test('sequentialDecision: stop on a confirmed change, on equivalence, or at the last look', () => {
  const design: SequentialDesign = { looks: [10, 20, 30], alpha: 0.01 };
  const rule = { noise: 0.05, direction: 'lower' as const };
  const higher = { noise: 0.05, direction: 'higher' as const };
  // Large, very significant slowdown: decided at the first look, and it is an improvement for higher-is-better.
  assert.equal(sequentialDecision(design, 0, fakeTest(1.5, 0.02, 1e-12), rule), 'regressed');
  assert.equal(sequentialDecision(design, 0, fakeTest(1.5, 0.02, 1e-12), higher), 'improved');
  assert.equal(sequentialDecision(design, 0, fakeTest(0.6, 0.02, 1e-12), rule), 'improved');
  // Significant at alpha but not at the first look's share of it: continue.
  assert.equal(sequentialDecision(design, 0, fakeTest(1.2, 0.07, 0.005), rule), 'continue');
  // Tight interval inside ±5%: unchanged (equivalence) even at the first look.
  assert.equal(sequentialDecision(design, 0, fakeTest(1.0, 0.005, 0.9), rule), 'unchanged');
  // Wide interval, small estimate: continue before the last look; unchanged at it.
  assert.equal(sequentialDecision(design, 1, fakeTest(1.02, 0.1, 0.8), rule), 'continue');
  assert.equal(sequentialDecision(design, 2, fakeTest(1.02, 0.1, 0.8), rule), 'unchanged');
  // Beyond the threshold but not confirmed at the last look: inconclusive.
  assert.equal(sequentialDecision(design, 2, fakeTest(1.2, 0.1, 0.07), rule), 'inconclusive');
  // Confirmed at the last look with the remaining alpha.
  assert.equal(sequentialDecision(design, 2, fakeTest(1.2, 0.05, 0.001), rule), 'regressed');
  // Significant but within the threshold: not a regression.
  assert.equal(sequentialDecision(design, 2, fakeTest(1.03, 0.005, 1e-8), rule), 'unchanged');
  // A test that could not be computed.
  assert.equal(sequentialDecision(design, 0, fakeTest(1.2, Number.NaN, Number.NaN), rule), 'continue');
  assert.equal(sequentialDecision(design, 2, fakeTest(1.2, Number.NaN, Number.NaN), rule), 'inconclusive');
  // A caller may pass an adjusted p.
  assert.equal(sequentialDecision(design, 2, fakeTest(1.2, 0.05, 0.001), rule, 0.5), 'inconclusive');
  assert.throws(() => sequentialDecision(design, 3, fakeTest(1, 0.1, 0.5), rule), /look must be 0\.\.2/);
});

// ---------------------------------------------------------------- simulation under the null

const LOOKS = [10, 15, 20, 30];
const MAX = LOOKS[LOOKS.length - 1]!;
const ALPHA = 0.05;
const REPLICATES = 2500;
const SAMPLES_PER_SESSION = 4;
const SESSION_SD = [0.05, 0.15, 0.3];

/**
 * Samples of `sessions` browser sessions: each session has its own level, lognormal with sd
 * `sessionSd` on the log scale, and with probability 0.3 runs in a slow mode 1.8x slower
 * (multimodal session medians); samples inside a session add 5% noise.
 */
function side(rng: Rng, sessions: number, sessionSd: number): number[] {
  const samples: number[] = [];
  for (let s = 0; s < sessions; s++) {
    const level = sessionSd * randomNormal(rng) + (rng() < 0.3 ? Math.log(1.8) : 0);
    for (let i = 0; i < SAMPLES_PER_SESSION; i++) samples.push(Math.exp(level + 0.05 * randomNormal(rng)));
  }
  return samples;
}

interface Tally {
  regressed: number;
  alarms: number;
}

function simulate(seed: number, shift: number): { sequential: Tally; naive: Tally; stoppedAt: number[] } {
  const rng = createRng(seed);
  const design: SequentialDesign = { looks: LOOKS, alpha: ALPHA };
  const rule = { noise: 0, direction: 'lower' as const };
  const rounds = Array.from({ length: MAX }, () => SAMPLES_PER_SESSION);
  const sequential: Tally = { regressed: 0, alarms: 0 };
  const naive: Tally = { regressed: 0, alarms: 0 };
  const stoppedAt = LOOKS.map(() => 0);
  for (let r = 0; r < REPLICATES; r++) {
    const sd = SESSION_SD[r % SESSION_SD.length]!;
    const base = sessionValues(side(rng, MAX, sd), rounds, 'geomean');
    const cand = sessionValues(
      side(rng, MAX, sd).map((x) => x * shift),
      rounds,
      'geomean',
    );
    let seqDone = false;
    let naiveDone = false;
    for (let k = 0; k < LOOKS.length && !(seqDone && naiveDone); k++) {
      const n = LOOKS[k]!;
      const t = sessionTest('welch-log', base.slice(0, n), cand.slice(0, n));
      if (!seqDone) {
        const outcome: SequentialOutcome = sequentialDecision(design, k, t, rule);
        if (outcome !== 'continue') {
          seqDone = true;
          stoppedAt[k] = stoppedAt[k]! + 1;
          if (outcome === 'regressed') sequential.regressed++;
          if (outcome === 'regressed' || outcome === 'improved') sequential.alarms++;
        }
      }
      // Naive optional stopping: test at the full alpha after every look, stop at the first rejection.
      if (!naiveDone && t.p < ALPHA) {
        naiveDone = true;
        naive.alarms++;
        if (t.estimate > 1) naive.regressed++;
      }
    }
  }
  return { sequential, naive, stoppedAt };
}

/** Rate bound: nominal + 3 Monte-Carlo standard errors of a binomial proportion at the nominal rate. */
const bound = (nominal: number) => nominal + 3 * Math.sqrt((nominal * (1 - nominal)) / REPLICATES);

test(
  'sequential design under the null with session effects and multimodal sessions: false alarms <= alpha; ' +
    'naive re-testing exceeds it',
  () => {
    const { sequential, naive } = simulate(20261130, 1);
    const rate = (x: number) => x / REPLICATES;
    // One-sided false regressions get half of the two-sided alpha.
    assert.ok(
      rate(sequential.regressed) <= bound(ALPHA / 2),
      `sequential false regressions ${rate(sequential.regressed)} > ${bound(ALPHA / 2)}`,
    );
    assert.ok(
      rate(sequential.alarms) <= bound(ALPHA),
      `sequential false alarms ${rate(sequential.alarms)} > ${bound(ALPHA)}`,
    );
    // The simulation can see the inflation: the naive procedure clearly exceeds alpha.
    assert.ok(
      rate(naive.alarms) > bound(ALPHA),
      `naive false alarms ${rate(naive.alarms)} should exceed ${bound(ALPHA)}`,
    );
    assert.ok(
      rate(naive.regressed) > bound(ALPHA / 2),
      `naive false regressions ${rate(naive.regressed)} should exceed ${bound(ALPHA / 2)}`,
    );
  },
);

test('sequential design: a 40% slowdown is found, most often before the last look', () => {
  const { sequential, stoppedAt } = simulate(7, 1.4);
  assert.ok(sequential.regressed / REPLICATES >= 0.8, `power ${sequential.regressed / REPLICATES}`);
  assert.ok(stoppedAt[LOOKS.length - 1]! < REPLICATES / 2, `stopped at each look: ${stoppedAt.join('/')}`);
});
