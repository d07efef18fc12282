/**
 * Environment mismatch between the baseline and candidate runs.
 *
 * Why: a comparison across a different browser build, CPU or harness version measures the
 * environment as much as the code, so such differences must be shown next to the verdicts. Only
 * the fields that change timings materially are compared: browserVersion, cpuModel, cpuCores,
 * harnessVersion (OS strings and user agents vary in irrelevant ways). An unknown environment
 * (null, e.g. an old run) is reported as a difference in every field with null on that side.
 */
import type { Environment } from '../model/types.js';

export const COMPARED_ENVIRONMENT_FIELDS = ['browserVersion', 'cpuModel', 'cpuCores', 'harnessVersion'] as const;

export type ComparedEnvironmentField = (typeof COMPARED_ENVIRONMENT_FIELDS)[number];

export interface EnvironmentDifference {
  field: ComparedEnvironmentField;
  baseline: string | number | null;
  candidate: string | number | null;
}

/** Differing compared fields, in the order of COMPARED_ENVIRONMENT_FIELDS; [] when they all agree. */
export function environmentDiff(
  baseline: Pick<Environment, ComparedEnvironmentField> | null,
  candidate: Pick<Environment, ComparedEnvironmentField> | null,
): EnvironmentDifference[] {
  const out: EnvironmentDifference[] = [];
  for (const field of COMPARED_ENVIRONMENT_FIELDS) {
    const b = baseline ? baseline[field] : null;
    const c = candidate ? candidate[field] : null;
    if (baseline === null || candidate === null || b !== c) out.push({ field, baseline: b, candidate: c });
  }
  return out;
}

/** One line: `environment differs: browserVersion 120.0 -> 121.0, cpuCores 8 -> 4`. */
export function formatEnvironmentDiff(diffs: readonly EnvironmentDifference[]): string {
  if (diffs.length === 0) return 'environment matches';
  const show = (v: string | number | null) => (v === null ? 'unknown' : String(v));
  const list = diffs.map((d) => `${d.field} ${show(d.baseline)} -> ${show(d.candidate)}`).join(', ');
  return `environment differs: ${list}`;
}
