/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate), as
 * scipy.stats.false_discovery_control(p, method='bh') and R's p.adjust(p, "BH").
 *
 * Why: one check compares hundreds of benchmark metrics; at α = 0.01 each, a handful of unchanged
 * ones would be flagged by chance. BH controls the expected fraction of false regressions among
 * those flagged (Benjamini & Hochberg, JRSS B 57(1), 1995), and is less conservative than Bonferroni.
 *
 * Step-up: with p_(1) <= ... <= p_(m), q_(i) = min_{j >= i} min(1, m·p_(j)/j), returned in the
 * input order. The adjusted values are monotone in the raw ones.
 *
 * NaN entries (comparisons without a p-value) are returned as NaN and do not count towards m.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const out = pValues.map(() => Number.NaN);
  const idx: number[] = [];
  pValues.forEach((p, i) => {
    if (Number.isNaN(p)) return;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must be in [0, 1], got ${p} at index ${i}`);
    idx.push(i);
  });
  const m = idx.length;
  idx.sort((a, b) => pValues[a]! - pValues[b]!);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = idx[rank - 1]!;
    running = Math.min(running, (pValues[i]! * m) / rank);
    out[i] = running;
  }
  return out;
}
