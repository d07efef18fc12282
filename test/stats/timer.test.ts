import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseTimer, type TimerIssue } from '../../src/stats/timer.js';
import { createRng, randomLogNormal } from '../../src/stats/prng.js';

const rng = createRng(3);
const healthy = Array.from({ length: 50 }, () => randomLogNormal(rng, Math.log(1.5), 0.05));

const cases: { name: string; samples: number[]; resolutionMs: number; inner?: number; issues: TimerIssue[] }[] = [
  { name: 'healthy 1.5 ms samples, 5 us timer', samples: healthy, resolutionMs: 0.005, issues: [] },
  {
    name: 'mostly zeros',
    samples: [...Array(30).fill(0), ...Array(20).fill(0.1)],
    resolutionMs: 0.1,
    issues: ['zero-dominated', 'few-distinct', 'zero-spread', 'coarse-timer'],
  },
  {
    name: 'one value dominates',
    samples: [...Array(40).fill(0.1), 0.2, 0.2, 0.3, 0.2, 0.1, 0.4, 0.5, 0.6, 0.7, 0.8],
    resolutionMs: 0.1,
    issues: ['mostly-identical', 'zero-spread', 'coarse-timer'],
  },
  {
    name: 'few distinct values on a 100 us grid',
    samples: Array.from({ length: 100 }, (_, i) => [1.0, 1.1][i % 2]!),
    resolutionMs: 0.1,
    issues: ['few-distinct', 'coarse-timer'],
  },
  {
    name: 'short per-op time is fine when inner iterations make samples long',
    samples: healthy.map((x) => x / 1000),
    resolutionMs: 0.005,
    inner: 1000,
    issues: [],
  },
  {
    name: 'short samples on a coarse timer',
    samples: healthy.map((x) => x / 100),
    resolutionMs: 0.005,
    issues: ['coarse-timer'],
  },
  { name: 'too few samples for the distribution checks', samples: [0, 0, 0], resolutionMs: 0.005, issues: ['coarse-timer'] },
];

for (const c of cases) {
  test(`timer diagnosis: ${c.name}`, () => {
    const d = diagnoseTimer(c.samples, { resolutionMs: c.resolutionMs, innerIterations: c.inner });
    assert.deepEqual(d.issues, c.issues);
    assert.equal(d.ok, c.issues.length === 0);
    assert.equal(d.messages.length, d.issues.length);
  });
}

test('timer diagnosis reports distinct values and mode share', () => {
  const d = diagnoseTimer([1, 1, 1, 2, 3], { resolutionMs: 0 });
  assert.equal(d.distinctValues, 3);
  assert.equal(d.modeShare, 0.6);
  assert.ok(d.ok); // fewer than 10 samples and no resolution given
});
