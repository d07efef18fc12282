import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { loadConfig } from '../../config/config.js';
import { compareStored } from '../../core/compare.js';
import { buildSeries, reportData } from '../../core/report-data.js';
import { renderHtml } from '../../report/index.js';
import { variantSpeedups } from '../../core/speedups.js';
import { defaultReportsDir, harnessVersion } from '../../core/paths.js';
import { printJson } from '../output.js';
import type { ReportData } from '../../report/model.js';
import type { Store } from '../../store/store.js';
import type { Config } from '../../config/config.js';

interface ReportArgs extends GlobalArgs {
  runs: number;
  out?: string;
  against?: string;
  run?: string;
}

/** The baseline a report compares against: --against, else baseline "main", else the previous complete run. */
function defaultAgainst(store: Store, candidateId: number): string | null {
  if (store.getBaseline('main')) return 'main';
  const prev = store.listRuns({ status: 'complete', limit: 50 }).find((r) => r.id < candidateId);
  return prev ? String(prev.id) : null;
}

export function buildReport(store: Store, config: Config, opts: { run?: string; against?: string; runs: number }): ReportData {
  const candidate = store.resolveRun(opts.run);
  const against = opts.against ?? defaultAgainst(store, candidate.id);
  const series = buildSeries(store, opts.runs, config);
  const runs = store.listRuns({ status: 'complete', limit: opts.runs });
  if (against === null) {
    // A single run: nothing to compare yet, but its history and environment still render.
    return { generatedAt: new Date().toISOString(), harnessVersion: harnessVersion(), run: candidate, baselineName: null, baselineRun: null, verdicts: [], budgets: [], envWarnings: [], series, runs, distributions: [], speedups: variantSpeedups(store.getResults(candidate.id)) };
  }
  return { ...reportData(compareStored(store, opts.run, against, config), series, runs), speedups: variantSpeedups(store.getResults(candidate.id)) };
}

export const reportCommand: CommandModule<GlobalArgs, ReportArgs> = {
  command: 'report',
  describe: 'self-contained HTML report: latest run vs baseline, trends with change points, environments',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('runs', { type: 'number', default: 30, describe: 'history length (newest N complete runs)' })
      .option('out', { type: 'string', describe: 'output file (default reports/jepsh-bench-report.html)' })
      .option('against', { type: 'string', describe: 'baseline (default: baseline "main", else the previous run)' })
      .option('run', { type: 'string', describe: 'candidate run (default: latest complete)' })
      .example('$0 report --runs 50', 'reports/jepsh-bench-report.html over the last 50 runs') as unknown as Argv<ReportArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const { config } = loadConfig(args.config);
      const data = buildReport(store, config, { runs: Math.max(1, Math.round(args.runs)), ...(args.run && { run: args.run }), ...(args.against && { against: args.against }) });
      const file = resolve(args.out ?? join(defaultReportsDir(), 'jepsh-bench-report.html'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, renderHtml(data));
      const changes = data.series.reduce((a, s) => a + s.changePoints.length, 0);
      if (output(args).json) printJson({ file, series: data.series.length, changePoints: changes, verdicts: data.verdicts.length });
      else process.stdout.write(`wrote ${file}: run ${data.run.id} vs ${data.baselineName ?? 'nothing'}, ${data.series.length} series, ${changes} change point(s)\n`);
    }),
};
