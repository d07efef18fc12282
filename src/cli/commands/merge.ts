import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';
import { Store } from '../../store/store.js';
import { summarize } from '../../core/summarize.js';
import { mergeStores } from '../../core/merge.js';

interface MergeArgs extends GlobalArgs {
  out: string;
  inputs: string[];
}

export const mergeCommand: CommandModule<GlobalArgs, MergeArgs> = {
  command: 'merge <out> [inputs..]',
  describe:
    'copy the runs of other stores into OUT (created if missing) ' +
    'and combine the shards of each --shard run into one run',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('out', { type: 'string', demandOption: true, describe: 'the store to write (--db is not used)' })
      .positional('inputs', {
        type: 'string',
        array: true,
        default: [],
        describe: 'stores to read (never changed); none: combine the shards already in OUT',
      })
      .example(
        '$0 merge all.sqlite shard-1.sqlite shard-2.sqlite',
        'one run from the two shards of run --shard 1/2 and 2/2',
      ) as unknown as Argv<MergeArgs>,
  handler: (args) => {
    const store = Store.open(resolve(args.out), summarize);
    try {
      const outcome = mergeStores(store, args.inputs);
      for (const w of outcome.warnings) process.stderr.write(`warning: ${w}\n`);
      if (output(args).json) return printJson(outcome);
      const lines = [`imported ${outcome.imported} run(s), skipped ${outcome.skipped} already in ${store.path}`];
      for (const m of outcome.merged) {
        lines.push(
          `merged ${m.shards} shard(s) of group ${m.group} into run ${m.runId} (${m.uuid.slice(0, 8)})` +
            `${m.missing.length ? `, incomplete: shard ${m.missing.join(', ')} missing` : ''}`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      store.close();
    }
  },
};
