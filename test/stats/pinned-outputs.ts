/**
 * Fixed inputs whose full statistical output is pinned in test/fixtures/stats/pinned-outputs.json,
 * so a change made for speed cannot move a verdict, an estimate, an interval or a p-value unnoticed
 * (test/stats/pinned-outputs.test.ts). The inputs come from the seeded generator; the outputs are
 * every field of every verdict of decideAll (with its comparison and both bootstrap intervals) in
 * each session-test family, plus the bootstrap intervals on their own.
 *
 * The fixture was written by the implementation before the bulk bootstrap draws and the deferred
 * median intervals (commit 0386e68), with
 *   node --import tsx test/stats/pinned-outputs.ts > test/fixtures/stats/pinned-outputs.json
 * Rewrite it only for a change that is meant to change results, and say so in the commit.
 */
import { pathToFileURL } from 'node:url';
import type { MetricResult, TestFamily } from '../../src/model/types.js';
import { bootstrapClusteredRatioCI, bootstrapMedianCI, bootstrapRatioOfMediansCI } from '../../src/stats/bootstrap.js';
import { createRng, randomLogNormal, randomNormal, type Rng } from '../../src/stats/prng.js';
import { summarize } from '../../src/stats/summary.js';
import { decideAll } from '../../src/verdict/decide-all.js';

const SESSIONS = 12;

/** `sessions` sessions of `perSession` lognormal samples around `centre` (a session effect of sd `between`). */
function timeSamples(
  rng: Rng,
  centre: number,
  opts: { sessions?: number; perSession?: number; between?: number; within?: number; modes?: number } = {},
): { samples: number[]; rounds: number[] } {
  const sessions = opts.sessions ?? SESSIONS;
  const perSession = opts.perSession ?? 20;
  const samples: number[] = [];
  for (let s = 0; s < sessions; s++) {
    // With `modes`, a session lands in a slow mode `modes` times the fast one about half the time.
    const mode = opts.modes && rng() < 0.5 ? opts.modes : 1;
    const sessionCentre = centre * mode * Math.exp((opts.between ?? 0.03) * randomNormal(rng));
    for (let i = 0; i < perSession; i++)
      samples.push(randomLogNormal(rng, Math.log(sessionCentre), opts.within ?? 0.1));
  }
  return { samples, rounds: Array.from({ length: sessions }, () => perSession) };
}

function result(
  benchmarkId: string,
  metric: string,
  kind: MetricResult['kind'],
  unit: string,
  data: { samples: number[]; rounds?: number[] },
  direction: MetricResult['direction'] = 'lower',
): MetricResult {
  return { benchmarkId, metric, unit, direction, kind, innerIterations: 1, ...data };
}

/** Both sides of a check: every method and verdict the statistics can reach, from one seed. */
export function pinnedResults(): { baseline: MetricResult[]; candidate: MetricResult[] } {
  const rng = createRng(20261203);
  const baseline: MetricResult[] = [];
  const candidate: MetricResult[] = [];
  type Drawn = { samples: number[]; rounds?: number[] };
  const both = (
    id: string,
    metric: string,
    kind: MetricResult['kind'],
    unit: string,
    b: Drawn,
    c: Drawn,
    direction: MetricResult['direction'] = 'lower',
  ) => {
    baseline.push(result(id, metric, kind, unit, b, direction));
    candidate.push(result(id, metric, kind, unit, c, direction));
  };
  const time = (id: string, b: Drawn, c: Drawn) => both(id, 'time', 'time', 'ms', b, c);
  time('s/same', timeSamples(rng, 1.2), timeSamples(rng, 1.2));
  time('s/slower', timeSamples(rng, 1.2), timeSamples(rng, 1.5));
  time('s/faster', timeSamples(rng, 0.4), timeSamples(rng, 0.3));
  time('s/slightly', timeSamples(rng, 2), timeSamples(rng, 2.12, { between: 0.08 }));
  time(
    's/bimodal',
    timeSamples(rng, 0.0022, { modes: 1.7, sessions: 16 }),
    timeSamples(rng, 0.00233, { modes: 1.7, sessions: 16 }),
  );
  time('s/uneven', timeSamples(rng, 5, { perSession: 7 }), timeSamples(rng, 5.6, { sessions: 9, perSession: 31 }));
  time('s/two', timeSamples(rng, 1, { sessions: 2 }), timeSamples(rng, 1.4, { sessions: 2 }));
  time('s/one', timeSamples(rng, 1, { sessions: 1 }), timeSamples(rng, 1.1, { sessions: 1 }));
  // Few samples and no ties: the pooled Mann-Whitney takes its exact path.
  time(
    's/few',
    timeSamples(rng, 3, { sessions: 3, perSession: 4 }),
    timeSamples(rng, 3.3, { sessions: 3, perSession: 4 }),
  );
  // A clock grid: many ties, and a zero sample that sends one session to its median.
  const grid = (d: { samples: number[]; rounds: number[] }) => ({
    samples: d.samples.map((x, i) => (i === 5 ? 0 : Math.round(x * 20) / 20)),
    rounds: d.rounds,
  });
  time('s/grid', grid(timeSamples(rng, 0.3)), grid(timeSamples(rng, 0.33)));
  // Frames per second: higher is better.
  both('s/fps', 'fps', 'gauge', 'fps', timeSamples(rng, 58), timeSamples(rng, 52), 'higher');
  // Heap growth in bytes, of either sign: the difference methods.
  const heap = (shift: number) => {
    const samples = Array.from({ length: SESSIONS * 10 }, () => 20000 * randomNormal(rng) + shift);
    return { samples, rounds: Array.from({ length: SESSIONS }, () => 10) };
  };
  both('s/heap', 'heap', 'gauge', 'bytes', heap(1000), heap(25000));
  // Small event counts per session: the Poisson rate test.
  const gcs = (rate: number) => {
    const samples = Array.from({ length: SESSIONS * 5 }, () => Math.floor(-Math.log(1 - rng()) * rate));
    return { samples, rounds: Array.from({ length: SESSIONS }, () => 5) };
  };
  both('s/gc', 'gc', 'gauge', 'count', gcs(0.4), gcs(1.5));
  // Deterministic counters.
  both('s/nodes', 'nodes', 'counter', 'count', { samples: [120, 120, 120] }, { samples: [150, 150, 150] });
  both('s/calls', 'calls', 'counter', 'count', { samples: [7, 7] }, { samples: [7, 7] });
  // One side only, and a failed candidate.
  baseline.push(result('s/gone', 'time', 'time', 'ms', timeSamples(rng, 1)));
  candidate.push(result('s/added', 'time', 'time', 'ms', timeSamples(rng, 1)));
  candidate.push(result('s/nan', 'time', 'time', 'ms', { samples: [1, Number.NaN, 1] }));
  baseline.push(result('s/nan', 'time', 'time', 'ms', timeSamples(rng, 1)));
  return { baseline, candidate };
}

/** Bootstrap intervals on their own: odd and even sizes, one and two values, ties, a zero median. */
function pinnedIntervals(): Record<string, unknown> {
  const rng = createRng(31);
  const draw = (n: number) => Array.from({ length: n }, () => randomLogNormal(rng, 0, 0.3));
  const samples: Record<string, number[]> = {
    one: [2.5],
    two: [1, 3],
    odd: draw(41),
    even: draw(200),
    large: draw(1500),
    ties: draw(90).map((x) => Math.round(x * 4) / 4),
    zeros: [0, 0, 0, 1, 2],
  };
  const out: Record<string, unknown> = {};
  for (const [name, xs] of Object.entries(samples)) {
    out[`median ${name}`] = bootstrapMedianCI(xs, { seed: 7 });
    out[`median ${name} 500 0.9`] = bootstrapMedianCI(xs, { seed: 8, resamples: 500, level: 0.9 });
    out[`summary ${name}`] = summarize(xs, { seed: 9 });
  }
  out['ratio odd/even'] = bootstrapRatioOfMediansCI(samples.odd!, samples.even!, { seed: 3 });
  out['ratio zeros/ties'] = bootstrapRatioOfMediansCI(samples.zeros!, samples.ties!, { seed: 4, resamples: 700 });
  out['clustered ratio'] = bootstrapClusteredRatioCI(samples.even!, [50, 50, 60, 40], samples.ties!, [30, 30, 30], {
    seed: 5,
  });
  return out;
}

const FAMILIES: readonly TestFamily[] = ['modes', 'rank', 't'];

/** Everything pinned, keyed by case. */
export function pinnedOutputs(): Record<string, unknown> {
  const { baseline, candidate } = pinnedResults();
  const out: Record<string, unknown> = {};
  for (const test of FAMILIES) out[`decideAll ${test}`] = decideAll(baseline, candidate, { test });
  // Paired: the same sessions on both sides (the metrics whose session counts differ are inconclusive).
  out['decideAll modes paired'] = decideAll(baseline, candidate, { test: 'modes', paired: true, seed: 11 });
  out['decideAll t paired'] = decideAll(baseline, candidate, { test: 't', paired: true });
  out.intervals = pinnedIntervals();
  return out;
}

/**
 * JSON that keeps every number exactly: finite numbers round-trip through JSON text already; NaN,
 * ±Infinity and -0 are written as strings.
 */
export function exactJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) =>
      typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? (Object.is(v, -0) ? '-0' : String(v)) : v,
    1,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.stdout.write(`${exactJson(pinnedOutputs())}\n`);
