import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { loadConfig } from '../../config/config.js';
import { buildSeries } from '../../core/report-data.js';
import { renderTrend } from '../../report/index.js';
import { globMatch } from '../../verdict/glob.js';
import { UsageError } from '../../model/errors.js';
import { printJson } from '../output.js';

interface TrendArgs extends GlobalArgs {
  bench: string;
  metric: string;
  runs: number;
  branch?: string;
}

export const trendCommand: CommandModule<GlobalArgs, TrendArgs> = {
  command: 'trend <bench>',
  describe: "a benchmark's history in the terminal, with change points (E-divisive means)",
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('bench', {
        type: 'string',
        demandOption: true,
        describe: 'benchmark id or glob with *, e.g. "reactivity/cellx*"',
      })
      .option('metric', { type: 'string', default: 'time', describe: 'metric name or glob' })
      .option('runs', { type: 'number', default: 50, describe: 'history length' })
      .option('branch', { type: 'string', describe: 'only runs of this branch' })
      .example(
        '$0 trend "reactivity/cellx?layers=1000"',
        'median per run (or ratio to the reference of run --reference) and change points',
      ) as unknown as Argv<TrendArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const { config } = loadConfig(args.config);
      const pattern = args.bench.includes('*') ? args.bench : `${args.bench}`;
      // Filtered before building: the other histories' change points are not worth computing.
      const series = buildSeries(
        store,
        Math.max(1, Math.round(args.runs)),
        config,
        {},
        args.branch,
        (s) => globMatch(pattern, s.benchmarkId) && globMatch(args.metric, s.metric),
      );
      if (series.length === 0)
        throw new UsageError(
          `no stored series matches "${args.bench}" metric "${args.metric}" (see "jepsh-bench show")`,
        );
      const out = output(args);
      if (out.json) return printJson(series);
      for (const s of series) if (s.note) process.stderr.write(`note: ${s.benchmarkId} ${s.metric}: ${s.note}\n`);
      const width = Math.min(120, process.stdout.columns ?? 80);
      process.stdout.write(series.map((s) => renderTrend(s, s.changePoints, { color: out.color, width })).join('\n'));
    }),
};
