import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { variantSpeedups } from '../../core/speedups.js';
import { renderSpeedupsMarkdown, speedupRows } from '../../report/index.js';
import { printJson, table } from '../output.js';
import { runHeadline } from '../render.js';

interface SpeedupsArgs extends GlobalArgs {
  run?: string;
  markdown: boolean;
}

export const speedupsCommand: CommandModule<GlobalArgs, SpeedupsArgs> = {
  command: 'speedups [run]',
  describe: 'variant speedups inside one run (WASM kernels vs JS and vs O0) with 95% intervals',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('run', { type: 'string', describe: 'run id, uuid prefix or baseline (default: latest complete)' })
      .option('markdown', { type: 'boolean', default: false, describe: 'a markdown table (for the README or a PR)' })
      .example('$0 run wasm && $0 speedups', 'measured JS/WASM ratios of the latest run') as unknown as Argv<SpeedupsArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const run = store.resolveRun(args.run);
      const rows = variantSpeedups(store.getResults(run.id));
      if (output(args).json) return printJson({ run, speedups: rows });
      if (rows.length === 0) return void process.stdout.write(`${runHeadline(run)}\nno benchmarks with a js variant in this run (try "jepsh-bench run wasm")\n`);
      process.stdout.write(`${runHeadline(run)}\n`);
      process.stdout.write(args.markdown ? renderSpeedupsMarkdown(rows) : table(speedupRows(rows), ['l', 'l', 'r', 'r', 'r', 'r']) + '\n');
    }),
};
