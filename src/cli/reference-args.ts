/** The `--reference` flags of `run` and `check --nightly`: measure the tree paired with a pinned revision. */
import type { Argv } from 'yargs';
import { measureAb } from './ab-args.js';
import { referenceStoredOptions } from '../core/reference-run.js';
import { UsageError } from '../model/errors.js';
import type { AbOutcome } from '../core/ab.js';
import type { RunOptions, RunOutcome } from '../core/run.js';
import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';

export interface ReferenceArgs {
  reference?: string;
  'reference-dir'?: string;
  repo?: string;
}

export function referenceOptions<T>(y: Argv<T>) {
  return y
    .option('reference', {
      type: 'string',
      describe:
        'a pinned git revision (e.g. the last release tag) measured beside the working tree in the same ' +
        'sessions; trends then use the ratio to it',
    })
    .option('reference-dir', { type: 'string', describe: 'a folder whose src/ is the reference (code outside git)' });
}

export function wantsReference(args: ReferenceArgs): boolean {
  return args.reference !== undefined || args['reference-dir'] !== undefined;
}

/**
 * Measures the working tree (head) and the reference (base) through the A/B path, with the
 * reference recorded in the stored options. Returns the A/B outcome; its head run is the run.
 */
export function measureReference(
  store: Store,
  args: ReferenceArgs,
  run: RunOptions,
  config: Config,
  note: (line: string) => void,
): Promise<AbOutcome> {
  if (args.reference !== undefined && args['reference-dir'] !== undefined)
    throw new UsageError('give either --reference REV or --reference-dir DIR, not both');
  const rev = args.reference ?? args['reference-dir']!;
  const sides = {
    base: args.reference,
    'base-dir': args['reference-dir'],
    ...(args.repo !== undefined && { repo: args.repo }),
  };
  return measureAb(store, sides, run, { config, storedOptions: referenceStoredOptions(rev) }, note);
}

/** The same as a `run` measurement (check's `measure` hook): the current tree's run and results. */
export function referenceRunner(args: ReferenceArgs, config: Config, note: (line: string) => void) {
  return async (store: Store, run: RunOptions): Promise<RunOutcome> => {
    const outcome = await measureReference(store, args, run, config, note);
    return { run: outcome.headRun, measured: outcome.head };
  };
}
