/**
 * Builds an N-run store to measure the harness itself on (issue 16): one run's results copied N
 * times with seeded noise and a step (scripts/bench/store-template.ts), written through the real
 * Store (the same result rows, sample codec and summaries as `run`), many runs per transaction.
 *
 *   node --import tsx scripts/bench/generate-store.ts --out /tmp/h.sqlite --runs 10000 \
 *     [--from baselines/jepsh-bench.sqlite[#RUN]] [--seed 1] [--step-at 7000] [--step 0.1] [--noise 0.03]
 *
 * --from reads one complete run of a real store (default its latest) read-only: the source is never
 * migrated or written. Without it the template is synthetic (44 benchmarks, 16 sessions).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { Store, type CompletedRun } from '../../src/store/store.js';
import { decodeSamples } from '../../src/store/samples.js';
import { mulberry32 } from '../../src/suite/prng.js';
import type { BenchmarkInfo, MetricResult } from '../../src/model/types.js';
import { noisyCopy, quickSummary, syntheticTemplate, type NoiseOptions, type TemplateRun } from './store-template.js';

export interface GenerateOptions extends NoiseOptions {
  out: string;
  runs: number;
  /** The PRNG of every draw (template and noise): a seeded one gives the same store. */
  random: () => number;
  template?: TemplateRun;
  /** Runs per transaction: one transaction per run would pay a commit each. */
  batch?: number;
  onProgress?: (done: number) => void;
}

export interface GenerateOutcome {
  runs: number;
  results: number;
  ms: number;
  fileBytes: number;
  sampleBytes: number;
}

/** Reads one complete run of a store without migrating it (`ref`: run id; default the latest complete). */
export function readTemplate(path: string, ref?: number): TemplateRun {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    type Row = Record<string, unknown>;
    const run = (
      ref === undefined
        ? db.prepare(`SELECT * FROM runs WHERE status = 'complete' ORDER BY id DESC LIMIT 1`).get()
        : db.prepare(`SELECT * FROM runs WHERE id = ? AND status = 'complete'`).get(ref)
    ) as Row | undefined;
    if (!run) throw new Error(`${path}: no complete run${ref === undefined ? '' : ` ${ref}`}`);
    const benchmarks = (
      db
        .prepare(
          `SELECT b.key, b.suite, b.name, b.params FROM run_benchmarks rb JOIN benchmarks b ON b.id = rb.benchmark_id
           WHERE rb.run_id = ? AND rb.status = 'ok' ORDER BY b.key`,
        )
        .all(run.id) as Array<{ key: string; suite: string; name: string; params: string }>
    ).map((b): BenchmarkInfo => ({ id: b.key, suite: b.suite, name: b.name, params: JSON.parse(b.params) }));
    const ok = new Set(benchmarks.map((b) => b.id));
    const results = (
      db
        .prepare(
          `SELECT b.key, r.* FROM results r JOIN benchmarks b ON b.id = r.benchmark_id WHERE r.run_id = ?
           ORDER BY b.key, r.metric`,
        )
        .all(run.id) as Array<Row & { key: string; samples: Buffer; rounds?: string | null }>
    )
      .filter((r) => ok.has(r.key))
      .map((r): MetricResult => ({
        benchmarkId: r.key,
        metric: r.metric as string,
        unit: r.unit as string,
        direction: r.direction as MetricResult['direction'],
        kind: r.kind as MetricResult['kind'],
        samples: decodeSamples(r.samples),
        innerIterations: r.inner_iterations as number,
        ...(r.rounds ? { rounds: JSON.parse(r.rounds) as number[] } : {}),
      }));
    return {
      benchmarks,
      results,
      environment: {
        browserVersion: String(run.browser_version ?? ''),
        userAgent: String(run.user_agent ?? ''),
        os: String(run.os ?? ''),
        cpuModel: String(run.cpu_model ?? ''),
        cpuCores: Number(run.cpu_cores ?? 0),
        nodeVersion: String(run.node_version ?? ''),
        harnessVersion: String(run.harness_version ?? ''),
        launchFlags: JSON.parse(String(run.launch_flags ?? '[]')) as string[],
        timerResolutionMs: Number(run.timer_resolution_ms ?? 0),
        crossOriginIsolated: run.cross_origin_isolated === 1,
      },
    };
  } finally {
    db.close();
  }
}

/** Writes a fresh store of `runs` runs at `out` (an existing file is replaced). */
export function generateStore(opts: GenerateOptions): GenerateOutcome {
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(opts.out + suffix)) rmSync(opts.out + suffix);
  const template = opts.template ?? syntheticTemplate(opts.random);
  const store = Store.open(opts.out, quickSummary);
  const batch = Math.max(1, opts.batch ?? 250);
  const day = 86_400_000;
  const first = Date.UTC(2026, 0, 1);
  try {
    const dates = store.db.prepare(
      `UPDATE runs SET started_at = ?, ended_at = ?, pid = NULL, hostname = NULL WHERE id = ?`,
    );
    for (let from = 0; from < opts.runs; from += batch) {
      const pending: Array<readonly [number, CompletedRun]> = [];
      for (let i = from; i < Math.min(opts.runs, from + batch); i++) {
        const run = store.createRun({
          git: { commit: (i + 1).toString(16).padStart(40, '0'), branch: 'main', dirty: false },
          label: null,
          suites: [...new Set(template.benchmarks.map((b) => b.suite))],
          options: { generated: true },
        });
        pending.push([
          run.id,
          {
            environment: template.environment,
            benchmarks: template.benchmarks,
            statuses: template.benchmarks.map((b) => ({ benchmarkId: b.id, ok: true, durationMs: 1000 })),
            results: noisyCopy(template, i, opts.random, opts),
            warnings: [],
          },
        ]);
      }
      store.completeRuns(pending);
      // A run a day, so dates read like a history (createRun stamps them all with now).
      store.transaction('dating generated runs', () => {
        for (const [id] of pending) {
          const at = first + (id - 1) * day;
          dates.run(new Date(at).toISOString(), new Date(at + 420_000).toISOString(), id);
        }
      });
      opts.onProgress?.(Math.min(opts.runs, from + batch));
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const sampleBytes = store.db
      .prepare('SELECT coalesce(sum(length(samples)), 0) FROM results')
      .pluck()
      .get() as number;
    const results = store.db.prepare('SELECT count(*) FROM results').pluck().get() as number;
    return {
      runs: opts.runs,
      results,
      ms: performance.now() - started,
      fileBytes: statSync(opts.out).size,
      sampleBytes,
    };
  } finally {
    store.close();
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      runs: { type: 'string', default: '1000' },
      from: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'step-at': { type: 'string' },
      step: { type: 'string', default: '0.1' },
      noise: { type: 'string', default: '0.03' },
    },
  });
  if (!values.out) throw new Error('usage: generate-store.ts --out FILE [--runs N] [--from STORE[#RUN]] [--seed S]');
  const runs = Number(values.runs);
  const [fromPath, fromRun] = values.from?.split('#') ?? [];
  const random = mulberry32(Number(values.seed));
  const outcome = generateStore({
    out: values.out,
    runs,
    random,
    template: fromPath ? readTemplate(fromPath, fromRun === undefined ? undefined : Number(fromRun)) : undefined,
    noise: Number(values.noise),
    step: Number(values.step),
    stepAt: values['step-at'] === undefined ? Math.floor(runs * 0.7) : Number(values['step-at']),
    onProgress: (done) => process.stderr.write(`\r${done}/${runs} runs`),
  });
  process.stderr.write('\n');
  process.stdout.write(
    `${outcome.runs} runs, ${outcome.results} results in ${(outcome.ms / 1000).toFixed(1)} s; ` +
      `file ${(outcome.fileBytes / 1e6).toFixed(1)} MB, sample blobs ${(outcome.sampleBytes / 1e6).toFixed(1)} MB ` +
      `(${Math.round(outcome.sampleBytes / outcome.runs)} bytes per run)\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
