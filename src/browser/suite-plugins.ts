/**
 * A suite's own esbuild plugins, for imports only a bundle-time plugin can satisfy (e.g.
 * `jepsh:wasm-kernels`, built in Node while bundling). They live in a sidecar beside the suite,
 * `suites/<name>.plugins.ts`, default-exporting `Plugin[]` or a function returning them (maybe
 * async): the suite file is itself what gets bundled, so its plugins must be known before it is.
 *
 * A sidecar is loaded once per process and its plugin instances are shared by every bundle of its
 * suite (page and Node, both sides of an A/B), so a plugin that caches expensive work, as the
 * WASM kernels plugin does, does it once per process.
 */
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { UsageError, errorMessage } from '../model/errors.js';
import { displayPath } from '../suite/validate.js';
import { importTypeScript } from './import-ts.js';

export const PLUGINS_SUFFIX = '.plugins.ts';

/** A sidecar, not a suite (findSuites skips these). */
export const isPluginsFile = (fileName: string): boolean => fileName.endsWith(PLUGINS_SUFFIX);

/** `suites/x.ts` -> `suites/x.plugins.ts`. */
export const pluginsFileOf = (suitePath: string): string => suitePath.replace(/\.ts$/, '') + PLUGINS_SUFFIX;

// By real path: one load however the sidecar is reached. A failed load stays failed for the process.
const loaded = new Map<string, Promise<Plugin[]>>();

/** The plugins declared beside `suitePath` (none without a sidecar); a bad sidecar is a UsageError naming it. */
export function suitePlugins(suitePath: string): Promise<Plugin[]> {
  const file = resolve(pluginsFileOf(suitePath));
  if (!existsSync(file)) return Promise.resolve([]);
  const key = realpathSync(file);
  let plugins = loaded.get(key);
  if (!plugins) {
    plugins = loadPlugins(file);
    loaded.set(key, plugins);
  }
  return plugins;
}

async function loadPlugins(file: string): Promise<Plugin[]> {
  const where = displayPath(file);
  let exported: unknown;
  try {
    exported = (await importTypeScript(file)).default;
    if (typeof exported === 'function') exported = await (exported as () => unknown)();
  } catch (e) {
    throw new UsageError(`suite plugins ${where} failed to load: ${oneLine(errorMessage(e))}`);
  }
  if (!isPluginList(exported)) {
    throw new UsageError(
      `suite plugins ${where} must default-export an array of esbuild plugins ({ name, setup }) ` +
        'or a function returning one',
    );
  }
  return exported;
}

function isPluginList(value: unknown): value is Plugin[] {
  return (
    Array.isArray(value) &&
    value.every(
      (p: unknown) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as Plugin).name === 'string' &&
        typeof (p as Plugin).setup === 'function',
    )
  );
}

/** esbuild's messages span lines ("Build failed with 1 error:\n<file>:1:7: ERROR: ..."); errors here are one line. */
function oneLine(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' ');
}
