import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/config.js';
import { globMatch } from '../../src/verdict/glob.js';
import {
  DEFAULT_THRESHOLDS,
  resolveThresholds,
  suiteOf,
  type ThresholdOverride,
} from '../../src/verdict/thresholds.js';
import { T } from './helpers.js';

test('glob: `*` is the only wildcard; ?, [ and / are literal', () => {
  const table: [string, string, boolean][] = [
    ['reactivity/*', 'reactivity/cellx?layers=1000', true],
    ['reactivity/*', 'diffing/create', false],
    ['*', 'anything/at?all', true],
    ['reactivity/cellx?layers=1000', 'reactivity/cellx?layers=1000', true],
    ['reactivity/cellx?layers=1000', 'reactivity/cellxXlayers=1000', false],
    ['*?layers=1000', 'reactivity/cellx?layers=1000', true],
    ['*?layers=100', 'reactivity/cellx?layers=1000', false],
    ['a/[x]*', 'a/[x]y', true],
    ['a/[x]*', 'a/xy', false],
    ['re*/up*-rows', 'reactivity/update-rows', true],
    ['a.b', 'aXb', false],
  ];
  for (const [pattern, text, expected] of table)
    assert.equal(globMatch(pattern, text), expected, `${pattern} ~ ${text}`);
});

test('suiteOf takes the part before the first slash', () => {
  assert.equal(suiteOf('reactivity/cellx?layers=1000'), 'reactivity');
  assert.equal(suiteOf('lonely'), 'lonely');
});

const overrides: ThresholdOverride[] = [
  { match: '*', noise: 0.06 },
  { match: 'reactivity/*', noise: 0.08, alpha: 0.05 },
  { match: 'reactivity/update-*', noise: 0.1 },
  { match: '*', metric: 'heap', noise: 0.2 },
  { match: 'reactivity/cellx?layers=1000', alpha: 0.001 },
  { match: 'reactivity/cellx?layers=1000', metric: 'time', minSamples: 20 },
  { match: 'reactivity/*', minSessions: 8 },
  { match: 'wasm/*', noise: 0.11 },
  { match: 'wasm/*', noise: 0.12 },
];

const cases: { id: string; metric: string; noise: number; alpha: number; minSamples: number; minSessions: number }[] = [
  { id: 'diffing/create', metric: 'time', noise: 0.06, alpha: 0.05, minSamples: 2, minSessions: 2 },
  { id: 'reactivity/other', metric: 'time', noise: 0.08, alpha: 0.05, minSamples: 2, minSessions: 8 },
  { id: 'reactivity/update-rows', metric: 'time', noise: 0.1, alpha: 0.05, minSamples: 2, minSessions: 8 },
  { id: 'reactivity/update-rows', metric: 'heap', noise: 0.2, alpha: 0.05, minSamples: 2, minSessions: 8 },
  { id: 'reactivity/cellx?layers=1000', metric: 'time', noise: 0.08, alpha: 0.001, minSamples: 20, minSessions: 8 },
  { id: 'reactivity/cellx?layers=1000', metric: 'heap', noise: 0.2, alpha: 0.001, minSamples: 2, minSessions: 8 },
  { id: 'wasm/compile', metric: 'time', noise: 0.12, alpha: 0.05, minSamples: 2, minSessions: 2 },
];

for (const c of cases) {
  test(
    `thresholds: ${c.id} ${c.metric} -> noise ${c.noise}, ` +
      `alpha ${c.alpha}, n ${c.minSamples}, sessions ${c.minSessions}`,
    () => {
      const t = resolveThresholds({ benchmarkId: c.id, metric: c.metric, kind: 'time' }, DEFAULT_THRESHOLDS, overrides);
      assert.deepEqual(
        [t.noise, t.alpha, t.minSamples, t.minSessions],
        [c.noise, c.alpha, c.minSamples, c.minSessions],
      );
      assert.deepEqual(t.severity, DEFAULT_THRESHOLDS.severity);
    },
  );
}

test('thresholds: resolver receives suite, id, metric and kind; overrides apply on top; base not mutated', () => {
  const seen: string[] = [];
  const t = resolveThresholds(
    { benchmarkId: 'dom/render?rows=10', metric: 'frames', kind: 'gauge' },
    (ctx) => {
      seen.push(`${ctx.suite}|${ctx.benchmarkId}|${ctx.metric}|${ctx.kind}`);
      return { ...T, noise: 0.3 };
    },
    [{ match: 'dom/*', metric: 'frames', alpha: 0.2 }],
  );
  assert.deepEqual(seen, ['dom|dom/render?rows=10|frames|gauge']);
  assert.equal(t.noise, 0.3);
  assert.equal(t.alpha, 0.2);
  const base = { ...T };
  resolveThresholds({ benchmarkId: 'x/y', metric: 'time', kind: 'time' }, base, [{ match: '*', noise: 0.5 }]);
  assert.equal(base.noise, 0.05);
  assert.ok(Object.isFrozen(DEFAULT_THRESHOLDS));
});

test('thresholds: the defaults are the config schema defaults', () => {
  const c = parseConfig({}, 'defaults');
  assert.deepEqual({ ...DEFAULT_THRESHOLDS, severity: { ...DEFAULT_THRESHOLDS.severity } }, c.thresholds);
  assert.equal(DEFAULT_THRESHOLDS.minSessions, 2);
});
