/**
 * ANSI styling for terminal text, shared by the CLI and the terminal report. Whether colour is on
 * is the caller's decision (TTY, NO_COLOR, --color: see cli/output.ts), so tests see plain text.
 */
const CODES = {
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  magenta: '\x1b[35m',
  cyan: '\x1b[36m',
} as const;
const RESET = '\x1b[0m';

export type Style = keyof typeof CODES;

/** `text` in the given styles when `on`; unchanged when off, unstyled or empty (no stray escapes). */
export function paint(on: boolean, text: string, ...styles: Style[]): string {
  if (!on || styles.length === 0 || text === '') return text;
  return `${styles.map((s) => CODES[s]).join('')}${text}${RESET}`;
}
