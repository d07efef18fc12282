import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';
import { resultsTable, runHeadline } from '../render.js';

interface ShowArgs extends GlobalArgs {
  run?: string;
  samples: boolean;
}

export const showCommand: CommandModule<GlobalArgs, ShowArgs> = {
  command: 'show [run]',
  describe: 'one run: n, median, p95 and CV per benchmark and metric (default: the latest complete run)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('run', { type: 'string', describe: 'run id, uuid prefix, baseline name or "latest"' })
      .option('samples', {
        type: 'boolean',
        default: false,
        describe: 'include raw samples in --json output',
      }) as unknown as Argv<ShowArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const out = output(args);
      const run = store.resolveRun(args.run);
      const benchmarks = store.getBenchmarks(run.id);
      const results = store.getResults(run.id);
      if (out.json) {
        printJson({
          run,
          benchmarks,
          results: results.map(({ samples, ...r }) => (args.samples ? { ...r, samples } : r)),
        });
        return;
      }
      const errors = benchmarks.filter((b) => !b.ok).map((b) => ({ id: b.id, error: b.error }));
      process.stdout.write(`${runHeadline(run)}\n`);
      if (run.error) process.stdout.write(`error: ${run.error}\n`);
      for (const w of run.warnings) process.stdout.write(`warning: ${w}\n`);
      if (results.length || errors.length) process.stdout.write(resultsTable(results, errors, out.color) + '\n');
    }),
};
