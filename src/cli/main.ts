/**
 * The jepsh-bench CLI: a thin yargs layer over the core API. One top-level catch maps error
 * classes to exit codes (README): 0 ok, 1 regression / failed budget / failed benchmark,
 * 2 usage, config or input error, 3 environment or infrastructure error, 130 interrupted.
 * Bad input never prints a stack trace: one line on stderr.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { JepshError, UsageError, errorMessage } from '../model/errors.js';
import { harnessVersion } from '../model/paths.js';
import { globalOptions } from './context.js';
import { commands } from './commands/index.js';

export async function main(argv: string[]): Promise<number> {
  const cli = globalOptions(yargs(argv))
    .scriptName('jepsh-bench')
    .usage(
      '$0 <command> [options]\n\nBenchmark the Jepsh runtime in headless Chromium, ' +
        'store runs in SQLite, gate regressions.',
    )
    .version(harnessVersion())
    .strict()
    .recommendCommands()
    .demandCommand(1, 'name a command (see --help)')
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .epilogue(
      'Exit codes: 0 ok, 1 regression/failed budget/failed benchmark, 2 usage or input error, ' +
        '3 environment error, 130 interrupted.',
    )
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  for (const c of commands) cli.command(c as never);
  try {
    await cli.parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    const code = e instanceof JepshError ? e.exitCode : 3;
    const prefix = code === 130 ? 'jepsh-bench' : 'jepsh-bench: error';
    process.stderr.write(`${prefix}: ${errorMessage(e).split('\n')[0]}\n`);
    if (!(e instanceof JepshError) && process.env.JEPSH_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return code;
  }
}

const code = await main(hideBin(process.argv));
process.exitCode = code;
// Everything is stored and closed by now; if a stray handle (a dead browser's pipe) would keep
// the process alive, leave anyway. Unref'd, so a clean exit is not delayed.
setTimeout(() => process.exit(code), 2000).unref();
