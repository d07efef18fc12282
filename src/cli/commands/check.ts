import type { Argv, CommandModule } from 'yargs';
import { withStore, output, suitesDir, type GlobalArgs } from '../context.js';
import { parseSessions, runOptions, samplingOptions, shardOption, type SamplingArgs } from '../sampling.js';
import { interruptSignal } from '../signals.js';
import { PhaseClock, phaseLines } from '../../core/phase-clock.js';
import { printJson } from '../output.js';
import { renderNightlyText } from '../../report/nightly.js';
import { formatOptions, writeOutcome, type FormatArgs } from '../verdict-output.js';
import { loadConfig } from '../../config/config.js';
import { check, autoForAb } from '../../core/check.js';
import { autoThresholds, type AutoState } from '../../core/auto.js';
import { DEFAULT_ROUNDS } from '../../core/run.js';
import { UsageError } from '../../model/errors.js';
import { CONFIG_SCHEMA } from '../../config/schema.js';
import { exitGate, gateOutcome, type GateOptions } from '../gate.js';
import { abOptions, checkTimeBudget, measureAb, wantsAb, type AbArgs } from '../ab-args.js';
import { referenceOptions, referenceRunner, wantsReference, type ReferenceArgs } from '../reference-args.js';
import { join } from 'node:path';
import { profileRegressions, regressedTimes } from '../../core/profile-regressions.js';
import { checkedSuiteFiles } from '../../core/suite-check.js';
import { sideBundles } from '../../core/ab.js';
import { bundleSuites } from '../../browser/session.js';
import { defaultReportsDir } from '../../model/paths.js';
import type { ProfileSide } from '../../core/profile-run.js';
import type { SuiteFile } from '../../browser/bundle.js';
import type { Store } from '../../store/store.js';
import type { Verdict } from '../../model/types.js';

interface CheckArgs extends GlobalArgs, SamplingArgs, FormatArgs, AbArgs, ReferenceArgs {
  suites: string[];
  against?: string;
  auto: boolean;
  'max-time'?: number;
  nightly: boolean;
  'strict-env': boolean;
  strict: boolean;
  'profile-regressions': boolean;
}

/** check --profile-regressions: each regressed time profiled on the sides `sidesOf` builds for its suite. */
async function profileAll(
  store: Store,
  args: CheckArgs,
  runId: number,
  verdicts: readonly Verdict[],
  signal: AbortSignal,
  sidesOf: (files: SuiteFile[]) => Promise<ProfileSide[]>,
): Promise<void> {
  const ids = regressedTimes(verdicts);
  if (ids.length === 0) return;
  await profileRegressions(store, {
    runId,
    ids,
    sidesFor: async (suite) => sidesOf(await checkedSuiteFiles(suitesDir(args), [suite])),
    outDir: join(defaultReportsDir(), 'profiles'),
    browser: args.browser,
    signal,
    note: (line) => void process.stderr.write(`${line}\n`),
  });
}

function gateOptions(args: CheckArgs, budgets: GateOptions['budgets']): GateOptions {
  return {
    budgets,
    suitesDir: suitesDir(args),
    strict: args.strict,
    strictEnv: args['strict-env'],
    filtered: args.filter !== undefined,
  };
}

export const checkCommand: CommandModule<GlobalArgs, CheckArgs> = {
  command: 'check [suites..]',
  describe:
    'CI gate: run, compare against a baseline, check budgets; exit 1 on a regression, ' +
    'failed budget or failed benchmark, 3 on machine drift',
  builder: (y: Argv<GlobalArgs>) =>
    formatOptions(
      referenceOptions(
        abOptions(
          shardOption(
            samplingOptions(
              y
                .positional('suites', { type: 'string', array: true, default: [] })
                .option('against', { type: 'string', describe: 'baseline name, run id, or branch:NAME' })
                .option('auto', {
                  type: 'boolean',
                  default: false,
                  describe: 'add sampling rounds to inconclusive benchmarks until decided or --max-time',
                })
                .option('max-time', {
                  type: 'number',
                  describe:
                    'time budget of --auto in seconds ' +
                    `(default from config: ${CONFIG_SCHEMA.properties.autoMaxTimeS.default})`,
                })
                .option('nightly', {
                  type: 'boolean',
                  default: false,
                  describe: 'fail when the newest runs of this branch hold a change point in the bad direction',
                })
                .option('strict-env', {
                  type: 'boolean',
                  default: false,
                  describe: 'exit 3 when browser, CPU, cores or harness version differ from the baseline',
                })
                .option('strict', {
                  type: 'boolean',
                  default: false,
                  describe:
                    'exit 2 when a budget matches no result of the run (a typo in its pattern or metric); ' +
                    'without it, a warning',
                })
                .option('profile-regressions', {
                  type: 'boolean',
                  default: false,
                  describe:
                    'profile every benchmark whose time regressed (both sides with --base) into ' +
                    'reports/profiles/run-ID/ and record it for `report`',
                })
                .example('$0 check --against main', 'CI gate against baseline "main"')
                .example(
                  '$0 check --base origin/main --auto --format markdown',
                  'CI gate in paired mode: base and head measured side by side',
                )
                .example(
                  '$0 check --against main --auto --format junit --out reports/junit.xml',
                  'decide every benchmark, JUnit for CI',
                )
                .example(
                  '$0 check --nightly --reference v1.2.0',
                  'nightly change points on the ratio to a pinned release',
                ),
            ),
          ),
        ),
      ),
    ) as unknown as Argv<CheckArgs>,
  handler: async (args) => {
    const ab = wantsAb(args);
    if (ab && args.against)
      throw new UsageError('give either --base REV (paired) or --against BASELINE (stored), not both');
    if (!args.against && !args.nightly && !ab)
      throw new UsageError('check needs --base REV (paired), --against NAME|RUN|branch:NAME (stored) or --nightly');
    if (wantsReference(args) && (ab || args.auto))
      throw new UsageError(
        '--reference measures a pinned reference beside the tree for --nightly; ' +
          'it does not combine with --base or --auto',
      );
    if (args['time-budget'] !== undefined && !ab)
      throw new UsageError('--time-budget needs --base or --base-dir: it bounds the sessions of a paired A/B');
    if (args.auto && !args.against && !ab)
      throw new UsageError('--auto needs --base or --against: it samples until each comparison is decided');
    const out = output(args);
    const { config } = loadConfig(args.config);
    const interrupt = interruptSignal();
    const note = (line: string) => void process.stderr.write(`${line}\n`);
    try {
      if (ab) {
        await withStore(args, async (store) => {
          const run = runOptions(args, config, out, interrupt.signal);
          const state: { auto?: AutoState } = {};
          const onLook = (sessions: number, ids: string[]) =>
            void (
              out.json ||
              process.stderr.write(`auto: ${ids.length} undecided benchmark(s), sessions up to ${sessions}\n`)
            );
          const beforeCommit = args.auto
            ? autoForAb(config, args['max-time'], onLook, state, run.rounds ?? DEFAULT_ROUNDS)
            : undefined;
          const thresholds = () => (state.auto ? autoThresholds(config, state.auto) : undefined);
          const budgeted = { ...args, 'time-budget': checkTimeBudget(args, config) };
          const outcome = await measureAb(store, budgeted, run, { config, beforeCommit, thresholds }, note, (o, p) =>
            args['profile-regressions']
              ? profileAll(store, args, o.headRun.id, o.comparison.verdicts, interrupt.signal, async (files) => [
                  { key: 'base', bundles: await sideBundles(files, p.base, p.bundle), root: p.base.root },
                  { key: 'head', bundles: await sideBundles(files, p.head, p.bundle), root: p.head.root },
                ])
              : Promise.resolve(),
          );
          writeOutcome(outcome.comparison, args, out);
          exitGate(gateOutcome(outcome.comparison, gateOptions(args, config.budgets)));
        });
        return;
      }
      await withStore(args, async (store) => {
        const startedMs = Date.now();
        const phases = new PhaseClock();
        const result = await check(store, {
          ...runOptions(args, config, out, interrupt.signal),
          phases,
          against: args.against,
          config,
          auto: args.auto ? { maxTimeMs: (args['max-time'] ?? config.autoMaxTimeS) * 1000 } : undefined,
          nightly: args.nightly,
          measure: wantsReference(args)
            ? referenceRunner(args, config, (line) => process.stderr.write(`${line}\n`))
            : undefined,
          onAutoRound: out.json
            ? undefined
            : (round, ids) =>
                process.stderr.write(`auto: round ${round} for ${ids.length} inconclusive benchmark(s)\n`),
        });
        if (result.comparison) {
          writeOutcome(result.comparison, args, out);
          if (args['profile-regressions'])
            await profileAll(store, args, result.runId, result.comparison.verdicts, interrupt.signal, async (files) => [
              { key: 'head', bundles: await bundleSuites(files) },
            ]);
          if (args.auto && !out.json) {
            const planned = parseSessions(args, config.sampling);
            const extra = [...result.rounds].filter(([, n]) => n > planned);
            process.stderr.write(
              `auto: ${
                extra.length
                  ? extra.map(([id, n]) => `${id} ${n} sessions`).join(', ')
                  : 'every benchmark decided at the planned sessions'
              }\n`,
            );
          }
        }
        if (!wantsReference(args)) for (const line of phaseLines(phases, Date.now() - startedMs)) note(line);
        if (result.nightly) {
          const { regressions, series, changes } = result.nightly;
          if (out.json && !result.comparison)
            printJson({ runId: result.runId, nightly: { regressions, changes, series: series.length } });
          else process.stdout.write(renderNightlyText(result.nightly, config, out.color));
        }
        exitGate(
          gateOutcome(result.comparison, {
            ...gateOptions(args, config.budgets),
            nightlyRegressions: result.nightly?.regressions.length ?? 0,
            errored: result.errored,
          }),
        );
      });
    } finally {
      interrupt.dispose();
    }
  },
};
