/**
 * Loads suite files in Node and validates their definitions (src/suite/validate.ts), so `list`
 * and the start of `run` reject a bad suite with exit 2, naming the file and the field, before a
 * page ever loads it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { bundleSuite, findSuites, selectSuites, type BundleOptions, type SuiteFile } from '../browser/bundle.js';
import { formatProblems, validateSuite } from '../suite/validate.js';
import type { SuiteDef } from '../suite/api.js';
import { UsageError, errorMessage } from '../model/errors.js';

/** The suites' definitions, in the order of `files`; throws a UsageError at the first invalid one. */
export async function checkSuites(files: readonly SuiteFile[], opts: BundleOptions = {}): Promise<SuiteDef[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jepsh-bench-check-'));
  try {
    const out: SuiteDef[] = [];
    for (const file of files) {
      const def = await importSuite(file, dir, opts);
      const problems = validateSuite(def, file);
      if (problems.length > 0) throw new UsageError(formatProblems(file, problems));
      out.push(def as SuiteDef); // its shape was just checked
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The suites of `dir` named in `names` (all when empty), each loaded and validated before any browser starts. */
export async function checkedSuiteFiles(dir: string, names: readonly string[]): Promise<SuiteFile[]> {
  const files = selectSuites(findSuites(dir), [...names]);
  if (files.length === 0) throw new UsageError(`no suites in ${dir}`);
  await checkSuites(files);
  return files;
}

/** A suite file's default export: bundled for Node (it is TypeScript importing src/), written to `dir`, imported. */
async function importSuite(file: SuiteFile, dir: string, opts: BundleOptions): Promise<unknown> {
  const path = join(dir, `${file.name}.mjs`);
  writeFileSync(path, await bundleSuite(file, 'node', opts));
  try {
    return ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
  } catch (e) {
    // Most often DOM use at module top level: suites may touch the DOM only inside their hooks.
    throw new UsageError(
      `suite ${file.name} failed to load in Node (touch the DOM only inside hooks): ${errorMessage(e)}`,
    );
  }
}
