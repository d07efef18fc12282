/**
 * Loader and tolerance helper for test/fixtures/stats/reference.json, the numpy/scipy reference
 * values written by test/fixtures/stats/make_reference.py (see its header for the command).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Summary } from '../../src/model/types.js';

/** numpy/scipy give every Summary field but the bootstrap interval (checked by its own tests). */
export type SummaryRef = Omit<Summary, 'medianCI'>;

export interface TwoSampleRef {
  a: string;
  b: string;
  ties: boolean;
  mw_u: number;
  mw_p_asymptotic: number;
  mw_p_exact?: number;
  welch_log_t: number;
  welch_log_df: number;
  welch_log_p: number;
  hl_shift: number;
  moses_rank_exact?: number;
  hl_ci_exact?: [number, number];
}

export interface Reference {
  numpy: string;
  scipy: string;
  vectors: Record<string, number[]>;
  summaries: Record<string, SummaryRef>;
  twoSample: TwoSampleRef[];
  tCdf: { t: number; df: number; cdf: number; sf: number }[];
  betainc: { a: number; b: number; x: number; value: number }[];
  normCdf: { z: number; cdf: number; sf: number }[];
  normPpf: { p: number; ppf: number }[];
  erfc: { x: number; erfc: number }[];
  gammaincc: { a: number; x: number; q: number }[];
  bh: { p: number[]; adjusted: number[] }[];
  power: { cv: number; n: number; alpha: number; power: number; change: number }[];
}

export const reference: Reference = JSON.parse(
  readFileSync(new URL('../fixtures/stats/reference.json', import.meta.url), 'utf8'),
) as Reference;

/** Asserts |actual - expected| <= max(rtol·|expected|, atol). */
export function assertClose(actual: number, expected: number, rtol: number, message: string, atol = 0): void {
  if (Object.is(actual, expected)) return;
  const err = Math.abs(actual - expected);
  const tol = Math.max(rtol * Math.abs(expected), atol);
  assert.ok(
    err <= tol,
    `${message}: got ${actual}, expected ${expected} (error ${err.toExponential(2)} > tol ${tol.toExponential(2)})`,
  );
}
