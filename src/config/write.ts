/**
 * Writes per-benchmark noise thresholds into the config file (`calibrate --write`, `power --write`).
 * Edits the raw JSON, not the parsed config, so defaults are not spelled out into the user's file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseConfig } from './config.js';

/** One exact-id override of the noise threshold. */
export interface NoiseOverride {
  benchmarkId: string;
  metric: string;
  noise: number;
}

/**
 * Adds or updates exact-id overrides with the given noise thresholds, keeping everything else.
 * Entries at or below the file's global noise threshold (or not finite) are skipped: the global
 * value already applies. Returns the number written.
 */
export function writeNoiseOverrides(file: string, entries: readonly NoiseOverride[]): number {
  const raw = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const overrides = Array.isArray(raw.overrides)
    ? (raw.overrides as Array<{ match: string; metric?: string; noise?: number }>)
    : [];
  const base = parseConfig(raw, file).thresholds.noise;
  let written = 0;
  for (const e of entries) {
    if (!Number.isFinite(e.noise) || e.noise <= base) continue;
    const existing = overrides.find((o) => o.match === e.benchmarkId && o.metric === e.metric);
    if (existing) existing.noise = e.noise;
    else overrides.push({ match: e.benchmarkId, metric: e.metric, noise: e.noise });
    written++;
  }
  const next = { ...raw, overrides };
  parseConfig(next, file); // never write a config we would refuse to read
  writeFileSync(file, JSON.stringify(next, null, 2) + '\n');
  return written;
}
