import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import { UsageError } from '../../src/core/errors.js';
import { ROOT } from '../helpers.js';

const bad = (value: unknown, pattern: RegExp) =>
  assert.throws(() => parseConfig(value, 'cfg.json'), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && pattern.test(e.message) && !e.message.includes('\n'));

test('defaults come from the schema', () => {
  const c = parseConfig({}, 'defaults');
  assert.deepEqual(c.thresholds, { noise: 0.02, alpha: 0.05, minSamples: 2, minSessions: 2, severity: { minor: 1.25, major: 1.5, critical: 2 } });
  assert.deepEqual(c.defaultSuites, ['reactivity', 'diffing', 'scheduler', 'pools', 'memo']);
  assert.deepEqual(c.budgets, []);
  assert.equal(c.nightlyWindow, 3);
});

test('an unknown key or a wrong type is an error naming it', () => {
  bad({ treshold: {} }, /cfg\.json: \$: unknown key "treshold"/);
  bad({ thresholds: { noise: '5%' } }, /\$\.thresholds\.noise: must be a finite number, got string/);
  bad({ budgets: [{ benchmark: 'a', metric: 'time', op: '<' }] }, /\$\.budgets\[0\]: missing required key "limit"/);
  bad({ budgets: [{ benchmark: 'a', metric: 'time', op: '~', limit: 1 }] }, /\$\.budgets\[0\]\.op: must be one of/);
  bad({ thresholds: { alpha: 0 } }, /\$\.thresholds\.alpha: must be > 0/);
  bad({ thresholds: { severity: { minor: 2, major: 1.5 } } }, /minor <= major <= critical/);
});

test('budgets get the median stat by default; the repo config is valid', () => {
  const c = parseConfig({ budgets: [{ benchmark: 'a/*', metric: 'time', op: '<', limit: 1 }] }, 'x');
  assert.equal(c.budgets[0]!.stat, 'median');
  const repo = parseConfig(JSON.parse(readFileSync(join(ROOT, 'jepsh-bench.config.json'), 'utf8')), 'repo');
  assert.ok(repo.budgets.some((b) => b.metric === 'totalWasmBytes' && b.limit === 51200));
});
