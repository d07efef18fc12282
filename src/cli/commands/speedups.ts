import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { variantSpeedups } from '../../analysis/speedups.js';
import { renderSpeedupsMarkdown, speedupRows } from '../../report/index.js';
import { printJson } from '../output.js';
import { textTable } from '../../report/text-table.js';
import { runHeadline } from '../render.js';

interface SpeedupsArgs extends GlobalArgs {
  run?: string;
  markdown: boolean;
  param: string;
  reference: string;
}

export const speedupsCommand: CommandModule<GlobalArgs, SpeedupsArgs> = {
  command: 'speedups [run]',
  describe: 'variant speedups inside one run (WASM kernels vs JS and vs O0) with 95% intervals',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('run', { type: 'string', describe: 'run id, uuid prefix or baseline (default: latest complete)' })
      .option('markdown', { type: 'boolean', default: false, describe: 'a markdown table (for the README or a PR)' })
      .option('param', { type: 'string', default: 'variant', describe: 'the parameter that names variants' })
      .option('reference', { type: 'string', default: 'js', describe: 'the variant the others are compared with' })
      .example(
        '$0 run peers && $0 speedups --param framework --reference preact',
        'the reference runtime against @preact/signals-core',
      )
      .example(
        '$0 run wasm && $0 speedups',
        'measured JS/WASM ratios of the latest run',
      ) as unknown as Argv<SpeedupsArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const run = store.resolveRun(args.run);
      const rows = variantSpeedups(store.getResults(run.id), { param: args.param, reference: args.reference });
      if (output(args).json) return printJson({ run, speedups: rows });
      if (rows.length === 0)
        return void process.stdout.write(
          `${runHeadline(run)}\nno benchmarks with a js variant in this run (try "jepsh-bench run wasm")\n`,
        );
      process.stdout.write(`${runHeadline(run)}\n`);
      const ref = args.reference === 'js' ? 'JS' : args.reference;
      process.stdout.write(
        args.markdown
          ? renderSpeedupsMarkdown(rows, ref)
          : textTable(speedupRows(rows, ref), { align: ['l', 'l', 'r', 'r', 'r', 'r'], color: false }).join('\n') +
              '\n',
      );
    }),
};
