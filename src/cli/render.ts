/** Terminal renderings of stored runs (run, show, runs). Pure: values in, string out. */
import type { Run, Summary } from '../model/types.js';
import type { StoredResult } from '../store/store.js';
import { formatValue } from '../model/format.js';
import { textTable, type Cell } from '../report/text-table.js';

export function runHeadline(run: Run): string {
  const git = run.git.commit
    ? `${run.git.branch ?? '?'}@${run.git.commit.slice(0, 10)}${run.git.dirty ? '+dirty' : ''}`
    : 'no git';
  const env = run.environment;
  const browser = env ? `Chromium ${env.browserVersion.replace(/^(Headless)?Chrome\//, '')}` : 'no browser';
  const iso = env
    ? env.crossOriginIsolated
      ? `isolated, timer ${formatValue(env.timerResolutionMs, 'ms')}`
      : 'NOT isolated'
    : '';
  return (
    `run ${run.id} (${run.uuid.slice(0, 8)}) ${run.status}  ${run.startedAt}  ${git}  ` +
    `${browser}${iso ? `  ${iso}` : ''}${run.label ? `  label=${run.label}` : ''}`
  );
}

export function resultsTable(
  results: StoredResult[],
  errors: Array<{ id: string; error: string | null }>,
  color: boolean,
): string {
  const rows: Cell[][] = [['benchmark', 'metric', 'n', 'median', 'p95', 'CV', 'ops/sample']];
  for (const r of results) {
    const s: Summary = r.summary;
    const counter = r.kind === 'counter';
    rows.push([
      r.benchmarkId,
      r.metric,
      String(s.n),
      formatValue(s.median, r.unit),
      counter ? '' : formatValue(s.p95, r.unit),
      counter || !Number.isFinite(s.cv) ? '' : `${(s.cv * 100).toFixed(1)}%`,
      r.kind === 'time' ? String(r.innerIterations) : '',
    ]);
  }
  for (const e of errors) rows.push([e.id, { text: 'ERROR', styles: ['red'] }, '', e.error ?? '', '', '', '']);
  return textTable(rows, { align: ['l', 'l', 'r', 'r', 'r', 'r', 'r'], color }).join('\n');
}

export function runsTable(runs: Run[], color: boolean): string {
  const rows: Cell[][] = [['id', 'uuid', 'started', 'status', 'git', 'label', 'suites', 'browser']];
  for (const r of runs) {
    const status: Cell =
      r.status === 'complete' ? r.status : { text: r.status, styles: [r.status === 'running' ? 'yellow' : 'red'] };
    rows.push([
      String(r.id),
      r.uuid.slice(0, 8),
      r.startedAt.replace('T', ' ').slice(0, 19),
      status,
      r.git.commit ? `${r.git.branch ?? '?'}@${r.git.commit.slice(0, 8)}${r.git.dirty ? '+' : ''}` : '-',
      r.label ?? '',
      r.suites.join(','),
      r.environment?.browserVersion.replace(/^(Headless)?Chrome\//, '') ?? '',
    ]);
  }
  return textTable(rows, { align: ['r', 'l', 'l', 'l', 'l', 'l', 'l', 'l'], color }).join('\n');
}
