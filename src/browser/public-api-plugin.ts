/**
 * esbuild plugin that resolves the package's own name in suites: `jepsh-bench` and
 * `jepsh-bench/suite` become the running harness's `src/suite/api.ts`. A suite in any folder (a
 * user's project, with or without a node_modules) then gets the authoring API of the harness that
 * bundles it, the one whose page runner will call it, never another installed copy.
 *
 * `jepsh-bench` alone is the Node core API (src/index.ts) elsewhere, but that pulls in SQLite and
 * the browser driver, which cannot load in a page; a suite needs only `defineSuite`, `bench` and
 * the types, all in api.ts.
 */
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';

export const PUBLIC_API_IMPORT = /^jepsh-bench(?:\/suite)?$/;

export function publicApiPlugin(harnessRoot: string): Plugin {
  return {
    name: 'jepsh-public-api',
    setup(build) {
      // The real path, as esbuild gives the runner's own `./api.js`: the bundle holds one copy.
      build.onResolve({ filter: PUBLIC_API_IMPORT }, () => ({
        path: realpathSync(join(harnessRoot, 'src', 'suite', 'api.ts')),
      }));
    },
  };
}
