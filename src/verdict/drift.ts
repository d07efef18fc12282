/**
 * Machine drift between a stored baseline and a candidate, seen through the control workloads
 * (src/controls/suite.ts) that every stored run measures in every session.
 *
 * On the development VM the same code measured 20 minutes apart moved 1.5-1.8x. No statistic on
 * the benchmarks alone can tell that from a code change, but the controls can: they run no code
 * under test, so when most of them (at least two of the three) get a verdict of `regressed`, or
 * most of them `improved` (the same session-level test and thresholds as any benchmark), the
 * machine moved. One control alone is not enough: the allocation control moved +45% on its own in
 * one end-to-end test run while the other two stayed put, a heap or GC state of that control, not
 * a slower machine. Scaling the benchmarks by the controls'
 * ratio would assume every benchmark drifts like the controls do, which nothing here shows, so
 * the verdicts are not corrected: every statistical verdict (time or gauge: frame statistics move
 * with machine speed too) that claims a change becomes `inconclusive`
 * with the controls' measured shift in its explanation, and the check exits 3 (an environment
 * problem) pointing to paired mode (`check --base`), where drift cancels inside each session.
 */
import type { Verdict } from '../model/types.js';
import { formatSignedPercent } from '../model/format.js';

export const CONTROLS_PREFIX = 'controls/';

export interface ControlShift {
  benchmarkId: string;
  /** Candidate / baseline ratio of the control's session values, with its interval. */
  ratio: number;
  low: number;
  high: number;
}

export interface Drift {
  shifts: ControlShift[];
  /** One line naming every shifted control and its change. */
  message: string;
}

export const isControl = (id: string): boolean => id.startsWith(CONTROLS_PREFIX);

/** Drift seen in the controls' verdicts, or null when every control is unchanged (or absent). */
export function detectDrift(controlVerdicts: readonly Verdict[]): Drift | null {
  const shifts: ControlShift[] = [];
  for (const v of controlVerdicts) {
    if (v.metric !== 'time' || (v.verdict !== 'regressed' && v.verdict !== 'improved') || !v.comparison) continue;
    shifts.push({
      benchmarkId: v.benchmarkId,
      ratio: v.comparison.ratio,
      low: v.comparison.ratioCI.low,
      high: v.comparison.ratioCI.high,
    });
  }
  // Most controls, in one direction: one control alone can move for reasons of its own.
  const timed = controlVerdicts.filter((v) => v.metric === 'time').length;
  const up = shifts.filter((s) => s.ratio > 1).length;
  const down = shifts.length - up;
  if (Math.max(up, down) * 2 <= timed || Math.max(up, down) < 2) return null;
  const parts = shifts.map(
    (s) =>
      `${s.benchmarkId} ${formatSignedPercent(s.ratio - 1)} [${formatSignedPercent(s.low - 1)}, ` +
      `${formatSignedPercent(s.high - 1)}]`,
  );
  return {
    shifts,
    message:
      `machine drift: the control workloads moved (${parts.join(', ')}); ` +
      'compare in paired mode (check --base REV) instead',
  };
}

/** Verdicts with every statistical change claim turned inconclusive under drift. */
export function applyDrift(verdicts: readonly Verdict[], drift: Drift | null): Verdict[] {
  if (!drift) return verdicts.slice();
  const worst = drift.shifts.reduce((a, s) => (Math.abs(Math.log(s.ratio)) > Math.abs(Math.log(a.ratio)) ? s : a));
  return verdicts.map((v) => {
    if (v.comparison?.kind === 'counter' || (v.verdict !== 'regressed' && v.verdict !== 'improved')) return v;
    const { severity: _severity, ...rest } = v;
    return {
      ...rest,
      verdict: 'inconclusive',
      explanation:
        `${v.explanation}; ` +
        `inconclusive (machine drift ${formatSignedPercent(worst.ratio - 1)} on ${worst.benchmarkId})`,
    };
  });
}
