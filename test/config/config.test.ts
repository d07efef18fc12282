/** parseConfig (src/config/config.ts): ajv against the schema, defaults filled, one-line errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import { UsageError } from '../../src/model/errors.js';
import { ROOT } from '../helpers.js';

/** The message parseConfig throws for `value`, checked to be a one-line UsageError (exit 2). */
function messageOf(value: unknown): string {
  try {
    parseConfig(value, 'cfg.json');
  } catch (e) {
    assert.ok(e instanceof UsageError, `not a UsageError: ${String(e)}`);
    assert.equal(e.exitCode, 2);
    assert.ok(!e.message.includes('\n'), `more than one line: ${e.message}`);
    return e.message;
  }
  assert.fail(`accepted ${JSON.stringify(value)}`);
}

test('defaults come from the schema', () => {
  const c = parseConfig({}, 'defaults');
  assert.deepEqual(c, {
    thresholds: {
      noise: 0.02,
      alpha: 0.05,
      minSamples: 2,
      minSessions: 2,
      severity: { minor: 1.25, major: 1.5, critical: 2 },
    },
    overrides: [],
    budgets: [],
    sampling: { warmupS: 0.1, timeS: 1.6, samples: 32, sessions: 16, passes: {}, sessionSamples: {} },
    branchRuns: 5,
    autoMaxTimeS: 180,
    checkTimeBudgetS: 690,
    nightlyWindow: 3,
    nightlyMinChange: 0.05,
    nightlyFdr: 0.05,
    sessionTest: 'modes',
    defaultSuites: ['reactivity', 'diffing', 'scheduler', 'pools', 'memo'],
  });
});

test('a partial section keeps what is given and gets the rest of its defaults', () => {
  const c = parseConfig({ thresholds: { noise: 0.05, severity: { major: 1.75 } }, sampling: { sessions: 8 } }, 'x');
  assert.deepEqual(c.thresholds, {
    noise: 0.05,
    alpha: 0.05,
    minSamples: 2,
    minSessions: 2,
    severity: { minor: 1.25, major: 1.75, critical: 2 },
  });
  assert.deepEqual(c.sampling, { warmupS: 0.1, timeS: 1.6, samples: 32, sessions: 8, passes: {}, sessionSamples: {} });
});

test('the input is not changed: defaults go into a copy', () => {
  const raw = { thresholds: { noise: 0.05 }, budgets: [{ benchmark: 'a', metric: 'time', op: '<', limit: 1 }] };
  const before = structuredClone(raw);
  const first = parseConfig(raw, 'x');
  assert.deepEqual(raw, before);
  // And two parses share no objects: a caller may edit its config.
  first.defaultSuites.push('wasm');
  assert.deepEqual(parseConfig(raw, 'x').defaultSuites, ['reactivity', 'diffing', 'scheduler', 'pools', 'memo']);
});

test('an unknown key names the path and the known keys', () => {
  assert.equal(
    messageOf({ treshold: {} }),
    'cfg.json: $: unknown key "treshold" (known: thresholds, overrides, budgets, sampling, ' +
      'branchRuns, autoMaxTimeS, checkTimeBudgetS, nightlyWindow, nightlyMinChange, nightlyFdr, sessionTest, ' +
      'defaultSuites)',
  );
  assert.equal(
    messageOf({ thresholds: { severity: { grave: 3 } } }),
    'cfg.json: $.thresholds.severity: unknown key "grave" (known: minor, major, critical)',
  );
  assert.equal(
    messageOf({ sampling: { warmup: 1 } }),
    'cfg.json: $.sampling: unknown key "warmup" (known: warmupS, timeS, samples, sessions, passes, sessionSamples)',
  );
});

test('a wrong type says what was expected and what was found', () => {
  assert.equal(
    messageOf({ thresholds: { noise: '5%' } }),
    'cfg.json: $.thresholds.noise: must be a number, got string',
  );
  assert.equal(
    messageOf({ thresholds: { minSamples: 2.5 } }),
    'cfg.json: $.thresholds.minSamples: must be an integer, got 2.5',
  );
  assert.equal(messageOf({ budgets: {} }), 'cfg.json: $.budgets: must be an array, got object');
  assert.equal(messageOf({ defaultSuites: ['a', 3] }), 'cfg.json: $.defaultSuites[1]: must be a string, got 3');
  assert.equal(messageOf([]), 'cfg.json: $: must be an object, got array');
  assert.equal(messageOf(null), 'cfg.json: $: must be an object, got null');
});

test('a bound says which and gives the value', () => {
  assert.equal(messageOf({ thresholds: { noise: -1 } }), 'cfg.json: $.thresholds.noise: must be >= 0, got -1');
  assert.equal(messageOf({ thresholds: { alpha: 0 } }), 'cfg.json: $.thresholds.alpha: must be > 0, got 0');
  assert.equal(messageOf({ nightlyFdr: 2 }), 'cfg.json: $.nightlyFdr: must be <= 1, got 2');
  assert.equal(messageOf({ sampling: { sessions: 0 } }), 'cfg.json: $.sampling.sessions: must be >= 1, got 0');
  assert.equal(messageOf({ sampling: { samples: 1 } }), 'cfg.json: $.sampling.samples: must be >= 2, got 1');
  assert.equal(
    messageOf({ sampling: { passes: { 'diffing/*': 9 } } }),
    'cfg.json: $.sampling.passes["diffing/*"]: must be <= 8, got 9',
  );
});

test('an enum lists the allowed values', () => {
  assert.equal(
    messageOf({ sessionTest: 'z' }),
    'cfg.json: $.sessionTest: must be one of "rank", "modes", "t", got "z"',
  );
  assert.equal(
    messageOf({ budgets: [{ benchmark: 'a', metric: 'time', op: '~', limit: 1 }] }),
    'cfg.json: $.budgets[0].op: must be one of "<", "<=", ">", ">=", got "~"',
  );
});

test('nested paths go through arrays and objects', () => {
  const budget = { benchmark: 'a', metric: 'time', op: '<', limit: 1 };
  assert.equal(
    messageOf({ budgets: [budget, { benchmark: 'a', metric: 'time', op: '<' }] }),
    'cfg.json: $.budgets[1]: missing required key "limit"',
  );
  assert.equal(
    messageOf({ budgets: [{ ...budget, stat: 'p50' }] }),
    'cfg.json: $.budgets[0].stat: must be one of "median", "mean", "p95", "p99", "max", "min", got "p50"',
  );
  assert.equal(
    messageOf({ overrides: [{ match: 'a/*', minSessions: 1 }] }),
    'cfg.json: $.overrides[0].minSessions: must be >= 2, got 1',
  );
  assert.equal(
    messageOf({ overrides: [{ match: 'a/*', nosie: 0.1 }] }),
    'cfg.json: $.overrides[0]: unknown key "nosie" (known: match, metric, noise, alpha, minSamples, minSessions)',
  );
  assert.equal(
    messageOf({ thresholds: { severity: { critical: 0.5 } } }),
    'cfg.json: $.thresholds.severity.critical: must be >= 1, got 0.5',
  );
});

test('severity factors must be ordered', () => {
  assert.match(
    messageOf({ thresholds: { severity: { minor: 2, major: 1.5 } } }),
    /cfg\.json: \$\.thresholds\.severity must satisfy minor <= major <= critical/,
  );
});

test('budgets get the median stat by default; the repo config is valid', () => {
  const c = parseConfig({ budgets: [{ benchmark: 'a/*', metric: 'time', op: '<', limit: 1 }] }, 'x');
  assert.equal(c.budgets[0]!.stat, 'median');
  const repo = parseConfig(JSON.parse(readFileSync(join(ROOT, 'jepsh-bench.config.json'), 'utf8')), 'repo');
  assert.ok(repo.budgets.some((b) => b.metric === 'totalWasmBytes' && b.limit === 51200));
});

test('$schema is allowed at the top (the editor hint init writes)', () => {
  assert.equal(parseConfig({ $schema: './node_modules/jepsh-bench/src/config/config.schema.json' }, 'x').branchRuns, 5);
});
