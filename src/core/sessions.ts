/**
 * The measuring loop shared by `run`, `check`, `ab` and `power`: S sessions, each measuring every
 * selected benchmark once per side.
 *
 * Why this shape (docs/statistics.md has the measurements):
 * - The session is the unit of replication. Samples inside one renderer process share its JIT
 *   decisions and heap state, so they vary far less than two processes do; only many sessions show
 *   the spread a verdict has to beat. A session is cheap here: every suite page opens in a fresh
 *   browser context, which is a fresh renderer process and V8 isolate, and such pages vary between
 *   each other as much as fresh browsers do. The browser itself is restarted every
 *   `sessionsPerBrowser` sessions so browser-level state is sampled too.
 * - Order inside a page moves results by 10-20%, so benchmarks run in a fresh seeded random order
 *   in every session: order effects become noise that sessions average out, not a fixed bias.
 * - With two sides (A/B), both run in every session, benchmark by benchmark, each in its own page
 *   (own process, so neither side's type feedback or heap reaches the other). Inside a benchmark
 *   the sides are set up and warmed one after the other, then take turns sampling in short steps
 *   (`interleaved`): the machine's speed flips by ~1.6x within a second here, shared by every
 *   process, and only samples taken milliseconds apart see the same machine. Which side goes
 *   first alternates over sessions and positions (ABBA), and so does each step's turn order.
 * - Both sides use the same inner iteration count (calibrated by whichever side runs first), so
 *   their per-operation times are comparable batch for batch.
 * - The first session also takes the untimed counter pass and `verify`; later sessions only
 *   sample (counters are exact and a wrong answer shows the first time).
 * - A benchmark with k passes (`passes`, core/passes.ts) is measured k times per session, each
 *   pass at its own place in the session's order; its passes are merged into the session's one
 *   outcome when the session ends, so callers still see one outcome per session.
 * Faults (README "Failure modes"): a benchmark that outlives its time limit or crashes its page is
 * `errored` with where it was, and the run goes on in a fresh page (after a timeout, in a fresh
 * browser: a page spinning in a loop stops only with its process). A browser that dies is
 * restarted once per session and the benchmark it was measuring measured again; a second death in
 * the same session ends the run (exit 3).
 */
import { AbortedError, BrowserExited } from '../model/errors.js';
import { PageFault } from '../browser/page-session.js';
import { Session, type Progress, type SuiteBundle, type SuitePage } from '../browser/session.js';
import { buildEnvironment } from './environment.js';
import { createRng, deriveSeed, randomInt, DEFAULT_SEED } from '../stats/prng.js';
import type { Environment } from '../model/types.js';
import type { PageOutcome, PrepareResult, SampleProgress, SamplingOptions } from '../suite/protocol.js';
import { pastDeadline, type SessionDeadline } from './time-budget.js';
import { PhaseClock } from './phase-clock.js';
import { expandPasses, mergePasses } from './passes.js';

/** One version of the code under test. */
export interface MeasuredSide {
  key: string;
  bundles: SuiteBundle[];
  /** Busy-wait fraction added to every timed sample of this side (`--inject-delay`). */
  injectDelay?: number | undefined;
}

export interface SuitePlan {
  suite: string;
  ids: string[];
}

export interface SessionsOptions {
  sides: MeasuredSide[];
  plan: SuitePlan[];
  sessions: number;
  /** Number of the first session: extra sessions of `--auto` continue the numbering (and the ABBA order). */
  firstSession?: number;
  /** Sampling of one benchmark on one side in one session. */
  sampling: SamplingOptions;
  /** Inner iteration counts by benchmark id; filled in by the first measurement and shared by all sides. */
  innerFor: Record<string, number>;
  seed?: number;
  sessionsPerBrowser?: number;
  /** Time limit of one benchmark on one side in one session, ms; default benchmarkTimeoutMs(sampling). */
  benchmarkTimeoutMs?: number | undefined;
  /**
   * With two or more sides, take their samples in alternating short steps inside each benchmark
   * (default) instead of one side after the other; false is the older design, kept to measure
   * the difference.
   */
  interleave?: boolean;
  /**
   * Interleaved sides set up and warm up two at a time (each side its own renderer process) once the
   * batch size is known; sampling stays in turns (default; false prepares them one by one).
   * docs/statistics.md section 2: 16% less wall time, the same paired spread.
   */
  parallelPrepare?: boolean;
  /** Passes per session of a benchmark (config `sampling.passes`); default 1 for all. */
  passes?: ((id: string) => number) | undefined;
  /** Minimum samples per side in each pass of a benchmark (config `sampling.sessionSamples`); 0 = `sampling`'s. */
  sessionSamples?: ((id: string) => number) | undefined;
  /** Stop taking sessions before one would end past this deadline (`--time-budget`). */
  deadline?: SessionDeadline | undefined;
  /** Adds the loop's wall time by phase to this clock (`check --base` prints where its time went). */
  phases?: PhaseClock | undefined;
  browser?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: Progress) => void) | undefined;
}

export interface SessionsResult {
  /** outcomes.get(side).get(id): one outcome per session, in session order. */
  outcomes: Map<string, Map<string, PageOutcome[]>>;
  environment: Environment | null;
  warnings: string[];
  /** Sessions measured: `sessions`, or fewer when the deadline stopped the run. */
  sessionsTaken: number;
}

export const DEFAULT_SESSIONS_PER_BROWSER = 10;

/** The smallest default time limit of one benchmark in one session. */
export const MIN_BENCHMARK_TIMEOUT_MS = 30_000;

/**
 * Default time limit of one benchmark in one session: ten times what its sampling asks for
 * (warm-up, the sampling time, and the minimum samples at their minimum length), at least 30 s.
 * Generous on purpose: resets, setup and `measure` hooks are not in the estimate, and a limit that
 * fires on a slow but healthy benchmark is worse than a hang found 30 s late.
 */
export function benchmarkTimeoutMs(
  sampling: Pick<SamplingOptions, 'warmupMs' | 'minTimeMs' | 'minSamples' | 'minSampleMs'>,
): number {
  const expected = sampling.warmupMs + sampling.minTimeMs + sampling.minSamples * sampling.minSampleMs;
  return Math.max(MIN_BENCHMARK_TIMEOUT_MS, Math.ceil(10 * expected));
}

/** Fisher-Yates with the repo's seeded generator: the order of one session's benchmarks. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Sides in the order they run for one benchmark: rotated by (session + position), so every side
 * runs in every position equally often. With two sides this is ABBA: A first, then B first.
 */
export function sideOrder<T>(sides: readonly T[], session: number, position: number): T[] {
  const k = sides.length ? (session + position) % sides.length : 0;
  return [...sides.slice(k), ...sides.slice(0, k)];
}

export async function measureSessions(opts: SessionsOptions): Promise<SessionsResult> {
  const first = opts.firstSession ?? 0;
  const perBrowser = opts.sessionsPerBrowser ?? DEFAULT_SESSIONS_PER_BROWSER;
  const seed = opts.seed ?? DEFAULT_SEED;
  const outcomes = new Map(opts.sides.map((s) => [s.key, new Map<string, PageOutcome[]>()]));
  const allBundles = opts.sides.flatMap((s) => s.bundles.map((b) => ({ ...b, side: s.key })));
  const warnings: string[] = [];
  let environment: Environment | null = null;
  const passesOf = opts.passes ?? (() => 1);
  const phases = opts.phases ?? new PhaseClock();
  const plan = opts.plan.map((p) => ({ ...p, ids: expandPasses(p.ids, passesOf) }));
  const perSession = plan.reduce((a, p) => a + p.ids.length, 0) * opts.sides.length;
  const total = perSession * opts.sessions;
  let elapsedMs = 0; // summed over the `done` benchmarks so far, for the ETA
  let done = 0;

  // A benchmark that failed on a side is not run there again: the failure decides it (rounds.ts).
  const failed = new Set<string>();
  const timeoutMs = opts.benchmarkTimeoutMs ?? benchmarkTimeoutMs(opts.sampling);
  const interleave = opts.interleave !== false;
  const startedMs = opts.deadline?.now() ?? 0;
  let k = 0; // sessions taken so far: all of them, or fewer when the deadline stopped the loop
  let host: Session | null = null;
  let used = 0;
  const startHost = async (): Promise<Session> => {
    for (const w of host?.warnings ?? []) if (!warnings.includes(w)) warnings.push(w);
    await phases.time('browser', async () => host?.close());
    host = null;
    host = await phases.time('browser', () =>
      Session.start(allBundles, { browser: opts.browser, signal: opts.signal }),
    );
    used = 0;
    return host;
  };
  const closePages = async (pages: Map<string, SuitePage> | null): Promise<void> => {
    for (const page of pages?.values() ?? []) await page.close();
  };
  // A suite done without a fault hands its tabs on to the session's next suite.
  const releasePages = async (pages: Map<string, SuitePage> | null): Promise<void> => {
    await Promise.all([...(pages?.values() ?? [])].map((page) => page.release()));
  };
  try {
    for (; k < opts.sessions; k++) {
      const session = first + k;
      const clock = opts.deadline;
      const now = clock?.now() ?? 0;
      if (clock && pastDeadline(now, startedMs, k, clock)) {
        warnings.push(
          `time budget: stopped after ${k} of ${opts.sessions} sessions ` +
            `(${Math.round((now - startedMs) / 1000)} s measuring, floor ${clock.minSessions}; ` +
            'fewer sessions detect less)',
        );
        break;
      }
      if (!host || used >= perBrowser) await startHost();
      used++;
      let restarted = false; // the one browser restart this session allows
      const rng = createRng(deriveSeed(seed, `session ${session}`));
      // Where each side's outcome lists stood when the session began: tells a first pass from a
      // later one, and where the session's passes start when they are merged after it.
      const before = new Map(
        [...outcomes].map(([side, byId]) => [side, new Map([...byId].map(([id, list]) => [id, list.length]))]),
      );
      for (const p of shuffled(plan, rng)) {
        const sides = opts.sides.filter((side) => side.bundles.some((b) => b.file.name === p.suite));
        // Opened when first needed, and again after a fault closed them.
        let pages: Map<string, SuitePage> | null = null;
        const openPages = async (): Promise<Map<string, SuitePage>> => {
          const opened = new Map<string, SuitePage>();
          pages = opened;
          // One after the other: loads are CPU-bound, and opening the sides at once measured no faster here.
          for (const side of sides)
            opened.set(side.key, await phases.time('pages', () => host!.openPage(p.suite, side.key)));
          return opened;
        };
        try {
          for (const [position, id] of shuffled(p.ids, rng).entries()) {
            const order = sideOrder(sides, session, position).filter((side) => !failed.has(`${side.key}\u0000${id}`));
            const progressOf = (side: MeasuredSide) => ({
              suite: p.suite,
              benchmarkId: id,
              index: done,
              total,
              round: session,
              ...(opts.sides.length > 1 && { side: side.key }),
            });
            // Counters and verify: once per benchmark and side, in the first pass of the first session.
            const firstPass = (side: MeasuredSide): boolean =>
              (outcomes.get(side.key)!.get(id)?.length ?? 0) === (before.get(side.key)!.get(id) ?? 0);
            const samplingOf = (side: MeasuredSide): SamplingOptions => ({
              ...opts.sampling,
              minSamples: Math.max(opts.sampling.minSamples, opts.sessionSamples?.(id) ?? 0),
              samplesOnly: session > 0 || !firstPass(side) || opts.sampling.samplesOnly === true,
              innerFor: opts.innerFor,
              injectDelay: side.injectDelay ?? 0,
            });
            const record = (side: MeasuredSide, outcome: PageOutcome): void => {
              elapsedMs += outcome.durationMs;
              if (!outcome.ok) failed.add(`${side.key}\u0000${id}`);
              const time = outcome.metrics.find((m) => m.kind === 'time' && m.metric === 'time');
              if (time && opts.innerFor[id] === undefined) opts.innerFor[id] = time.innerIterations;
              const byId = outcomes.get(side.key)!;
              if (!byId.has(id)) byId.set(id, []);
              byId.get(id)!.push(outcome);
              opts.onProgress?.({ ...progressOf(side), etaMs: null, phase: 'done', outcome });
              done++;
            };
            const started = (side: MeasuredSide): void => {
              const mean = done ? elapsedMs / done : null;
              opts.onProgress?.({
                ...progressOf(side),
                etaMs: mean === null ? null : mean * (total - done),
                phase: 'start',
              });
            };
            /** Handles a fault of one side's page; returns its errored outcome. */
            const onFault = async (e: PageFault): Promise<PageOutcome> => {
              // A spinning page stops only with its process: after a timeout, a fresh browser.
              if (e.kind === 'timeout') {
                await startHost();
                used = 1;
              } else await closePages(pages);
              pages = null;
              return { id, ok: false, error: e.message, metrics: [], durationMs: e.kind === 'timeout' ? timeoutMs : 0 };
            };
            /** A browser that died: restarted once per session, then the caller measures again. */
            const onExit = async (e: BrowserExited): Promise<void> => {
              if (restarted)
                throw new BrowserExited(
                  `the browser exited twice in session ${session + 1}, last while measuring ${id}: ` +
                    `${e.message.replace(/^the browser exited unexpectedly: /, '')}`,
                );
              restarted = true;
              warnings.push(
                `the browser exited in session ${session + 1} while measuring ${id}; ` +
                  `restarted it and measured ${id} again`,
              );
              pages = null;
              await startHost();
              used = 1;
            };
            const abortCheck = (): void => {
              if (opts.signal?.aborted) throw new AbortedError('interrupted (Ctrl-C): run marked aborted');
            };
            let left = order;
            if (order.length > 1 && interleave) {
              abortCheck();
              for (const side of order) started(side);
              let got: Map<string, PageOutcome>;
              for (;;) {
                try {
                  got = await interleaved(
                    pages ?? (await openPages()),
                    order,
                    id,
                    samplingOf,
                    timeoutMs,
                    opts.innerFor,
                    opts.parallelPrepare !== false,
                    phases,
                  );
                  break;
                } catch (e) {
                  if (e instanceof SideFault) {
                    got = new Map([[e.side, await onFault(e.fault)]]);
                    break;
                  }
                  if (!(e instanceof BrowserExited)) throw e;
                  await onExit(e);
                }
              }
              for (const side of order) if (got.has(side.key)) record(side, got.get(side.key)!);
              // After a fault, the sides it interrupted are measured one by one in fresh pages.
              left = order.filter((side) => !got.has(side.key));
            }
            for (const side of left) {
              abortCheck();
              started(side);
              let outcome: PageOutcome;
              for (;;) {
                try {
                  const page = (pages ?? (await openPages())).get(side.key)!;
                  outcome = await phases.time('alone', () => page.run(id, samplingOf(side), timeoutMs), id);
                  break;
                } catch (e) {
                  if (e instanceof PageFault) {
                    outcome = await onFault(e);
                    break;
                  }
                  if (!(e instanceof BrowserExited)) throw e;
                  await onExit(e);
                }
              }
              record(side, outcome);
            }
          }
        } finally {
          await releasePages(pages);
        }
      }
      mergeSessionPasses(outcomes, before);
      await phases.time('browser', () => host!.recycle());
      const h: Session = host!;
      environment ??= h.pageEnvironment ? buildEnvironment(h.browserVersion, h.launchFlags, h.pageEnvironment) : null;
      for (const w of h.warnings) if (!warnings.includes(w)) warnings.push(w);
    }
  } finally {
    await phases.time('browser', async () => (host as Session | null)?.close());
  }
  return { outcomes, environment, warnings, sessionsTaken: k };
}

/**
 * Merges the passes one session appended to each outcome list (everything past `before`'s length)
 * into one outcome, so every list holds one outcome per session.
 */
function mergeSessionPasses(
  outcomes: Map<string, Map<string, PageOutcome[]>>,
  before: Map<string, Map<string, number>>,
): void {
  for (const [side, byId] of outcomes)
    for (const [id, list] of byId) {
      const start = before.get(side)?.get(id) ?? 0;
      if (list.length - start > 1) list.push(mergePasses(list.splice(start)));
    }
}

/** Steps per side in an interleaved benchmark: its sampling time is split into this many. */
export const INTERLEAVE_STEPS = 8;

/**
 * Sides set up and warmed up at once: two, one per core of the 2-core machines this was measured
 * on; more would share a core and shorten each side's warm-up in iterations, not in time.
 */
export const PREPARE_WIDTH = 2;

/** A page fault while sides were interleaved: which side's page it hit. */
export class SideFault extends Error {
  constructor(
    readonly side: string,
    readonly fault: PageFault,
  ) {
    super(fault.message);
  }
}

/**
 * Measures one benchmark on every side at once: each side is set up and warmed in its own page,
 * then the sides take turns sampling in short steps (the order of the turns reversed every step:
 * ABBA), then each finishes. On this VM the machine's speed flips by ~1.6x within a second,
 * shared by every process (docs/statistics.md); samples of the two sides taken milliseconds apart
 * see the same machine, so the flip cancels in their ratio where one side after the other would
 * not. Both sides get the same total sampling time; samples stay per side.
 */
export async function interleaved(
  pages: Map<string, SuitePage>,
  order: MeasuredSide[],
  id: string,
  samplingOf: (side: MeasuredSide) => SamplingOptions,
  timeoutMs: number,
  innerFor: Record<string, number>,
  parallelPrepare: boolean,
  clock: PhaseClock = new PhaseClock(),
): Promise<Map<string, PageOutcome>> {
  const guard = async <T>(side: MeasuredSide, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw e instanceof PageFault ? new SideFault(side.key, e) : e;
    }
  };
  const page = (side: MeasuredSide): SuitePage => pages.get(side.key)!;
  const live: MeasuredSide[] = [];
  const prepareOne = (side: MeasuredSide) => guard(side, () => page(side).prepare(id, samplingOf(side), timeoutMs));
  const finishOne = (side: MeasuredSide) => guard(side, () => page(side).finish(id, samplingOf(side), timeoutMs));
  const admit = (side: MeasuredSide, prepared: PrepareResult): void => {
    // Only a benchmark with a timed `run` has samples to take (`measure` runs in finish).
    if (!prepared.ok || !prepared.innerIterations) return;
    live.push(side);
    // The first side to calibrate sets the batch size for all: per-operation times stay comparable.
    if (innerFor[id] === undefined && prepared.innerIterations) innerFor[id] = prepared.innerIterations;
  };
  // The first session calibrates one side at a time: the first side's batch size is then everyone's.
  let measures = false;
  await clock.time(
    'prepare',
    () =>
      inGroups(order, parallelPrepare && innerFor[id] !== undefined ? PREPARE_WIDTH : 1, prepareOne, (side, r) => {
        measures ||= r.measures === true;
        admit(side, r);
      }),
    id,
  );
  const sampling = samplingOf(order[0]!);
  const step = { minSamples: 1, minTimeMs: sampling.minTimeMs / INTERLEAVE_STEPS };
  // The sides take turns until every side has its budget (>= minSamples, >= minTimeMs), as in one
  // long step: fast operations take the 8 steps, a 900 ms DOM operation 2 steps of one sample. A
  // side done first keeps its turns, so every side takes the same number of steps.
  const done = (p: SampleProgress | undefined): boolean =>
    p !== undefined && p.samples >= sampling.minSamples && p.sampledMs >= sampling.minTimeMs;
  const progress = new Map<string, SampleProgress>();
  for (let k = 0; live.length > 0; k++) {
    for (const side of k % 2 === 0 ? [...live] : [...live].reverse()) {
      const p = await clock.time('sample', () => guard(side, () => page(side).sample(id, step, timeoutMs)), id);
      progress.set(side.key, p);
      // A side that failed while sampling stops; finish reports why.
      if (!p.ok) live.splice(live.indexOf(side), 1);
    }
    if (live.every((side) => done(progress.get(side.key)))) break;
  }
  const out = new Map<string, PageOutcome>();
  // Without a `measure` (timed in finish), finish is teardown and gc(): the sides do it at once. In
  // turns it took about 55 s of a 700 s check --base.
  await clock.time(
    'finish',
    () =>
      inGroups(order, parallelPrepare && !measures ? PREPARE_WIDTH : 1, finishOne, (side, o) => out.set(side.key, o)),
    id,
  );
  return out;
}

/**
 * Calls `f` for the sides `width` at a time, then hands each result to `use` in the sides' order.
 * All of a group settle before a fault is raised, so no page is still busy when the caller closes them.
 */
async function inGroups<T>(
  order: MeasuredSide[],
  width: number,
  f: (side: MeasuredSide) => Promise<T>,
  use: (side: MeasuredSide, value: T) => void,
): Promise<void> {
  for (let i = 0; i < order.length; i += width) {
    const group = order.slice(i, i + width);
    const settled = await Promise.allSettled(group.map(f));
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    group.forEach((side, j) => use(side, (settled[j] as PromiseFulfilledResult<T>).value));
  }
}
