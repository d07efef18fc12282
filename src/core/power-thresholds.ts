/**
 * `power --write`: noise thresholds from the estimated paired MDC of a power report. Pure; the CLI
 * writes the overrides with config/write.ts and prints the messages.
 *
 * Rule: a time benchmark's threshold is max(global noise, paired MDC rounded up to a whole percent).
 * Never silently: every benchmark whose MDC exceeds the global threshold is named with what it
 * cannot detect (issue 9 item 5: "a benchmark that cannot reach its threshold is named as such, not
 * silently widened"), and one with no MDC in the grid is named but gets no override, since any
 * threshold written would be a guess.
 */
import type { Config } from '../config/config.js';
import type { NoiseOverride } from '../config/write.js';
import type { PowerReport } from '../analysis/power.js';

export interface PowerThresholds {
  overrides: NoiseOverride[];
  /** One line per benchmark that cannot detect changes at the global threshold. */
  messages: string[];
}

/** Rounds a relative change up to a whole percent (the epsilon keeps 0.07 at 7%, not 8%). */
export const ceilPercent = (x: number): number => Math.ceil(x * 100 - 1e-9) / 100;

const percent = (x: number): string => `${Math.round(x * 100)}%`;

export function thresholdsFromPower(report: PowerReport, config: Pick<Config, 'thresholds'>): PowerThresholds {
  const global = config.thresholds.noise;
  const sessions = `with ${report.trialSessions} sessions on this machine`;
  const top = report.mdcGrid[report.mdcGrid.length - 1] ?? 100;
  const overrides: NoiseOverride[] = [];
  const messages: string[] = [];
  for (const row of report.rows) {
    const name = `${row.benchmarkId}${row.metric === 'time' ? '' : ` ${row.metric}`}`;
    if (row.mdcPaired === null) {
      messages.push(`${name}: cannot detect <= ${top}% ${sessions} (no override written)`);
      continue;
    }
    const noise = ceilPercent(row.mdcPaired);
    if (noise <= global) continue;
    overrides.push({ benchmarkId: row.benchmarkId, metric: row.metric, noise });
    messages.push(`${name}: cannot detect < ${percent(noise)} ${sessions} (threshold set to ${percent(noise)})`);
  }
  return { overrides, messages };
}
