import type { Argv, CommandModule } from 'yargs';
import { listSuites } from '../../core/list.js';
import { suitesDir, output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';

interface ListArgs extends GlobalArgs {
  suites: string[];
}

export const listCommand: CommandModule<GlobalArgs, ListArgs> = {
  command: 'list [suites..]',
  describe: 'suites, their benchmarks (one per parameter combination) and metrics',
  builder: (y: Argv<GlobalArgs>) =>
    y.positional('suites', { type: 'string', array: true, default: [] }) as unknown as Argv<ListArgs>,
  handler: async (args) => {
    const suites = await listSuites(suitesDir(args), args.suites);
    if (output(args).json) return printJson(suites);
    for (const s of suites) {
      process.stdout.write(
        `${s.name}${s.description ? ` — ${s.description}` : ''} (${s.benchmarks.length} benchmarks)\n`,
      );
      for (const b of s.benchmarks) process.stdout.write(`  ${b.id}  [${b.metrics.join(', ')}]\n`);
    }
  },
};
