/**
 * `check --auto` (src/core/auto.ts): the planned looks, and sequentialSessions driven by synthetic
 * session results, a fake `more` that appends sessions, and a fake clock. No browser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoThresholds, plannedLooks, sequentialSessions, type AutoState } from '../../src/core/auto.js';
import { parseConfig, type Config } from '../../src/config/config.js';
import { lookAlphas } from '../../src/stats/sequential.js';
import { createRng, randomNormal, type Rng } from '../../src/stats/prng.js';
import { decideAll } from '../../src/verdict/decide-all.js';
import type { MetricResult } from '../../src/model/types.js';

/** These tests pin decisions made at noise 5% and alpha 0.01, not whatever the defaults are. */
const DEFAULTS: Config = parseConfig({ thresholds: { noise: 0.05, alpha: 0.01 } }, 'test');
const SAMPLES = 3;

const timeResult = (benchmarkId: string): MetricResult => ({
  benchmarkId,
  metric: 'time',
  unit: 'ms',
  direction: 'lower',
  kind: 'time',
  samples: [],
  innerIterations: 1,
  rounds: [],
});

/** Appends one session whose median is `level` (three samples 0.5% apart). */
function pushSession(r: MetricResult, level: number): void {
  r.samples.push(level * 0.995, level, level * 1.005);
  r.rounds!.push(SAMPLES);
}

/** Session levels of one benchmark: baseline and candidate of one session, on the log scale. */
type SessionSource = (session: number) => { base: number; cand: number };

/**
 * A check in the making: baseline and candidate results of several benchmarks. `paired` adds each
 * new session to both sides (check --base); otherwise only the candidate grows, as against a stored
 * baseline.
 */
class Sim {
  readonly baseline: MetricResult[] = [];
  readonly candidate: MetricResult[] = [];
  readonly calls: { ids: string[]; sessions: number }[] = [];
  private readonly taken = new Map<string, number>();

  constructor(
    private readonly sources: Record<string, SessionSource>,
    initial: number,
    private readonly paired: boolean,
    private readonly onMore: () => void = () => {},
  ) {
    for (const [id, source] of Object.entries(sources)) {
      const b = timeResult(id);
      const c = timeResult(id);
      for (let s = 0; s < initial; s++) {
        const { base, cand } = source(s);
        pushSession(b, Math.exp(base));
        pushSession(c, Math.exp(cand));
      }
      this.baseline.push(b);
      this.candidate.push(c);
      this.taken.set(id, initial);
    }
  }

  current = () => ({ baseline: this.baseline, candidate: this.candidate });

  more = async (ids: string[], sessions: number): Promise<void> => {
    this.calls.push({ ids: [...ids], sessions });
    for (const id of ids) {
      const b = this.baseline.find((r) => r.benchmarkId === id)!;
      const c = this.candidate.find((r) => r.benchmarkId === id)!;
      const first = this.taken.get(id)!;
      for (let s = first; s < first + sessions; s++) {
        const { base, cand } = this.sources[id]!(s);
        if (this.paired) pushSession(b, Math.exp(base));
        pushSession(c, Math.exp(cand));
      }
      this.taken.set(id, first + sessions);
    }
    this.onMore();
  };

  sessionsOf(id: string): [number, number] {
    return [
      this.baseline.find((r) => r.benchmarkId === id)!.rounds!.length,
      this.candidate.find((r) => r.benchmarkId === id)!.rounds!.length,
    ];
  }
}

/** Paired sessions from a seeded generator: a session effect shared by both sides, own noise per side. */
function pairedSource(rng: Rng, opts: { shared: number; own: number; effect: number; median?: number }): SessionSource {
  const cache: { base: number; cand: number }[] = [];
  const mu = Math.log(opts.median ?? 1);
  return (s) => {
    while (cache.length <= s) {
      const session = opts.shared * randomNormal(rng);
      cache.push({
        base: mu + session + opts.own * randomNormal(rng),
        cand: mu + session + opts.effect + opts.own * randomNormal(rng),
      });
    }
    return cache[s]!;
  };
}

/**
 * A benchmark that stays open: candidate 8% slower and 8% faster in alternate sessions (mean log
 * ratio 0), then `later` for the sessions after `initial`.
 */
const alternating =
  (initial: number, later: (s: number) => number = (s) => (s % 2 ? 1 : -1) * Math.log(1.08)): SessionSource =>
  (s) => {
    const base = Math.log(2) + 0.01 * (s % 5);
    return { base, cand: base + (s < initial ? (s % 2 ? 1 : -1) * Math.log(1.08) : later(s)) };
  };

/** A clock that only moves when told to. */
function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const LOOKS_12 = [12, 18, 24, 36];
const ALPHAS_12 = lookAlphas({ looks: LOOKS_12, alpha: DEFAULTS.thresholds.alpha });

test('plannedLooks: n, 1.5n, 2n, 3n sessions, each at least 2, without repeats', () => {
  assert.deepEqual(plannedLooks(12), LOOKS_12);
  assert.deepEqual(plannedLooks(10), [10, 15, 20, 30]);
  assert.deepEqual(plannedLooks(3), [3, 5, 6, 9], '1.5 x 3 rounds to 5');
  assert.deepEqual(plannedLooks(2), [2, 3, 4, 6]);
  assert.deepEqual(plannedLooks(1), [2, 3], 'no look below 2 sessions: the session test needs 2');
});

test(
  'sequentialSessions adds sessions only to open benchmarks; ' + 'decided ones keep their sessions and their look',
  async () => {
    const rng = createRng(11);
    const sim = new Sim(
      {
        // 50% slower: regressed at the first look
        's/big': pairedSource(rng, { shared: 0.2, own: 0.007, effect: Math.log(1.5) }),
        // tight, no change: unchanged at the first look
        's/same': pairedSource(rng, { shared: 0.2, own: 0.003, effect: 0 }),
        's/open': alternating(12),
      },
      12,
      true,
    );
    const looks: { sessions: number; open: string[] }[] = [];
    const clock = fakeClock();
    const state = await sequentialSessions(12, sim.current, sim.more, {
      config: DEFAULTS,
      test: 't',
      paired: true,
      deadline: Number.POSITIVE_INFINITY,
      now: clock.now,
      onLook: (sessions, open) => looks.push({ sessions, open }),
    });

    assert.ok(sim.calls.length >= 1, 'the open benchmark got more sessions');
    for (const call of sim.calls) assert.deepEqual(call.ids, ['s/open'], 'only the open benchmark is measured again');
    assert.deepEqual(
      sim.calls.map((c) => c.sessions),
      LOOKS_12.slice(1, 1 + sim.calls.length).map((n, k) => n - LOOKS_12[k]!),
      'each call takes the sessions up to the next look',
    );
    assert.deepEqual(
      looks.map((l) => l.sessions),
      LOOKS_12.slice(1, 1 + sim.calls.length),
    );
    assert.deepEqual(sim.sessionsOf('s/big'), [12, 12]);
    assert.deepEqual(sim.sessionsOf('s/same'), [12, 12]);
    assert.equal(state.sessionsFor.get('s/big'), 12);
    assert.equal(state.sessionsFor.get('s/same'), 12);
    assert.equal(state.sessionsFor.get('s/open'), LOOKS_12[sim.calls.length]);
    assert.deepEqual(
      sim.sessionsOf('s/open'),
      [LOOKS_12[sim.calls.length]!, LOOKS_12[sim.calls.length]!],
      'paired: both sides grow',
    );
    assert.equal(state.alphaFor.get('s/big'), ALPHAS_12[0], 'decided at the first look, at its alpha');
    assert.equal(state.alphaFor.get('s/same'), ALPHAS_12[0]);
    assert.deepEqual(state.design, { looks: LOOKS_12, alpha: DEFAULTS.thresholds.alpha });

    // The final verdicts at each benchmark's stopping alpha: the slowdown is found, the rest is not a regression.
    const verdicts = decideAll(sim.baseline, sim.candidate, {
      thresholds: autoThresholds(DEFAULTS, state),
      paired: true,
      test: 't',
    });
    const verdictOf = (id: string) => verdicts.find((v) => v.benchmarkId === id)!.verdict;
    assert.equal(verdictOf('s/big'), 'regressed');
    assert.equal(verdictOf('s/same'), 'unchanged');
    assert.notEqual(verdictOf('s/open'), 'regressed');
  },
);

test('sequentialSessions stops as soon as every benchmark is decided', async () => {
  // Nothing open at the first look: no extra sessions at all.
  const rng = createRng(5);
  const decided = new Sim(
    {
      's/big': pairedSource(rng, { shared: 0.2, own: 0.007, effect: Math.log(1.5) }),
      's/same': pairedSource(rng, { shared: 0.2, own: 0.003, effect: 0 }),
    },
    12,
    true,
  );
  const first = await sequentialSessions(12, decided.current, decided.more, {
    config: DEFAULTS,
    test: 't',
    paired: true,
    deadline: Number.POSITIVE_INFINITY,
    now: fakeClock().now,
  });
  assert.equal(decided.calls.length, 0);
  assert.deepEqual([...first.alphaFor.values()], [ALPHAS_12[0], ALPHAS_12[0]]);

  // Open at 12 and 18 sessions; extra sessions with no change at all shrink the interval until, at
  // 24 sessions, the look's interval lies within ±5%: unchanged, and no session beyond 24.
  const sim = new Sim({ 's/open': alternating(12, () => 0) }, 12, true);
  const state = await sequentialSessions(12, sim.current, sim.more, {
    config: DEFAULTS,
    test: 't',
    paired: true,
    deadline: Number.POSITIVE_INFINITY,
    now: fakeClock().now,
  });
  assert.deepEqual(sim.calls, [
    { ids: ['s/open'], sessions: 6 },
    { ids: ['s/open'], sessions: 6 },
  ]);
  assert.equal(state.sessionsFor.get('s/open'), 24);
  assert.equal(state.alphaFor.get('s/open'), ALPHAS_12[2], 'decided at the third look');
  const [verdict] = decideAll(sim.baseline, sim.candidate, {
    thresholds: autoThresholds(DEFAULTS, state),
    paired: true,
  });
  assert.equal(verdict!.verdict, 'unchanged');
});

test('sequentialSessions uses up the planned looks and no more', async () => {
  const sim = new Sim({ 's/open': alternating(12) }, 12, true);
  const state = await sequentialSessions(12, sim.current, sim.more, {
    config: DEFAULTS,
    test: 't',
    paired: true,
    deadline: Number.POSITIVE_INFINITY,
    now: fakeClock().now,
  });
  assert.deepEqual(
    sim.calls.map((c) => c.sessions),
    [6, 6, 12],
  );
  assert.equal(state.sessionsFor.get('s/open'), 36);
  assert.equal(state.alphaFor.get('s/open'), ALPHAS_12[3], 'decided at the last look with what is left of alpha');
});

test(
  'sequentialSessions respects the deadline: no look starts after it; ' +
    'what is open is decided at the last look taken',
  async () => {
    // Each extra look takes 100 ms on the fake clock; the deadline falls after the second.
    const clock = fakeClock();
    const sim = new Sim({ 's/open': alternating(12) }, 12, true, () => clock.advance(100));
    const state = await sequentialSessions(12, sim.current, sim.more, {
      config: DEFAULTS,
      test: 't',
      paired: true,
      deadline: 150,
      now: clock.now,
    });
    assert.equal(sim.calls.length, 2, 'looks started at 0 and 100 ms; none at 200 ms');
    assert.equal(state.sessionsFor.get('s/open'), 24);
    assert.equal(state.alphaFor.get('s/open'), ALPHAS_12[2]);

    // A deadline already passed: the planned sessions only, decided at the first look's alpha.
    const late = new Sim({ 's/open': alternating(12) }, 12, true);
    const lateState = await sequentialSessions(12, late.current, late.more, {
      config: DEFAULTS,
      test: 't',
      paired: true,
      deadline: 0,
      now: fakeClock().now,
    });
    assert.equal(late.calls.length, 0);
    assert.equal(lateState.sessionsFor.get('s/open'), 12);
    assert.equal(lateState.alphaFor.get('s/open'), ALPHAS_12[0]);
  },
);

test('sequentialSessions against a stored baseline: only the candidate gets more sessions', async () => {
  const sim = new Sim({ 's/open': alternating(12) }, 12, false);
  const state: AutoState = await sequentialSessions(12, sim.current, sim.more, {
    config: DEFAULTS,
    test: 't',
    paired: false,
    deadline: Number.POSITIVE_INFINITY,
    now: fakeClock().now,
  });
  assert.ok(sim.calls.length >= 1);
  const [base, cand] = sim.sessionsOf('s/open');
  assert.equal(base, 12, 'the stored baseline is not measured again');
  assert.equal(cand, state.sessionsFor.get('s/open'));
});

test('sequentialSessions with one planned session: the sessions taken match each look', async () => {
  const sim = new Sim({ 's/open': alternating(1) }, 1, true);
  const state = await sequentialSessions(1, sim.current, sim.more, {
    config: DEFAULTS,
    test: 't',
    paired: true,
    deadline: Number.POSITIVE_INFINITY,
    now: fakeClock().now,
  });
  // Looks at 2 and 3 sessions (plannedLooks(1)); one session cannot be tested, so the first look
  // continues and the next call goes straight to the last look's 3 sessions.
  assert.deepEqual(sim.calls, [{ ids: ['s/open'], sessions: 2 }]);
  assert.deepEqual(sim.sessionsOf('s/open'), [3, 3]);
  assert.equal(state.sessionsFor.get('s/open'), 3, 'reported sessions are the sessions taken');
});

/**
 * Under a true null (same code on both sides) with session effects and slow sessions, the whole
 * procedure, from the first look to the final verdicts at each benchmark's stopping alpha, raises
 * false regressions at no more than alpha (one-sided: alpha / 2 expected) plus Monte-Carlo error.
 * Noise threshold 0, so the threshold never hides a false alarm: significance alone decides.
 */
test(
  'under a true null the share of regressed verdicts ' + 'stays <= alpha + 3 standard errors (paired and stored)',
  async () => {
    const config = parseConfig({ thresholds: { noise: 0 } }, 'strict');
    const alpha = config.thresholds.alpha;
    const benchmarks = 4;
    const repetitions = 120;
    for (const paired of [true, false]) {
      const rng = createRng(paired ? 2026 : 1130);
      let regressed = 0;
      let verdicts = 0;
      let extraLooks = 0;
      for (let rep = 0; rep < repetitions; rep++) {
        const sources: Record<string, SessionSource> = {};
        for (let b = 0; b < benchmarks; b++) {
          // Paired: both sides share the session's effect. Stored: the sides' sessions are different sessions.
          const level = pairedSource(
            rng,
            paired ? { shared: 0.1, own: 0.05, effect: 0 } : { shared: 0, own: Math.hypot(0.1, 0.05), effect: 0 },
          );
          // 30% of sessions run in a slow mode 1.5x slower (both halves of a pair when paired).
          const slowMode = () => (rng() < 0.3 ? Math.log(1.5) : 0);
          const modes: { base: number; cand: number }[] = [];
          sources[`s/b${b}`] = (s) => {
            while (modes.length <= s) {
              const base = slowMode();
              modes.push({ base, cand: paired ? base : slowMode() });
            }
            const v = level(s);
            return { base: v.base + modes[s]!.base, cand: v.cand + modes[s]!.cand };
          };
        }
        const sim = new Sim(sources, 12, paired);
        const state = await sequentialSessions(12, sim.current, sim.more, {
          config,
          test: 't',
          paired,
          deadline: Number.POSITIVE_INFINITY,
          now: fakeClock().now,
        });
        extraLooks += sim.calls.length;
        // Few bootstrap resamples: they only feed the diagnostic summaries, not the verdicts.
        for (const v of decideAll(sim.baseline, sim.candidate, {
          thresholds: autoThresholds(config, state),
          paired,
          resamples: 10,
        })) {
          verdicts++;
          if (v.verdict === 'regressed') regressed++;
        }
      }
      const share = regressed / verdicts;
      const bound = alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / verdicts);
      assert.equal(verdicts, repetitions * benchmarks);
      assert.ok(extraLooks > 0, 'the simulation exercised extra looks');
      assert.ok(share <= bound, `${paired ? 'paired' : 'stored'}: ${regressed}/${verdicts} = ${share} > ${bound}`);
    }
  },
);
