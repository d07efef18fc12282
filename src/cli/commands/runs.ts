import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';
import { runsTable } from '../render.js';
import type { RunStatus } from '../../model/types.js';

interface RunsArgs extends GlobalArgs {
  limit: number;
  status?: RunStatus;
  branch?: string;
}

export const runsCommand: CommandModule<GlobalArgs, RunsArgs> = {
  command: 'runs',
  describe: 'stored runs, newest first',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('limit', { type: 'number', default: 20, describe: 'how many runs' })
      .option('status', {
        choices: ['running', 'complete', 'failed', 'aborted'] as const,
        describe: 'only runs with this status',
      })
      .option('branch', { type: 'string', describe: 'only runs of this git branch' }) as unknown as Argv<RunsArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const runs = store.listRuns({
        limit: args.limit,
        ...(args.status && { status: args.status }),
        ...(args.branch && { branch: args.branch }),
      });
      if (output(args).json) printJson(runs);
      else
        process.stdout.write(runs.length ? runsTable(runs, output(args).color) + '\n' : `no runs in ${store.path}\n`);
    }),
};
