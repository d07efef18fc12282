/** The `power` report as a markdown table (docs/statistics.md pastes what this prints). Pure. */
import type { PowerReport, Rate } from '../core/power.js';

const pct = (x: number, digits = 0): string => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : 'n/a');
const rate = (r: Rate): string => (r.trials ? `${r.hits}/${r.trials} [${pct(r.ci.low)}, ${pct(r.ci.high)}]` : 'n/a');
const detects = (d: number | null, delays: number[]): string => (d === null ? `> ${delays[delays.length - 1]}%` : `${d}%`);

export function renderPowerMarkdown(report: PowerReport, context: { measuredAt: string; browser: string | null }): string {
  const lines: string[] = [];
  lines.push(
    `Pool of ${report.poolSessions} sessions measured ${context.measuredAt.slice(0, 16).replace('T', ' ')} UTC with ${context.browser ?? 'unknown browser'}; ` +
      `${report.trials} trials of ${report.trialSessions} sessions per side; injected delays ${report.delays.map((d) => `${d}%`).join(', ')}. ` +
      `Rates are hits/trials with a Wilson 95% interval on the pool's disjoint-trial count.`,
  );
  lines.push('');
  lines.push(`A/A checks that would exit 1: paired ${rate(report.checks.paired)}, stored-baseline ${rate(report.checks.unpaired)}.`);
  lines.push('');
  const delayCols = report.delays.map((d) => `paired ${d}%`);
  const udelayCols = report.delays.map((d) => `stored ${d}%`);
  lines.push(`| benchmark | label | sd between | sd paired | best samples/session | paired A/A | ${delayCols.join(' | ')} | stored A/A | ${udelayCols.join(' | ')} | paired detects | stored detects |`);
  lines.push(`| :--- | :--- | ---: | ---: | ---: | ---: | ${delayCols.map(() => '---:').join(' | ')} | ---: | ${udelayCols.map(() => '---:').join(' | ')} | ---: | ---: |`);
  for (const r of report.rows) {
    const cells = [
      `${r.benchmarkId}${r.metric === 'time' ? '' : ` ${r.metric}`}`,
      r.label,
      r.sdBetween.toFixed(3),
      r.sdPaired.toFixed(3),
      Number.isFinite(r.bestSamplesPerSession) ? String(r.bestSamplesPerSession) : 'n/a',
      pct(r.paired.falseAlarms.rate),
      ...r.paired.detection.map((d) => pct(d.rate.rate)),
      pct(r.unpaired.falseAlarms.rate),
      ...r.unpaired.detection.map((d) => pct(d.rate.rate)),
      detects(r.detectsPaired, report.delays),
      detects(r.detectsUnpaired, report.delays),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const all = (pick: (r: PowerReport['rows'][number]) => Rate) => {
    const hits = report.rows.reduce((a, r) => a + pick(r).hits, 0);
    const trials = report.rows.reduce((a, r) => a + pick(r).trials, 0);
    return `${hits}/${trials} (${pct(trials ? hits / trials : Number.NaN, 2)})`;
  };
  lines.push('');
  lines.push(`Time-metric verdicts flagged in A/A trials: paired ${all((r) => r.paired.falseAlarms)}, stored-baseline ${all((r) => r.unpaired.falseAlarms)}.`);
  return lines.join('\n') + '\n';
}
