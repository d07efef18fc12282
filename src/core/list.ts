/** Lists suites and their expanded benchmarks in Node, without a browser. */
import { findSuites, selectSuites, type SuiteFile } from '../browser/bundle.js';
import { expandSuite } from '../suite/expand.js';
import type { SuiteDef } from '../suite/api.js';
import type { Params } from '../model/types.js';
import { checkSuites } from './suite-check.js';

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
  const suites = await checkSuites(files);
  return suites.map((suite, i) => listSuite(suite, files[i]!));
}

function listSuite(suite: SuiteDef, file: SuiteFile): ListedSuite {
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
  return listed;
}
