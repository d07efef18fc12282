import type { Argv, CommandModule } from 'yargs';
import { withStore, output, suitesDir, type GlobalArgs } from '../context.js';
import { compareStored } from '../../core/compare.js';
import { loadConfig } from '../../config/config.js';
import { exitGate, gateOutcome } from '../gate.js';
import { formatOptions, writeOutcome, type FormatArgs } from '../verdict-output.js';

interface CompareArgs extends GlobalArgs, FormatArgs {
  run?: string;
  against?: string;
  'strict-env': boolean;
  strict: boolean;
}

export const compareCommand: CommandModule<GlobalArgs, CompareArgs> = {
  command: 'compare [run]',
  describe:
    'compare a stored run (default: latest) against a baseline, run or branch; a stored A/B against its other side',
  builder: (y: Argv<GlobalArgs>) =>
    formatOptions(
      y
        .positional('run', {
          type: 'string',
          describe: 'candidate run id, uuid prefix or baseline name (default: latest)',
        })
        .option('against', {
          type: 'string',
          describe:
            'baseline name, run id, or branch:NAME (pools its last runs); default for a run of an A/B: ' +
            'its base side, paired',
        })
        .option('strict-env', {
          type: 'boolean',
          default: false,
          describe: 'exit 3 when browser, CPU, cores or harness version differ',
        })
        .option('strict', {
          type: 'boolean',
          default: false,
          describe:
            'exit 2 when a budget matches no result of the run (a typo in its pattern or metric); ' +
            'without it, a warning',
        })
        .example('$0 compare --against main', 'latest run against baseline "main"')
        .example(
          '$0 compare 12 --against branch:main --format markdown',
          'run 12 against the pooled last runs of branch main',
        )
        .example('$0 compare 8', 'show a stored A/B again (run 8 is one of its sides)'),
    ) as unknown as Argv<CompareArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const { config } = loadConfig(args.config);
      const outcome = compareStored(store, args.run, args.against, config);
      writeOutcome(outcome, args, output(args));
      exitGate(
        gateOutcome(outcome, {
          budgets: config.budgets,
          suitesDir: suitesDir(args),
          strict: args.strict,
          strictEnv: args['strict-env'],
        }),
      );
    }),
};
