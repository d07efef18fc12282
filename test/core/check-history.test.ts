/**
 * `check` against history, no browser: `--against branch:NAME` pools the last K complete runs of a
 * branch (resolveBaseline / poolResults), and `--nightly` finds a step in a branch's series. Runs
 * are written into a temporary SQLite store by a fake `measure` with seeded session values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, type CompletedRun } from '../../src/store/store.js';
import { summarize } from '../../src/core/summarize.js';
import { parseConfig } from '../../src/config/config.js';
import { check } from '../../src/core/check.js';
import { poolResults, resolveBaseline } from '../../src/core/compare.js';
import { DEFAULT_SAMPLING, type RunOptions, type RunOutcome } from '../../src/core/run.js';
import type { Config } from '../../src/config/config.js';
import type { MetricResult } from '../../src/model/types.js';
import { createRng, randomNormal, type Rng } from '../../src/stats/prng.js';
import { testEnvironment } from '../helpers.js';

const ID = 'smoke/a?n=1';
const SESSIONS = 8;

/** One run's results: SESSIONS sessions of 3 samples around `level` ms (1% noise), and a counter. */
function results(rng: Rng, level: number, count = 1000): MetricResult[] {
  const samples: number[] = [];
  for (let i = 0; i < SESSIONS * 3; i++) samples.push(level * Math.exp(0.01 * randomNormal(rng)));
  return [
    {
      benchmarkId: ID,
      metric: 'time',
      unit: 'ms',
      direction: 'lower',
      kind: 'time',
      samples,
      innerIterations: 1,
      rounds: Array(SESSIONS).fill(3),
    },
    {
      benchmarkId: ID,
      metric: 'additions',
      unit: 'count',
      direction: 'lower',
      kind: 'counter',
      samples: [count],
      innerIterations: 1,
    },
  ];
}

function completed(r: MetricResult[]): CompletedRun {
  return {
    environment: testEnvironment(),
    benchmarks: [{ id: ID, suite: 'smoke', name: 'a', params: { n: 1 } }],
    statuses: [{ benchmarkId: ID, ok: true, durationMs: 10 }],
    results: r,
    warnings: [],
  };
}

function withStore(fn: (store: Store) => Promise<void> | void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jepsh-history-'));
  const store = Store.open(join(dir, 'h.sqlite'), summarize);
  return Promise.resolve(fn(store)).finally(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

function addRun(store: Store, branch: string, r: MetricResult[]): number {
  const run = store.createRun({
    git: { commit: null, branch, dirty: false },
    label: null,
    suites: ['smoke'],
    options: {},
  });
  store.completeRun(run.id, completed(r));
  return run.id;
}

/** check() options around a fake measurement: nothing of the run options is used but the store. */
function checkOptions(
  config: Config,
  branch: string,
  r: MetricResult[],
  extra: { against?: string; nightly?: boolean },
) {
  return {
    suites: ['smoke'],
    suitesDir: '/nonexistent',
    sampling: DEFAULT_SAMPLING,
    config,
    measure: fakeMeasure(branch, r),
    ...extra,
  };
}

/** A `measure` for check(): stores one run on `branch` with the given results, as runSuites would. */
function fakeMeasure(branch: string, r: MetricResult[]) {
  return async (store: Store, _opts: RunOptions): Promise<RunOutcome> => {
    const id = addRun(store, branch, r);
    const c = completed(r);
    return { run: store.getRun(id)!, measured: { benchmarks: c.benchmarks, statuses: c.statuses, results: r } };
  };
}

test('branch:NAME pools the newest K complete runs of that branch, each run a cluster of its own sessions', () =>
  withStore((store) => {
    const config = parseConfig({ branchRuns: 3 }, 'test');
    const rng = createRng(1);
    const old = addRun(store, 'main', results(rng, 10));
    const kept = [
      addRun(store, 'main', results(rng, 10)),
      addRun(store, 'main', results(rng, 10)),
      addRun(store, 'main', results(rng, 10)),
    ];
    addRun(store, 'feature', results(rng, 50));
    const baseline = resolveBaseline(store, 'branch:main', config);
    assert.deepEqual(baseline.runs.map((r) => r.id).sort(), kept.sort(), `run ${old} is the fourth newest: left out`);
    const time = baseline.results.find((r) => r.metric === 'time')!;
    assert.equal(time.samples.length, 3 * SESSIONS * 3);
    assert.deepEqual(time.rounds, Array(3 * SESSIONS).fill(3));
    // Counters are exact: the newest run's, not a concatenation.
    assert.deepEqual(baseline.results.find((r) => r.metric === 'additions')!.samples, [1000]);
    // excludeRunId (the candidate itself) is skipped and the next older run takes its place.
    const newest = kept[kept.length - 1]!;
    assert.deepEqual(
      resolveBaseline(store, 'branch:main', config, newest)
        .runs.map((r) => r.id)
        .sort(),
      [old, ...kept.filter((k) => k !== newest)].sort(),
    );
    assert.throws(() => resolveBaseline(store, 'branch:nope', config), /no complete runs of branch "nope"/);
    assert.throws(() => resolveBaseline(store, 'branch:', config), /needs a branch name/);
  }));

test('poolResults concatenates samples and session sizes in run order', () => {
  const a: MetricResult = {
    benchmarkId: ID,
    metric: 'time',
    unit: 'ms',
    direction: 'lower',
    kind: 'time',
    samples: [1, 2],
    innerIterations: 1,
    rounds: [2],
  };
  const b: MetricResult = { ...a, samples: [3, 4, 5], rounds: [1, 2] };
  const [pooled] = poolResults([[a], [b]]);
  assert.deepEqual(pooled!.samples, [1, 2, 3, 4, 5]);
  assert.deepEqual(pooled!.rounds, [2, 1, 2]);
  assert.deepEqual(a.samples, [1, 2], 'inputs untouched');
});

test('check --against branch:main of a run 30% slower is regressed; of the same level, unchanged', () =>
  withStore(async (store) => {
    const config = parseConfig({ branchRuns: 2, thresholds: { noise: 0.05, minSamples: 2 } }, 'test');
    const rng = createRng(2);
    addRun(store, 'main', results(rng, 10));
    addRun(store, 'main', results(rng, 10));
    const slow = await check(store, checkOptions(config, 'feature', results(rng, 13), { against: 'branch:main' }));
    const verdict = (o: typeof slow) => o.comparison!.verdicts.find((v) => v.metric === 'time')!;
    assert.equal(verdict(slow).verdict, 'regressed', verdict(slow).explanation);
    assert.deepEqual(verdict(slow).comparison!.sessions, [2 * SESSIONS, SESSIONS]);
    const same = await check(store, checkOptions(config, 'feature', results(rng, 10), { against: 'branch:main' }));
    assert.equal(verdict(same).verdict, 'unchanged', verdict(same).explanation);
  }));

test('check --nightly alerts on a step in the newest runs of the branch, and not on a flat history', () =>
  withStore(async (store) => {
    const config = parseConfig({ nightlyWindow: 3, nightlyMinChange: 0.05 }, 'test');
    const rng = createRng(3);
    for (let i = 0; i < 10; i++) addRun(store, 'main', results(rng, 10));
    const flat = await check(store, checkOptions(config, 'main', results(rng, 10), { nightly: true }));
    assert.equal(flat.comparison, null);
    assert.deepEqual(flat.errored, [], 'every benchmark ran');
    assert.equal(flat.nightly!.regressions.length, 0, JSON.stringify(flat.nightly!.changes));
    // Three runs 40% slower (segments are at least the window, 3, long): the newest 3 runs hold a
    // step of +40% in the bad direction.
    const firstSlow = addRun(store, 'main', results(rng, 14));
    addRun(store, 'main', results(rng, 14));
    const stepped = await check(store, checkOptions(config, 'main', results(rng, 14), { nightly: true }));
    const alerts = stepped.nightly!.regressions;
    assert.equal(alerts.length, 1, JSON.stringify(stepped.nightly!.changes));
    assert.equal(alerts[0]!.benchmarkId, ID);
    assert.equal(alerts[0]!.metric, 'time');
    assert.equal(alerts[0]!.runId, firstSlow, 'the change starts at the first slow run');
    assert.ok(alerts[0]!.change > 0.3, `change ${alerts[0]!.change}`);
    // The counter never moved: no change point on it.
    assert.ok(!stepped.nightly!.changes.some((c) => c.metric === 'additions'));
  }));
