/**
 * jepsh-bench.config.json: thresholds, overrides and budgets. The JSON schema beside this file is
 * the single source of truth for validation, defaults and documentation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import schemaJson from './config.schema.json' with { type: 'json' };
import { UsageError } from '../core/errors.js';
import type { Budget, TestFamily, Thresholds } from '../core/types.js';
import type { ThresholdOverride } from '../verdict/thresholds.js';
import { validate, withDefaults, type SchemaNode } from './validate.js';

export const CONFIG_SCHEMA = schemaJson as SchemaNode;
export const CONFIG_FILE = 'jepsh-bench.config.json';


export interface Config {
  thresholds: Thresholds;
  overrides: ThresholdOverride[];
  budgets: Budget[];
  branchRuns: number;
  autoMaxTimeS: number;
  nightlyWindow: number;
  nightlyMinChange: number;
  nightlyFdr: number;
  sessionTest: TestFamily;
  defaultSuites: string[];
}

/** Validates a parsed config object and fills defaults; `source` names it in errors. */
export function parseConfig(value: unknown, source: string): Config {
  const err = validate(value, CONFIG_SCHEMA);
  if (err) throw new UsageError(`${source}: ${err}`);
  const config = withDefaults<Config>(value, CONFIG_SCHEMA);
  config.overrides ??= [];
  config.budgets = (config.budgets ?? []).map((b) => ({ ...b, stat: b.stat ?? 'median' }));
  const s = config.thresholds.severity;
  if (!(s.minor <= s.major && s.major <= s.critical)) throw new UsageError(`${source}: $.thresholds.severity must satisfy minor <= major <= critical`);
  return config;
}

/**
 * Loads `path` (must exist when given) or ./jepsh-bench.config.json when present; otherwise the
 * schema's defaults.
 */
export function loadConfig(path?: string, cwd = process.cwd()): { config: Config; path: string | null } {
  const file = path ? resolve(cwd, path) : resolve(cwd, CONFIG_FILE);
  if (!existsSync(file)) {
    if (path) throw new UsageError(`config file ${file} does not exist`);
    return { config: parseConfig({}, 'defaults'), path: null };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return { config: parseConfig(parsed, file), path: file };
}
