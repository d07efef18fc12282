/**
 * Finds suite files and bundles each with esbuild: an IIFE for the page (the suite plus the
 * in-page runner) or an ESM module for Node (to list benchmarks without a browser).
 */
import { readdirSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { UsageError } from '../core/errors.js';
import { packageRoot } from '../core/paths.js';
import { wasmKernelsPlugin } from '../wasm/bundle-plugin.js';

export interface SuiteFile {
  name: string;
  path: string;
}

/** Suites are `suites/<name>.ts`; the file name is the suite name. */
export function findSuites(dir: string): SuiteFile[] {
  if (!existsSync(dir)) throw new UsageError(`suites folder ${dir} does not exist`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .sort()
    .map((f) => ({ name: basename(f, '.ts'), path: resolve(dir, f) }));
}

/** Selects suites by name; unknown names are a usage error naming what exists. */
export function selectSuites(all: SuiteFile[], names: string[]): SuiteFile[] {
  if (names.length === 0) return all;
  return names.map((n) => {
    const found = all.find((s) => s.name === n);
    if (!found) throw new UsageError(`unknown suite "${n}" (available: ${all.map((s) => s.name).join(', ')})`);
    return found;
  });
}

// One plugin instance per process, so the WASM kernels are built once however many bundles need them.
const plugins: Plugin[] = [wasmKernelsPlugin()];

export async function bundleSuite(file: SuiteFile, target: 'page' | 'node'): Promise<string> {
  const runner = join(packageRoot(), 'src', 'suite', 'page-runner.ts');
  const contents =
    target === 'page'
      ? `import suite from ${JSON.stringify(file.path)};\nimport { installRunner } from ${JSON.stringify(runner)};\ninstallRunner(suite);\n`
      : `export { default } from ${JSON.stringify(file.path)};\n`;
  try {
    const out = await build({
      stdin: { contents, resolveDir: packageRoot(), loader: 'ts', sourcefile: `${file.name}-entry.ts` },
      bundle: true,
      write: false,
      format: target === 'page' ? 'iife' : 'esm',
      platform: target === 'page' ? 'browser' : 'node',
      target: target === 'page' ? 'chrome120' : 'node20',
      external: target === 'node' ? ['binaryen'] : [],
      sourcemap: target === 'page' ? 'inline' : false,
      // Not minified: stack traces and profiles show the suite's own function names.
      minify: false,
      logLevel: 'silent',
      plugins,
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    return out.outputFiles[0]!.text;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e);
    throw new UsageError(`cannot bundle suite ${file.name} (${file.path}): ${msg}`);
  }
}
