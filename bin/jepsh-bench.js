#!/usr/bin/env node
// Runs the TypeScript CLI without a manual build step: esbuild bundles src/cli/main.ts (packages
// stay external) into node_modules/.cache when any source is newer than the cached bundle.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The tree being run is the folder holding this bin/, from this file's own URL. It has to be
// handed to the CLI explicitly: node_modules may be a symlink into another checkout (a copy of the
// repo sharing one install), Node imports the cached bundle below by its real path, and a root
// found by walking up from the bundle would be that other checkout, so the copy would silently
// measure the original's suites and runtime. packageRoot() (src/model/paths.ts) prefers this.
const root = dirname(dirname(fileURLToPath(import.meta.url)));
process.env.JEPSH_BENCH_ROOT = root;
const outDir = join(root, 'node_modules', '.cache', 'jepsh-bench');
// One bundle per tree: trees sharing a node_modules must not run each other's CLI (the mtime
// check below compares this tree's sources with this tree's bundle only).
const outFile = join(outDir, `cli-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.mjs`);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    return (
      statSync(outFile).mtimeMs >=
      Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs)
    );
  } catch {
    return false;
  }
}

if (!bundleIsFresh()) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    sourcemap: 'inline',
    logLevel: 'error',
  });
  mkdirSync(outDir, { recursive: true });
  // Write then rename, so two CLIs starting at once never import a half-written bundle.
  const tmp = `${outFile}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].text);
  renameSync(tmp, outFile);
}

await import(pathToFileURL(outFile).href);
