/**
 * Which change points fail a night (`check --nightly`).
 *
 * E-divisive finds changes in the distribution of a series, not only in its level, and a nightly job
 * looks at every benchmark and metric at once, so three rules stand between a change point and an
 * alert:
 * - **In the newest window** of `window` runs: older changes were already reported.
 * - **Big enough:** the median after the change differs from the median before by at least
 *   `minChange` (relative). A change point that moved the median less is a change in spread or
 *   shape (`variance`): it is reported as such and never fails the night.
 * - **Controlled across series:** Benjamini-Hochberg at `fdr` over the permutation p-values of
 *   every level change in the newest windows of the night (both directions), so a night with more
 *   series does not raise more false alarms (Benjamini & Hochberg, JRSS B 57, 1995). The permutation
 *   p-value cannot go below 1/(permutations + 1), which bounds how many series one night can check:
 *   with 199 permutations a lone change among m series needs 0.005 <= fdr / m.
 * Alerts are the bad-direction level changes that pass.
 */
import type { ChangePoint } from '../model/types.js';
import { benjaminiHochberg } from './benjamini-hochberg.js';

export interface NightlySeries {
  changePoints: readonly ChangePoint[];
  /** Number of points in the series. */
  length: number;
}

export interface NightlyOptions {
  window: number;
  minChange: number;
  fdr: number;
}

export interface NightlyChange extends ChangePoint {
  kind: 'level' | 'variance';
  /** BH-adjusted p over the night's level changes (NaN for variance changes). */
  pAdjusted: number;
  alert: boolean;
}

export function nightlyChanges(series: readonly NightlySeries[], opts: NightlyOptions): NightlyChange[] {
  const recent = series.flatMap((s) =>
    s.changePoints.filter((c) => c.index >= s.length - opts.window && c.index < s.length),
  );
  const level = recent.filter((c) => Math.abs(c.change) >= opts.minChange);
  const adjusted = benjaminiHochberg(level.map((c) => c.pValue));
  const out: NightlyChange[] = level.map((c, i) => ({
    ...c,
    kind: 'level',
    pAdjusted: adjusted[i]!,
    alert: c.regression && adjusted[i]! <= opts.fdr,
  }));
  for (const c of recent)
    if (!level.includes(c)) out.push({ ...c, kind: 'variance', pAdjusted: Number.NaN, alert: false });
  return out;
}
