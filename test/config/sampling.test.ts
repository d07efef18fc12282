/**
 * The config's `sampling` section: its schema defaults are DEFAULT_SAMPLING / DEFAULT_ROUNDS, a
 * config's values reach the runner, and the flags override them (src/cli/sampling.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/config.js';
import { DEFAULT_ROUNDS, DEFAULT_SAMPLING } from '../../src/core/run.js';
import { SAMPLING_DEFAULTS } from '../../src/config/sampling.js';
import { parseSampling, parseSessions, runOptions } from '../../src/cli/sampling.js';
import { UsageError } from '../../src/model/errors.js';
import type { OutputOptions } from '../../src/cli/output.js';

test('the defaults are the values the runner has always had', () => {
  assert.deepEqual(DEFAULT_SAMPLING, { minSamples: 32, minTimeMs: 1600, warmupMs: 100, minSampleMs: 1 });
  assert.equal(DEFAULT_ROUNDS, 16);
  assert.deepEqual(parseConfig({}, 'defaults').sampling, SAMPLING_DEFAULTS);
  // No config: the flags over the schema's defaults.
  assert.deepEqual(parseSampling({}), DEFAULT_SAMPLING);
  assert.equal(parseSessions({}), DEFAULT_ROUNDS);
});

test("a config's sampling section is honoured", () => {
  const { sampling } = parseConfig({ sampling: { warmupS: 0.25, timeS: 3, samples: 48, sessions: 24 } }, 'x');
  assert.deepEqual(parseSampling({}, sampling), { minSamples: 48, minTimeMs: 3000, warmupMs: 250, minSampleMs: 1 });
  assert.equal(parseSessions({}, sampling), 24);
});

test('the flags override the config, one by one', () => {
  const { sampling } = parseConfig({ sampling: { warmupS: 0.25, timeS: 3, samples: 48, sessions: 24 } }, 'x');
  assert.deepEqual(parseSampling({ samples: 8 }, sampling), {
    minSamples: 8,
    minTimeMs: 3000,
    warmupMs: 250,
    minSampleMs: 1,
  });
  assert.deepEqual(parseSampling({ time: 0.5, warmup: 0 }, sampling), {
    minSamples: 48,
    minTimeMs: 500,
    warmupMs: 0,
    minSampleMs: 1,
  });
  assert.equal(parseSessions({ sessions: 4 }, sampling), 4);
  assert.throws(() => parseSampling({ samples: 1 }, sampling), UsageError);
});

const out: OutputOptions = { json: true, color: false, tty: false };

test('runOptions carries the config and the flags to the runner', () => {
  const config = parseConfig({ sampling: { timeS: 2, sessions: 12 } }, 'x');
  const args = { suites: [], samples: 64, json: true };
  const opts = runOptions(args, config, out, new AbortController().signal);
  assert.deepEqual(opts.sampling, { minSamples: 64, minTimeMs: 2000, warmupMs: 100, minSampleMs: 1 });
  assert.equal(opts.rounds, 12);
  assert.deepEqual(opts.suites, config.defaultSuites);
  assert.equal(runOptions({ ...args, sessions: 6 }, config, out, new AbortController().signal).rounds, 6);
});
