/**
 * Two sampling designs scored on the very same sessions: one `power` pool measured with the
 * config's per-benchmark sampling (`sampling.passes`, `sampling.sessionSamples`), then written
 * twice: as measured (`OUT-new.json`) and cut to what an older design would have taken
 * (`OUT-old.json`: the first OLD_PASSES passes of each benchmark and, in each pass, the first
 * samples that meet the plain per-session budget, core/passes.ts cutSampling). The host, its drift
 * and the sessions' modes are then the same for both, and only the design differs.
 *
 *   OLD_PASSES='{"reactivity/unstable":2}' POOL=28 OUT=/tmp/design \
 *     node --import tsx scripts/measure/design-pool.ts
 *   for d in old new; do
 *     jepsh-bench power --from /tmp/design-$d.json --sessions 16 --trials 60 --json |
 *       python3 scripts/measure/power-targets.py
 *   done
 *
 * FILTER (a regular expression of benchmark ids), SUITES (default: the config's default suites),
 * DELAYS (default 2,5,10), SESSIONS (the sessions of one trial, which set each session's
 * sampling; default 16). OLD_PASSES defaults to {} (one pass each); OLD_SAMPLES (sessionSamples
 * rules of the older design, default {}) keeps that many samples per pass where it names a benchmark.
 */
import { loadConfig } from '../../src/config/config.js';
import { samplingTotals } from '../../src/config/sampling.js';
import { DEFAULT_SAMPLING, perRound } from '../../src/core/run.js';
import { cutSampling, passesOf, sessionSamplesOf } from '../../src/core/passes.js';
import { measurePoolOutcomes, poolFrom, savePool, type PoolOutcomes } from '../../src/core/power-run.js';

const { config } = loadConfig();
const out = process.env.OUT ?? '/tmp/design';
const trialSessions = Number(process.env.SESSIONS ?? 16);
const oldPasses = passesOf(JSON.parse(process.env.OLD_PASSES ?? '{}') as Record<string, number>);
const oldSamples = sessionSamplesOf(JSON.parse(process.env.OLD_SAMPLES ?? '{}') as Record<string, number>);
const sampling = { ...DEFAULT_SAMPLING, ...samplingTotals(config.sampling) };
const t0 = Date.now();
const m = await measurePoolOutcomes({
  suites: process.env.SUITES?.split(',') ?? config.defaultSuites,
  suitesDir: 'suites',
  filter: process.env.FILTER ? new RegExp(process.env.FILTER) : undefined,
  sampling,
  passes: config.sampling.passes,
  sessionSamples: config.sampling.sessionSamples,
  poolSessions: Number(process.env.POOL ?? 28),
  trialSessions,
  delays: (process.env.DELAYS ?? '2,5,10').split(',').map(Number),
  onProgress: (p) => {
    if (p.phase === 'done' && p.index % 100 === 0)
      process.stderr.write(`${p.index}/${p.total} ${Math.round((Date.now() - t0) / 1000)} s\n`);
  },
});
const seconds = Math.round((Date.now() - t0) / 1000);
console.log(`${m.measuredAt} ${m.got.environment?.browserVersion ?? ''} ${m.sessions} sessions ${seconds} s`);
const budget = perRound(sampling, trialSessions);
const old: PoolOutcomes = {
  ...m,
  got: {
    ...m.got,
    outcomes: new Map(
      [...m.got.outcomes].map(([side, byId]) => [
        side,
        new Map(
          [...byId].map(([id, list]) => {
            const kept = { ...budget, minSamples: Math.max(budget.minSamples, oldSamples(id)) };
            return [id, list.map((o) => cutSampling(o, oldPasses(id), kept))];
          }),
        ),
      ]),
    ),
  },
};
for (const [name, pool] of [
  ['new', m],
  ['old', old],
] as const) {
  savePool(`${out}-${name}.json`, poolFrom(pool));
  console.log(`${name}: ${out}-${name}.json`);
}
