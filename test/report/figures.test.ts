/**
 * Every measured figure in the README comes from `npm run docs:figures` (scripts/figures/). This
 * test fails when one was edited by hand:
 *   - each `<!-- figures:NAME -->` block of README.md must equal the body of docs/figures/NAME.md;
 *   - each docs/figures/NAME.md must equal what scripts/figures/figures.ts renders from the raw
 *     runs in docs/figures/runs/*.json (speedups and their bootstrap intervals are seeded, so the
 *     recomputation is exact), so an edited generated file fails too;
 *   - no figure file is orphaned and no block lacks its file.
 * No browser, no clock: the runs are read from disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FIGURES_DIR,
  FIGURE_DOCS,
  bodyOfFile,
  figureFile,
  figuresOf,
  markerBlocks,
  readRunsFiles,
  replaceMarkerBlocks,
  type Figure,
} from '../../scripts/figures/figures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
const generatedNames = () =>
  existsSync(join(root, FIGURES_DIR))
    ? readdirSync(join(root, FIGURES_DIR))
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.slice(0, -3))
        .sort()
    : [];

let recomputed: Figure[] | undefined;
function figures(): Figure[] {
  return (recomputed ??= readRunsFiles(root).flatMap(figuresOf));
}

test('marker blocks: parsed, block and inline, and replaced in place', () => {
  const md =
    'a <!-- figures:x -->1 B<!-- /figures:x --> b\n\n' +
    '<!-- figures:t -->\n\n| h |\n| - |\n| 1 |\n\n<!-- /figures:t -->\nend\n';
  assert.deepEqual(markerBlocks(md), [
    { name: 'x', content: '1 B', block: false },
    { name: 't', content: '| h |\n| - |\n| 1 |', block: true },
  ]);
  const out = replaceMarkerBlocks(
    md,
    new Map([
      ['x', '2 B'],
      ['t', '| h |\n| - |\n| 2 |'],
    ]),
  );
  assert.equal(
    out,
    'a <!-- figures:x -->2 B<!-- /figures:x --> b\n\n' +
      '<!-- figures:t -->\n\n| h |\n| - |\n| 2 |\n\n<!-- /figures:t -->\nend\n',
  );
  assert.equal(bodyOfFile(figureFile({ name: 'x', source: 's.json', body: '2 B' })), '2 B');
});

test('the README quotes figures, each between markers', () => {
  const names = FIGURE_DOCS.flatMap((d) => markerBlocks(read(d)).map((b) => b.name));
  for (const expected of ['wasm', 'wasm-runtime-size', 'peers', 'trends'])
    assert.ok(names.includes(expected), `README.md has no <!-- figures:${expected} --> block`);
  assert.equal(new Set(names).size, names.length, 'a figure is quoted twice');
});

test('each marker block equals its generated docs/figures file (a hand edit in the README fails)', () => {
  for (const doc of FIGURE_DOCS) {
    for (const block of markerBlocks(read(doc))) {
      const file = `${FIGURES_DIR}/${block.name}.md`;
      assert.ok(
        existsSync(join(root, file)),
        `${doc} quotes figure ${block.name} but ${file} does not exist: run npm run docs:figures`,
      );
      assert.equal(
        block.content,
        bodyOfFile(read(file)),
        `${doc}'s ${block.name} block differs from ${file}: ` +
          `regenerate with npm run docs:figures, never edit a figure by hand`,
      );
    }
  }
});

test('every generated figure is quoted somewhere, and comes from an exported run', () => {
  const quoted = new Set(FIGURE_DOCS.flatMap((d) => markerBlocks(read(d)).map((b) => b.name)));
  const computed = new Set(figures().map((f) => f.name));
  for (const name of generatedNames()) {
    assert.ok(quoted.has(name), `${FIGURES_DIR}/${name}.md is quoted by no document`);
    assert.ok(computed.has(name), `${FIGURES_DIR}/${name}.md has no raw runs in docs/figures/runs/`);
  }
});

test('each docs/figures file equals the figure recomputed from the raw runs (a hand edit there fails too)', () => {
  const list = figures();
  assert.ok(list.length > 0, 'no docs/figures/runs/*.json: run npm run docs:figures');
  for (const f of list) {
    const file = `${FIGURES_DIR}/${f.name}.md`;
    assert.ok(existsSync(join(root, file)), `${file} is missing: run npm run docs:figures`);
    assert.equal(
      read(file),
      figureFile(f),
      `${file} is not what its runs give: regenerate it, never edit a figure by hand`,
    );
  }
});

test('the tables state date, Chromium, Node, CPU and the command', () => {
  for (const f of figures().filter((x) => x.name === 'wasm' || x.name === 'peers')) {
    const first = f.body.split('\n')[0]!;
    assert.match(
      first,
      /Measured \d{4}-\d{2}-\d{2} UTC with Chromium \S+ \(headless\), Node v\d+\.\d+\.\d+, .+ \(\d+ cores\)/,
      f.name,
    );
    assert.match(first, /by `npm run docs:figures[^`]*`/, f.name);
    assert.match(f.body, /\n\| workload \| variant \|/, f.name);
  }
});
