/**
 * `run`: bundle suites -> launch -> run every selected benchmark -> store the run in one
 * transaction. A failure marks the run failed (exit 3 for infrastructure) and Ctrl-C marks it
 * aborted (exit 130); neither leaves results behind.
 */
import { findSuites, selectSuites } from '../browser/bundle.js';
import { gitInfo } from './git.js';
import { buildEnvironment } from './environment.js';
import { AbortedError, EnvironmentError, JepshError, UsageError, errorMessage } from './errors.js';
import { Session, bundleSuites, type Progress } from './session.js';
import type { Store } from '../store/store.js';
import type { BenchmarkInfo, Environment, MetricResult, Run } from './types.js';
import type { PageBenchmark, PageOutcome, SamplingOptions } from '../suite/protocol.js';
import type { BenchmarkStatus } from '../store/store.js';

export const DEFAULT_SAMPLING: SamplingOptions = { minSamples: 30, minTimeMs: 1000, warmupMs: 200, minSampleMs: 1 };

export interface RunOptions {
  suites: string[];
  suitesDir: string;
  filter?: RegExp | undefined;
  sampling: SamplingOptions;
  browser?: string | undefined;
  label?: string | null | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: Progress) => void) | undefined;
  /**
   * Called with the measured results before they are stored, with the session still open:
   * `check --auto` uses it to add sampling rounds to undecided benchmarks.
   */
  beforeCommit?: ((m: Measured, more: MoreSamples) => Promise<void>) | undefined;
}

export interface Measured {
  benchmarks: BenchmarkInfo[];
  statuses: BenchmarkStatus[];
  results: MetricResult[];
}

/** Runs another round of the given benchmark ids and returns their new samples (time and gauges). */
export type MoreSamples = (ids: string[], sampling: SamplingOptions) => Promise<MetricResult[]>;

export interface RunOutcome {
  run: Run;
  measured: Measured;
}

function toInfo(suite: string, b: PageBenchmark): BenchmarkInfo {
  const info: BenchmarkInfo = { id: b.id, suite, name: b.name, params: b.params };
  if (b.description) info.description = b.description;
  return info;
}

function toResults(outcome: PageOutcome): MetricResult[] {
  return outcome.metrics.map((m) => ({
    benchmarkId: outcome.id,
    metric: m.metric,
    unit: m.unit,
    direction: m.direction,
    kind: m.kind,
    samples: m.samples,
    innerIterations: m.innerIterations,
  }));
}

export async function runSuites(store: Store, opts: RunOptions): Promise<RunOutcome> {
  const files = selectSuites(findSuites(opts.suitesDir), opts.suites);
  if (files.length === 0) throw new UsageError(`no suites in ${opts.suitesDir}`);
  const bundles = await bundleSuites(files);
  const run = store.createRun({
    git: gitInfo(),
    label: opts.label ?? null,
    suites: files.map((f) => f.name),
    options: { sampling: opts.sampling, filter: opts.filter?.source ?? null },
  });
  let session: Session | null = null;
  let environment: Environment | null = null;
  try {
    session = await Session.start(bundles, { browser: opts.browser, signal: opts.signal });
    const s = session;
    const select = (b: PageBenchmark) => !opts.filter || opts.filter.test(b.id);
    // List first so progress can say "n of N" and give an ETA over the whole run.
    const plan: Array<{ suite: string; count: number }> = [];
    for (const f of files) plan.push({ suite: f.name, count: (await s.list(f.name)).filter(select).length });
    const total = plan.reduce((a, p) => a + p.count, 0);
    if (total === 0) throw new UsageError(`no benchmark matches --filter ${opts.filter?.source ?? ''}`);
    environment = buildEnvironment(s.browserVersion, s.launchFlags, s.pageEnvironment!);

    const measured: Measured = { benchmarks: [], statuses: [], results: [] };
    const suiteOf = new Map<string, string>();
    const elapsed: number[] = [];
    let offset = 0;
    for (const p of plan) {
      if (p.count === 0) continue;
      const pass = await s.runSuite(p.suite, select, opts.sampling, { offset, total, onProgress: opts.onProgress, elapsed });
      offset += p.count;
      for (const b of pass.benchmarks) {
        measured.benchmarks.push(toInfo(p.suite, b));
        suiteOf.set(b.id, p.suite);
      }
      for (const o of pass.outcomes) {
        const status: BenchmarkStatus = { benchmarkId: o.id, ok: o.ok, durationMs: o.durationMs };
        if (o.error !== undefined) status.error = o.error;
        measured.statuses.push(status);
        measured.results.push(...toResults(o));
      }
    }

    if (opts.beforeCommit) {
      const more: MoreSamples = async (ids, sampling) => {
        const wanted = new Set(ids);
        const bySuite = new Map<string, number>();
        for (const id of ids) bySuite.set(suiteOf.get(id)!, (bySuite.get(suiteOf.get(id)!) ?? 0) + 1);
        const out: MetricResult[] = [];
        let off = 0;
        for (const [suite, count] of bySuite) {
          const pass = await s.runSuite(suite, (b) => wanted.has(b.id), { ...sampling, samplesOnly: true }, { offset: off, total: ids.length, onProgress: opts.onProgress, elapsed });
          off += count;
          for (const o of pass.outcomes) if (o.ok) out.push(...toResults(o).filter((r) => r.kind !== 'counter'));
        }
        return out;
      };
      await opts.beforeCommit(measured, more);
    }
    const warnings = [...s.warnings];
    if (!environment.crossOriginIsolated) warnings.push('the page was not cross-origin isolated: timers are coarse (100 us)');
    store.completeRun(run.id, { environment, ...measured, warnings });
    return { run: store.getRun(run.id)!, measured };
  } catch (e) {
    const err = e instanceof JepshError ? e : opts.signal?.aborted ? new AbortedError() : new EnvironmentError(errorMessage(e));
    store.endRun(run.id, err instanceof AbortedError ? 'aborted' : 'failed', err.message, { environment, warnings: session?.warnings ?? [] });
    throw err;
  } finally {
    await session?.close();
  }
}
