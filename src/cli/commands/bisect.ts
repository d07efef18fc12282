import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { runOptions, samplingOptions, type SamplingArgs } from '../sampling.js';
import { interruptSignal } from '../signals.js';
import { printJson } from '../output.js';
import { loadConfig } from '../../config/config.js';
import { packageRoot } from '../../model/paths.js';
import { parseTarget, runBisect } from '../../core/bisect-run.js';
import { cleanupWorktrees } from '../../ab/index.js';

interface BisectArgs extends GlobalArgs, SamplingArgs {
  target: string;
  good: string;
  bad: string;
  repo?: string;
}

export const bisectCommand: CommandModule<GlobalArgs, BisectArgs> = {
  command: 'bisect <target>',
  describe: 'find the first commit where BENCH[:METRIC] regressed, by paired A/B steps against the good commit',
  builder: (y: Argv<GlobalArgs>) =>
    samplingOptions(
      y.positional('target', {
        type: 'string',
        demandOption: true,
        describe: 'benchmark id, optionally :metric (default time)',
      }),
    )
      .option('good', { type: 'string', demandOption: true, describe: 'a revision where the benchmark is fine' })
      .option('bad', { type: 'string', demandOption: true, describe: 'a later revision where it regressed' })
      .option('repo', {
        type: 'string',
        describe: 'git repository whose src/ the suites import (default: this jepsh-bench tree)',
      })
      .example(
        '$0 bisect reactivity/diamond --good v1.0 --bad main',
        'first commit that slowed the diamond graph',
      ) as unknown as Argv<BisectArgs>,
  handler: async (args) => {
    const out = output(args);
    const { config } = loadConfig(args.config);
    const { benchmark, metric } = parseTarget(args.target);
    const interrupt = interruptSignal();
    try {
      await withStore(args, async (store) => {
        const {
          suites: _s,
          filter: _f,
          beforeCommit: _b,
          ...run
        } = runOptions({ ...args, suites: [] }, config, out, interrupt.signal);
        const result = await runBisect(store, {
          repoRoot: args.repo ? resolve(args.repo) : packageRoot(),
          good: args.good,
          bad: args.bad,
          benchmark,
          metric,
          run,
          config,
          onStep: (line) => process.stderr.write(`bisect: ${line}\n`),
        });
        const first = result.firstBad;
        const verdict = first ? result.verdicts.get(first.sha) : undefined;
        if (out.json)
          printJson({
            outcome: result.outcome,
            firstBad: first ?? null,
            range: result.range,
            steps: result.steps,
            verdict: verdict ?? null,
          });
        else if (first)
          process.stdout.write(
            `first bad commit: ${first.sha} "${first.subject}"\n` +
              `${verdict ? `${verdict.explanation}\n` : ''}(${result.steps.length} A/B steps)\n`,
          );
        else if (result.outcome === 'no-regression')
          process.stdout.write(
            `no regression: ${args.bad} is not regressed against ${args.good} on ${benchmark} ${metric}\n`,
          );
        else
          process.stdout.write(
            `undecided: the first bad commit lies after ${result.range[0].sha.slice(0, 10)} and at or before ` +
              `${result.range[1].sha.slice(0, 10)} (a step stayed inconclusive)\n`,
          );
        process.exitCode = first ? 0 : result.outcome === 'no-regression' ? 0 : 1;
      });
    } finally {
      await cleanupWorktrees();
      interrupt.dispose();
    }
  },
};
