/**
 * Aligned text columns for the terminal: the CLI's tables (runs, results, doctor, calibrate) and
 * the verdict table of the terminal report. Cells are padded as plain text and coloured afterwards,
 * so escape codes never disturb alignment. Widths count code points, which is right for everything
 * printed here (µ, →, ▲, block characters are one column wide); no East Asian wide characters are
 * produced by the harness itself.
 */
import { paint, type Style } from './ansi.js';

/** Text with the styles to paint it in. */
export interface StyledText {
  text: string;
  styles?: Style[];
}

/** A cell: plain text, or styled text. */
export type Cell = string | StyledText;

export interface TextTableOptions {
  /** Per column: left- or right-aligned. Its length is the number of columns. */
  align: ReadonlyArray<'l' | 'r'>;
  color: boolean;
  /** Column titles, printed bold with a rule under them; without it, rows[0] is just a row. */
  header?: readonly string[];
  /** Between columns. Default two spaces. */
  gap?: string;
}

export const textWidth = (s: string): number => [...s].length;

const textOf = (cell: Cell | undefined): string =>
  cell === undefined ? '' : typeof cell === 'string' ? cell : cell.text;
const stylesOf = (cell: Cell | undefined): Style[] =>
  cell === undefined || typeof cell === 'string' ? [] : (cell.styles ?? []);

/** The table as lines, without trailing blanks. */
export function textTable(rows: readonly (readonly Cell[])[], opts: TextTableOptions): string[] {
  const gap = opts.gap ?? '  ';
  const columns = opts.align.map((_, c) => c);
  const widths = columns.map((c) =>
    Math.max(0, ...(opts.header ? [textWidth(opts.header[c] ?? '')] : []), ...rows.map((r) => textWidth(textOf(r[c])))),
  );
  const last = columns.length - 1;
  const pad = (text: string, c: number): string => {
    const fill = ' '.repeat(Math.max(0, widths[c]! - textWidth(text)));
    // A left-aligned last column is not padded: no trailing blanks, coloured or not.
    return opts.align[c] === 'r' ? fill + text : c === last ? text : text + fill;
  };
  const lines: string[] = [];
  if (opts.header) {
    lines.push(
      paint(
        opts.color,
        columns
          .map((c) => pad(opts.header![c] ?? '', c))
          .join(gap)
          .trimEnd(),
        'bold',
      ),
    );
    lines.push(paint(opts.color, widths.map((w) => '─'.repeat(w)).join(gap), 'dim'));
  }
  for (const r of rows)
    lines.push(
      columns
        .map((c) => paint(opts.color, pad(textOf(r[c]), c), ...stylesOf(r[c])))
        .join(gap)
        .trimEnd(),
    );
  return lines;
}
