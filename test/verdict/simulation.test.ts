/**
 * Operating characteristics of the verdict rules on simulated data (seeded, so deterministic):
 * A/A comparisons must rarely be flagged, and a 30% slowdown must almost always be.
 * Samples: lognormal with CV 5% (σ_log = √ln(1.0025)), n = 30 per side, 200 pairs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, type ComparisonMeta } from '../../src/stats/compare.js';
import { falseAlarmRate, logSigmaFromCV } from '../../src/stats/power.js';
import { createRng, randomLogNormal, type Rng } from '../../src/stats/prng.js';
import { decide } from '../../src/verdict/decide.js';
import { decideAll } from '../../src/verdict/decide-all.js';
import { DEFAULT_THRESHOLDS } from '../../src/verdict/thresholds.js';
import { result } from './helpers.js';

const PAIRS = 200;
const N = 30;
const SIGMA = logSigmaFromCV(0.05);
const meta: ComparisonMeta = { benchmarkId: 'sim/bench', metric: 'time', unit: 'ms', direction: 'lower', kind: 'time' };

function draw(rng: Rng, median: number): number[] {
  return Array.from({ length: N }, () => randomLogNormal(rng, Math.log(median), SIGMA));
}

function flaggedRegressed(factor: number, seed: number, noise: number): boolean[] {
  const rng = createRng(seed);
  const flags: boolean[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const c = compare(draw(rng, 1.2), draw(rng, 1.2 * factor), { ...meta, benchmarkId: `sim/${i}` }, { seed: i });
    flags.push(decide(c, { ...DEFAULT_THRESHOLDS, noise }).verdict === 'regressed');
  }
  return flags;
}

test('A/A: at most 3 of 200 comparisons flagged regressed (default thresholds)', () => {
  const rate = falseAlarmRate(flaggedRegressed(1, 101, DEFAULT_THRESHOLDS.noise));
  assert.ok(rate.flagged <= 3, `flagged ${rate.flagged}/200`);
});

test('A/A with no noise threshold: the test alone keeps false alarms near alpha/2', () => {
  // Only p_adj < 0.01 and the interval guard the verdict here; a one-sided false alarm rate of
  // ~0.5% expects 1 of 200. Allow up to 5 (P(X > 5) < 0.1% for Binomial(200, 0.005)).
  const rate = falseAlarmRate(flaggedRegressed(1, 202, 0));
  assert.ok(rate.flagged <= 5, `flagged ${rate.flagged}/200`);
});

test('30% slowdown: at least 195 of 200 comparisons flagged regressed', () => {
  const flags = flaggedRegressed(1.3, 303, DEFAULT_THRESHOLDS.noise);
  const flagged = flags.filter(Boolean).length;
  assert.ok(flagged >= 195, `flagged ${flagged}/200`);
});

test('one check with 200 A/A benchmarks and 10 slowed down by 30%: BH keeps the slow ones, flags no A/A one', () => {
  const rng = createRng(404);
  const base = [];
  const cand = [];
  for (let i = 0; i < 200; i++) {
    const id = `sim/${String(i).padStart(3, '0')}`;
    base.push(result(id, draw(rng, 1.2)));
    cand.push(result(id, draw(rng, i < 10 ? 1.2 * 1.3 : 1.2)));
  }
  const vs = decideAll(base, cand);
  const regressed = vs.filter((v) => v.verdict === 'regressed').map((v) => v.benchmarkId);
  assert.deepEqual(regressed.sort(), Array.from({ length: 10 }, (_, i) => `sim/${String(i).padStart(3, '0')}`));
});
