import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTerminalTable, renderTrend } from '../../src/report/terminal.js';
import { formatValue } from '../../src/report/format.js';
import { makeReportData } from './fixtures.js';

const ANSI = /\x1b\[[0-9;]*m/g;

test('formatValue picks a readable unit', () => {
  assert.equal(formatValue(1.234, 'ms'), '1.23 ms');
  assert.equal(formatValue(0.0042, 'ms'), '4.20 µs');
  assert.equal(formatValue(0.0000042, 'ms'), '4.20 ns');
  assert.equal(formatValue(1534, 'ms'), '1.53 s');
  assert.equal(formatValue(2048, 'bytes'), '2.00 KiB');
  assert.equal(formatValue(12.5, '%'), '12.5%');
  assert.equal(formatValue(12345, 'count'), '12,345 count');
});

test('table: aligned columns, no escape codes without colour', () => {
  const { verdicts } = makeReportData();
  const out = renderTerminalTable(verdicts, { color: false });
  assert.doesNotMatch(out, ANSI);
  const lines = out.split('\n');
  assert.match(lines[0]!, /^benchmark +metric +baseline +candidate +change \[CI\] +p_adj +verdict$/);
  const rows = lines.slice(2, 2 + verdicts.length);
  assert.equal(rows.length, verdicts.length);
  // Right-aligned p_adj column ends at the same column in every row.
  const pEnd = lines[0]!.indexOf('p_adj') + 'p_adj'.length;
  for (const r of rows) assert.match(r.slice(pEnd - 5, pEnd), /^ *(?:[\d.<]+|—)$/, r);
  assert.match(
    out,
    new RegExp(
      'diffing/create-rows\\?rows=1000 +time +1\\.25 ms +1\\.64 ms +' +
        '\\+31\\.0% \\[\\+28\\.0%, \\+34\\.0%\\] +0\\.001 +regressed \\(major\\)',
    ),
  );
  assert.match(out, /\n1 regressed, 1 errored, 1 missing, 1 inconclusive, 1 new, 1 improved, 2 unchanged\n$/);
});

test('table: colour only when asked, and alignment unchanged by it', () => {
  const { verdicts } = makeReportData();
  const plain = renderTerminalTable(verdicts, { color: false });
  const colored = renderTerminalTable(verdicts, { color: true });
  assert.match(colored, /\x1b\[31m\x1b\[1mregressed \(major\)/);
  assert.equal(colored.replace(ANSI, ''), plain);
});

test('trend: plot, change point markers and list, environment changes', () => {
  const { series } = makeReportData();
  const s = series[0]!;
  const out = renderTrend(s, s.changePoints, { color: false, width: 60 });
  assert.doesNotMatch(out, ANSI);
  const lines = out.split('\n');
  assert.match(lines[0]!, /^diffing\/create-rows\?rows=1000 · time \(ms, lower is better\) · 20 runs$/);
  assert.ok(
    lines.every((l) => [...l].length <= 80),
    'fits the terminal',
  );
  // The top row starts where the step begins (index 12): the first 12 columns are low.
  const top = lines[1]!;
  const bars = top.slice(top.indexOf('┤') + 1);
  assert.match(bars, /^ {12}[▁▂▃▄▅▆▇█]/);
  // Marker under column 12 for the change point, under column 14 for the browser change.
  const markerLine = lines.find((l) => l.includes('▲'))!;
  const base = top.indexOf('┤') + 1;
  assert.equal(markerLine.indexOf('▲'), base + 12);
  assert.equal(markerLine.indexOf('◆'), base + 14);
  assert.match(out, /▲ +run #13 +000dabcd +2025-01-14 +1\.25 ms → 1\.6\d ms +\+3\d\.\d% +regression +p=0\.005/);
  assert.match(out, /◆ run #15 +browser Chrome\/130\.0\.6723\.58 → Chrome\/131\.0\.6778\.85/);
});

test('trend: long histories are bucketed to the width; colour marks regressions red', () => {
  const { series } = makeReportData();
  const s = {
    ...series[0]!,
    points: [
      ...series[0]!.points,
      ...series[0]!.points,
      ...series[0]!.points,
      ...series[0]!.points,
      ...series[0]!.points,
    ],
  };
  const out = renderTrend(s, [], { color: false, width: 40 });
  for (const l of out.split('\n')) assert.ok([...l].length <= 80);
  assert.match(out, /No change points\./);
  const colored = renderTrend(series[0]!, series[0]!.changePoints, { color: true, width: 60 });
  assert.match(colored, /\x1b\[31m\x1b\[1m▲/);
  assert.equal(
    renderTrend({ ...series[0]!, points: [] }, [], { color: false })
      .trim()
      .split('\n')[1],
    '  no history',
  );
});
