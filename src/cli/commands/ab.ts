import type { Argv, CommandModule } from 'yargs';
import { withStore, output, suitesDir, type GlobalArgs } from '../context.js';
import { runOptions, samplingOptions, type SamplingArgs } from '../sampling.js';
import { interruptSignal } from '../signals.js';
import { formatOptions, writeOutcome, type FormatArgs } from '../verdict-output.js';
import { abOptions, measureAb, type AbArgs } from '../ab-args.js';
import { loadConfig } from '../../config/config.js';
import { exitGate, gateOutcome } from '../gate.js';
import { UsageError } from '../../model/errors.js';

interface AbCommandArgs extends GlobalArgs, SamplingArgs, FormatArgs, AbArgs {
  suites: string[];
}

export const abCommand: CommandModule<GlobalArgs, AbCommandArgs> = {
  command: 'ab [suites..]',
  describe: 'paired A/B: measure two revisions side by side in the same browser sessions and compare them',
  builder: (y: Argv<GlobalArgs>) =>
    formatOptions(
      abOptions(samplingOptions(y.positional('suites', { type: 'string', array: true, default: [] })))
        .example('$0 ab --base main', 'the working tree against main')
        .example('$0 ab --base v1.2.0 --head HEAD reactivity', 'two commits, one suite'),
    ) as unknown as Argv<AbCommandArgs>,
  handler: async (args) => {
    if (args.base === undefined && args['base-dir'] === undefined)
      throw new UsageError('ab needs --base REV or --base-dir DIR');
    const out = output(args);
    const { config } = loadConfig(args.config);
    const interrupt = interruptSignal();
    try {
      await withStore(args, async (store) => {
        const outcome = await measureAb(
          store,
          args,
          runOptions(args, config, out, interrupt.signal),
          { config },
          (line) => process.stderr.write(`${line}\n`),
        );
        writeOutcome(outcome.comparison, args, out);
        exitGate(
          gateOutcome(outcome.comparison, {
            budgets: config.budgets,
            suitesDir: suitesDir(args),
            filtered: args.filter !== undefined,
          }),
        );
      });
    } finally {
      interrupt.dispose();
    }
  },
};
