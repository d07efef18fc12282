/**
 * Runs against a pinned reference (src/core/reference-run.ts): the paired per-session ratio on
 * synthetic sessions with a strong session effect (the machine's state that night, shared by both
 * sides), and the trend series drawn as ratios only when every run has a reference, built from a
 * temporary SQLite store. No browser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  REFERENCE_UNIT,
  chooseSeriesPoints,
  referenceRatio,
  referenceRatios,
  referenceStoredOptions,
} from '../../src/core/reference-run.js';
import { buildSeries } from '../../src/core/report-data.js';
import { Store, type CompletedRun } from '../../src/store/store.js';
import { summarize } from '../../src/stats/summary.js';
import { parseConfig } from '../../src/config/config.js';
import { createRng, randomNormal, type Rng } from '../../src/stats/prng.js';
import type { AbSideSpec } from '../../src/core/ab.js';
import type { MetricResult, SeriesPoint } from '../../src/model/types.js';
import { testEnvironment } from '../helpers.js';

const SESSIONS = 16;
const PER_SESSION = 5;
const ID = 'smoke/a?n=1';

/**
 * Both sides of one night: session i shares a machine factor (0.6x..1.8x, the drift pairing must
 * cancel) and each sample has its own 5% noise; current = `ratio` × reference.
 */
function night(rng: Rng, ratio: number, machine = 1): { current: MetricResult; reference: MetricResult } {
  const cur: number[] = [];
  const ref: number[] = [];
  for (let s = 0; s < SESSIONS; s++) {
    const session = machine * (0.6 + 1.2 * rng());
    for (let i = 0; i < PER_SESSION; i++) ref.push(10 * session * Math.exp(0.05 * randomNormal(rng)));
    for (let i = 0; i < PER_SESSION; i++) cur.push(10 * ratio * session * Math.exp(0.05 * randomNormal(rng)));
  }
  const result = (samples: number[]): MetricResult => ({
    benchmarkId: ID,
    metric: 'time',
    unit: 'ms',
    direction: 'lower',
    kind: 'time',
    samples,
    innerIterations: 1,
    rounds: Array(SESSIONS).fill(PER_SESSION),
  });
  return { current: result(cur), reference: result(ref) };
}

test('referenceRatio recovers a known 1.2x ratio within its interval, through a 3x session effect', () => {
  const { current, reference } = night(createRng(1), 1.2);
  const r = referenceRatio(current, reference);
  assert.equal(r.reason, undefined);
  assert.equal(r.sessions, SESSIONS);
  assert.ok(r.ci.low <= 1.2 && 1.2 <= r.ci.high, `1.2 in [${r.ci.low}, ${r.ci.high}]`);
  assert.ok(r.ci.low > 1, 'the interval excludes 1');
  assert.ok(Math.abs(r.estimate - 1.2) < 0.05, `estimate ${r.estimate}`);
  assert.equal(r.ci.level, 0.95);
});

test('referenceRatio of identical sides is 1, and of two draws of the same code has an interval containing 1', () => {
  const { reference } = night(createRng(2), 1);
  const same = referenceRatio(reference, reference);
  assert.equal(same.estimate, 1);
  assert.ok(same.ci.low <= 1 && 1 <= same.ci.high);
  const aa = night(createRng(3), 1);
  const r = referenceRatio(aa.current, aa.reference);
  assert.ok(r.ci.low <= 1 && 1 <= r.ci.high, `1 in [${r.ci.low}, ${r.ci.high}]`);
});

test('referenceRatio gives no ratio for counters or unpaired session counts, with the reason', () => {
  const { current, reference } = night(createRng(4), 1.2);
  const counter = referenceRatio(
    { ...current, kind: 'counter', samples: [7], rounds: [1] },
    { ...reference, kind: 'counter', samples: [7], rounds: [1] },
  );
  assert.ok(Number.isNaN(counter.estimate));
  assert.match(counter.reason ?? '', /counter/);
  const unpaired = referenceRatio(current, {
    ...reference,
    samples: reference.samples.slice(PER_SESSION),
    rounds: Array(SESSIONS - 1).fill(PER_SESSION),
  });
  assert.match(unpaired.reason ?? '', /not paired/);
});

test('referenceRatios matches current and reference by benchmark and metric', () => {
  const { current, reference } = night(createRng(5), 1.2);
  const other = { ...current, benchmarkId: 'smoke/b' };
  const ratios = referenceRatios([current, other], [reference]);
  assert.deepEqual(
    ratios.map((r) => r.benchmarkId),
    [ID],
  );
});

const point = (runId: number, median: number): SeriesPoint => ({
  runId,
  runUuid: `u${runId}`,
  startedAt: '2026-11-30T00:00:00Z',
  commit: null,
  branch: 'main',
  label: null,
  browserVersion: null,
  cpuModel: null,
  median,
  ci: { low: median, high: median, level: 0.95 },
  n: 80,
});
const ratio = (estimate: number, runId: number, rev = 'v1.0.0') => ({
  benchmarkId: ID,
  metric: 'time',
  estimate,
  ci: { low: estimate - 0.1, high: estimate + 0.1, level: 0.95 },
  sessions: SESSIONS,
  reference: { rev, commit: null, runId },
});

test(
  'chooseSeriesPoints: ratios only when every point has one; ' + 'otherwise absolute, and says so when some had one',
  () => {
    const all = chooseSeriesPoints([
      { point: point(2, 10), ratio: ratio(1.1, 1) },
      { point: point(4, 30), ratio: ratio(1.2, 3) },
    ]);
    assert.equal(all.relative, true);
    assert.deepEqual(
      all.points.map((p) => [p.median, p.n, p.referenceRunId]),
      [
        [1.1, SESSIONS, 1],
        [1.2, SESSIONS, 3],
      ],
    );
    assert.equal(all.note, undefined);
    const repinned = chooseSeriesPoints([
      { point: point(2, 10), ratio: ratio(1.1, 1) },
      { point: point(4, 30), ratio: ratio(1.0, 3, 'v1.1.0') },
    ]);
    assert.equal(repinned.relative, true);
    assert.match(repinned.note ?? '', /reference changed along this history \(v1\.0\.0 → v1\.1\.0\)/);
    const mixed = chooseSeriesPoints([
      { point: point(2, 10), ratio: ratio(1.1, 1) },
      { point: point(5, 30), ratio: null },
    ]);
    assert.equal(mixed.relative, false);
    assert.deepEqual(
      mixed.points.map((p) => p.median),
      [10, 30],
    );
    assert.match(mixed.note ?? '', /1 of 2 runs/);
    const none = chooseSeriesPoints([{ point: point(5, 30), ratio: null }]);
    assert.deepEqual([none.relative, none.note], [false, undefined]);
  },
);

const env = testEnvironment();
const completed = (result: MetricResult): CompletedRun => ({
  environment: env,
  benchmarks: [{ id: ID, suite: 'smoke', name: 'a', params: { n: 1 } }],
  statuses: [{ benchmarkId: ID, ok: true, durationMs: 10 }],
  results: [result],
  warnings: [],
});
const git = { commit: 'c0ffee', branch: 'main', dirty: false };
const config = parseConfig({}, 'test');

/** A night stored as runAb stores `run --reference`: the reference side first, then the current run naming it. */
function storeNight(store: Store, sides: { current: MetricResult; reference: MetricResult }): number {
  const hook = referenceStoredOptions('v1.0.0');
  const base: AbSideSpec = {
    role: 'base',
    root: '/tmp/ref',
    git: { commit: 'ref0001', branch: null, dirty: false },
    describe: 'base v1.0.0',
  };
  const ab = (side: string) => ({ ab: { group: `g${sides.current.samples[0]}`, side } });
  const ref = store.createRun({
    git: base.git,
    label: null,
    suites: ['smoke'],
    options: { ...hook('base', { base, baseRunId: null }), ...ab('base') },
  });
  const cur = store.createRun({
    git,
    label: null,
    suites: ['smoke'],
    options: { ...hook('head', { base, baseRunId: ref.id }), ...ab('head') },
  });
  store.completeRuns([
    [ref.id, completed(sides.reference)],
    [cur.id, completed(sides.current)],
  ]);
  return cur.id;
}

function withStore(fn: (store: Store) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'jepsh-reference-'));
  const store = Store.open(join(dir, 'j.sqlite'), summarize);
  try {
    fn(store);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('buildSeries draws ratios to the reference when every run has one, leaving the reference runs out', () => {
  withStore((store) => {
    const rng = createRng(6);
    // The machine runs 1.0x, 1.6x, 0.7x on three nights; the code is 1.2x the reference each night.
    const ids = [1, 1.6, 0.7].map((machine) => storeNight(store, night(rng, 1.2, machine)));
    assert.deepEqual(store.referenceOf(ids[0]!), { rev: 'v1.0.0', commit: 'ref0001', runId: ids[0]! - 1 });
    const [series] = buildSeries(store, 50, config);
    assert.ok(series);
    assert.equal(series.relative, true);
    assert.equal(series.unit, REFERENCE_UNIT);
    assert.equal(series.note, undefined);
    assert.deepEqual(
      series.points.map((p) => p.runId),
      ids,
    );
    for (const p of series.points) {
      assert.ok(p.ci.low <= 1.2 && 1.2 <= p.ci.high, `1.2 in [${p.ci.low}, ${p.ci.high}]`);
      assert.equal(p.referenceRunId, p.runId - 1);
    }
  });
});

test('buildSeries falls back to absolute medians when one run has no reference, and says so', () => {
  withStore((store) => {
    const rng = createRng(7);
    storeNight(store, night(rng, 1.2));
    const plain = store.createRun({ git, label: null, suites: ['smoke'], options: {} });
    store.completeRun(plain.id, completed(night(rng, 1.2).current));
    const [series] = buildSeries(store, 50, config);
    assert.ok(series);
    assert.equal(series.relative, false);
    assert.equal(series.unit, 'ms');
    assert.match(series.note ?? '', /1 of 2 runs have a reference ratio/);
    assert.equal(series.points.length, 2, 'the reference side is not a point of the history');
    assert.ok(
      series.points.every((p) => p.median > 3),
      'raw medians in ms, not ratios',
    );
  });
});
