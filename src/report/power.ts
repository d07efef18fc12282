/** The `power` report as a markdown table (docs/statistics.md pastes what this prints). Pure. */
import { MAX_BEST_SAMPLES, type PowerReport, type Rate } from '../analysis/power.js';

const pct = (x: number, digits = 0): string => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : 'n/a');
const rate = (r: Rate): string => (r.trials ? `${r.hits}/${r.trials} [${pct(r.ci.low)}, ${pct(r.ci.high)}]` : 'n/a');
const detects = (d: number | null, delays: number[]): string =>
  d === null ? `> ${delays[delays.length - 1]}%` : `${d}%`;
/** An estimated MDC (relative), '> top of the grid' when not reached, 'n/a' when the mode had no trials. */
const mdc = (m: number | null, grid: number[], trials: number): string =>
  trials === 0 ? 'n/a' : m === null ? `> ${grid[grid.length - 1]}%` : pct(m);

/** Median of MDCs where not reached counts as infinitely large (so a majority of those shows as '> top'). */
function medianMdc(values: (number | null)[]): number | null {
  const sorted = values.map((v) => v ?? Infinity).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length / 2;
  const m = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Number.isFinite(m) ? m : null;
}

export function renderPowerMarkdown(
  report: PowerReport,
  context: { measuredAt: string; browser: string | null },
): string {
  const lines: string[] = [];
  lines.push(
    `Pool of ${report.poolSessions} sessions measured ${context.measuredAt.slice(0, 16).replace('T', ' ')} UTC ` +
      `with ${context.browser ?? 'unknown browser'}; ` +
      `${report.trials} trials of ${report.trialSessions} sessions per side; ` +
      `injected delays ${report.delays.map((d) => `${d}%`).join(', ')}. ` +
      `Rates are hits/trials with a Wilson 95% interval on the pool's disjoint-trial count.`,
  );
  lines.push('');
  lines.push(
    `A/A checks that would exit 1: paired ${rate(report.checks.paired)}, ` +
      `stored-baseline ${rate(report.checks.unpaired)}.`,
  );
  lines.push('');
  const delayCols = report.delays.map((d) => `paired ${d}%`);
  const udelayCols = report.delays.map((d) => `stored ${d}%`);
  lines.push(
    '| benchmark | label stored | label paired | sd between | sd paired | best samples/session | paired A/A | ' +
      `${delayCols.join(' | ')} | stored A/A | ${udelayCols.join(' | ')} | ` +
      'paired detects | stored detects | paired MDC (est.) | stored MDC (est.) |',
  );
  lines.push(
    `| :--- | :--- | :--- | ---: | ---: | ---: | ---: | ${delayCols.map(() => '---:').join(' | ')} | ---: | ` +
      `${udelayCols.map(() => '---:').join(' | ')} | ---: | ---: | ---: | ---: |`,
  );
  for (const r of report.rows) {
    const cells = [
      `${r.benchmarkId}${r.metric === 'time' ? '' : ` ${r.metric}`}`,
      r.label,
      r.pairedLabel,
      r.sdBetween.toFixed(3),
      r.sdPaired.toFixed(3),
      !Number.isFinite(r.bestSamplesPerSession)
        ? 'n/a'
        : r.bestSamplesPerSession >= MAX_BEST_SAMPLES
          ? `>= ${MAX_BEST_SAMPLES}`
          : String(r.bestSamplesPerSession),
      pct(r.paired.falseAlarms.rate),
      ...r.paired.detection.map((d) => pct(d.rate.rate)),
      pct(r.unpaired.falseAlarms.rate),
      ...r.unpaired.detection.map((d) => pct(d.rate.rate)),
      detects(r.detectsPaired, report.delays),
      detects(r.detectsUnpaired, report.delays),
      mdc(r.mdcPaired, report.mdcGrid, report.mdcTrials),
      mdc(r.mdcUnpaired, report.mdcGrid, r.unpaired.falseAlarms.trials && report.mdcTrials),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const all = (pick: (r: PowerReport['rows'][number]) => Rate) => {
    const hits = report.rows.reduce((a, r) => a + pick(r).hits, 0);
    const trials = report.rows.reduce((a, r) => a + pick(r).trials, 0);
    return `${hits}/${trials} (${pct(trials ? hits / trials : Number.NaN, 2)})`;
  };
  lines.push('');
  lines.push(
    `Time-metric verdicts flagged in A/A trials: paired ${all((r) => r.paired.falseAlarms)}, ` +
      `stored-baseline ${all((r) => r.unpaired.falseAlarms)}.`,
  );
  const storedTrials = report.checks.unpaired.trials && report.mdcTrials;
  lines.push('');
  lines.push(
    'Smallest change detected in >= 80% of trials ' +
      `(MDC, estimated by scaling the A/A twin over ${report.mdcTrials} trials per grid point, ` +
      'not measured with an injected delay): ' +
      'median over benchmarks ' +
      `${mdc(medianMdc(report.rows.map((r) => r.mdcPaired)), report.mdcGrid, report.mdcTrials)} paired, ` +
      `${mdc(medianMdc(report.rows.map((r) => r.mdcUnpaired)), report.mdcGrid, storedTrials)} stored.`,
  );
  return lines.join('\n') + '\n';
}
