import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';
import { importFiles } from '../../core/transfer.js';
import { STDIO } from '../../store/export-file.js';
import { UsageError } from '../../model/errors.js';

interface ImportArgs extends GlobalArgs {
  files: string[];
}

/**
 * The files to read. yargs drops a lone `-` from a list of positionals, so it is looked up in the
 * command line itself; the order does not matter (a run is imported once, the newest baseline wins).
 */
function filesOf(args: ImportArgs): string[] {
  const stdin = process.argv.slice(2).includes(STDIO) || args.files.length === 0;
  if (stdin && args.files.length === 0 && process.stdin.isTTY)
    throw new UsageError('import needs FILE... (or - with an export piped in)');
  return [...args.files, ...(stdin ? [STDIO] : [])];
}

export const importCommand: CommandModule<GlobalArgs, ImportArgs> = {
  command: 'import [files..]',
  describe: 'add the runs of export files to the store (runs already there are skipped); - reads stdin',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        default: [],
        describe: 'files written by export (.gz: gzip-compressed; - for stdin)',
      })
      .example('$0 import history.jsonl.gz', 'the history of earlier CI jobs, before check --against branch:main')
      .example(
        '$0 --db a.sqlite export | $0 --db b.sqlite import -',
        'copy every run of a.sqlite into b.sqlite',
      ) as unknown as Argv<ImportArgs>,
  handler: (args) =>
    withStore(args, async (store) => {
      const count = await importFiles(store, filesOf(args));
      if (output(args).json) return printJson(count);
      const baselines = count.baselines ? `; ${count.baselines} baseline(s) set` : '';
      process.stdout.write(
        `imported ${count.imported} run(s), skipped ${count.skipped} already in ${store.path}${baselines}\n`,
      );
    }),
};
