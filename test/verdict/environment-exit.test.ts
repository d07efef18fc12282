import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Environment, VerdictKind } from '../../src/model/types.js';
import { environmentDiff, formatEnvironmentDiff } from '../../src/verdict/environment.js';
import { exitCodeFor } from '../../src/verdict/exit-code.js';

const env: Environment = {
  browserVersion: 'HeadlessChrome/131.0.6778.85',
  userAgent: 'Mozilla/5.0',
  os: 'linux x64',
  cpuModel: 'AMD EPYC 7B13',
  cpuCores: 2,
  nodeVersion: 'v20.19.0',
  harnessVersion: '0.1.0',
  launchFlags: ['--headless=new'],
  timerResolutionMs: 0.005,
  crossOriginIsolated: true,
};

test('environmentDiff lists differing compared fields only', () => {
  assert.deepEqual(environmentDiff(env, { ...env }), []);
  // Fields outside the compared set are ignored.
  const elsewhere: Environment = { ...env, os: 'darwin', nodeVersion: 'v22', userAgent: 'x' };
  assert.deepEqual(environmentDiff(env, elsewhere), []);
  const diff = environmentDiff(env, {
    ...env,
    browserVersion: 'HeadlessChrome/132.0',
    cpuCores: 4,
    harnessVersion: '0.2.0',
  });
  assert.deepEqual(diff, [
    { field: 'browserVersion', baseline: 'HeadlessChrome/131.0.6778.85', candidate: 'HeadlessChrome/132.0' },
    { field: 'cpuCores', baseline: 2, candidate: 4 },
    { field: 'harnessVersion', baseline: '0.1.0', candidate: '0.2.0' },
  ]);
  assert.equal(
    formatEnvironmentDiff(diff),
    'environment differs: browserVersion HeadlessChrome/131.0.6778.85 -> HeadlessChrome/132.0, ' +
      'cpuCores 2 -> 4, harnessVersion 0.1.0 -> 0.2.0',
  );
  assert.deepEqual(
    environmentDiff(env, { ...env, cpuModel: 'Intel' }).map((d) => d.field),
    ['cpuModel'],
  );
  assert.equal(formatEnvironmentDiff([]), 'environment matches');
});

test('environmentDiff with an unknown environment reports every field', () => {
  const diff = environmentDiff(null, env);
  assert.deepEqual(
    diff.map((d) => d.field),
    ['browserVersion', 'cpuModel', 'cpuCores', 'harnessVersion'],
  );
  assert.ok(diff.every((d) => d.baseline === null));
  assert.match(formatEnvironmentDiff(diff), /browserVersion unknown -> HeadlessChrome/);
});

// One rule for check and compare (src/verdict/exit-code.ts): regressed, budget-failed and errored fail.
const exitCases: [VerdictKind[], 0 | 1][] = [
  [[], 0],
  [['unchanged', 'improved', 'new'], 0],
  [['inconclusive', 'missing'], 0],
  [['inconclusive', 'missing', 'errored'], 1],
  [['errored'], 1],
  [['unchanged', 'regressed'], 1],
  [['budget-failed'], 1],
  [['improved', 'budget-failed', 'regressed'], 1],
];

for (const [kinds, code] of exitCases) {
  test(`exitCodeFor [${kinds.join(', ')}] = ${code}`, () => {
    assert.equal(exitCodeFor(kinds.map((verdict) => ({ verdict }))), code);
  });
}
