import { test } from 'node:test';
import assert from 'node:assert/strict';
import { variantSpeedups } from '../../src/analysis/speedups.js';
import type { MetricResult } from '../../src/model/types.js';

const time = (benchmarkId: string, samples: number[]): MetricResult => ({
  benchmarkId,
  metric: 'time',
  unit: 'ms',
  direction: 'lower',
  kind: 'time',
  samples,
  innerIterations: 1,
});
const around = (x: number) => Array.from({ length: 40 }, (_, i) => x * (1 + ((i % 5) - 2) * 0.001));

test('speedups against js and O0, with intervals; slower variants are reported below 1', () => {
  const rows = variantSpeedups([
    time('wasm/matmul?n=64&variant=js', around(2)),
    time('wasm/matmul?n=64&variant=O0', around(4)),
    time('wasm/matmul?n=64&variant=O3', around(1)),
    time('wasm/matmul?n=128&variant=O3', around(1)),
    { ...time('wasm/matmul?n=64&variant=O3', [1]), metric: 'sizeRaw', kind: 'counter' },
    time('reactivity/diamond', around(1)),
  ]);
  assert.deepEqual(
    rows.map((r) => `${r.workload} ${r.variant}`),
    ['wasm/matmul?n=64 O0', 'wasm/matmul?n=64 O3'],
    'no js reference for n=128; non-variant benchmarks ignored',
  );
  const [o0, o3] = rows;
  assert.ok(Math.abs(o3!.vsJs!.ratio - 2) < 1e-9, 'js 2 ms / O3 1 ms = 2x');
  assert.ok(o3!.vsJs!.ci.low <= 2 && o3!.vsJs!.ci.high >= 2);
  assert.ok(Math.abs(o3!.vsO0!.ratio - 4) < 1e-9);
  assert.ok(Math.abs(o0!.vsJs!.ratio - 0.5) < 1e-9, 'O0 is slower than js: 0.5x');
  assert.equal(o0!.vsO0, null);
});
