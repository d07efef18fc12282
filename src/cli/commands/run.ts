import type { Argv, CommandModule } from 'yargs';
import { runSuites } from '../../core/run.js';
import { loadConfig } from '../../config/config.js';
import { withStore, output, type GlobalArgs } from '../context.js';
import { runOptions, samplingOptions, type SamplingArgs } from '../sampling.js';
import { interruptSignal } from '../signals.js';
import { printJson } from '../output.js';
import { resultsTable, runHeadline } from '../render.js';

interface RunArgs extends GlobalArgs, SamplingArgs {
  suites: string[];
}

export const runCommand: CommandModule<GlobalArgs, RunArgs> = {
  command: 'run [suites..]',
  describe: 'run suites in headless Chromium and store the run',
  builder: (y: Argv<GlobalArgs>) =>
    samplingOptions(y.positional('suites', { type: 'string', array: true, default: [], describe: 'suite names (default: defaultSuites of the config: reactivity diffing scheduler pools memo)' })) as unknown as Argv<RunArgs>,
  handler: async (args) => {
    const out = output(args);
    const { config } = loadConfig(args.config);
    const interrupt = interruptSignal();
    try {
      await withStore(args, async (store) => {
        const { run } = await runSuites(store, runOptions(args, config, out, interrupt.signal));
        const benchmarks = store.getBenchmarks(run.id);
        const results = store.getResults(run.id);
        const errors = benchmarks.filter((b) => !b.ok).map((b) => ({ id: b.id, error: b.error }));
        if (out.json) printJson({ run, benchmarks, results: results.map(({ samples, ...r }) => ({ ...r, n: samples.length })) });
        else {
          process.stdout.write(`${runHeadline(run)}\n${resultsTable(results, errors, out.color)}\n`);
          for (const w of run.warnings) process.stderr.write(`warning: ${w}\n`);
          process.stdout.write(`stored in ${store.path}\n`);
        }
        // A benchmark that failed (wrong answer, exception) fails the command.
        if (errors.length > 0) process.exitCode = 1;
      });
    } finally {
      interrupt.dispose();
    }
  },
};
