/**
 * `npm run docs:figures`: regenerates every measured figure in README.md and its screenshots.
 *
 *   1. measures the `wasm` and `peers` suites into a fresh SQLite file in a temporary folder, and
 *      a short history for the trend screenshot (three reactivity benchmarks, unchanged, then
 *      with `--inject-delay`);
 *   2. exports each set of runs, raw samples included, to docs/figures/runs/<set>.json;
 *   3. renders every figure from those JSON files (scripts/figures/figures.ts) to
 *      docs/figures/<name>.md and copies it between the `<!-- figures:<name> -->` markers of
 *      README.md;
 *   4. imports the trend runs into a fresh database, writes `jepsh-bench report` over them and
 *      screenshots it with headless Chromium: docs/report.png (the top: verdicts and budgets)
 *      and docs/report-trends.png (the history section).
 *
 * Options:
 *   --only wasm|peers|screenshots|targets   one part (repeatable); default all four
 *   --from-json                     measure nothing: recompute the figures from docs/figures/runs/*.json
 *                                   (no browser); with --only screenshots, re-render the screenshots
 *                                   from runs/trends.json (a browser, but no measurement)
 *   --sessions N, --time S, --samples N, --warmup S   sampling of every run (default: the CLI's)
 *   --trend-runs N (default 8), --trend-slow N (default 6), --inject-delay PCT (default 20)
 *   --browser PATH, --keep-db       (keep the temporary SQLite file and print its path)
 *
 * A full run takes a quiet machine about as long as `jepsh-bench run wasm`, `run peers` and
 * 14 runs of three benchmarks (estimated 30-40 minutes on 2 cores; each part logs its time).
 * `--sessions 2 --time 0.2 --warmup 0.05 --trend-runs 5 --trend-slow 5` checks the pipeline in
 * about 4 minutes; such figures say so in their first line and must never be published.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Store } from '../../src/store/store.js';
import { summarize } from '../../src/core/summarize.js';
import { DEFAULT_ROUNDS, DEFAULT_SAMPLING, runSuites, type RunOptions } from '../../src/core/run.js';
import { defaultSuitesDir, packageRoot } from '../../src/model/paths.js';
import { loadConfig } from '../../src/config/config.js';
import { buildReportData } from '../../src/core/report-data.js';
import { renderHtml } from '../../src/report/index.js';
import { discoverBrowser } from '../../src/browser/discover.js';
import { launchBrowser } from '../../src/browser/launch.js';
import { progressPrinter, outputOptions } from '../../src/cli/output.js';
import type { SamplingOptions } from '../../src/suite/protocol.js';
import {
  FIGURES_DIR,
  FIGURE_DOCS,
  RUNS_DIR,
  RUN_FORMAT,
  bodyOfFile,
  figureFile,
  figuresOf,
  markerBlocks,
  readRunsFiles,
  replaceMarkerBlocks,
  serializeRunsFile,
  usedResults,
  type ExportedRun,
  type RunsFile,
} from './figures.js';

const PARTS = ['wasm', 'peers', 'screenshots', 'targets'] as const;
/** The suites and benchmarks the guide's §1.1 budgets check (the README's targets table). */
const TARGET_SUITES = ['startup', 'scheduler', 'memory', 'wasm', 'reactivity'];
const TARGET_FILTER =
  '^(startup/|scheduler/frame-budget|memory/baseline|wasm/runtime-bundle|' +
  'reactivity/(deep-propagation|broad-propagation|diamond|triangle|mux|unstable|avoidable-propagation|' +
  'repeated-observers|effect-fan-out)$)';
type Part = (typeof PARTS)[number];
/** The three reactivity benchmarks of the trend screenshot. */
const TREND_FILTER = '^reactivity/(deep-propagation|diamond|cellx\\?layers=1000)$';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    'from-json': { type: 'boolean', default: false },
    sessions: { type: 'string' },
    time: { type: 'string' },
    samples: { type: 'string' },
    warmup: { type: 'string' },
    'trend-runs': { type: 'string', default: '8' },
    'trend-slow': { type: 'string', default: '6' },
    'inject-delay': { type: 'string', default: '20' },
    browser: { type: 'string' },
    'keep-db': { type: 'boolean', default: false },
  },
  strict: true,
});

function num(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, got ${v}`);
  return n;
}

const parts: Part[] = args.only?.length
  ? args.only.map((p) => {
      if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only: one of ${PARTS.join(', ')}, got ${p}`);
      return p as Part;
    })
  : [...PARTS];
const root = packageRoot();
const sessions = num('sessions', args.sessions, 1) ?? DEFAULT_ROUNDS;
const sampling: SamplingOptions = {
  ...DEFAULT_SAMPLING,
  ...(args.samples !== undefined && { minSamples: Math.round(num('samples', args.samples, 2)!) }),
  ...(args.time !== undefined && { minTimeMs: num('time', args.time, 0)! * 1000 }),
  ...(args.warmup !== undefined && { warmupMs: num('warmup', args.warmup, 0)! * 1000 }),
};
const trendRuns = Math.round(num('trend-runs', args['trend-runs'], 5)!);
const trendSlow = Math.round(num('trend-slow', args['trend-slow'], 5)!);
const injectDelay = num('inject-delay', args['inject-delay'], 1)! / 100;
/** The command as typed, quoted in the figures (`npm run docs:figures` plus any flags). */
const command = ['npm run docs:figures', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(
  ' ',
);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

// --- measuring ----------------------------------------------------------------------------------

/**
 * Samples are exported to 6 significant digits (the timer's grain is 5 us on samples of >= 1 ms,
 * so nothing measured is lost) to keep the files small; every figure is computed from the
 * exported values, never from the database, so the JSON reproduces the figures exactly.
 */
const SIGNIFICANT = 6;
const round = (x: number) => (Number.isFinite(x) && !Number.isInteger(x) ? Number(x.toPrecision(SIGNIFICANT)) : x);

function exportRun(store: Store, set: string, runId: number, options: ExportedRun['options']): ExportedRun {
  const run = store.getRun(runId)!;
  if (run.status !== 'complete' || !run.environment)
    throw new Error(`run ${runId} is ${run.status}: ${run.error ?? ''}`);
  const benchmarks = store.getBenchmarks(runId);
  const failed = benchmarks.filter((b) => !b.ok);
  if (failed.length > 0)
    throw new Error(
      `run ${runId}: ${failed.length} benchmark(s) failed, figures need a clean run: ` +
        `${failed.map((b) => `${b.id}: ${b.error}`).join('; ')}`,
    );
  return {
    uuid: run.uuid,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    git: run.git,
    label: run.label,
    suites: run.suites,
    environment: run.environment,
    warnings: run.warnings,
    options,
    benchmarks: benchmarks.map(({ durationMs: _d, ...b }) => b),
    results: usedResults(set, store.getResults(runId)).map((r) => {
      const { benchmarkId, metric, unit, direction, kind, samples, innerIterations, rounds } = r;
      return {
        benchmarkId,
        metric,
        unit,
        direction,
        kind,
        innerIterations,
        ...(rounds && { rounds }),
        samples: samples.map(round),
      };
    }),
  };
}

async function measure(
  store: Store,
  set: string,
  suite: string,
  extra: Partial<RunOptions> = {},
): Promise<ExportedRun> {
  const opts: RunOptions = {
    suites: [suite],
    suitesDir: defaultSuitesDir(),
    sampling,
    rounds: sessions,
    browser: args.browser,
    label: 'docs:figures',
    onProgress: progressPrinter(outputOptions(false)),
    ...extra,
  };
  const { run } = await runSuites(store, opts);
  return exportRun(store, set, run.id, {
    sessions,
    sampling,
    filter: opts.filter?.source ?? null,
    ...(opts.injectDelay ? { injectDelay: opts.injectDelay } : {}),
  });
}

function writeRunsFile(file: RunsFile): void {
  const text = serializeRunsFile(file);
  const path = join(root, RUNS_DIR, `${file.name}.json`);
  mkdirSync(join(root, RUNS_DIR), { recursive: true });
  writeFileSync(path, text);
  log(`wrote ${RUNS_DIR}/${file.name}.json (${(text.length / 1024).toFixed(0)} KiB)`);
}

async function measureAll(store: Store): Promise<void> {
  for (const suite of ['wasm', 'peers'] as const) {
    if (!parts.includes(suite)) continue;
    log(`measuring ${suite} (${sessions} sessions)`);
    const t0 = Date.now();
    const run = await measure(store, suite, suite);
    log(`${suite}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    writeRunsFile({ format: RUN_FORMAT, name: suite, command, runs: [run] });
  }
  if (parts.includes('targets')) {
    log(`measuring the §1.1 targets: ${TARGET_SUITES.join(', ')} (${sessions} sessions)`);
    const t0 = Date.now();
    const run = await measure(store, 'targets', TARGET_SUITES[0]!, {
      suites: TARGET_SUITES,
      filter: new RegExp(TARGET_FILTER),
    });
    log(`targets: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const budgets = loadConfig(join(root, 'jepsh-bench.config.json')).config.budgets;
    writeRunsFile({ format: RUN_FORMAT, name: 'targets', command, runs: [run], budgets });
  }
  if (parts.includes('screenshots')) {
    const runs: ExportedRun[] = [];
    const t0 = Date.now();
    for (let i = 0; i < trendRuns + trendSlow; i++) {
      const slow = i >= trendRuns;
      log(
        `trend run ${i + 1}/${trendRuns + trendSlow}${slow ? ` (inject delay ${Math.round(injectDelay * 100)}%)` : ''}`,
      );
      // No controls: the screenshot shows the three benchmarks, and the history needs no drift check.
      runs.push(
        await measure(store, 'trends', 'reactivity', {
          filter: new RegExp(TREND_FILTER),
          controls: false,
          label: slow ? `slow ${i - trendRuns + 1}` : `normal ${i + 1}`,
          ...(slow && { injectDelay }),
        }),
      );
    }
    log(`trend runs: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    writeRunsFile({ format: RUN_FORMAT, name: 'trends', command, runs, baselineIndex: trendRuns - 1 });
  }
}

// --- figures ------------------------------------------------------------------------------------

function writeFigures(): void {
  const files = readRunsFiles(root);
  const bodies = new Map<string, string>();
  for (const f of files) {
    for (const fig of figuresOf(f)) {
      const text = figureFile(fig);
      writeFileSync(join(root, FIGURES_DIR, `${fig.name}.md`), text);
      bodies.set(fig.name, bodyOfFile(text));
      log(`wrote ${FIGURES_DIR}/${fig.name}.md`);
    }
  }
  const everywhere = new Set<string>();
  for (const doc of FIGURE_DOCS) {
    const path = join(root, doc);
    const before = readFileSync(path, 'utf8');
    const after = replaceMarkerBlocks(before, bodies);
    const quoted = markerBlocks(after).map((b) => b.name);
    quoted.forEach((n) => everywhere.add(n));
    if (after !== before) writeFileSync(path, after);
    log(`${doc}: ${quoted.filter((n) => bodies.has(n)).join(', ') || 'no'} figure block(s) up to date`);
  }
  for (const name of bodies.keys())
    if (!everywhere.has(name)) log(`warning: no document quotes figure ${name} (add <!-- figures:${name} --> markers)`);
}

// --- screenshots --------------------------------------------------------------------------------

/** Loads exported runs into a fresh store, with their own dates and ids 1..n. */
function importRuns(store: Store, runs: readonly ExportedRun[]): number[] {
  return runs.map((r) => {
    const run = store.createRun({ git: r.git, label: r.label, suites: r.suites, options: { ...r.options } });
    store.completeRun(run.id, {
      environment: r.environment,
      benchmarks: r.benchmarks.map(({ ok: _o, error: _e, ...b }) => b),
      statuses: r.benchmarks.map((b) => ({
        benchmarkId: b.id,
        ok: b.ok,
        ...(b.error !== null && { error: b.error }),
        durationMs: 0,
      })),
      results: r.results.map((x) => ({ ...x })),
      warnings: r.warnings,
    });
    store.db
      .prepare(`UPDATE runs SET uuid = ?, started_at = ?, ended_at = ? WHERE id = ?`)
      .run(r.uuid, r.startedAt, r.endedAt, run.id);
    return run.id;
  });
}

async function screenshots(): Promise<void> {
  const file = readRunsFiles(root).find((f) => f.name === 'trends');
  if (!file) throw new Error(`no ${RUNS_DIR}/trends.json: run without --from-json first`);
  const dir = mkdtempSync(join(tmpdir(), 'jepsh-figures-report-'));
  try {
    const store = Store.open(join(dir, 'report.sqlite'), summarize);
    let html: string;
    try {
      const ids = importRuns(store, file.runs);
      store.setBaseline('main', ids[file.baselineIndex ?? 0]!);
      const { config } = loadConfig(join(root, 'jepsh-bench.config.json'));
      html = renderHtml(buildReportData(store, config, { runs: ids.length, against: 'main' }));
    } finally {
      store.close();
    }
    const htmlPath = join(dir, 'report.html');
    writeFileSync(htmlPath, html);
    const launched = await launchBrowser(discoverBrowser({ browser: args.browser }).path);
    try {
      const page = await launched.browser.newPage();
      await page.setViewport({ width: 1280, height: 1500, deviceScaleFactor: 1 });
      await page.goto(`file://${htmlPath}`, { waitUntil: 'load' });
      await page.screenshot({ path: join(root, 'docs/report.png'), clip: { x: 0, y: 0, width: 1280, height: 1500 } });
      log('wrote docs/report.png');
      // The sticky filter bar would cover the top of an element screenshot.
      await page.addStyleTag({ content: '.filters{position:static !important}' });
      const trends = await page.$('#trends');
      const box = await trends?.boundingBox();
      if (!box) throw new Error('the report has no #trends section');
      await page.screenshot({
        path: join(root, 'docs/report-trends.png'),
        clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 1600) },
        captureBeyondViewport: true,
      });
      log('wrote docs/report-trends.png');
    } finally {
      await launched.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- main ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(join(root, FIGURES_DIR), { recursive: true });
  if (!args['from-json']) {
    const dir = mkdtempSync(join(tmpdir(), 'jepsh-figures-'));
    const dbFile = join(dir, 'figures.sqlite');
    const store = Store.open(dbFile, summarize);
    try {
      await measureAll(store);
    } finally {
      store.close();
      if (args['keep-db']) log(`kept ${dbFile}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  writeFigures();
  if (parts.includes('screenshots') && (!args['from-json'] || args.only?.includes('screenshots'))) await screenshots();
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e: unknown) => {
  process.stderr.write(`docs:figures: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
