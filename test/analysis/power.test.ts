/**
 * `power` (src/analysis/power.ts, src/report/power.ts) on synthetic pools: session picking and drawing,
 * the stability label, false-alarm and detection rates, and the markdown table. No browser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AA_SIDE,
  REFERENCE_SIDE,
  bimodality,
  centredRatios,
  delaySide,
  drawSessions,
  pickSessions,
  powerFromPool,
  stabilityLabel,
  type PoolSide,
} from '../../src/analysis/power.js';
import { renderPowerMarkdown } from '../../src/report/power.js';
import { parseConfig } from '../../src/config/config.js';
import { createRng, randomNormal, type Rng } from '../../src/stats/prng.js';
import { normalQuantile } from '../../src/stats/distributions.js';
import type { MetricResult } from '../../src/model/types.js';

const config = parseConfig({}, 'defaults');

const result = (benchmarkId: string, samples: number[], rounds?: number[]): MetricResult => ({
  benchmarkId,
  metric: 'time',
  unit: 'ms',
  direction: 'lower',
  kind: 'time',
  samples,
  innerIterations: 10,
  ...(rounds && { rounds }),
});

test('pickSessions keeps exactly the chosen sessions, in order, with their sizes', () => {
  const r = result('s/a', [1, 2, 3, 4, 5, 6], [2, 3, 1]);
  assert.deepEqual(pickSessions(r, [0, 2]), { ...r, samples: [1, 2, 6], rounds: [2, 1] });
  assert.deepEqual(pickSessions(r, [1]), { ...r, samples: [3, 4, 5], rounds: [3] });
  assert.deepEqual(pickSessions(r, [0, 1, 2]), r);
  assert.deepEqual(
    pickSessions(r, [2, 7]),
    { ...r, samples: [6], rounds: [1] },
    'sessions the result does not have are skipped',
  );
  assert.deepEqual(pickSessions(r, []), { ...r, samples: [], rounds: [] });
  assert.deepEqual(r.samples, [1, 2, 3, 4, 5, 6], 'the input is not modified');
  assert.deepEqual(r.rounds, [2, 3, 1]);
  // A result without rounds is one session.
  assert.deepEqual(pickSessions(result('s/b', [7, 8]), [0]), result('s/b', [7, 8], [2]));
});

test('drawSessions: k distinct sessions in ascending order, outside the excluded set, seeded', () => {
  const rng = createRng(3);
  for (let i = 0; i < 200; i++) {
    const exclude = new Set(drawSessions(24, 12, rng));
    const drawn = drawSessions(24, 12, rng, exclude);
    assert.equal(new Set(drawn).size, 12);
    assert.deepEqual(
      drawn,
      [...drawn].sort((a, b) => a - b),
    );
    assert.ok(drawn.every((s) => s >= 0 && s < 24 && !exclude.has(s)));
    assert.deepEqual(
      [...drawn, ...exclude].sort((a, b) => a - b),
      [...Array(24).keys()],
      'two disjoint halves cover the pool',
    );
  }
  assert.deepEqual(drawSessions(5, 5, createRng(1)), [0, 1, 2, 3, 4]);
  assert.deepEqual(drawSessions(5, 0, createRng(1)), []);
  assert.deepEqual(drawSessions(10, 4, createRng(9)), drawSessions(10, 4, createRng(9)), 'same seed, same sessions');
  assert.throws(() => drawSessions(5, 6, createRng(1)), /cannot draw 6 sessions from 5/);
  assert.throws(() => drawSessions(5, 4, createRng(1), new Set([0, 1])), /cannot draw 4 sessions from 3/);
});

test('drawSessions: every session is equally likely to be drawn', () => {
  const rng = createRng(20261130);
  const draws = 3000;
  const counts = new Array<number>(6).fill(0);
  for (let i = 0; i < draws; i++) for (const s of drawSessions(6, 3, rng)) counts[s]!++;
  // Each count is Binomial(3000, 1/2): mean 1500, sd 27.4; 5 sd either side.
  for (const [s, n] of counts.entries()) assert.ok(Math.abs(n - draws / 2) < 137, `session ${s}: ${n}`);
});

/** n normal quantiles scaled to sd about `sd`: a smooth, unimodal set of log session medians. */
const normalish = (n: number, sd: number, at = 0) =>
  Array.from({ length: n }, (_, i) => at + sd * normalQuantile((i + 0.5) / n));

test('stabilityLabel: stable, noisy or multimodal from the spread and shape of log session medians', () => {
  assert.equal(stabilityLabel(normalish(20, 0.02)), 'stable');
  assert.equal(stabilityLabel(new Array(12).fill(Math.log(3))), 'stable', 'no spread at all');
  assert.equal(stabilityLabel([0.1]), 'stable', 'one session');
  assert.equal(stabilityLabel([]), 'stable');
  assert.equal(stabilityLabel(normalish(20, 0.2)), 'noisy', 'wide but one mode');
  // Two clusters 1.8x apart (half the sessions in a slow mode).
  const twoModes = [...normalish(10, 0.01), ...normalish(10, 0.01, Math.log(1.8))];
  assert.ok(bimodality(twoModes) > 5 / 9, `bimodality ${bimodality(twoModes)}`);
  assert.ok(bimodality(normalish(20, 0.2)) < 5 / 9);
  assert.equal(stabilityLabel(twoModes), 'multimodal');
  // Close modes still count when the spread is above 5%; too few sessions cannot show a shape.
  assert.equal(stabilityLabel([...normalish(10, 0.005), ...normalish(10, 0.005, 0.15)]), 'multimodal');
  assert.equal(stabilityLabel([...normalish(4, 0.01), ...normalish(4, 0.01, Math.log(1.8))]), 'noisy');
  assert.ok(Number.isNaN(bimodality([1, 2, 3])), 'needs 4 values');
});

// ------------------------------------------------------------------------- a synthetic pool

const POOL = 24;
const TRIAL = 12;
const PER_SESSION = 4;
const DELAYS = [5, 20];

/**
 * A pool of the same code on sides A, A0, A+5% and A+20%: in each session every side shares the
 * session's effect (sd `shared` on the log scale, as a fresh renderer process gives), plus its own
 * noise (sd `own`); samples add 1% within the session. The delayed sides are slower by exactly
 * their delay, as `--inject-delay` makes them.
 */
function pool(
  rng: Rng,
  benchmarks: Record<string, { median: number; shared: number; own: number }>,
  delays = DELAYS,
): PoolSide[] {
  const keys = [REFERENCE_SIDE, AA_SIDE, ...delays.map(delaySide)];
  const factor = (key: string) => 1 + (delays.find((d) => delaySide(d) === key) ?? 0) / 100;
  const results = new Map(keys.map((k) => [k, [] as MetricResult[]]));
  for (const [id, b] of Object.entries(benchmarks)) {
    const samples = new Map(keys.map((k) => [k, [] as number[]]));
    for (let s = 0; s < POOL; s++) {
      const session = b.shared * randomNormal(rng);
      for (const k of keys) {
        const level = b.median * factor(k) * Math.exp(session + b.own * randomNormal(rng));
        for (let i = 0; i < PER_SESSION; i++) samples.get(k)!.push(level * Math.exp(0.01 * randomNormal(rng)));
      }
    }
    for (const k of keys) results.get(k)!.push(result(id, samples.get(k)!, new Array(POOL).fill(PER_SESSION)));
  }
  return keys.map((key) => ({ key, delayPct: Math.round((factor(key) - 1) * 100), results: results.get(key)! }));
}

const BENCHMARKS = {
  's/steady': { median: 0.5, shared: 0.15, own: 0.02 },
  's/shaky': { median: 3, shared: 0.25, own: 0.03 },
  'controls/compute': { median: 0.2, shared: 0.15, own: 0.02 },
};

test('powerFromPool: few A/A false alarms, 20% found in most paired trials, pairing finds 5% at least as often', () => {
  const sides = pool(createRng(42), BENCHMARKS);
  const costs = new Map([['s/steady', { sessionMs: 400, sampleMs: 2 }]]);
  const report = powerFromPool(sides, { trialSessions: TRIAL, trials: 30, seed: 7, config, costs });

  assert.equal(report.poolSessions, POOL);
  assert.equal(report.trialSessions, TRIAL);
  assert.deepEqual(report.delays, DELAYS);
  assert.deepEqual(
    report.rows.map((r) => r.benchmarkId),
    ['s/steady', 's/shaky'],
    'one row per benchmark; the controls are not benchmarks',
  );
  for (const row of report.rows) {
    const at = (mode: 'paired' | 'unpaired', pct: number) => row[mode].detection.find((d) => d.delayPct === pct)!.rate;
    assert.equal(row.paired.falseAlarms.trials, 30);
    assert.ok(row.paired.falseAlarms.rate <= 0.05, `${row.benchmarkId} paired A/A ${row.paired.falseAlarms.rate}`);
    assert.ok(
      row.unpaired.falseAlarms.rate <= 0.05,
      `${row.benchmarkId} unpaired A/A ${row.unpaired.falseAlarms.rate}`,
    );
    assert.ok(at('paired', 20).rate >= 0.8, `${row.benchmarkId} paired 20% ${at('paired', 20).rate}`);
    assert.ok(
      at('paired', 5).rate >= at('unpaired', 5).rate,
      `${row.benchmarkId} 5%: paired ${at('paired', 5).rate} < unpaired ${at('unpaired', 5).rate}`,
    );
    assert.ok(at('paired', 20).rate >= at('unpaired', 20).rate);
    assert.ok(row.detectsPaired !== null && row.detectsPaired <= 20);
    // The variance components: between sessions about the shared effect, paired about own noise x sqrt(2).
    const b = BENCHMARKS[row.benchmarkId as keyof typeof BENCHMARKS];
    assert.ok(
      row.sdBetween > 0.5 * b.shared && row.sdBetween < 1.6 * b.shared,
      `${row.benchmarkId} sdBetween ${row.sdBetween}`,
    );
    assert.ok(
      row.sdPaired > 0.5 * b.own * Math.SQRT2 && row.sdPaired < 1.6 * b.own * Math.SQRT2,
      `${row.benchmarkId} sdPaired ${row.sdPaired}`,
    );
    assert.ok(row.sdPaired < row.sdBetween, 'pairing removes the session effect');
    assert.ok(row.sdWithin > 0.005 && row.sdWithin < 0.02, `${row.benchmarkId} sdWithin ${row.sdWithin}`);
    assert.ok(
      row.mdcPaired !== null && row.mdcPaired > 0 && row.mdcPaired <= 0.2,
      `${row.benchmarkId} mdc ${row.mdcPaired}`,
    );
    for (const rate of [row.paired.falseAlarms, ...row.paired.detection.map((d) => d.rate)])
      assert.ok(rate.ci.low <= rate.rate && rate.rate <= rate.ci.high);
  }
  const steady = report.rows[0]!;
  assert.ok(
    Number.isInteger(steady.bestSamplesPerSession) && steady.bestSamplesPerSession >= 1,
    'a best split when costs are known',
  );
  assert.ok(Number.isNaN(report.rows[1]!.bestSamplesPerSession), 'none without costs');
  assert.equal(report.rows[1]!.label, 'noisy', 'a 25% session effect is noisy');
  // The two labels judge different spreads: session medians (stored mode) and per-session log
  // ratios (paired mode), where the shared 15% session effect cancels and 2% own noise is left.
  assert.equal(steady.label, 'noisy');
  assert.equal(steady.pairedLabel, 'stable', `paired sd ${steady.sdPaired}`);
  assert.ok(report.checks.paired.rate <= 0.1, `A/A checks failing: ${report.checks.paired.rate}`);
  assert.equal(report.checks.unpaired.trials, 30, 'a pool of 2 x 12 sessions allows stored-baseline trials');
});

test('powerFromPool refuses a pool without A and A0, or with fewer sessions than a trial', () => {
  const sides = pool(createRng(1), { 's/a': { median: 1, shared: 0.1, own: 0.02 } });
  assert.throws(
    () =>
      powerFromPool(
        sides.filter((s) => s.key !== AA_SIDE),
        { trialSessions: TRIAL, trials: 1, config },
      ),
    /needs sides A and A0/,
  );
  assert.throws(
    () => powerFromPool(sides, { trialSessions: POOL + 1, trials: 1, config }),
    /has 24 sessions, fewer than the 25/,
  );
  // 24 sessions hold a paired trial of 13 but not two disjoint halves of 13: no stored-baseline trials.
  const report = powerFromPool(sides, { trialSessions: 13, trials: 2, config });
  assert.equal(report.checks.unpaired.trials, 0);
  assert.equal(report.rows[0]!.unpaired.falseAlarms.trials, 0);
});

test('renderPowerMarkdown: one table row per benchmark, with a column per delay and mode', () => {
  const sides = pool(createRng(8), {
    's/a': { median: 1, shared: 0.1, own: 0.02 },
    's/b?n=10': { median: 2, shared: 0.1, own: 0.02 },
    's/c': { median: 4, shared: 0.1, own: 0.02 },
  });
  const report = powerFromPool(sides, { trialSessions: TRIAL, trials: 4, seed: 1, config });
  const md = renderPowerMarkdown(report, { measuredAt: '2026-11-30T10:04:05.000Z', browser: 'HeadlessChrome/131' });
  const table = md.split('\n').filter((l) => l.startsWith('|'));
  const [header, separator, ...rows] = table;
  assert.equal(rows.length, 3);
  assert.deepEqual(
    rows.map((r) => r.split(' | ')[0]!.slice(2)),
    ['s/a', 's/b?n=10', 's/c'],
  );
  const columns = (line: string) => line.split('|').length - 2;
  assert.ok(header!.includes('| paired 5% | paired 20% |') && header!.includes('| stored 5% | stored 20% |'), header);
  for (const line of [separator!, ...rows]) assert.equal(columns(line), columns(header!), line);
  assert.match(
    md,
    new RegExp(
      '^Pool of 24 sessions measured 2026-11-30 10:04 UTC with HeadlessChrome/131; ' +
        '4 trials of 12 sessions per side; injected delays 5%, 20%\\.',
    ),
  );
  assert.match(md, /A\/A checks that would exit 1: paired \d+\/4 \[/);
  assert.ok(header!.endsWith('| paired MDC (est.) | stored MDC (est.) |'), header);
  assert.match(rows[0]!, /\| (\d+%|> 100%) \| (\d+%|> 100%) \|$/);
  assert.match(
    md,
    new RegExp(
      'Smallest change detected in >= 80% of trials \\(MDC, estimated by scaling the A/A twin over 20 trials ' +
        'per grid point, not measured with an injected delay\\): ' +
        'median over benchmarks (\\d+%|> 100%) paired, (\\d+%|> 100%) stored\\.',
    ),
  );
});

// ------------------------------------------------------------ the estimated smallest detectable change

const TINY = { 's/a': { median: 1, shared: 0.01, own: 0.003 }, 's/b': { median: 2, shared: 0.01, own: 0.003 } };
const WIDE = { 's/a': { median: 1, shared: 0.15, own: 0.08 }, 's/b': { median: 2, shared: 0.15, own: 0.08 } };

test('estimated MDC: a few percent with a tiny session spread, larger with a larger one, in both modes', () => {
  const tiny = powerFromPool(pool(createRng(11), TINY, []), {
    trialSessions: TRIAL,
    trials: 1,
    mdcTrials: 10,
    seed: 3,
    config,
  });
  const wide = powerFromPool(pool(createRng(11), WIDE, []), {
    trialSessions: TRIAL,
    trials: 1,
    mdcTrials: 10,
    seed: 3,
    config,
  });
  assert.equal(tiny.mdcTrials, 10);
  assert.deepEqual(tiny.mdcGrid, [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 100]);
  for (const [i, row] of tiny.rows.entries()) {
    // The 2% default noise threshold is the floor: a change of exactly 2% is within it.
    assert.ok(row.mdcPaired !== null && row.mdcPaired <= 0.03, `${row.benchmarkId} tiny paired ${row.mdcPaired}`);
    assert.ok(row.mdcUnpaired !== null && row.mdcUnpaired <= 0.03, `${row.benchmarkId} tiny stored ${row.mdcUnpaired}`);
    const w = wide.rows[i]!;
    assert.ok(w.mdcPaired === null || w.mdcPaired > row.mdcPaired, `${w.benchmarkId} wide paired ${w.mdcPaired}`);
    assert.ok(
      w.mdcUnpaired === null || w.mdcUnpaired > row.mdcUnpaired,
      `${w.benchmarkId} wide stored ${w.mdcUnpaired}`,
    );
    // Pairing removes the 15% session effect, so the paired MDC is the smaller one.
    assert.ok(
      w.mdcPaired !== null && (w.mdcUnpaired === null || w.mdcPaired <= w.mdcUnpaired),
      `${w.benchmarkId} ${w.mdcPaired} vs ${w.mdcUnpaired}`,
    );
  }
  // Without room for two disjoint sets there are no stored-baseline trials, hence no stored MDC.
  const noStored = powerFromPool(pool(createRng(11), TINY, []), { trialSessions: 13, trials: 1, mdcTrials: 4, config });
  assert.ok(noStored.rows.every((r) => r.mdcUnpaired === null && r.mdcPaired !== null));
});

/** The pool of `pool` with side A+10% replaced by A0's samples times 1.1: what the grid's 10% point simulates. */
function scaledTwin(sides: PoolSide[]): PoolSide[] {
  const aa = sides.find((s) => s.key === AA_SIDE)!;
  const twin: PoolSide = {
    key: delaySide(10),
    delayPct: 10,
    results: aa.results.map((r) => ({ ...r, samples: r.samples.map((x) => x * 1.1) })),
  };
  return sides.map((s) => (s.key === twin.key ? twin : s));
}

test('estimated MDC agrees with detection of a side slowed by 10% over the same trials', () => {
  // Spreads from easy to hard for 10% at 12 paired sessions.
  const benchmarks = {
    's/easy': { median: 1, shared: 0.1, own: 0.02 },
    's/mid': { median: 1, shared: 0.1, own: 0.07 },
    's/hard': { median: 1, shared: 0.1, own: 0.12 },
  };
  const sides = scaledTwin(pool(createRng(5), benchmarks, [10]));
  // A grid of 10% only, over the very trials of the injected side: detected in >= 80% <=> MDC 10%.
  const only10 = powerFromPool(sides, {
    trialSessions: TRIAL,
    trials: 20,
    mdcTrials: 20,
    mdcGrid: [10],
    seed: 9,
    config,
  });
  const full = powerFromPool(sides, { trialSessions: TRIAL, trials: 20, mdcTrials: 20, seed: 9, config });
  let detected = 0;
  for (const [i, row] of only10.rows.entries()) {
    for (const mode of ['paired', 'unpaired'] as const) {
      const rate = row[mode].detection.find((d) => d.delayPct === 10)!.rate.rate;
      const mdc = mode === 'paired' ? row.mdcPaired : row.mdcUnpaired;
      assert.equal(
        mdc,
        rate >= 0.8 ? 0.1 : null,
        `${row.benchmarkId} ${mode}: 10% side detected in ${rate}, grid point ${mdc}`,
      );
      const fullMdc = mode === 'paired' ? full.rows[i]!.mdcPaired : full.rows[i]!.mdcUnpaired;
      if (rate >= 0.8) {
        detected++;
        assert.ok(
          fullMdc !== null && fullMdc <= 0.1,
          `${row.benchmarkId} ${mode}: 10% detected in ${rate}, MDC ${fullMdc}`,
        );
      }
    }
  }
  assert.ok(detected >= 1 && detected < 6, `the pool should hold detected and undetected cases, got ${detected} of 6`);
});

test('paired label and spread pool every side against A: calm A0 pairs do not hide noisy ones', () => {
  const sides = pool(createRng(3), { 's/dom': { median: 500, shared: 0.1, own: 0.01 } });
  // In every other session one sample of A+20% takes a long pause (8x), as DOM benchmarks' GC does.
  const noisy = sides.find((s) => s.key === delaySide(20))!;
  noisy.results = noisy.results.map((r) => ({
    ...r,
    samples: r.samples.map((v, i) => (i % (2 * PER_SESSION) === 0 ? 8 * v : v)),
  }));
  const row = powerFromPool(sides, { trialSessions: TRIAL, trials: 2, mdcTrials: 2, config }).rows[0]!;
  assert.notEqual(row.pairedLabel, 'stable', `sdPaired ${row.sdPaired}`);
  assert.ok(row.sdPaired > 0.1, `sdPaired ${row.sdPaired}`);
  const calm = powerFromPool(pool(createRng(3), { 's/dom': { median: 500, shared: 0.1, own: 0.01 } }), {
    trialSessions: TRIAL,
    trials: 2,
    mdcTrials: 2,
    config,
  }).rows[0]!;
  assert.equal(calm.pairedLabel, 'stable', `sdPaired ${calm.sdPaired}`);
});

test('centredRatios: each side centred on its own median shift, then pooled', () => {
  const a = [0, 0.1, 0.2, 0.3];
  const twin = a.map((v) => v + 0.01);
  const slower = a.map((v, i) => v + Math.log(1.1) + (i === 3 ? 0.5 : 0));
  const d = centredRatios(a, [twin, slower]);
  assert.equal(d.length, 8);
  for (const v of d.slice(0, 4)) assert.ok(Math.abs(v) < 1e-12);
  // The 10% shift is gone; the one odd session stays as the spread.
  assert.deepEqual(
    d.slice(4).map((v) => Math.round(v * 1e9) / 1e9),
    [0, 0, 0, 0.5],
  );
  assert.deepEqual(centredRatios(a, [[]]), []);
});
