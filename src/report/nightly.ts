/**
 * Plain-text output of `check --nightly`: one summary line, then one line per change point in the
 * newest runs (alerts marked CHANGE). Pure: the outcome in, text out.
 */
import type { NightlyChange } from '../stats/nightly.js';
import type { ReportSeries } from './model.js';
import type { Config } from '../config/config.js';
import { formatPercent, formatSignedPercent, formatValue } from '../model/format.js';
import { resultKey } from '../model/ids.js';
import { paint } from './ansi.js';

/**
 * What `check --nightly` found: every change point in the newest window (level or variance,
 * BH-adjusted) and the alerts among them (bad-direction level changes that pass; stats/nightly.ts).
 */
export interface NightlyOutcome {
  series: ReportSeries[];
  regressions: NightlyChange[];
  changes: NightlyChange[];
}
export type NightlySettings = Pick<Config, 'nightlyMinChange' | 'nightlyWindow' | 'nightlyFdr'>;

export function renderNightlyText(nightly: NightlyOutcome, settings: NightlySettings, color: boolean): string {
  const { regressions, series, changes } = nightly;
  const lines = [
    `nightly: ${series.length} series checked ` +
      `(${series.filter((s) => s.relative).length} as ratios to the reference), ${regressions.length} alert(s): ` +
      `bad-direction changes of >= ${formatPercent(settings.nightlyMinChange)} ` +
      `within the newest ${settings.nightlyWindow} runs at FDR ${settings.nightlyFdr}`,
  ];
  const unitOf = new Map(series.map((s) => [resultKey(s), s.unit]));
  for (const c of changes) {
    const unit = unitOf.get(resultKey(c)) ?? '';
    const label = c.alert ? paint(color, 'CHANGE', 'red') : c.kind === 'variance' ? 'variance' : 'change';
    const why =
      c.kind === 'variance'
        ? ', a change in spread or shape (median moved less than the minimum)'
        : `, p_adj=${c.pAdjusted.toFixed(3)}`;
    lines.push(
      `${label} ${c.benchmarkId} ${c.metric}: ` +
        `${formatValue(c.medianBefore, unit)} -> ${formatValue(c.medianAfter, unit)} ` +
        `(${formatSignedPercent(c.change)}) from run ${c.runId}${c.commit ? ` (${c.commit.slice(0, 10)})` : ''}, ` +
        `permutation p=${c.pValue.toFixed(3)}${why}`,
    );
  }
  return lines.map((l) => `${l}\n`).join('');
}
