import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';
import { textTable } from '../../report/text-table.js';
import { UsageError } from '../../model/errors.js';

interface BaselineArgs extends GlobalArgs {
  action: 'set' | 'list' | 'rm';
  name?: string;
  run?: string;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

export const baselineCommand: CommandModule<GlobalArgs, BaselineArgs> = {
  command: 'baseline <action> [name] [run]',
  describe: 'name a stored run as a baseline: set NAME [RUN] | list | rm NAME',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('action', { choices: ['set', 'list', 'rm'] as const })
      .positional('name', { type: 'string', describe: 'baseline name, e.g. main' })
      .positional('run', {
        type: 'string',
        describe: 'run id, uuid prefix or another baseline (default: the latest complete run)',
      })
      .example('$0 baseline set main', 'the latest complete run becomes baseline "main"')
      .example(
        '$0 baseline set release-1.2 42',
        'run 42 becomes baseline "release-1.2"',
      ) as unknown as Argv<BaselineArgs>,
  handler: (args) =>
    withStore(args, (store) => {
      const out = output(args);
      if (args.action === 'list') {
        const rows = store.listBaselines();
        if (out.json) return printJson(rows);
        if (rows.length === 0) return void process.stdout.write('no baselines\n');
        process.stdout.write(
          textTable([['name', 'run', 'set at'], ...rows.map((b) => [b.name, String(b.runId), b.createdAt])], {
            align: ['l', 'r', 'l'],
            color: false,
          }).join('\n') + '\n',
        );
        return;
      }
      if (!args.name) throw new UsageError(`baseline ${args.action} needs a NAME`);
      if (args.action === 'rm') {
        if (!store.removeBaseline(args.name)) throw new UsageError(`no baseline "${args.name}"`);
        if (!out.json) process.stdout.write(`removed baseline ${args.name}\n`);
        else printJson({ removed: args.name });
        return;
      }
      if (
        !NAME_RE.test(args.name) ||
        /^\d+$/.test(args.name) ||
        args.name === 'latest' ||
        args.name.startsWith('branch:')
      ) {
        throw new UsageError(
          `baseline name "${args.name}" must be letters, digits, . _ / - and not a number, "latest" or "branch:..."`,
        );
      }
      const run = store.resolveRun(args.run);
      store.setBaseline(args.name, run.id);
      if (out.json) printJson({ name: args.name, runId: run.id });
      else process.stdout.write(`baseline ${args.name} -> run ${run.id} (${run.uuid.slice(0, 8)}, ${run.startedAt})\n`);
    }),
};
