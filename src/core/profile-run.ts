/**
 * `profile`: one benchmark under V8's sampling CPU profiler, in a fresh page per side.
 *
 * The benchmark is set up, verified and warmed as for a measurement (prepare), then only its timed
 * sampling runs under the profiler, so setup and warm-up (first calls, tier-up) stay out of the
 * profile and what is left is the steady state that the gate times. GC pauses of the same window
 * come from a trace of V8's GC events. With two sides (`--base`), each side is profiled in its own
 * page of the same browser, one after the other, and the diff is per operation.
 */
import type { CDPSession } from 'puppeteer';
import { Session, sideOf, type SuiteBundle, type SuitePage } from '../browser/session.js';
import { UsageError } from '../model/errors.js';
import { packageRoot } from '../model/paths.js';
import type { SamplingOptions } from '../suite/protocol.js';
import { functionTimes, type CpuProfile, type FunctionTime } from '../profile/cpuprofile.js';
import { bundleLocator, scriptPath } from '../profile/sourcemap.js';
import { gcSummary, type GcSummary, type TraceEvent } from '../profile/gc.js';
import { functionTiers, type FunctionTiers } from '../profile/v8log.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProfileSide {
  key: string;
  bundles: SuiteBundle[];
  /** Where the side's code lives (an A/B side's root): its sources are named relative to it. */
  root?: string | undefined;
}

export interface ProfileOptions {
  sides: ProfileSide[];
  suite: string;
  benchmarkId: string;
  /** Warm-up before profiling, and the profiled sampling time (minTimeMs) and samples. */
  sampling: SamplingOptions;
  /** Profiler sampling interval, µs (V8's default is 1000; 100 sees short functions). */
  intervalUs: number;
  /** Also trace GC events over the profiled window. */
  gc: boolean;
  /**
   * Also log V8's code and deopt events for the page's whole life (setup and warm-up included:
   * that is where tiers are decided). Logging costs time, so the profile then carries it too.
   */
  deopts?: boolean | undefined;
  /**
   * false: V8 inlines nothing, so every function is credited its own time. With inlining, a CPU
   * profile credits an inlined callee's samples to its caller at times, and a diff then names the
   * caller of the function that got slower; the price is a profile less like production.
   */
  inline?: boolean | undefined;
  browser?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** V8 flags that stop both optimising tiers from inlining (Turbofan and Maglev). */
export const NO_INLINING_FLAGS: readonly string[] = ['--no-turbo-inlining', '--no-maglev-inlining'];

export interface ProfiledSide {
  key: string;
  profile: CpuProfile;
  /** Operations run while profiling (samples x inner iterations): the diff's unit. */
  operations: number;
  functions: FunctionTime[];
  gc: GcSummary | null;
  /** With `deopts`: the side's functions that were optimised or deoptimised. */
  tiers: FunctionTiers[] | null;
}

/** The id's benchmark on this page, or a usage error listing what the suite has. */
function checkId(page: SuitePage, id: string, suite: string): void {
  if (page.benchmarks.some((b) => b.id === id)) return;
  const ids = page.benchmarks.map((b) => b.id);
  throw new UsageError(`no benchmark ${id} in suite ${suite} (it has: ${ids.join(', ')})`);
}

/** Runs `f` with V8's GC trace events collected over it. */
async function withGcTrace<T>(cdp: CDPSession, f: () => Promise<T>): Promise<[T, TraceEvent[]]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: TraceEvent[] }): void => void events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'disabled-by-default-v8.gc'] },
    transferMode: 'ReportEvents',
  });
  try {
    const out = await f();
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    return [out, events];
  } finally {
    cdp.off('Tracing.dataCollected', onData);
  }
}

export async function profileBenchmark(opts: ProfileOptions): Promise<ProfiledSide[]> {
  const all = opts.sides.flatMap((s) => s.bundles.map((b) => ({ ...b, side: s.key })));
  const scripts = new Map(all.map((b) => [`/${sideOf(b)}/${b.file.name}/bundle.js`, b.code]));
  // One locator per side: each parses the source maps it needs once, for the profile and the log.
  const locators = new Map(opts.sides.map((s) => [s.key, bundleLocator(scripts, rootsOf(s))]));
  const logDir = opts.deopts ? mkdtempSync(join(tmpdir(), 'jepsh-bench-v8log-')) : null;
  const jsFlags = [
    ...(opts.inline === false ? NO_INLINING_FLAGS : []),
    ...(logDir ? ['--log-code', '--log-deopt', `--logfile=${join(logDir, 'v8-%p.log')}`] : []),
  ];
  const host = await Session.start(all, { browser: opts.browser, signal: opts.signal, jsFlags });
  const out: ProfiledSide[] = [];
  try {
    for (const side of opts.sides) {
      const page = await host.openPage(opts.suite, side.key);
      try {
        checkId(page, opts.benchmarkId, opts.suite);
        const prepared = await page.prepare(opts.benchmarkId, opts.sampling);
        if (!prepared.ok) throw new UsageError(`${opts.benchmarkId} failed on ${side.key}: ${prepared.error}`);
        if (!prepared.innerIterations)
          throw new UsageError(`${opts.benchmarkId} has no timed run to profile (it reports its own metrics)`);
        const cdp = await page.cdp();
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: opts.intervalUs });
        const budget = { minSamples: opts.sampling.minSamples, minTimeMs: opts.sampling.minTimeMs };
        const profiled = async () => {
          await cdp.send('Profiler.start');
          const progress = await page.sample(opts.benchmarkId, budget);
          const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
          return { progress, profile };
        };
        const [{ progress, profile }, events] = opts.gc ? await withGcTrace(cdp, profiled) : [await profiled(), null];
        const finished = await page.finish(opts.benchmarkId, { ...opts.sampling, samplesOnly: true });
        if (!progress.ok || !finished.ok)
          throw new UsageError(`${opts.benchmarkId} failed on ${side.key}: ${finished.error ?? 'while sampling'}`);
        await cdp.detach().catch(() => undefined);
        out.push({
          key: side.key,
          profile,
          operations: progress.samples * prepared.innerIterations,
          functions: functionTimes(profile, locators.get(side.key)),
          gc: events && gcSummary(events),
          tiers: null,
        });
      } finally {
        await page.close();
      }
    }
  } finally {
    await host.close(); // V8 writes the rest of its log as the processes end
  }
  if (logDir) {
    try {
      // One log per process; each side's page is its own process, which loaded its side's bundle.
      const logs = readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8'));
      for (const side of out) {
        const script = `/${side.key}/${opts.suite}/bundle.js`;
        const log = logs.filter((l) => l.includes(script)).join('\n');
        side.tiers = functionTiers(log, (url) => scriptPath(url) === script, locators.get(side.key)!);
      }
    } finally {
      rmSync(logDir, { recursive: true, force: true });
    }
  }
  return out;
}

/** Where a side's sources are named from: its own root, then the package's (suite files are head's, ab.ts). */
const rootsOf = (side: ProfileSide): string[] => [side.root ?? packageRoot(), packageRoot()];
