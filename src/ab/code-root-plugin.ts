/**
 * esbuild plugin that swaps the code under test for one side's copy while everything else in the
 * bundle stays the harness's own.
 *
 * Rule: an import written in benchmark code (a suite file, or anything else outside the source
 * trees) that lands in `<root>/src/` for any of the source roots (the harness, the repository
 * under test, and the two sides' own trees), but not in `<harness>/src/suite/`, is resolved again,
 * at the same relative path, under `<codeRoot>/src/`. Listing the sides' trees matters for
 * `--head-dir`: a suite there imports `../src/x.ts` from head's tree, and base must get its own
 * `x.ts`, not head's. From there the side's own relative imports
 * keep resolving inside the side's tree, so transitive imports are the side's too. Imports made
 * by the harness itself (`src/suite/**` and what it pulls in) are left alone: the in-page runner
 * must speak the protocol of the driver that is running, whatever revision is measured.
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { UsageError } from '../model/errors.js';

/**
 * The benchmark code imports a file that this side does not have (the file is new on head).
 * Not a crash: the caller reports the suite's benchmarks as `new` for this comparison.
 * Still a UsageError (exit 2) if nothing catches it.
 */
export class MissingOnSide extends UsageError {
  constructor(
    /** `src/...` path relative to the side's root, '/' separated. */
    readonly path: string,
    readonly side: string,
    readonly importer: string,
  ) {
    super(`${side} has no ${path} (imported by ${importer}): the code under test is new on the other side`);
  }
}

export interface CodeRootOptions {
  /** The tree that owns the suites and the runner (the tree being run). */
  harnessRoot: string;
  /** The side whose `src/` is measured. */
  codeRoot: string;
  /**
   * The trees whose `src/` the suites may import as the code under test (default: [harnessRoot]).
   * A project measuring its own runtime with this harness adds its own repository; an A/B adds
   * both sides' roots.
   */
  sourceRoots?: string[];
  /** The side's description, for errors. */
  sideLabel: string;
  /** Called with each import the side cannot satisfy (the build then fails; the caller rethrows this). */
  onMissing(missing: MissingOnSide): void;
}

// Marks the nested resolve() so the plugin does not redirect its own lookup.
const NESTED = Symbol('jepsh-code-root-nested');

/** Whether `path` is `dir` or inside it. */
export function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function codeRootPlugin(opts: CodeRootOptions): Plugin {
  // esbuild reports real paths (symlinks followed), so compare against real paths too.
  const harnessRoot = realpathSync(opts.harnessRoot);
  const codeRoot = realpathSync(opts.codeRoot);
  const harnessSrc = join(harnessRoot, 'src');
  const harnessOwn = join(harnessSrc, 'suite');
  const sourceRoots = [...new Set((opts.sourceRoots ?? [opts.harnessRoot]).map((r) => realpathSync(r)))];
  const sourceSrcs = sourceRoots.map((r) => join(r, 'src'));
  const within = (path: string) => sourceSrcs.findIndex((src) => isWithin(path, src));
  return {
    name: 'jepsh-code-root',
    setup(build) {
      build.onResolve({ filter: /^[./]/ }, async (args) => {
        if (args.pluginData === NESTED) return undefined;
        if (args.namespace !== 'file' && args.namespace !== '') return undefined;
        // The harness's own imports stay the harness's (see the module comment).
        if (isWithin(args.importer, harnessSrc) || within(args.importer) >= 0) return undefined;
        const requested = isAbsolute(args.path) ? args.path : resolve(args.resolveDir, args.path);
        const from = within(requested);
        if (from < 0 || isWithin(requested, harnessOwn)) return undefined;
        const sourceRoot = sourceRoots[from]!;

        // The written path (e.g. `.../memo/index.js`), not head's resolved file: resolving it again
        // lets esbuild apply the same .js -> .ts rule in the side's tree.
        const target = join(codeRoot, relative(sourceRoot, requested));
        const found = await build.resolve(target, {
          kind: args.kind,
          resolveDir: dirname(target),
          importer: args.importer,
          pluginData: NESTED,
        });
        if (found.errors.length > 0) {
          const rel = relative(sourceRoot, requested).split(sep).join('/');
          const missing = new MissingOnSide(
            rel,
            opts.sideLabel,
            relative(harnessRoot, args.importer).split(sep).join('/') || args.importer,
          );
          opts.onMissing(missing);
          return { errors: [{ text: missing.message }] };
        }
        return {
          path: found.path,
          namespace: found.namespace,
          external: found.external,
          sideEffects: found.sideEffects,
          suffix: found.suffix,
          pluginData: found.pluginData,
        };
      });
    },
  };
}
