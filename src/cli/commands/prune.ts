import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';
import { loadConfig } from '../../config/config.js';
import { pruneSamples } from '../../store/prune.js';
import { minimumKeep } from '../../store/retention.js';
import { UsageError } from '../../model/errors.js';

interface PruneArgs extends GlobalArgs {
  'keep-samples': number;
  'dry-run': boolean;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

export const pruneCommand: CommandModule<GlobalArgs, PruneArgs> = {
  command: 'prune',
  describe:
    'keep raw samples of the newest N complete runs per branch and of baselines; ' +
    'older runs keep one value per session, then VACUUM',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('keep-samples', {
        type: 'number',
        demandOption: true,
        describe: 'complete runs per branch that keep every sample',
      })
      .option('dry-run', { type: 'boolean', default: false, describe: 'say what would be pruned, change nothing' })
      .example(
        '$0 prune --keep-samples 20 --dry-run',
        'what keeping the samples of the last 20 runs per branch would save',
      ) as unknown as Argv<PruneArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const { config } = loadConfig(args.config);
      const keep = args['keep-samples'];
      const least = minimumKeep(config.branchRuns);
      if (!Number.isInteger(keep) || keep < least) {
        throw new UsageError(
          `--keep-samples must be at least ${least}: compare --against branch:NAME pools ${config.branchRuns} ` +
            'runs (branchRuns in the config), and their samples must stay',
        );
      }
      const o = pruneSamples(store, keep, { dryRun: args['dry-run'] });
      if (output(args).json) return printJson(o);
      const what =
        `${o.results} result(s) of ${o.runs} run(s): ` +
        `samples ${kb(o.sampleBytesBefore)} -> ${kb(o.sampleBytesAfter)}`;
      if (args['dry-run']) process.stdout.write(`would prune ${what}; ${store.path} is ${o.fileBytesBefore} bytes\n`);
      else
        process.stdout.write(
          `pruned ${what}; ${store.path}: ${o.fileBytesBefore} -> ${o.fileBytesAfter} bytes after VACUUM\n`,
        );
    }),
};
