import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawnIndices, hoverData, sig4 } from '../../src/report/trend-points.js';
import { trendChart } from '../../src/report/svg.js';
import { makeReportData } from './fixtures.js';

test('drawn points: change points on both sides, newest runs, latest, baseline, first and last', () => {
  const data = makeReportData();
  const s = data.series[0]!;
  assert.ok(s.changePoints.length > 0, 'the fixture series has a change point');
  const out = drawnIndices(s, { maxPoints: 10, newestExact: 3, latestRunId: 20, baselineRunId: 10 });
  const forced = new Set([0, 9, 17, 18, 19, ...s.changePoints.flatMap((c) => [c.index - 1, c.index])]);
  for (const i of forced) assert.ok(out.includes(i), `index ${i}`);
  assert.equal(out.length, Math.max(10, forced.size));
  assert.ok(out.every((x, k) => k === 0 || x > out[k - 1]!));
  // Under the threshold nothing is dropped.
  assert.deepEqual(drawnIndices(s), [...s.points.keys()]);
});

test('drawn points: the first of each run of missing values is kept, so the line still breaks', () => {
  const data = makeReportData();
  const s = { ...data.series[0]!, changePoints: [] };
  s.points = s.points.map((p, i) => (i >= 5 && i <= 7 ? { ...p, median: NaN } : p));
  const out = drawnIndices(s, { maxPoints: 6, newestExact: 0 });
  assert.ok(out.includes(5));
  assert.ok(!out.includes(6) && !out.includes(7));
});

test('hover data: runs once each by id, environments shared, values to 4 significant digits', () => {
  const data = makeReportData();
  const charts = data.series.map((s) => trendChart(s, { maxPoints: 8 }).drawn!);
  const h = hoverData(charts);
  const ids = h.runs.map((r) => r[0]);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => a - b),
  );
  assert.equal(new Set(ids).size, ids.length);
  // Two browsers in the fixture (upgrade at run 15), one CPU.
  assert.equal(h.envs.length, 2);
  assert.equal(h.series.length, data.series.length);
  const s = data.series[0]!;
  h.series[0]!.points.forEach((p, k) => {
    const point = s.points[charts[0]!.indices[k]!]!;
    assert.equal(h.runs[p[2]]![0], point.runId);
    assert.equal(p[3], sig4(point.median));
    assert.equal(p[6], point.n);
  });
  // Sub-millisecond medians are shown in µs, like the chart's axis.
  assert.equal(h.series[1]!.unit, 'µs');
  assert.equal(h.series[1]!.factor, 1000);
  assert.equal(sig4(0.0123456), 0.01235);
  assert.equal(sig4(123456), 123500);
  assert.equal(sig4(NaN), null);
});
