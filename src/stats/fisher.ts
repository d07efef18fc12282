/**
 * Fisher's exact test of a 2×2 table, two-sided, as scipy.stats.fisher_exact(table).pvalue: given
 * the margins, the first cell is hypergeometric, and the p-value is the probability of every table
 * no more likely than the observed one (relative tolerance 1e-7 for ties, as scipy). Used by the
 * stored mode-aware test (sessions.ts): how many sessions of each side landed in the upper mode.
 */
import { lnGamma } from './special.js';

const lnChoose = (n: number, k: number) => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);

/** Two-sided p of the table [[a, b], [c, d]] (non-negative integers). */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const x of [a, b, c, d])
    if (!Number.isInteger(x) || x < 0)
      throw new RangeError(`fisherExactTwoSided: cells must be whole numbers >= 0, got ${[a, b, c, d].join(', ')}`);
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  if (n === 0) return 1;
  const lo = Math.max(0, col1 - (c + d));
  const hi = Math.min(row1, col1);
  const lnTotal = lnChoose(n, col1);
  const prob = (x: number) => Math.exp(lnChoose(row1, x) + lnChoose(n - row1, col1 - x) - lnTotal);
  const observed = prob(a) * (1 + 1e-7);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const px = prob(x);
    if (px <= observed) p += px;
  }
  return Math.min(1, p);
}
