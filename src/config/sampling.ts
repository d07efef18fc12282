/**
 * The config's `sampling` section: its schema defaults (DEFAULT_SAMPLING and DEFAULT_ROUNDS in
 * core/run.ts are derived from them) and its conversion to the runner's units. Imports the schema
 * only, not ajv: core/run.ts loads this module.
 */
import type { SamplingOptions } from '../suite/protocol.js';
import type { Config } from './config.js';
import { CONFIG_SCHEMA } from './schema.js';

export type SamplingConfig = Config['sampling'];

const fromSchema = CONFIG_SCHEMA.properties.sampling.properties;

export const SAMPLING_DEFAULTS: Readonly<SamplingConfig> = Object.freeze({
  warmupS: fromSchema.warmupS.default,
  timeS: fromSchema.timeS.default,
  samples: fromSchema.samples.default,
  sessions: fromSchema.sessions.default,
  passes: Object.freeze({}),
  sessionSamples: Object.freeze({}),
});

/** The section's per-benchmark totals in the runner's units (ms); sessions stay apart (RunOptions.rounds). */
export function samplingTotals(s: SamplingConfig): Pick<SamplingOptions, 'minSamples' | 'minTimeMs' | 'warmupMs'> {
  return { minSamples: s.samples, minTimeMs: s.timeS * 1000, warmupMs: s.warmupS * 1000 };
}
