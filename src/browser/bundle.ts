/**
 * Finds suite files and bundles each with esbuild: an IIFE for the page (the suite plus the
 * in-page runner) or an ESM module for Node (to list benchmarks without a browser). For an A/B
 * comparison the same suite is bundled once per side, with the code under test taken from that
 * side's tree (src/ab/code-root-plugin.ts). A suite's own esbuild plugins come from its sidecar,
 * `<name>.plugins.ts` (suite-plugins.ts). A suite that loads a page of its own (the startup suite's
 * app, through the host API's `loadPage`) puts that page's script in another sidecar, `<name>.app.ts`:
 * bundled alone (no runner, no suite), like a real app's bundle, and served beside the suite page.
 */
import { readdirSync, existsSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { UsageError } from '../model/errors.js';
import { codeRootPlugin, MissingOnSide } from '../ab/code-root-plugin.js';
import { packageRoot } from '../model/paths.js';
import { publicApiPlugin } from './public-api-plugin.js';
import { isPluginsFile, suitePlugins } from './suite-plugins.js';

export interface SuiteFile {
  name: string;
  path: string;
}

export const APP_SUFFIX = '.app.ts';

/** `suites/x.ts` -> `suites/x.app.ts`: the script of the suite's own app page, if it has one. */
export const appFileOf = (suitePath: string): string => suitePath.replace(/\.ts$/, '') + APP_SUFFIX;

/**
 * Suites are `suites/<name>.ts`; the file name is the suite name. `<name>.plugins.ts` and
 * `<name>.app.ts` are sidecars, not suites.
 */
export function findSuites(dir: string): SuiteFile[] {
  if (!existsSync(dir)) throw new UsageError(`suites folder ${dir} does not exist`);
  return readdirSync(dir)
    .filter(
      (f) =>
        f.endsWith('.ts') && !f.endsWith('.d.ts') && !isPluginsFile(f) && !f.endsWith(APP_SUFFIX) && !f.startsWith('_'),
    )
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

export interface BundleOptions {
  /**
   * The tree whose `src/` (outside `src/suite/`) is the code under test: an A/B side's root.
   * Default: the harness root itself, i.e. no redirection.
   */
  codeRoot?: string;
  /** Folders for bare imports the code root cannot resolve by walking up (esbuild `nodePaths`): see src/ab/deps.ts. */
  nodePaths?: string[];
  /** The tree owning the runner and the suite's imports of `src/` (default: packageRoot(), the tree being run). */
  harnessRoot?: string;
  /** Names the side in errors, e.g. `base main (1a2b3c4 "...")`. */
  sideLabel?: string;
  /** The trees whose `src/` the suites import as code under test (default: [harnessRoot]); see code-root-plugin.ts. */
  sourceRoots?: string[];
}

/**
 * Bundles one suite. With `codeRoot`, a file the suite needs that the side lacks throws
 * `MissingOnSide` (the caller reports that suite's benchmarks as `new`); any other failure is a
 * UsageError naming the suite.
 */
export async function bundleSuite(file: SuiteFile, target: 'page' | 'node', opts: BundleOptions = {}): Promise<string> {
  const runner = join(opts.harnessRoot ?? packageRoot(), 'src', 'suite', 'page-runner.ts');
  const contents =
    target === 'page'
      ? `import suite from ${JSON.stringify(file.path)};\n` +
        `import { installRunner } from ${JSON.stringify(runner)};\ninstallRunner(suite);\n`
      : `export { default } from ${JSON.stringify(file.path)};\n`;
  return buildEntry(file, contents, target, opts);
}

/** The suite's app page script (`<name>.app.ts`), bundled like its page but alone; null without one. */
export async function bundleApp(file: SuiteFile, opts: BundleOptions = {}): Promise<string | null> {
  const app = appFileOf(file.path);
  if (!existsSync(app)) return null;
  return buildEntry(file, `import ${JSON.stringify(app)};\n`, 'app', opts);
}

/** One esbuild bundle of `contents` for a suite: its page, its Node module or its app page. */
async function buildEntry(
  file: SuiteFile,
  contents: string,
  target: 'page' | 'node' | 'app',
  opts: BundleOptions,
): Promise<string> {
  const harnessRoot = opts.harnessRoot ?? packageRoot();
  const inPage = target !== 'node';
  const missing: MissingOnSide[] = [];
  const sourceRoots = opts.sourceRoots ?? [harnessRoot];
  // Nothing to redirect when the only source tree is the side itself.
  const redirect =
    opts.codeRoot !== undefined && sourceRoots.some((r) => realpathSync(r) !== realpathSync(opts.codeRoot!));
  const sideLabel = opts.sideLabel ?? opts.codeRoot ?? '';
  // The suite's sidecar goes with the suite file: in an A/B both sides bundle head's suite (the
  // harness tree) and so share head's plugins, the same instances (built once per process).
  // Loaded outside the try below: a bad sidecar is its own one-line UsageError naming the sidecar.
  const own = await suitePlugins(file.path);
  // The harness's plugins first: esbuild takes the first onResolve answer, so one API copy and the
  // side's code under test hold whatever a suite's plugins match.
  const buildPlugins: Plugin[] = [publicApiPlugin(harnessRoot)];
  if (redirect)
    buildPlugins.push(
      codeRootPlugin({
        harnessRoot,
        codeRoot: opts.codeRoot!,
        sourceRoots,
        sideLabel,
        onMissing: (m) => missing.push(m),
      }),
    );
  buildPlugins.push(...own);
  try {
    const out = await build({
      stdin: {
        contents,
        resolveDir: harnessRoot,
        loader: 'ts',
        sourcefile: `${file.name}${target === 'app' ? '-app' : ''}-entry.ts`,
      },
      bundle: true,
      write: false,
      format: inPage ? 'iife' : 'esm',
      platform: inPage ? 'browser' : 'node',
      target: inPage ? 'chrome120' : 'node20',
      external: inPage ? [] : ['binaryen'],
      // None for an app: an inline map would double the bytes its cold load parses.
      sourcemap: target === 'page' ? 'inline' : false,
      // Not minified: stack traces and profiles show the suite's own function names.
      minify: false,
      logLevel: 'silent',
      plugins: buildPlugins,
      ...(opts.nodePaths ? { nodePaths: opts.nodePaths } : {}),
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    return out.outputFiles[0]!.text;
  } catch (e) {
    if (missing.length > 0) throw missing[0]!;
    const msg = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e);
    const where = redirect ? ` for ${sideLabel}` : '';
    throw new UsageError(`cannot bundle suite ${file.name}${where} (${file.path}): ${msg}`);
  }
}
