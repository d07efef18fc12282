import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';
import { exportRuns } from '../../core/transfer.js';
import { STDIO } from '../../store/export-file.js';
import { UsageError } from '../../model/errors.js';
import type { RecordFilter } from '../../store/portable.js';

interface ExportArgs extends GlobalArgs {
  out: string;
  since?: string;
  branch?: string;
  runs?: number;
}

function filterOf(args: ExportArgs): RecordFilter {
  const filter: RecordFilter = {};
  if (args.since !== undefined) {
    const t = new Date(args.since);
    if (Number.isNaN(t.getTime()))
      throw new UsageError(`--since "${args.since}" is not a date; give e.g. 2026-11-01 or 2026-11-01T12:00:00Z`);
    filter.since = t.toISOString();
  }
  if (args.branch !== undefined) filter.branch = args.branch;
  if (args.runs !== undefined) {
    if (!Number.isInteger(args.runs) || args.runs < 1)
      throw new UsageError(`--runs must be a positive integer, got ${args.runs}`);
    filter.last = args.runs;
  }
  return filter;
}

export const exportCommand: CommandModule<GlobalArgs, ExportArgs> = {
  command: 'export',
  describe: 'write stored runs with their raw samples as JSON Lines (gzip for .gz), for import or merge elsewhere',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('out', {
        type: 'string',
        default: STDIO,
        describe: 'file to write (.gz: gzip-compressed); stdout without it (or --out=-)',
      })
      .option('since', { type: 'string', describe: 'only runs started on or after this date' })
      .option('branch', { type: 'string', describe: 'only runs of this git branch' })
      .option('runs', { type: 'number', describe: 'only the newest N runs (after the other filters)' })
      .example(
        '$0 export --branch main --runs 30 --out history.jsonl.gz',
        'the last 30 runs of main, for the next CI job',
      )
      .example(
        '$0 export | $0 --db other.sqlite import -',
        'copy every run into another store',
      ) as unknown as Argv<ExportArgs>,
  handler: (args) =>
    withStore(args, async (store) => {
      const n = await exportRuns(store, args.out, filterOf(args));
      // The runs themselves may be on stdout: the count goes to stderr then.
      if (args.out === STDIO) process.stderr.write(`exported ${n} run(s)\n`);
      else if (output(args).json) printJson({ file: args.out, runs: n });
      else process.stdout.write(`exported ${n} run(s) to ${args.out}\n`);
    }),
};
