import type { Argv, CommandModule } from 'yargs';
import { runSuites } from '../../core/run.js';
import { loadConfig } from '../../config/config.js';
import { withStore, output, type GlobalArgs } from '../context.js';
import { runOptions, samplingOptions, shardOption, type SamplingArgs } from '../sampling.js';
import { interruptSignal } from '../signals.js';
import { PhaseClock, phaseLines } from '../../core/phase-clock.js';
import { printJson } from '../output.js';
import { resultsTable, runHeadline } from '../render.js';
import { measureReference, referenceOptions, wantsReference, type ReferenceArgs } from '../reference-args.js';
import { referenceRatios, type ReferenceRatio } from '../../core/reference-run.js';
import type { RunOptions } from '../../core/run.js';
import type { Config } from '../../config/config.js';
import type { Store } from '../../store/store.js';
import type { Run } from '../../model/types.js';

interface RunArgs extends GlobalArgs, SamplingArgs, ReferenceArgs {
  suites: string[];
  'keep-host': boolean;
}

/** `--reference`: the current tree's run, linked to the reference's, and each metric's ratio to it. */
async function measure(
  store: Store,
  args: RunArgs,
  opts: RunOptions,
  config: Config,
): Promise<{ run: Run; ratios: ReferenceRatio[] }> {
  if (!wantsReference(args)) return { run: (await runSuites(store, opts)).run, ratios: [] };
  const ab = await measureReference(store, args, opts, config, (line) => process.stderr.write(`${line}\n`));
  return { run: ab.headRun, ratios: referenceRatios(ab.head.results, ab.base.results) };
}

function ratioLines(ratios: ReferenceRatio[], referenceRunId: number | undefined): string {
  const shown = ratios.filter((r) => !r.reason);
  if (shown.length === 0) return '';
  const interval = (r: ReferenceRatio) =>
    r.ci.low > 0 && Number.isFinite(r.ci.high)
      ? ` [${r.ci.low.toFixed(3)}, ${r.ci.high.toFixed(3)}]`
      : ` (no 95% interval from ${r.sessions} sessions)`;
  const body = shown.map((r) => `  ${r.benchmarkId} ${r.metric}: ×${r.estimate.toFixed(3)}${interval(r)}`).join('\n');
  return `ratio to the reference (run ${referenceRunId}), paired per session:\n${body}\n`;
}

export const runCommand: CommandModule<GlobalArgs, RunArgs> = {
  command: 'run [suites..]',
  describe: 'run suites in headless Chromium and store the run',
  builder: (y: Argv<GlobalArgs>) =>
    referenceOptions(
      shardOption(
        samplingOptions(
          y.positional('suites', {
            type: 'string',
            array: true,
            default: [],
            describe: 'suite names (default: defaultSuites of the config: reactivity diffing scheduler pools memo)',
          }),
        ),
      ),
    )
      .option('keep-host', {
        type: 'boolean',
        default: false,
        describe:
          'store the host name in clear (default: a salted hash, ' +
          'used only to reap runs left running by a dead process)',
      })
      .example(
        '$0 run --reference v1.2.0',
        'nightly: the working tree paired with the last release, for trends as ratios to it',
      ) as unknown as Argv<RunArgs>,
  handler: async (args) => {
    const out = output(args);
    const { config } = loadConfig(args.config);
    const interrupt = interruptSignal();
    try {
      await withStore(
        args,
        async (store) => {
          const startedMs = Date.now();
          const phases = new PhaseClock();
          const opts = { ...runOptions(args, config, out, interrupt.signal), phases };
          const { run, ratios } = await measure(store, args, opts, config);
          const benchmarks = store.getBenchmarks(run.id);
          const results = store.getResults(run.id);
          const errors = benchmarks.filter((b) => !b.ok).map((b) => ({ id: b.id, error: b.error }));
          const reference = store.referenceOf(run.id);
          if (out.json)
            printJson({
              run,
              benchmarks,
              results: results.map(({ samples, ...r }) => ({ ...r, n: samples.length })),
              ...(reference && { reference, ratios }),
            });
          else {
            process.stdout.write(
              `${runHeadline(run)}\n${resultsTable(results, errors, out.color)}\n` +
                `${ratioLines(ratios, reference?.runId)}`,
            );
            for (const w of run.warnings) process.stderr.write(`warning: ${w}\n`);
            process.stdout.write(`stored in ${store.path}\n`);
          }
          // With --reference the paired A/B has printed its own (both sides, in one clock).
          if (!wantsReference(args))
            for (const line of phaseLines(phases, Date.now() - startedMs)) process.stderr.write(`${line}\n`);
          // A benchmark that failed (wrong answer, exception, time limit, crash) fails the command.
          if (errors.length > 0) {
            process.stderr.write(
              `jepsh-bench: ${errors.length} benchmark(s) errored: ${errors.map((e) => e.id).join(', ')}\n`,
            );
            process.exitCode = 1;
          }
        },
        { keepHost: args['keep-host'] },
      );
    } finally {
      interrupt.dispose();
    }
  },
};
