/**
 * Imports a TypeScript module in plain Node. The CLI runs as an esbuild bundle
 * (bin/jepsh-bench.js), without tsx, so the module is bundled for Node first: its own relative
 * imports are bundled in, its packages stay external. The output is written under the nearest
 * `node_modules/.cache/jepsh-bench/` above the module, so that Node resolves those packages as it
 * would from the module itself (a user's project: from its own node_modules). The file is removed
 * once imported: nothing is left behind and nothing can go stale.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { packageRoot } from '../model/paths.js';

/** `<dir>/node_modules/.cache/jepsh-bench` for the nearest `<dir>` at or above `from` that has a node_modules. */
export function nearestCacheDir(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'jepsh-bench');
    if (dirname(dir) === dir) return undefined;
  }
}

let sequence = 0; // two imports of one file in one process get two files

/** The module namespace of the TypeScript file `file` (absolute path); esbuild and import errors propagate. */
export async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  const out = await build({
    entryPoints: [file],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  // With no node_modules above the module, its bare imports resolve from the harness's packages.
  const dir = nearestCacheDir(dirname(file)) ?? nearestCacheDir(packageRoot()) ?? tmpdir();
  mkdirSync(dir, { recursive: true });
  const tag = createHash('sha256').update(file).digest('hex').slice(0, 12);
  const mjs = join(dir, `import-${tag}-${process.pid}-${sequence++}.mjs`);
  writeFileSync(mjs, out.outputFiles[0]!.text);
  try {
    return (await import(pathToFileURL(mjs).href)) as Record<string, unknown>;
  } catch (e) {
    // Name the module, not its removed bundle ("Cannot find package 'x' imported from <bundle>").
    if (e instanceof Error) e.message = e.message.split(mjs).join(file);
    throw e;
  } finally {
    rmSync(mjs, { force: true });
  }
}
