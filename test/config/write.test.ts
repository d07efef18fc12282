/** writeNoiseOverrides (src/config/write.ts), shared by `calibrate --write` and `power --write`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNoiseOverrides } from '../../src/config/write.js';
import { tempDir } from '../helpers.js';

test('writeNoiseOverrides adds and updates exact-id overrides above the global noise, keeping the rest', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'jepsh-bench.config.json');
    const before = {
      thresholds: { noise: 0.05 },
      overrides: [
        { match: 'wasm/*', noise: 0.1 },
        { match: 's/a', metric: 'time', noise: 0.08, alpha: 0.01 },
      ],
      defaultSuites: ['s'],
    };
    writeFileSync(file, JSON.stringify(before));
    const n = writeNoiseOverrides(file, [
      { benchmarkId: 's/a', metric: 'time', noise: 0.12 },
      { benchmarkId: 's/b', metric: 'time', noise: 0.07 },
      { benchmarkId: 's/c', metric: 'time', noise: 0.05 }, // at the global value: skipped
      { benchmarkId: 's/d', metric: 'time', noise: Number.NaN },
    ]);
    assert.equal(n, 2);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
      ...before,
      overrides: [
        { match: 'wasm/*', noise: 0.1 },
        { match: 's/a', metric: 'time', noise: 0.12, alpha: 0.01 },
        { match: 's/b', metric: 'time', noise: 0.07 },
      ],
    });
    // No file yet: one is created with the defaults' global threshold (2%) as the floor.
    const fresh = join(dir, 'new.json');
    assert.equal(writeNoiseOverrides(fresh, [{ benchmarkId: 's/a', metric: 'time', noise: 0.03 }]), 1);
    assert.deepEqual(JSON.parse(readFileSync(fresh, 'utf8')), {
      overrides: [{ match: 's/a', metric: 'time', noise: 0.03 }],
    });
  } finally {
    cleanup();
  }
});
