/** Options and resources shared by every command. */
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { Store, type StoreOptions } from '../store/store.js';
import { summarize } from '../core/summarize.js';
import { defaultDbPath, defaultSuitesDir } from '../model/paths.js';
import { outputOptions, type OutputOptions } from './output.js';

export interface GlobalArgs {
  db?: string;
  json: boolean;
  'suites-dir'?: string;
  browser?: string;
  config?: string;
}

export function globalOptions<T>(y: Argv<T>) {
  return y
    .option('db', {
      type: 'string',
      describe: 'SQLite database file (default baselines/jepsh-bench.sqlite)',
      global: true,
    })
    .option('json', { type: 'boolean', default: false, describe: 'machine-readable JSON on stdout', global: true })
    .option('suites-dir', {
      type: 'string',
      describe: 'folder of suite files (default: ./suites when present, else the bundled suites/)',
      global: true,
    })
    .option('browser', {
      type: 'string',
      describe: 'Chromium executable (else CHROME_PATH, /usr/bin/chromium, PATH)',
      global: true,
    })
    .option('config', {
      type: 'string',
      describe: `config file (default ./jepsh-bench.config.json when present)`,
      global: true,
    });
}

export function dbPath(args: GlobalArgs): string {
  return args.db ? resolve(args.db) : defaultDbPath();
}

export function suitesDir(args: GlobalArgs): string {
  return args['suites-dir'] ? resolve(args['suites-dir']) : defaultSuitesDir();
}

export function openStore(args: GlobalArgs, options: StoreOptions = {}): Store {
  return Store.open(dbPath(args), summarize, options);
}

/** Opens the store, runs `fn`, and always closes it (also on errors). */
export async function withStore<T>(
  args: GlobalArgs,
  fn: (store: Store) => Promise<T> | T,
  options: StoreOptions = {},
): Promise<T> {
  const store = openStore(args, options);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

export function output(args: GlobalArgs): OutputOptions {
  return outputOptions(args.json);
}
