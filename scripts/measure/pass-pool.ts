/**
 * What passes buy the gate (core/passes.ts): one `power` pool measured with K passes of every
 * selected benchmark per session and side, then written cut to its first k = 1..K passes, so
 * `power --from` scores each k on the very same sessions (no host or drift between the k's).
 *
 *   FILTER='^reactivity/unstable$' K=3 POOL=28 OUT=/tmp/passes node --import tsx scripts/measure/pass-pool.ts
 *   for k in 1 2 3; do
 *     jepsh-bench power --from /tmp/passes-k$k.json --sessions 16 --trials 60 --json |
 *       python3 scripts/measure/power-targets.py
 *   done
 *
 * SUITES (default: the config's default suites), DELAYS (default 2,5,10), SESSIONS (the sessions
 * of one trial, which set each session's sampling; default 16).
 */
import { loadConfig } from '../../src/config/config.js';
import { DEFAULT_SAMPLING } from '../../src/core/run.js';
import { firstPasses } from '../../src/core/passes.js';
import { measurePoolOutcomes, poolFrom, savePool } from '../../src/core/power-run.js';

const { config } = loadConfig();
const K = Number(process.env.K ?? 3);
const out = process.env.OUT ?? '/tmp/passes';
const t0 = Date.now();
const m = await measurePoolOutcomes({
  suites: process.env.SUITES?.split(',') ?? config.defaultSuites,
  suitesDir: 'suites',
  filter: process.env.FILTER ? new RegExp(process.env.FILTER) : undefined,
  sampling: DEFAULT_SAMPLING,
  passes: { '*': K },
  poolSessions: Number(process.env.POOL ?? 28),
  trialSessions: Number(process.env.SESSIONS ?? 16),
  delays: (process.env.DELAYS ?? '2,5,10').split(',').map(Number),
  onProgress: (p) => {
    if (p.phase === 'done' && p.index % 50 === 0)
      process.stderr.write(`${p.index}/${p.total} ${Math.round((Date.now() - t0) / 1000)} s\n`);
  },
});
const seconds = Math.round((Date.now() - t0) / 1000);
console.log(`${m.measuredAt} ${m.got.environment?.browserVersion ?? ''} K=${K} ${m.sessions} sessions ${seconds} s`);
for (let k = 1; k <= K; k++) {
  const cut = new Map(
    [...m.got.outcomes].map(([side, byId]) => [
      side,
      new Map([...byId].map(([id, list]) => [id, list.map((o) => firstPasses(o, k))])),
    ]),
  );
  const file = `${out}-k${k}.json`;
  savePool(file, poolFrom({ ...m, got: { ...m.got, outcomes: cut } }));
  console.log(`k=${k}: ${file}`);
}
