/**
 * The edges of every verdict rule in src/verdict/decide.ts: a change of exactly the noise threshold
 * (within it, in both directions and for both metric directions, however the estimate was rounded),
 * just beyond it, an interval bound of exactly no change, p_adj equal to alpha, sessions and samples
 * equal to their minimum and one less, the severity bounds, and the counter tolerance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Direction, Thresholds, VerdictKind } from '../../src/model/types.js';
import { decide, decideCounter, severityOf, VERDICT_TOLERANCE } from '../../src/verdict/decide.js';
import { comparison, T, type ComparisonSpec } from './helpers.js';

const verdictOf = (spec: ComparisonSpec, t: Partial<Thresholds> = {}): VerdictKind =>
  decide(comparison(spec), { ...T, ...t }).verdict;

// Noise levels whose 1 + noise is not exact in binary (0.1, 0.3) as well as ones that are (0.25, 0.5).
const NOISES = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5];

for (const noise of NOISES) {
  for (const direction of ['lower', 'higher'] as Direction[]) {
    test(
      `ratio threshold ${noise} (${direction} is better): ` +
        `exactly at it is unchanged in both directions, just beyond is decided`,
      () => {
        const t = { noise, alpha: 0.01 };
        // The same ratio reached by different roundings: the literal, 1 + noise, and c / b of centres.
        const up = [1 + noise, (1.2 * (1 + noise)) / 1.2, Math.exp(Math.log1p(noise))];
        const down = up.map((r) => 1 / r).concat([1.2 / (1.2 * (1 + noise))]);
        for (const ratio of up)
          assert.equal(verdictOf({ ratio, ci: [1.000001, 2], p: 1e-6, direction }, t), 'unchanged', `x${ratio}`);
        for (const ratio of down)
          assert.equal(verdictOf({ ratio, ci: [0.5, 0.999999], p: 1e-6, direction }, t), 'unchanged', `x${ratio}`);
        // One part in a million beyond, either way: decided by direction.
        const [worse, better] = direction === 'lower' ? ['regressed', 'improved'] : ['improved', 'regressed'];
        assert.equal(verdictOf({ ratio: (1 + noise) * (1 + 1e-6), ci: [1.000001, 2], p: 1e-6, direction }, t), worse);
        assert.equal(
          verdictOf({ ratio: 1 / ((1 + noise) * (1 + 1e-6)), ci: [0.5, 0.999999], p: 1e-6, direction }, t),
          better,
        );
        // Just inside, either way.
        assert.equal(
          verdictOf({ ratio: (1 + noise) * (1 - 1e-6), ci: [1.000001, 2], p: 1e-6, direction }, t),
          'unchanged',
        );
        assert.equal(
          verdictOf({ ratio: 1 / ((1 + noise) * (1 - 1e-6)), ci: [0.5, 0.999999], p: 1e-6, direction }, t),
          'unchanged',
        );
      },
    );
  }
}

test("the issue's case: x1.05 and /1.05, x1.1 and /1.1 are within thresholds of 5% and 10%", () => {
  // 1.05 - 1 > 0.05 is true and -(0.9 - 1) > 0.1 false in floating point; on the log scale with a
  // tolerance both sides of each threshold agree.
  assert.equal(verdictOf({ ratio: 1.05, ci: [1.01, 1.1], p: 1e-6 }, { noise: 0.05 }), 'unchanged');
  assert.equal(verdictOf({ ratio: 1 / 1.05, ci: [0.9, 0.99], p: 1e-6 }, { noise: 0.05 }), 'unchanged');
  assert.equal(verdictOf({ ratio: 1.1, ci: [1.01, 1.2], p: 1e-6 }, { noise: 0.1 }), 'unchanged');
  assert.equal(verdictOf({ ratio: 1 / 1.1, ci: [0.8, 0.99], p: 1e-6 }, { noise: 0.1 }), 'unchanged');
  // 0.9 is ÷1.111, a larger change than ×1.1: beyond the 10% threshold (improved when lower is better).
  assert.equal(verdictOf({ ratio: 0.9, ci: [0.8, 0.99], p: 1e-6 }, { noise: 0.1 }), 'improved');
});

for (const [base, noise] of [
  [1000, 0.05],
  [0.3, 0.1],
  [-0.7, 0.1],
  [123.456, 0.03],
] as const) {
  test(
    `difference threshold ${noise} x |${base}|: ` + `exactly at it is unchanged both ways, just beyond is decided`,
    () => {
      const limit = noise * Math.abs(base);
      const t = { noise, alpha: 0.01 };
      const spec = (shift: number): ComparisonSpec => ({
        ratio: Number.NaN,
        ci: shift > 0 ? [shift / 2, shift * 2] : [shift * 2, shift / 2],
        p: 1e-6,
        kind: 'gauge',
        method: 'welch-diff',
        base,
        shift,
      });
      // The shift as a difference of centres, as the session test computes it: rounding included.
      const upShift = base + limit - base;
      const downShift = base - limit - base;
      for (const shift of [limit, -limit, upShift, downShift])
        assert.equal(verdictOf(spec(shift), t), 'unchanged', `shift ${shift}`);
      assert.equal(verdictOf(spec(limit * (1 + 1e-6)), t), 'regressed');
      assert.equal(verdictOf(spec(-limit * (1 + 1e-6)), t), 'improved');
      assert.equal(verdictOf(spec(limit * (1 - 1e-6)), t), 'unchanged');
      assert.equal(verdictOf(spec(-limit * (1 - 1e-6)), t), 'unchanged');
    },
  );
}

test('an interval bound of exactly no change includes it: inconclusive, in both directions', () => {
  // ratio: bound exactly 1
  assert.equal(verdictOf({ ratio: 1.2, ci: [1, 1.4], p: 1e-6 }), 'inconclusive');
  assert.equal(verdictOf({ ratio: 0.8, ci: [0.6, 1], p: 1e-6 }), 'inconclusive');
  assert.equal(verdictOf({ ratio: 0.8, ci: [0.6, 1], p: 1e-6, direction: 'higher' }), 'inconclusive');
  // just clear of 1
  assert.equal(verdictOf({ ratio: 1.2, ci: [1 + 1e-12, 1.4], p: 1e-6 }), 'regressed');
  assert.equal(verdictOf({ ratio: 0.8, ci: [0.6, 1 - 1e-12], p: 1e-6 }), 'improved');
  // difference: bound exactly 0 (0 in log space is a ratio of 1; difference methods compare with 0 itself)
  const diff = (shift: number, ci: [number, number]): ComparisonSpec => ({
    ratio: Number.NaN,
    ci,
    p: 1e-6,
    kind: 'gauge',
    method: 'paired-diff',
    base: 100,
    shift,
  });
  assert.equal(verdictOf(diff(20, [0, 40])), 'inconclusive');
  assert.equal(verdictOf(diff(-20, [-40, 0])), 'inconclusive');
  assert.equal(verdictOf(diff(20, [1e-9, 40])), 'regressed');
  assert.equal(verdictOf(diff(-20, [-40, -1e-9])), 'improved');
});

test('p_adj exactly alpha is not significant; just below is', () => {
  for (const alpha of [0.01, 0.05, 0.1]) {
    assert.equal(verdictOf({ ratio: 1.2, ci: [1.1, 1.3], p: alpha }, { alpha }), 'inconclusive');
    assert.equal(verdictOf({ ratio: 0.8, ci: [0.7, 0.9], p: alpha }, { alpha }), 'inconclusive');
    assert.equal(verdictOf({ ratio: 1.2, ci: [1.1, 1.3], p: alpha * (1 - 1e-9) }, { alpha }), 'regressed');
    assert.equal(verdictOf({ ratio: 0.8, ci: [0.7, 0.9], p: alpha * (1 - 1e-9) }, { alpha }), 'improved');
  }
});

test('sessions: exactly minSessions per side is decided, one less is inconclusive', () => {
  for (const minSessions of [2, 3, 5, 8]) {
    const t = { minSessions };
    assert.equal(
      verdictOf({ ratio: 1.5, ci: [1.4, 1.6], p: 1e-4, sessions: minSessions }, t),
      'regressed',
      `${minSessions}`,
    );
    assert.equal(
      verdictOf({ ratio: 1.5, ci: [1.4, 1.6], p: 1e-4, sessions: [minSessions - 1, minSessions] }, t),
      'inconclusive',
    );
    assert.equal(
      verdictOf({ ratio: 1.5, ci: [1.4, 1.6], p: 1e-4, sessions: [minSessions, minSessions - 1] }, t),
      'inconclusive',
    );
  }
});

test('samples: a time session of exactly minSamples is decided, one less is inconclusive', () => {
  for (const minSamples of [1, 2, 3, 5]) {
    const t = { minSamples };
    assert.equal(
      verdictOf({ ratio: 1.5, ci: [1.4, 1.6], p: 1e-4, sessionSamples: [minSamples, minSamples] }, t),
      'regressed',
      `${minSamples}`,
    );
    if (minSamples > 1) {
      const fewer = decide(
        comparison({ ratio: 1.5, ci: [1.4, 1.6], p: 1e-4, sessionSamples: [minSamples, minSamples - 1] }),
        { ...T, ...t },
      );
      assert.equal(fewer.verdict, 'inconclusive');
      assert.match(
        fewer.explanation,
        new RegExp(`a candidate session has ${minSamples - 1} sample\\(s\\) \\(need ${minSamples} per session\\)`),
      );
      assert.equal(
        verdictOf({ ratio: 0.5, ci: [0.4, 0.6], p: 1e-4, sessionSamples: [minSamples - 1, minSamples] }, t),
        'inconclusive',
      );
    }
  }
});

test('severity bounds: a factor of exactly major or critical reaches it, however it was rounded', () => {
  const s = T.severity;
  for (const [factor, expected] of [
    [s.major, 'major'],
    [s.critical, 'critical'],
    [s.major * (1 - 1e-6), 'minor'],
    [s.critical * (1 - 1e-6), 'major'],
    // c / b of centres b = 13/7 and c = b × 1.5 is 1.4999999999999998; the mirror image through 1 / r too.
    [((13 / 7) * 1.5) / (13 / 7), 'major'],
    [1 / (3 / 7 / ((3 / 7) * 1.5)), 'major'],
    [s.major * (1 - VERDICT_TOLERANCE / 10), 'major'],
  ] as const) {
    assert.equal(severityOf(factor, s), expected, `factor ${factor}`);
  }
  // Through decide, both metric directions: ×1.5 slower and ÷1.5 fewer frames are both major.
  assert.equal(decide(comparison({ ratio: 1.5, ci: [1.4, 1.6], p: 1e-4 }), T).severity, 'major');
  assert.equal(
    decide(comparison({ ratio: 1 / 1.5, ci: [0.6, 0.7], p: 1e-4, direction: 'higher' }), T).severity,
    'major',
  );
  assert.equal(
    decide(comparison({ ratio: 0.5, ci: [0.4, 0.6], p: 1e-4, direction: 'higher' }), T).severity,
    'critical',
  );
  assert.equal(decide(comparison({ ratio: 2, ci: [1.8, 2.2], p: 1e-4 }), T).severity, 'critical');
});

test('counters: a change within the relative tolerance is unchanged, beyond it decided by direction, both ways', () => {
  const meta = {
    benchmarkId: 'diffing/swap',
    metric: 'domMoves',
    unit: 'moves',
    direction: 'lower' as const,
    kind: 'counter' as const,
  };
  const base = 1000;
  const within = base * VERDICT_TOLERANCE * 0.5;
  const beyond = base * VERDICT_TOLERANCE * 10;
  assert.equal(decideCounter([base], [base + within], meta).verdict, 'unchanged');
  assert.equal(decideCounter([base], [base - within], meta).verdict, 'unchanged');
  assert.equal(decideCounter([base], [base + beyond], meta).verdict, 'regressed');
  assert.equal(decideCounter([base], [base - beyond], meta).verdict, 'improved');
  assert.equal(decideCounter([base], [base - beyond], { ...meta, direction: 'higher' }).verdict, 'regressed');
  // One more DOM move in 1000 is a change.
  assert.equal(decideCounter([base], [base + 1], meta).verdict, 'regressed');
});
