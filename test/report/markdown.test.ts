import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../src/report/markdown.js';
import { makeReportData } from './fixtures.js';

test('headline counts, regression/budget/improvement tables, unchanged collapsed, warnings', () => {
  const data = makeReportData();
  const mdText = renderMarkdown(data);
  const first = mdText.split('\n')[0]!;
  assert.match(first, /^### ❌ jepsh-bench: 1 regressed, 1 budget failed, .*1 new, 1 improved, 2 unchanged$/);
  assert.match(mdText, /#### Regressions \(1\)\n\n\| Benchmark \|/);
  assert.match(
    mdText,
    new RegExp(
      '\\| diffing/create-rows\\?rows=1000 \\| time \\| 1\\.25 ms \\| 1\\.64 ms \\| ' +
        '\\+31\\.0% \\\\\\[\\+28\\.0%, \\+34\\.0%\\\\\\] \\| 0\\.001 \\| major \\|',
    ),
  );
  assert.match(mdText, /#### Budget failures \(1\)/);
  assert.match(mdText, /#### Improvements \(1\)/);
  const details = mdText.slice(mdText.indexOf('<details>'), mdText.indexOf('</details>'));
  assert.match(details, /<summary>2 unchanged<\/summary>/);
  assert.equal((details.match(/^\| diffing/gm) ?? []).length, 2);
  assert.match(mdText, /> \[!WARNING\]\n.*\n> - browser differs from the baseline/);
  assert.doesNotMatch(mdText, /Truncated/);
  // Every table row has the same number of unescaped pipes as its header.
  for (const block of mdText.split('\n\n').filter((b) => b.startsWith('| '))) {
    const widths = new Set(block.split('\n').map((l) => l.split(/(?<!\\)\|/).length));
    assert.equal(widths.size, 1, block);
  }
});

test('all clear gives a check mark and no failure tables', () => {
  const data = makeReportData();
  data.verdicts = data.verdicts.filter((v) => v.verdict === 'unchanged' || v.verdict === 'improved');
  data.budgets = data.budgets.filter((b) => b.passed);
  const mdText = renderMarkdown(data);
  assert.match(mdText, /^### ✅ jepsh-bench: 1 improved, 2 unchanged/);
  assert.doesNotMatch(mdText, /Regressions|Budget failures/);
});

test('a huge report is truncated row by row under maxChars, with a note and closed <details>', () => {
  const data = makeReportData({ extraUnchanged: 5000 });
  const full = renderMarkdown(data, { maxChars: 10_000_000 });
  assert.ok(full.length > 65_000, `fixture should be large, got ${full.length}`);
  for (const maxChars of [65_000, 20_000, 3_000]) {
    const mdText = renderMarkdown(data, { maxChars, reportUrl: 'https://ci.example/report.html' });
    assert.ok(mdText.length <= maxChars, `${mdText.length} > ${maxChars}`);
    assert.match(mdText, /> \[!NOTE\]\n> Truncated: \d+ more rows? not shown/);
    assert.match(mdText, /\[full report\]\(https:\/\/ci\.example\/report\.html\)/);
    // Regressions come first and survive truncation.
    assert.match(mdText, /#### Regressions \(1\)/);
    assert.equal((mdText.match(/<details>/g) ?? []).length, (mdText.match(/<\/details>/g) ?? []).length);
    // No partial table rows: every line that starts a row ends one.
    for (const line of mdText.split('\n').filter((l) => l.startsWith('| '))) assert.ok(line.endsWith(' |'), line);
  }
  // Shown plus omitted rows account for every unchanged verdict (the only section that overflows).
  const text = renderMarkdown(data);
  const details = text.slice(text.indexOf('<details>'), text.indexOf('</details>'));
  const shown = (details.match(/^\| (?!Benchmark|:---)/gm) ?? []).length;
  const omitted = Number(/Truncated: (\d+)/.exec(text)![1]);
  assert.ok(shown > 100, `shown ${shown}`);
  assert.equal(shown + omitted, data.verdicts.filter((v) => v.verdict === 'unchanged').length);
});

test('report URL that is not http(s) is ignored', () => {
  const mdText = renderMarkdown(makeReportData(), { reportUrl: 'javascript:alert(1)' });
  assert.doesNotMatch(mdText, /javascript:/);
});
