import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { output, type GlobalArgs } from '../context.js';
import { parseSessions, runOptions, samplingOptions, type SamplingArgs } from '../sampling.js';
import { interruptSignal } from '../signals.js';
import { printJson } from '../output.js';
import { CONFIG_FILE, loadConfig } from '../../config/config.js';
import { writeNoiseOverrides } from '../../config/write.js';
import { UsageError } from '../../model/errors.js';
import { loadPool, measurePool, savePool } from '../../core/power-run.js';
import { powerFromPool } from '../../analysis/power.js';
import { thresholdsFromPower } from '../../core/power-thresholds.js';
import { renderPowerMarkdown } from '../../report/power.js';

interface PowerArgs extends GlobalArgs, SamplingArgs {
  suites: string[];
  pool: number;
  trials: number;
  delays: string;
  save?: string;
  from?: string;
  mdcTrials: number;
  write: boolean;
}

export const powerCommand: CommandModule<GlobalArgs, PowerArgs> = {
  command: 'power [suites..]',
  describe:
    'measure the gate on this machine: A/A false alarms and detection of injected 2/5/10% slowdowns, paired and stored',
  builder: (y: Argv<GlobalArgs>) =>
    samplingOptions(y.positional('suites', { type: 'string', array: true, default: [] }))
      .option('pool', {
        type: 'number',
        default: 30,
        describe: 'sessions in the measured pool (each runs every benchmark on A, A0 and one side per delay)',
      })
      .option('trials', { type: 'number', default: 40, describe: 'trials drawn from the pool per delay and mode' })
      .option('delays', { type: 'string', default: '2,5,10', describe: 'injected delays in percent, comma-separated' })
      .option('save', { type: 'string', describe: 'write the measured pool (raw samples) to this JSON file' })
      .option('from', { type: 'string', describe: 'recompute the report from a saved pool instead of measuring' })
      .option('mdc-trials', {
        type: 'number',
        default: 20,
        describe: 'trials per grid point of the estimated smallest detectable change (A/A twin scaled by 1-100%)',
      })
      .option('write', {
        type: 'boolean',
        default: false,
        describe:
          `raise noise thresholds in ${CONFIG_FILE} to each benchmark's estimated paired MDC, ` +
          'naming every one raised',
      })
      .example('$0 power --pool 30 --save reports/pool.json', 'measure, then print the table')
      .example('$0 power --from reports/pool.json --trials 200', 'the same statistics again, no browser')
      .example(
        '$0 power --from reports/pool.json --write',
        'thresholds from the saved pool written to the config',
      ) as unknown as Argv<PowerArgs>,
  handler: async (args) => {
    const out = output(args);
    const { config, path } = loadConfig(args.config);
    const delays = args.delays.split(',').map((d) => Number(d.trim()));
    if (delays.some((d) => !Number.isFinite(d) || d <= 0 || d > 100))
      throw new UsageError(`--delays must be percentages in (0, 100], got ${args.delays}`);
    if (!Number.isInteger(args.trials) || args.trials < 1)
      throw new UsageError(`--trials must be a whole number >= 1, got ${args.trials}`);
    if (!Number.isInteger(args.mdcTrials) || args.mdcTrials < 1)
      throw new UsageError(`--mdc-trials must be a whole number >= 1, got ${args.mdcTrials}`);
    const trialSessions = parseSessions(args, config.sampling);
    const interrupt = interruptSignal();
    try {
      const pool = args.from
        ? loadPool(args.from)
        : await measurePool({
            ...runOptions(args, config, out, interrupt.signal),
            poolSessions: args.pool,
            trialSessions,
            delays,
          });
      if (args.save) savePool(args.save, pool);
      const costs = new Map(Object.entries(pool.costs));
      const report = powerFromPool(pool.sides, {
        trialSessions: args.from ? (args.sessions ?? pool.trialSessions) : trialSessions,
        trials: args.trials,
        mdcTrials: args.mdcTrials,
        seed: args.seed,
        config,
        costs,
      });
      if (out.json)
        printJson({ measuredAt: pool.measuredAt, browser: pool.environment?.browserVersion ?? null, ...report });
      else
        process.stdout.write(
          renderPowerMarkdown(report, {
            measuredAt: pool.measuredAt,
            browser: pool.environment?.browserVersion ?? null,
          }),
        );
      if (args.write) {
        // stderr, so that --json output stays one document.
        const { overrides, messages } = thresholdsFromPower(report, config);
        for (const m of messages) process.stderr.write(`${m}\n`);
        const file = resolve(path ?? args.config ?? CONFIG_FILE);
        const n = writeNoiseOverrides(file, overrides);
        process.stderr.write(`wrote ${n} threshold override(s) to ${file}\n`);
      }
    } finally {
      interrupt.dispose();
    }
  },
};
