/**
 * Runs a binaryen-using function of src/wasm in a worker thread that has no loader hooks.
 *
 * Why: under `--import tsx` every ES module goes through tsx's load hook, which rewrites
 * dynamic `import()` calls and attaches an inline source map. For binaryen.js (~14 MB of
 * emscripten output) that makes each process pay roughly 10 s to load it, against about 0.5 s
 * in plain Node. So the TypeScript module is bundled with esbuild (binaryen left external, by
 * absolute file URL) and evaluated in a worker started with `execArgv: []`.
 * Arguments and the result cross by structured clone (Uint8Array and plain objects are fine).
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { join } from 'node:path';
import { binaryenVersion } from './binaryen-version.js';
import { packageRoot } from '../model/paths.js';
import type { PrebuiltWasm } from './types.js';

const POST_ERROR =
  'parentPort.postMessage({ ok: false, error: error instanceof Error ? error.stack || error.message : String(error) })';
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url)
  .then((m) => m[workerData.exportName](...workerData.args))
  .then((result) => parentPort.postMessage({ ok: true, result }))
  .catch((error) => ${POST_ERROR});
`;

async function bundle(file: string): Promise<string> {
  const binaryenUrl = pathToFileURL(createRequire(import.meta.url).resolve('binaryen')).href;
  const out = await build({
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'binaryen-external',
        setup(b) {
          b.onResolve({ filter: /^binaryen$/ }, () => ({ path: binaryenUrl, external: true }));
        },
      },
    ],
  });
  return out.outputFiles[0].text;
}

/** Calls `exportName(...args)` of the TypeScript module `moduleUrl` in a hook-free worker. */
export async function runIsolated<T>(moduleUrl: URL, exportName: string, args: readonly unknown[] = []): Promise<T> {
  const code = await bundle(fileURLToPath(moduleUrl));
  const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { url, exportName, args } });
  try {
    const reply = await new Promise<{ ok: boolean; result?: T; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`wasm build worker exited with code ${code}`)));
    });
    if (!reply.ok) throw new Error(`${exportName} failed in the wasm build worker:\n${reply.error}`);
    return reply.result as T;
  } finally {
    await worker.terminate();
  }
}

/** `buildAll()` of build-all.ts, run isolated: what the bundle plugin uses. */
export function buildAllIsolated(): Promise<PrebuiltWasm> {
  // Located from the package root, not import.meta.url: the CLI runs from a bundle in node_modules/.cache.
  return runIsolated<PrebuiltWasm>(pathToFileURL(join(packageRoot(), 'src', 'wasm', 'build-all.ts')), 'buildAll', [
    binaryenVersion(),
  ]);
}
