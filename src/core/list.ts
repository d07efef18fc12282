/** Lists suites and their expanded benchmarks in Node, without a browser. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { bundleSuite, findSuites, selectSuites } from '../browser/bundle.js';
import { expandSuite } from '../suite/expand.js';
import type { SuiteDef } from '../suite/api.js';
import type { Params } from './types.js';
import { UsageError, errorMessage } from './errors.js';

export interface ListedBenchmark {
  id: string;
  name: string;
  params: Params;
  description?: string;
  metrics: string[];
}

export interface ListedSuite {
  name: string;
  description?: string;
  file: string;
  benchmarks: ListedBenchmark[];
}

export async function listSuites(suitesDir: string, names: string[] = []): Promise<ListedSuite[]> {
  const files = selectSuites(findSuites(suitesDir), names);
  const dir = mkdtempSync(join(tmpdir(), 'jepsh-bench-list-'));
  try {
    const out: ListedSuite[] = [];
    for (const file of files) {
      const code = await bundleSuite(file, 'node');
      const path = join(dir, `${file.name}.mjs`);
      writeFileSync(path, code);
      let suite: SuiteDef;
      try {
        suite = ((await import(pathToFileURL(path).href)) as { default: SuiteDef }).default;
      } catch (e) {
        throw new UsageError(`suite ${file.name} failed to load: ${errorMessage(e)}`);
      }
      if (!suite || suite.name !== file.name) throw new UsageError(`suite file ${file.path} must default-export defineSuite({ name: '${file.name}', ... })`);
      const benchmarks = expandSuite(suite.name, suite.benchmarks).map((e) => {
        const declared = Object.keys(e.def.metrics ?? {});
        // `run` is always timed; a `measure` benchmark may report an undeclared `time` (compile times).
        const timed = e.def.run || (e.def.measure && declared.length === 0);
        const metrics = [...(timed ? ['time'] : []), ...declared.filter((m) => m !== 'time' || !timed)];
        const b: ListedBenchmark = { id: e.id, name: e.name, params: e.params, metrics };
        if (e.def.description) b.description = e.def.description;
        return b;
      });
      const listed: ListedSuite = { name: suite.name, file: file.path, benchmarks };
      if (suite.description) listed.description = suite.description;
      out.push(listed);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
