/**
 * From resolved A/B sides (src/ab: worktrees, folders, the working tree) to what core/ab.ts
 * measures: each side's git facts, a bundler that builds head's suites against the side's code
 * (a suite that needs a file the side lacks is `null`: its benchmarks become `new`), and the list
 * of files that differ between the sides.
 */
import { bundleApp, bundleSuite, type BundleOptions, type SuiteFile } from '../browser/bundle.js';
import { MissingOnSide, diffSummary, sideDependencies, type Side } from '../ab/index.js';
import { packageRoot } from '../model/paths.js';
import { gitInfo } from './git.js';
import type { AbSideSpec, SideBundler } from './ab.js';

export interface PreparedAb {
  base: AbSideSpec;
  head: AbSideSpec;
  bundle: SideBundler;
  changedFiles: string[];
  /** Notes for the user: where each side's packages come from, which suites cannot run on base. */
  notes: string[];
}

function spec(side: Side): AbSideSpec {
  const git =
    side.kind === 'working-tree' ? gitInfo(side.root) : { commit: side.commit, branch: null, dirty: side.dirty };
  return { role: side.role, root: side.root, git, describe: side.describe };
}

/** `repoRoot`: the repository whose `src/` the suites import (default: this harness's tree). */
export async function prepareAb(
  sides: { base: Side; head: Side },
  repoRoot: string = packageRoot(),
): Promise<PreparedAb> {
  const host = packageRoot();
  const notes: string[] = [];
  const nodePaths = new Map<string, string[]>();
  for (const side of [sides.base, sides.head]) {
    const deps = await sideDependencies(side, host);
    nodePaths.set(side.role, deps.nodePaths);
    if (deps.source !== 'host')
      notes.push(
        `${side.role}: packages from ${deps.source === 'own' ? 'its own node_modules' : 'the lockfile cache'}`,
      );
  }
  // Head's own tree too: suites from a `--head-dir` import its src/, which base must replace with its own.
  const sourceRoots = [repoRoot, host, sides.base.root, sides.head.root];
  const bySide = new Map([sides.base, sides.head].map((s) => [s.role, s]));
  const bundle: SideBundler = async (file: SuiteFile, s: AbSideSpec) => {
    const side = bySide.get(s.role)!;
    try {
      const opts: BundleOptions = {
        codeRoot: side.root,
        sourceRoots,
        nodePaths: nodePaths.get(s.role)!,
        sideLabel: side.describe,
      };
      return { code: await bundleSuite(file, 'page', opts), app: (await bundleApp(file, opts)) ?? undefined };
    } catch (e) {
      if (!(e instanceof MissingOnSide)) throw e;
      notes.push(
        `suite ${file.name} cannot be built against ${s.role} (${e.message}): ` +
          `its benchmarks are ${s.role === 'base' ? 'new' : 'missing'}`,
      );
      return null;
    }
  };
  const changed = await diffSummary(sides.base, sides.head);
  return {
    base: spec(sides.base),
    head: spec(sides.head),
    bundle,
    changedFiles: changed.map((c) => `${c.status[0]!.toUpperCase()} ${c.path}`),
    notes,
  };
}
