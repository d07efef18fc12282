import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { withStore, output, type GlobalArgs } from '../context.js';
import { runOptions, samplingOptions, type SamplingArgs } from '../sampling.js';
import { interruptSignal } from '../signals.js';
import { printJson } from '../output.js';
import { textTable } from '../../report/text-table.js';
import { CONFIG_FILE, loadConfig } from '../../config/config.js';
import { writeNoiseOverrides } from '../../config/write.js';
import { runSuites } from '../../core/run.js';
import { calibrate } from '../../core/calibrate.js';
import { UsageError } from '../../model/errors.js';
import { rawResults } from '../../core/compare.js';
import type { MetricResult } from '../../model/types.js';

interface CalibrateArgs extends GlobalArgs, SamplingArgs {
  suites: string[];
  runs: number;
  use?: string[];
  write: boolean;
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '-');

export const calibrateCommand: CommandModule<GlobalArgs, CalibrateArgs> = {
  command: 'calibrate [suites..]',
  describe: 'N A/A runs: noise, false-alarm rate and detectable change per benchmark; --write suggests thresholds',
  builder: (y: Argv<GlobalArgs>) =>
    samplingOptions(
      y
        .positional('suites', { type: 'string', array: true, default: [] })
        .option('runs', { type: 'number', default: 5, describe: 'number of A/A runs (>= 2)' })
        .option('use', {
          type: 'string',
          array: true,
          describe: 'compute from these stored runs (ids, uuid prefixes) instead of running new ones',
        })
        .option('write', { type: 'boolean', default: false, describe: `store suggested thresholds in ${CONFIG_FILE}` })
        .example(
          '$0 calibrate reactivity --runs 5 --write',
          'five runs of reactivity, thresholds written to the config',
        ),
    ) as unknown as Argv<CalibrateArgs>,
  handler: async (args) => {
    if (!(args.runs >= 2)) throw new UsageError('--runs must be at least 2 (A/A needs pairs)');
    if (args.use && args.use.length < 2) throw new UsageError('--use needs at least two runs (A/A needs pairs)');
    const out = output(args);
    const { config, path } = loadConfig(args.config);
    const interrupt = interruptSignal();
    try {
      await withStore(args, async (store) => {
        const perRun: MetricResult[][] = (args.use ?? []).map((ref) => rawResults(store, store.resolveRun(ref)));
        for (let i = 0; i < (args.use ? 0 : args.runs); i++) {
          if (!out.json) process.stderr.write(`calibrate: A/A run ${i + 1} of ${args.runs}\n`);
          const { measured } = await runSuites(store, {
            ...runOptions(args, config, out, interrupt.signal),
            label: args.label ?? `calibrate ${i + 1}/${args.runs}`,
          });
          perRun.push(measured.results);
        }
        const rows = calibrate(perRun, config);
        if (out.json) printJson(rows);
        else {
          const header = [
            'benchmark',
            'metric',
            'CV in run',
            'CV of run medians',
            'max A/A shift',
            'false alarms',
            'detectable (samples)',
            'detectable (runs)',
            'suggested',
          ];
          const body = rows.map((r) => [
            r.benchmarkId,
            r.metric,
            pct(r.cvWithin),
            pct(r.cvBetween),
            pct(r.maxShift),
            `${r.falseAlarms.flagged}/${r.falseAlarms.total}`,
            pct(r.detectableWithin),
            pct(r.detectableBetween),
            pct(r.suggestedNoise),
          ]);
          process.stdout.write(
            textTable([header, ...body], { align: ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'], color: false }).join(
              '\n',
            ) + '\n',
          );
          process.stdout.write(
            `threshold now: noise ${pct(config.thresholds.noise)}, alpha ${config.thresholds.alpha}; ` +
              `power 0.8 at alpha 0.05 for "detectable"\n`,
          );
        }
        if (args.write) {
          const file = resolve(path ?? args.config ?? CONFIG_FILE);
          // The writer skips suggestions at or below the global noise threshold: it already applies.
          const n = writeNoiseOverrides(
            file,
            rows.map((r) => ({ benchmarkId: r.benchmarkId, metric: r.metric, noise: r.suggestedNoise })),
          );
          process.stderr.write(`wrote ${n} threshold override(s) to ${file}\n`);
        }
      });
    } finally {
      interrupt.dispose();
    }
  },
};
