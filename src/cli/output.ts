/**
 * Terminal output conventions: results to stdout, progress and warnings to stderr; colour only on a
 * TTY and never when NO_COLOR is set (https://no-color.org); a live progress line only on a TTY.
 */
import type { Progress } from '../browser/session.js';
import { paint } from '../report/ansi.js';

export interface OutputOptions {
  json: boolean;
  color: boolean;
  tty: boolean;
}

export function outputOptions(json: boolean, env: NodeJS.ProcessEnv = process.env): OutputOptions {
  const tty = process.stderr.isTTY === true;
  const color = process.stdout.isTTY === true && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
  return { json, color, tty };
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(s % 60).padStart(2, '0')}s`;
}

/** A live one-line progress display on stderr (TTY only): which benchmark, how far, ETA. */
export function progressPrinter(out: OutputOptions): ((p: Progress) => void) | undefined {
  if (!out.tty || out.json) return undefined;
  return (p) => {
    if (p.phase === 'start') {
      const eta = p.etaMs === null ? '' : `  ETA ${formatDuration(p.etaMs)}`;
      const line =
        `[${p.index + 1}/${p.total}] session ${p.round + 1}` + `${p.side ? ` ${p.side}` : ''}  ${p.benchmarkId}${eta}`;
      process.stderr.write(`\r\u001b[2K${line.slice(0, (process.stderr.columns ?? 120) - 1)}`);
    } else if (p.outcome && !p.outcome.ok) {
      process.stderr.write(`\r\u001b[2K${paint(out.color, 'error', 'red')} ${p.benchmarkId}: ${p.outcome.error}\n`);
    }
    if (p.phase === 'done' && p.index + 1 === p.total) process.stderr.write('\r\u001b[2K');
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
