/** docs/wasm.md's applicability table must match the registry, so the docs cannot drift. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { KernelInfo } from '../../src/wasm/types.js';
import { VARIANTS } from '../../src/wasm/variants.js';
import { callRegistry } from './helpers.js';

test('docs/wasm.md applicability table matches listKernels()', async () => {
  const md = readFileSync(new URL('../../docs/wasm.md', import.meta.url), 'utf8');
  const start = md.indexOf('<!-- applicability');
  assert.ok(start >= 0, 'applicability marker missing');
  const lines = md.slice(start).split('\n').slice(1);
  const end = lines.findIndex((l) => !l.startsWith('|'));
  const rows = lines.slice(0, end).map((l) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim()),
  );
  const [header, , ...body] = rows;
  const columns = header.slice(1);
  assert.deepEqual(
    columns,
    Object.entries(VARIANTS)
      .filter(([, d]) => d.optimization !== null)
      .map(([v]) => v),
  );
  const documented = Object.fromEntries(body.map(([k, ...cells]) => [k, columns.filter((_, i) => cells[i] === 'x')]));
  const kernels = await callRegistry<KernelInfo[]>('listKernels');
  const actual = Object.fromEntries(
    kernels.map((k) => [k.name, k.variants.filter((v) => VARIANTS[v].optimization !== null)]),
  );
  assert.deepEqual(documented, actual);
});
