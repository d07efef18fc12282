/** The keyed-table adapters by name: the `framework` parameter of the peers suite's diff benchmarks. */
import { jepshDiffer } from './jepsh.js';
import { snabbdomDiffer } from './snabbdom.js';
import { udomdiffDiffer } from './udomdiff.js';
import type { DifferAdapter } from './types.js';

export { rowClass, type DifferAdapter, type KeyedTable, type Row } from './types.js';
export { jepshDiffer, snabbdomDiffer, udomdiffDiffer };

export const DIFFER_ADAPTERS: Readonly<Record<string, DifferAdapter>> = {
  jepsh: jepshDiffer,
  snabbdom: snabbdomDiffer,
  udomdiff: udomdiffDiffer,
};
