/**
 * jepsh-bench.config.json: thresholds, overrides, budgets and sampling. The schema in schema.ts is
 * the single source of truth: ajv validates against it and fills its defaults, and the `Config`
 * type is derived from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { FromSchema } from 'json-schema-to-ts';
import { UsageError } from '../model/errors.js';
import { CONFIG_SCHEMA } from './schema.js';
import { describeError } from './messages.js';

export const CONFIG_FILE = 'jepsh-bench.config.json';

/** A parsed config: every key with a schema default is present (ajv's useDefaults filled it). */
export type Config = FromSchema<typeof CONFIG_SCHEMA>;

let compiled: ValidateFunction<Config> | undefined;

/** Compiled on first use: commands that read no config (list, --help) skip the compile. */
function validator(): ValidateFunction<Config> {
  compiled ??= new Ajv2020({
    // Fills every missing key that has a default; `{}` defaults of sections make ajv descend.
    useDefaults: true,
    // Errors carry the bad value and the parent schema, for messages.ts.
    verbose: true,
    // A schema keyword ajv would ignore is a mistake in schema.ts: fail the tests, not silently.
    strict: true,
    // Checking schema.ts against the JSON Schema meta-schema compiles the meta-schema first, most of
    // the time every command that reads a config spent here; test/config/schema.test.ts checks it once.
    validateSchema: false,
  }).compile<Config>(CONFIG_SCHEMA);
  return compiled;
}

/** Validates a parsed config object and fills defaults; `source` names it in errors. */
export function parseConfig(value: unknown, source: string): Config {
  // ajv fills defaults in place: work on a copy so that the caller's object (write.ts writes it
  // back to the user's file) keeps only what the user wrote.
  const config: unknown = structuredClone(value);
  const validate = validator();
  if (!validate(config)) {
    const first = validate.errors?.[0];
    throw new UsageError(`${source}: ${first ? describeError(first, config) : 'invalid config'}`);
  }
  const s = config.thresholds.severity;
  // Not expressible in JSON schema: an order between sibling values.
  if (!(s.minor <= s.major && s.major <= s.critical))
    throw new UsageError(`${source}: $.thresholds.severity must satisfy minor <= major <= critical`);
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
