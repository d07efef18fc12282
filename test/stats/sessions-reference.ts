/**
 * Loader for test/fixtures/stats/sessions.json, the numpy/scipy reference values written by
 * test/fixtures/stats/make_sessions_reference.py (see its header for the command and definitions).
 * The generator writes Infinity as the string "Infinity" (JSON has no infinities); revived here.
 */
import { readFileSync } from 'node:fs';
import type { SessionMethod } from '../../src/stats/sessions.js';

export interface TReference {
  statistic: number;
  df: number;
  p: number;
  estimate: number;
  ci: [number, number];
  se: number;
  mdc: number;
}

export interface SessionCase {
  name: string;
  paired: boolean;
  base: { samples: number[]; rounds: number[] };
  cand: { samples: number[]; rounds: number[] };
  sessionValues: { base: number[]; cand: number[] };
  sessionGeomeans: { base: number[]; cand: number[] };
  expected: Partial<Record<SessionMethod, TReference>>;
}

export interface SessionsReference {
  scipy: string;
  alpha: number;
  power: number;
  level: number;
  tPpf: { p: number; df: number; ppf: number }[];
  betaincinv: { a: number; b: number; q: number; x: number }[];
  binomtest: {
    k: number;
    n: number;
    p: number;
    pvalue: number;
    ci_exact: [number, number];
    ci_scipy: [number, number];
  }[];
  sessions: SessionCase[];
  obrienFleming: { t: number; alpha: number; spent: number }[];
  poisson: {
    name: string;
    base: number[];
    cand: number[];
    counts: [number, number];
    p: number;
    estimate: number;
    ci: [number, number];
    se: number;
    mdc: number;
  }[];
}

export const sessionsReference: SessionsReference = JSON.parse(
  readFileSync(new URL('../fixtures/stats/sessions.json', import.meta.url), 'utf8'),
  (_key, value: unknown) => (value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value),
) as SessionsReference;
