/** Writes a comparison in the format asked for (table, markdown, json, junit) to stdout or --out. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import type { CompareOutcome } from '../core/compare.js';
import { reportData } from '../core/report-data.js';
import { renderJUnit, renderJson, renderMarkdown, renderTerminalTable } from '../report/index.js';
import type { OutputOptions } from './output.js';
import { paint } from '../report/ansi.js';
import { FAILING_VERDICTS } from '../verdict/exit-code.js';
import type { ReportSeries } from '../report/model.js';

export type Format = 'table' | 'markdown' | 'json' | 'junit';

export interface FormatArgs {
  format?: Format;
  out?: string;
  junit?: string;
}

export function formatOptions<T>(y: Argv<T>) {
  return y
    .option('format', {
      choices: ['table', 'markdown', 'json', 'junit'] as const,
      describe: 'output format (default table; json with --json)',
    })
    .option('out', { type: 'string', describe: 'write the output to this file instead of stdout' })
    .option('junit', {
      type: 'string',
      describe: 'also write the same verdicts as JUnit XML to this file (CI test reports beside a markdown comment)',
    });
}

function renderTable(outcome: CompareOutcome, color: boolean): string {
  const lines: string[] = [];
  lines.push(
    `candidate run ${outcome.candidate.id} (${outcome.candidate.uuid.slice(0, 8)}) ` +
      `against ${outcome.baseline.label} (run${outcome.baseline.runs.length > 1 ? 's' : ''} ` +
      `${outcome.baseline.runs.map((r) => r.id).join(', ')})`,
  );
  for (const w of outcome.envWarnings) lines.push(paint(color, `warning: ${w}`, 'yellow'));
  lines.push(renderTerminalTable(outcome.verdicts, { color }));
  const failing = outcome.verdicts.filter((v) => FAILING_VERDICTS.has(v.verdict));
  if (failing.length) {
    lines.push('');
    for (const v of failing)
      lines.push(
        `${paint(color, v.verdict.toUpperCase(), 'red')}${v.severity ? ` (${v.severity})` : ''} ${v.explanation}`,
      );
  }
  return lines.join('\n') + '\n';
}

export function renderOutcome(
  outcome: CompareOutcome,
  format: Format,
  color: boolean,
  series: ReportSeries[] = [],
): string {
  if (format === 'table') return renderTable(outcome, color);
  const data = reportData(outcome, series, [outcome.candidate, ...outcome.baseline.runs]);
  if (format === 'markdown') return renderMarkdown(data);
  if (format === 'junit') return renderJUnit(data);
  return renderJson(data);
}

function writeFile(path: string, text: string, format: Format): void {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stderr.write(`wrote ${format} to ${file}\n`);
}

export function writeOutcome(
  outcome: CompareOutcome,
  args: FormatArgs,
  out: OutputOptions,
  series: ReportSeries[] = [],
): void {
  const format: Format = args.format ?? (out.json ? 'json' : 'table');
  const text = renderOutcome(outcome, format, out.color && !args.out, series);
  // The same outcome in a second format: one decision, two renderings (a later `compare` would
  // re-decide at the fixed-sample alpha, not at the looks of --auto).
  if (args.junit) writeFile(args.junit, renderOutcome(outcome, 'junit', false, series), 'junit');
  if (args.out) {
    writeFile(args.out, text, format);
    // A file for CI artefacts does not replace the console summary.
    if (format !== 'table' && !out.json) process.stdout.write(renderTable(outcome, out.color));
  } else process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
