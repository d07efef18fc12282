/**
 * The store side of `check --nightly` on a stored run, for the harness benchmark
 * (scripts/bench/harness.ts): `check --nightly` itself measures a run in Chromium first, which is
 * not what is timed here. Prints {"ms": ..., "series": ..., "alerts": ...}; ms counts from opening
 * the store to the outcome.
 *
 *   node --import tsx scripts/bench/nightly-analysis.ts --db FILE [--run ID]
 */
import { parseArgs } from 'node:util';
import { Store } from '../../src/store/store.js';
import { summarize } from '../../src/core/summarize.js';
import { loadConfig } from '../../src/config/config.js';
import { nightlyOf } from '../../src/core/check.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, run: { type: 'string' } } });
if (!values.db) throw new Error('usage: nightly-analysis.ts --db FILE [--run ID]');
const { config } = loadConfig();
const started = performance.now();
const store = Store.open(values.db, summarize);
try {
  const outcome = nightlyOf(store, store.resolveRun(values.run), config);
  const ms = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({ ms: Math.round(ms), series: outcome.series.length, alerts: outcome.regressions.length })}\n`,
  );
} finally {
  store.close();
}
