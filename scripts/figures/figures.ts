/**
 * The figures quoted in README.md and docs/*.md, as pure functions of exported runs.
 *
 * `npm run docs:figures` (scripts/figures/main.ts) measures the runs, exports each as small JSON
 * under docs/figures/runs/ (raw samples included), renders every figure from those files with
 * `renderFigures`, writes it to docs/figures/<name>.md and copies its body into the markdown
 * between `<!-- figures:<name> -->` and `<!-- /figures:<name> -->`. test/report/figures.test.ts
 * renders the figures again from the same JSON and compares, so a number edited by hand in the
 * README, in docs/figures/*.md or in the JSON's derived tables fails the test. Nothing here
 * touches a browser or the clock.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { variantSpeedups, type SpeedupOptions, type SpeedupRow } from '../../src/analysis/speedups.js';
import { benchmarkId, parseBenchmarkId } from '../../src/suite/expand.js';
import { renderSpeedupsMarkdown, formatSpeedup } from '../../src/report/index.js';
import type {
  Budget,
  BenchmarkInfo,
  ChangePoint,
  Environment,
  GitInfo,
  MetricResult,
  SeriesPoint,
} from '../../src/model/types.js';
import { summarize } from '../../src/stats/summary.js';
import { budgetRule, evaluateBudgets } from '../../src/verdict/budgets.js';
import { formatValue } from '../../src/model/format.js';
import { resultKey } from '../../src/model/ids.js';
import { changePointsForSeries } from '../../src/stats/changepoint.js';
import type { SamplingOptions } from '../../src/suite/protocol.js';
import { DEFAULT_ROUNDS, DEFAULT_SAMPLING } from '../../src/core/run.js';

export const RUN_FORMAT = 'jepsh-bench-figures-run/1';
/** Folders relative to the repository root. */
export const FIGURES_DIR = 'docs/figures';
export const RUNS_DIR = 'docs/figures/runs';
/** The markdown files whose marker blocks are figures. */
export const FIGURE_DOCS = ['README.md'];

/** One stored run, as exported: enough to recompute every figure drawn from it. */
export interface ExportedRun {
  uuid: string;
  startedAt: string;
  endedAt: string | null;
  git: GitInfo;
  label: string | null;
  suites: string[];
  environment: Environment;
  warnings: string[];
  /** The run's measuring options: sessions, sampling, filter, inject delay. */
  options: { sessions: number; sampling: SamplingOptions; filter: string | null; injectDelay?: number };
  benchmarks: Array<BenchmarkInfo & { ok: boolean; error: string | null }>;
  /** Raw samples as time per operation (ms) or the metric's unit, and samples per session. */
  results: Array<
    Pick<
      MetricResult,
      'benchmarkId' | 'metric' | 'unit' | 'direction' | 'kind' | 'samples' | 'innerIterations' | 'rounds'
    >
  >;
}

/** A docs/figures/runs/<name>.json file. */
export interface RunsFile {
  format: typeof RUN_FORMAT;
  /** The figure set these runs feed (`wasm`, `peers`, `trends`). */
  name: string;
  /** The command that measured them, as typed. */
  command: string;
  runs: ExportedRun[];
  /** trends: the index in `runs` named baseline `main` (later runs are the slowed ones). */
  baselineIndex?: number;
  /** targets: the config's budgets when the runs were measured (jepsh-bench.config.json). */
  budgets?: Budget[];
}

export interface Figure {
  name: string;
  /** The runs file it is computed from (relative to the repository root). */
  source: string;
  /** The markdown the documents quote between the markers. */
  body: string;
}

export function toMetricResults(run: ExportedRun): MetricResult[] {
  // Summaries are not exported: the figures use raw samples only.
  return run.results.map((r) => ({ ...r, summary: undefined }) as unknown as MetricResult);
}

export function chromiumVersion(env: Environment): string {
  const m = /^(?:Headless)?Chrom(?:e|ium)\/(\S+)$/.exec(env.browserVersion.trim());
  return m ? `Chromium ${m[1]}` : env.browserVersion;
}

function date(iso: string): string {
  return iso.slice(0, 10);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** Sampled below the CLI's defaults (`--sessions`, `--time`, ... given to check the pipeline). */
export function isShortened(run: ExportedRun): boolean {
  const s = run.options.sampling;
  return (
    run.options.sessions < DEFAULT_ROUNDS ||
    s.minSamples < DEFAULT_SAMPLING.minSamples ||
    s.minTimeMs < DEFAULT_SAMPLING.minTimeMs ||
    s.warmupMs < DEFAULT_SAMPLING.warmupMs
  );
}

export const DRY_RUN = '**A shortened dry run, not a publishable figure: regenerate with `npm run docs:figures`.** ';

/** The provenance sentence every table starts with: when, on what, with which command and sampling. */
export function provenance(file: RunsFile, run: ExportedRun, what: string): string {
  const e = run.environment;
  const s = run.options.sampling;
  const commit = run.git.commit ? ` at commit ${run.git.commit.slice(0, 7)}${run.git.dirty ? ' (dirty)' : ''}` : '';
  return (
    (isShortened(run) ? DRY_RUN : '') +
    `_Measured ${date(run.startedAt)} UTC with ${chromiumVersion(e)} (headless), Node ${e.nodeVersion}, ` +
    `${e.cpuModel} (${e.cpuCores} cores), ${e.os}${commit}: ${what} ` +
    `(${run.options.sessions} sessions, ${s.minSamples} samples and ${seconds(s.minTimeMs)} per benchmark, ` +
    `${seconds(s.warmupMs)} warm-up per session), ` +
    `by \`${file.command}\`. Raw samples: \`${RUNS_DIR}/${file.name}.json\`._`
  );
}

function ciAbove(s: SpeedupRow['vsJs']): boolean {
  return s !== null && s.ci.low > 1;
}
function ciBelow(s: SpeedupRow['vsJs']): boolean {
  return s !== null && s.ci.high < 1;
}
function short(workload: string): string {
  return workload.replace(/^[^/]+\//, '');
}

/** One sentence over the rows: how many variants are faster, slower or undecided, and the extremes. */
function speedupSummary(rows: SpeedupRow[], variantWord: string, referenceName: string): string {
  const faster = rows.filter((r) => ciAbove(r.vsJs));
  const slower = rows.filter((r) => ciBelow(r.vsJs));
  const spanning = rows.length - faster.length - slower.length;
  const named = (list: SpeedupRow[]) => list.map((r) => `${short(r.workload)} ${r.variant}`).join(', ');
  const parts = [
    `Against ${referenceName}: ${faster.length} of ${rows.length} ${variantWord} faster (whole 95% interval above 1)`,
    `${slower.length} slower (whole interval below 1)` +
      `${slower.length > 0 && slower.length <= 8 ? `: ${named(slower)}` : ''}`,
    `${spanning} with an interval that includes 1`,
  ];
  const ratios = rows.filter((r) => r.vsJs !== null).sort((a, b) => a.vsJs!.ratio - b.vsJs!.ratio);
  let range = '';
  if (ratios.length >= 2) {
    const lo = ratios[0]!;
    const hi = ratios[ratios.length - 1]!;
    range =
      `; from ${formatSpeedup(lo.vsJs).split(' ')[0]} (${short(lo.workload)} ${lo.variant}) ` +
      `to ${formatSpeedup(hi.vsJs).split(' ')[0]} (${short(hi.workload)} ${hi.variant})`;
  }
  return `${parts.join(', ')}${range}.`;
}

function wasmFigures(file: RunsFile): Figure[] {
  const run = file.runs[0]!;
  const results = toMetricResults(run);
  const rows = variantSpeedups(results);
  const vsO0Below = rows.filter((r) => ciBelow(r.vsO0));
  const table = renderSpeedupsMarkdown(rows, 'JS').trimEnd();
  const o0 =
    vsO0Below.length === 0
      ? ' No variant is slower than its `O0` build (no interval against O0 wholly below 1).'
      : ` Slower than their own \`O0\` build (interval wholly below 1): ` +
        vsO0Below.map((r) => `${short(r.workload)} ${r.variant} ${formatSpeedup(r.vsO0).split(' ')[0]}`).join(', ') +
        '.';
  const source = `${RUNS_DIR}/${file.name}.json`;
  const figures: Figure[] = [
    {
      name: 'wasm',
      source,
      body:
        `${provenance(file, run, '`jepsh-bench run wasm`, table by `jepsh-bench speedups --markdown`')}\n\n` +
        `${table}\n\n${speedupSummary(rows, 'WASM variants', 'JS')}${o0}`,
    },
  ];
  const bytes = (metric: string) =>
    results.find((r) => isRuntimeBundle(r.benchmarkId) && r.metric === metric)?.samples[0];
  const raw = bytes('totalWasmBytes');
  const gzip = bytes('totalWasmGzipBytes');
  if (raw !== undefined && gzip !== undefined) {
    figures.push({
      name: 'wasm-runtime-size',
      source,
      body: `${raw.toLocaleString('en-US')} bytes raw, ${gzip.toLocaleString('en-US')} bytes gzipped`,
    });
  }
  return figures;
}

/**
 * Every library against Preact (the issue's first goal), then the reference runtime alone against
 * alien-signals (the fastest peer: its second goal); the sentences count the reference runtime's rows.
 */
function peersFigures(file: RunsFile): Figure[] {
  const run = file.runs[0]!;
  const results = toMetricResults(run);
  const rows = variantSpeedups(results, { param: 'framework', reference: 'preact' });
  const vsAlien = variantSpeedups(results, { param: 'framework', reference: 'alien' }).filter(
    (r) => r.variant === 'jepsh',
  );
  // The differs have no Preact: the reference runtime is their reference. (The frame-budget peers
  // report frame gauges, not time, so no speedup table fits them.)
  const vsDiffer = variantSpeedups(results, { param: 'framework', reference: 'jepsh' }).filter((r) =>
    r.workload.startsWith('peers/diff-'),
  );
  const what =
    '`jepsh-bench run peers`, tables by `jepsh-bench speedups --param framework --reference preact --markdown`, ' +
    'the same with `--reference alien` and `--reference jepsh` (differs)';
  const jepsh = rows.filter((r) => r.variant === 'jepsh');
  const againstJepsh = (list: SpeedupRow[], title: string, word: string) =>
    list.length === 0
      ? ''
      : `\n\n${title}\n\n${renderSpeedupsMarkdown(list, 'jepsh').trimEnd()}\n\n` +
        `${speedupSummary(list, word, 'the reference runtime (above 1: the peer is faster)')}`;
  return [
    {
      name: 'peers',
      source: `${RUNS_DIR}/${file.name}.json`,
      body:
        `${provenance(file, run, what)}\n\n${renderSpeedupsMarkdown(rows, 'preact').trimEnd()}\n\n` +
        `${speedupSummary(jepsh, 'workloads', 'Preact signals, the reference runtime (above 1: it is faster)')}` +
        (vsAlien.length === 0
          ? ''
          : `\n\n${renderSpeedupsMarkdown(vsAlien, 'alien').trimEnd()}\n\n` +
            `${speedupSummary(vsAlien, 'workloads', 'alien-signals, the reference runtime (above 1: it is faster)')}`) +
        againstJepsh(
          vsDiffer,
          'Keyed list diffing (the js-framework-benchmark operations on a real DOM):',
          'peer rows',
        ),
    },
  ];
}

/**
 * Change points of every time series over the runs, computed as the report computes them
 * (core/report-data.ts buildSeries: the stored summary's median per run, E-divisive with its
 * default seed), so the figure's sentence and the screenshot agree.
 */
export function trendChangePoints(runs: readonly ExportedRun[]): ChangePoint[] {
  const out: ChangePoint[] = [];
  const keys = new Map<string, { benchmarkId: string; metric: string; direction: 'lower' | 'higher' }>();
  for (const r of runs[0]!.results)
    if (r.kind !== 'counter' && !r.benchmarkId.startsWith('controls/')) keys.set(resultKey(r), r);
  for (const key of keys.values()) {
    const points: SeriesPoint[] = [];
    runs.forEach((run, i) => {
      const r = run.results.find((x) => x.benchmarkId === key.benchmarkId && x.metric === key.metric);
      if (!r) return;
      const s = summarize(r.samples);
      points.push({
        runId: i + 1,
        runUuid: run.uuid,
        startedAt: run.startedAt,
        commit: run.git.commit,
        branch: run.git.branch,
        label: run.label,
        browserVersion: run.environment.browserVersion,
        cpuModel: run.environment.cpuModel,
        median: s.median,
        ci: s.medianCI,
        n: s.n,
      });
    });
    out.push(...changePointsForSeries(points, key));
  }
  return out;
}

function trendsFigures(file: RunsFile): Figure[] {
  const base = file.baselineIndex ?? 0;
  const normal = file.runs.slice(0, base + 1);
  const slow = file.runs.slice(base + 1);
  const delay = slow[0]?.options.injectDelay ?? 0;
  const last = file.runs[file.runs.length - 1]!;
  const ids = [
    ...new Set(
      file.runs[0]!.results.filter((r) => r.kind === 'time' && !r.benchmarkId.startsWith('controls/')).map(
        (r) => r.benchmarkId,
      ),
    ),
  ];
  const cps = trendChangePoints(file.runs);
  const step = base + 1; // index of the first slowed run
  const atStep = cps.filter((c) => c.metric === 'time' && c.index === step && c.regression);
  const elsewhere = cps.filter((c) => !atStep.includes(c));
  const counters = file.runs[0]!.results.filter((r) => r.kind === 'counter');
  const flat = counters.every((c) =>
    file.runs.every((run) =>
      run.results.some(
        (r) => r.benchmarkId === c.benchmarkId && r.metric === c.metric && r.samples.every((x) => x === c.samples[0]),
      ),
    ),
  );
  const where =
    elsewhere.length === 0
      ? 'and none elsewhere'
      : `and also: ${elsewhere.map((c) => `${short(c.benchmarkId)} ${c.metric} at run ${c.index + 1}`).join(', ')}`;
  const pct = Math.round(delay * 100);
  const body =
    (file.runs.some(isShortened) ? DRY_RUN : '') +
    `${file.runs.length} runs of ${ids.map((id) => `\`${short(id)}\``).join(', ')}: ` +
    `${normal.length} unchanged (the last named baseline \`main\`), then ${slow.length} ` +
    `with \`--inject-delay ${pct}\` (every timed sample ${pct}% slower), ` +
    `measured ${date(file.runs[0]!.startedAt)} with ${chromiumVersion(last.environment)}, ` +
    `${last.options.sessions} sessions per run, by \`${file.command}\` ` +
    `(raw samples: \`${RUNS_DIR}/${file.name}.json\`). ` +
    `${flat ? 'Counters stay flat' : 'Counters change between runs'}; ` +
    `E-divisive marks a change point at run ${step + 1}, the first slowed run, ` +
    `in ${atStep.length} of the ${ids.length} time series, ${where}.`;
  return [{ name: 'trends', source: `${RUNS_DIR}/${file.name}.json`, body }];
}

function isRuntimeBundle(id: string): boolean {
  return parseBenchmarkId(id).name === 'runtime-bundle' && id.startsWith('wasm/');
}

/**
 * The results of a run that its figures read (the export keeps only these, to stay small):
 * wasm and peers, the time of every variant of a workload that has the reference variant, and
 * the runtime module's sizes; trends, everything but the controls.
 */
export function usedResults<T extends Pick<MetricResult, 'benchmarkId' | 'metric' | 'kind' | 'samples'>>(
  name: string,
  results: readonly T[],
): T[] {
  if (name === 'trends' || name === 'targets') return results.filter((r) => !r.benchmarkId.startsWith('controls/'));
  // peers: the reactive libraries against Preact, the differs against the reference runtime.
  const specs: SpeedupOptions[] =
    name === 'peers'
      ? [
          { param: 'framework', reference: 'preact' },
          { param: 'framework', reference: 'jepsh' },
        ]
      : [{}];
  const keeps = specs.map((opts) => {
    const param = opts.param ?? 'variant';
    const reference = opts.reference ?? 'js';
    const rows = variantSpeedups(results as unknown as MetricResult[], opts);
    const workloads = new Set(rows.map((r) => r.workload));
    return (r: T): boolean => {
      const { suite, name: bench, params } = parseBenchmarkId(r.benchmarkId);
      const variant = params[param];
      if (variant === undefined) return false;
      const { [param]: _v, ...rest } = params;
      const workload = benchmarkId(suite, bench, rest);
      return (
        workloads.has(workload) &&
        (variant === reference || rows.some((x) => x.workload === workload && x.variant === variant))
      );
    };
  });
  return results.filter((r) => {
    if (name === 'wasm' && isRuntimeBundle(r.benchmarkId) && r.metric.startsWith('totalWasm')) return true;
    if (r.metric !== 'time' || r.kind !== 'time') return false;
    return keeps.some((keep) => keep(r));
  });
}

/** Every figure computed from one runs file. */
export function figuresOf(file: RunsFile): Figure[] {
  if (file.format !== RUN_FORMAT) throw new Error(`${file.name}: unknown format ${String(file.format)}`);
  if (file.runs.length === 0) throw new Error(`${file.name}: no runs`);
  switch (file.name) {
    case 'wasm':
      return wasmFigures(file);
    case 'peers':
      return peersFigures(file);
    case 'trends':
      return trendsFigures(file);
    case 'targets':
      return targetsFigures(file);
    default:
      throw new Error(`unknown figure set ${file.name}`);
  }
}

/** The text of docs/figures/<name>.md: one comment line naming its source, then the body. */
export function figureFile(f: Figure): string {
  return (
    `<!-- generated by npm run docs:figures (scripts/figures/main.ts) from ${f.source}; ` +
    `edit nothing here: README.md copies the body below -->\n${f.body}\n`
  );
}

/** The body of a docs/figures/<name>.md file (what the documents quote). */
export function bodyOfFile(text: string): string {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  return (first.startsWith('<!--') ? text.slice(nl + 1) : text).trim();
}

export function readRunsFiles(root: string): RunsFile[] {
  const dir = join(root, RUNS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunsFile);
}

/** Small, diff-friendly JSON: one result per line. */
export function serializeRunsFile(file: RunsFile): string {
  const runs = file.runs.map((r) => {
    const { results, ...rest } = r;
    const head = JSON.stringify(rest, null, 1).replace(/\n\s*/g, ' ');
    return `${head.slice(0, -1)}, "results": [\n${results.map((x) => `  ${JSON.stringify(x)}`).join(',\n')}\n]}`;
  });
  const { runs: _r, ...meta } = file;
  const text = `${JSON.stringify(meta).slice(0, -1)}, "runs": [\n${runs.join(',\n')}\n]}\n`;
  JSON.parse(text); // written as JSON, read back as JSON
  return text;
}

// --- marker blocks ------------------------------------------------------------------------------

export interface MarkerBlock {
  name: string;
  /** The text between the markers, trimmed. */
  content: string;
  /** Block (own lines, e.g. a table) or inline (inside a sentence). */
  block: boolean;
}

const MARKER = /<!-- figures:([a-z0-9-]+) -->([\s\S]*?)<!-- \/figures:\1 -->/g;

export function markerBlocks(markdown: string): MarkerBlock[] {
  return [...markdown.matchAll(MARKER)].map((m) => ({
    name: m[1]!,
    content: m[2]!.trim(),
    block: m[2]!.includes('\n'),
  }));
}

/** Replaces the content of every marker block named in `bodies`; throws on a figure with no block. */
export function replaceMarkerBlocks(markdown: string, bodies: ReadonlyMap<string, string>): string {
  return markdown.replace(MARKER, (whole, name: string, inner: string) => {
    const body = bodies.get(name);
    if (body === undefined) return whole;
    return inner.includes('\n')
      ? `<!-- figures:${name} -->\n\n${body}\n\n<!-- /figures:${name} -->`
      : `<!-- figures:${name} -->${body}<!-- /figures:${name} -->`;
  });
}

// --- targets ------------------------------------------------------------------------------------

/**
 * The runtime guide's five targets (seed 002 §1.1), each with the budgets of the config that check
 * it: a budget belongs to a target by its metric (and suite).
 */
export const TARGETS: ReadonlyArray<{ target: string; checks: (b: Budget) => boolean }> = [
  { target: 'Initial load: < 200 ms time to interactive', checks: (b) => b.metric === 'tti' },
  {
    target: 'Frame rate: consistent 60 FPS (16.67 ms frame budget)',
    checks: (b) => b.benchmark.startsWith('scheduler/') && b.metric === 'frameWork',
  },
  {
    target: 'Memory: < 50 MB baseline',
    checks: (b) => b.benchmark.startsWith('memory/') && b.metric === 'heapUsed',
  },
  { target: 'Bundle size: < 50 KB initial WASM bundle', checks: (b) => b.metric === 'totalWasmBytes' },
  {
    target: 'Reactivity overhead: < 1 ms for typical state updates',
    checks: (b) => b.benchmark.startsWith('reactivity/') && b.metric === 'time',
  },
];

function targetsFigures(file: RunsFile): Figure[] {
  const run = file.runs[0]!;
  const budgets = file.budgets ?? [];
  const results = toMetricResults(run);
  const unitOf = (id: string, metric: string) =>
    results.find((r) => r.benchmarkId === id && r.metric === metric)?.unit ?? '';
  const rows = TARGETS.map(({ target, checks }) => {
    const mine = budgets.filter(checks);
    const evaluated = evaluateBudgets(mine, results);
    const where = [...new Set(mine.map((b) => `\`${b.benchmark}\` ${b.metric}`))].join(', ') || 'none';
    const rule = [...new Set(mine.map((b) => budgetRule(b)))].join(', ') || 'none';
    if (evaluated.length === 0) return `| ${target} | ${where} | ${rule} | not measured in this run | n/a |`;
    const worst = evaluated.reduce((a, b) => (b.value > a.value ? b : a));
    const shown = (e: (typeof evaluated)[number]) =>
      `${formatValue(e.value, unitOf(e.benchmarkId, e.budget.metric))} (\`${e.benchmarkId}\`)`;
    const measured =
      evaluated.length === 1
        ? shown(worst)
        : `highest ${shown(worst)}; ${evaluated.filter((e) => e.passed).length} of ${evaluated.length} within`;
    return `| ${target} | ${where} | ${rule} | ${measured} | ${evaluated.every((e) => e.passed) ? 'yes' : '**no**'} |`;
  });
  const what = '`jepsh-bench run` of the benchmarks the §1.1 budgets of `jepsh-bench.config.json` check';
  const table = [
    '| target (guide §1.1) | suite and metric | budget | measured | met |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  return [
    { name: 'targets', source: `${RUNS_DIR}/${file.name}.json`, body: `${provenance(file, run, what)}\n\n${table}` },
  ];
}
