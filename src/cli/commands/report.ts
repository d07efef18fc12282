import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { loadConfig } from '../../config/config.js';
import { buildReportData } from '../../core/report-data.js';
import { renderHtml } from '../../report/index.js';
import { defaultReportsDir } from '../../model/paths.js';
import { printJson } from '../output.js';

interface ReportArgs extends GlobalArgs {
  runs: number;
  out?: string;
  against?: string;
  run?: string;
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
      .example(
        '$0 report --runs 50',
        'reports/jepsh-bench-report.html over the last 50 runs',
      ) as unknown as Argv<ReportArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const { config } = loadConfig(args.config);
      const data = buildReportData(store, config, {
        runs: Math.max(1, Math.round(args.runs)),
        ...(args.run && { run: args.run }),
        ...(args.against && { against: args.against }),
      });
      const file = resolve(args.out ?? join(defaultReportsDir(), 'jepsh-bench-report.html'));
      mkdirSync(dirname(file), { recursive: true });
      // Profiles are linked from where the report is opened.
      for (const p of data.profiles ?? [])
        p.files = p.files.map((f) => ({ ...f, path: relative(dirname(file), f.path).split(sep).join('/') }));
      writeFileSync(file, renderHtml(data));
      const changes = data.series.reduce((a, s) => a + s.changePoints.length, 0);
      if (output(args).json)
        printJson({ file, series: data.series.length, changePoints: changes, verdicts: data.verdicts.length });
      else
        process.stdout.write(
          `wrote ${file}: run ${data.run.id} vs ${data.baselineName ?? 'nothing'}, ${data.series.length} series, ` +
            `${changes} change point(s)\n`,
        );
    }),
};
