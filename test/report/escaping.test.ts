import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderJUnit } from '../../src/report/junit.js';
import { renderJson } from '../../src/report/json.js';
import { renderTerminalTable } from '../../src/report/terminal.js';
import { escapeMarkdown, jsonForScript } from '../../src/report/escape.js';
import { EVIL, makeReportData } from './fixtures.js';

const data = makeReportData({ evil: true });

test('HTML: hostile names, labels, branches, warnings are escaped everywhere', () => {
  const html = renderHtml(data);
  assert.doesNotMatch(html, /<script>alert/i);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; &#39;apos&#39;'));
  // Only the harness's own script elements exist: summary, hover data, script.
  assert.equal((html.match(/<script\b/g) ?? []).length, 3);
  // Attribute values never contain a raw quote from user text.
  assert.ok(
    html.includes(
      `data-benchmark="diffing/create-rows?rows=1000-&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot;`,
    ),
  );
  // The inline JSON has no "<" at all, so "</script>" cannot occur inside it.
  const json = /<script type="application\/json" id="report-summary">([^]*?)<\/script>/.exec(html)![1]!;
  assert.doesNotMatch(json, /</);
  assert.equal(JSON.parse(json).baselineName, EVIL);
  const hover = /<script type="application\/json" id="report-hover">([^]*?)<\/script>/.exec(html)![1]!;
  assert.doesNotMatch(hover, /</);
  assert.ok(JSON.parse(hover).runs.some((r: unknown[]) => r[3] === EVIL && r[4] === EVIL));
});

test('markdown: no raw HTML from user text, pipes escaped in table cells', () => {
  const mdText = renderMarkdown(data);
  assert.doesNotMatch(mdText, /<script/i);
  assert.ok(mdText.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  for (const line of mdText.split('\n').filter((l) => l.startsWith('| '))) {
    // User text contributes "| pipe": it must appear escaped, so unescaped pipes only delimit cells.
    assert.doesNotMatch(line, /[^\\]\| pipe/);
  }
  assert.equal(
    escapeMarkdown('a|b*c_d`e[f]<g>\nh #12 @bob'),
    'a\\|b\\*c\\_d\\`e\\[f\\]&lt;g&gt; h #\u206012 @\u2060bob',
  );
});

test('JUnit: well-formed escaping in attributes and text', () => {
  const xml = renderJUnit(data);
  assert.doesNotMatch(xml, /<script/i);
  // No raw quote inside an attribute value: every attribute is name="...", with no " in the value.
  for (const tag of xml.match(/<[a-z][^>]*>/g) ?? []) {
    assert.match(tag, /^<[a-z-]+(?: [a-z.]+="[^"<]*")*\/?>$/, tag);
  }
});

test('JSON round-trips hostile text unchanged; terminal prints it as text', () => {
  assert.equal(JSON.parse(renderJson(data)).run.label, EVIL);
  assert.ok(renderTerminalTable(data.verdicts, { color: false }).includes('<script>'));
  assert.equal(jsonForScript({ s: '</script><!--\u2028' }), '{"s":"\\u003c/script\\u003e\\u003c!--\\u2028"}');
});
