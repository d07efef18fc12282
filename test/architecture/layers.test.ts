/**
 * The source folders form layers, and imports only run downward (or within a folder). A folder
 * may import any folder of a lower layer; two folders of one layer never import each other. The
 * check reads every relative import of src/, type-only imports included: an upward type import
 * still ties a low module to a high one's shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** Bottom to top. README "Development" describes the same order. */
export const LAYERS: readonly (readonly string[])[] = [
  ['model'], // domain types, errors, ids, formatting, paths: imports nothing of src/
  ['stats', 'suite', 'runtime', 'profile'], // pure: statistics, the suite API and runner, the code under test, profiles
  ['adapters', 'config', 'wasm', 'controls'],
  ['verdict', 'store', 'ab'],
  ['analysis', 'browser'],
  ['report', 'doctor'],
  ['core'], // orchestration: run, sessions, A/B, compare, check, power
  ['cli'],
  ['.'], // src/index.ts: the public API
];

function layerOf(folder: string): number {
  const i = LAYERS.findIndex((l) => l.includes(folder));
  if (i < 0)
    throw new Error(
      `src/${folder} is in no layer: add it to LAYERS in ${relative(process.cwd(), fileURLToPath(import.meta.url))}`,
    );
  return i;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The top folder of a path under src/ ('.' for a file directly in src/). */
const folderOf = (file: string): string => {
  const parts = relative(SRC, file).split('/');
  return parts.length === 1 ? '.' : parts[0]!;
};

/** Relative import specifiers of a module (static, dynamic, re-exports; not inside template text). */
export function importsOf(text: string): string[] {
  return [
    ...text.matchAll(
      /^\s*(?:import|export)\b[^'"`]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm,
    ),
  ].map((m) => (m[1] ?? m[2])!);
}

test('importsOf finds static, type-only, re-export and dynamic imports', () => {
  const text = [
    "import { a } from './a.js';",
    "import type { B } from '../b/b.js';",
    "export { c } from './c.js';",
    'const d = await import("../d/d.js");',
    "const s = `import { x } from '../src/x.js';`;",
  ].join('\n');
  assert.deepEqual(importsOf(text), ['./a.js', '../b/b.js', './c.js', '../d/d.js']);
});

test('every src/ folder belongs to a layer, and imports run only downward', () => {
  const folders = readdirSync(SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  for (const f of folders) layerOf(f);
  const violations: string[] = [];
  for (const file of walk(SRC)) {
    const from = folderOf(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC + '/')) continue;
      const ts = target.replace(/\.js$/, '.ts');
      if (!existsSync(ts) && !existsSync(target)) violations.push(`${relative(SRC, file)}: ${spec} does not exist`);
      const to = folderOf(target);
      if (to === from) continue;
      const [lf, lt] = [layerOf(from), layerOf(to)];
      if (lt >= lf)
        violations.push(`src/${relative(SRC, file)} (${from}, layer ${lf}) imports ${spec} (${to}, layer ${lt})`);
    }
  }
  assert.deepEqual(violations, []);
});
