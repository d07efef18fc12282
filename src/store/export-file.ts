/**
 * Export files on disk: lines in, lines out. gzip when the name ends in `.gz` (node:zlib), stdout or
 * stdin for `-`. A file is written under a temporary name and renamed when complete, so a failed
 * export never leaves a truncated file where a CI step would pick it up.
 */
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { UsageError } from '../model/errors.js';

export const STDIO = '-';

const gzipped = (file: string): boolean => file.endsWith('.gz');

/** Writes `lines` (each without its newline) to `file`, or to stdout for `-`. */
export async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  if (file === STDIO) {
    // Not through pipeline, which would end process.stdout; waiting for 'drain' keeps memory flat.
    for (const line of lines)
      if (!process.stdout.write(`${line}\n`)) await new Promise((r) => process.stdout.once('drain', r));
    return;
  }
  const source = Readable.from(
    (function* () {
      for (const line of lines) yield `${line}\n`;
    })(),
  );
  const tmp = `${file}.${process.pid}.tmp`;
  const stages: Writable[] = gzipped(file) ? [createGzip(), createWriteStream(tmp)] : [createWriteStream(tmp)];
  try {
    await pipeline(source, ...(stages as [Writable]));
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The lines of `file` (or stdin for `-`), with 1-based numbers; gunzipped when the name ends in `.gz`. */
export async function* readLines(file: string): AsyncGenerator<{ text: string; line: number }> {
  if (file !== STDIO && !existsSync(file)) throw new UsageError(`no file ${file} to import`);
  const raw = file === STDIO ? process.stdin : createReadStream(file);
  const input = gzipped(file) ? raw.pipe(createGunzip()) : raw;
  // A read error of the file ends the gunzip stream with it, so the loop below sees it.
  if (input !== raw) raw.on('error', (e: Error) => input.destroy(e));
  input.setEncoding('utf8');
  let rest = '';
  let line = 0;
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      let from = rest.length;
      rest += chunk;
      let nl: number;
      while ((nl = rest.indexOf('\n', from)) >= 0) {
        line++;
        yield { text: rest.slice(0, nl).replace(/\r$/, ''), line };
        rest = rest.slice(nl + 1);
        from = 0;
      }
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')
      throw new UsageError(`${file} is not valid gzip (${(e as Error).message})`);
    throw e;
  } finally {
    // Also when the reader stops early (only the header was wanted): close the file.
    if (raw !== process.stdin) raw.destroy();
  }
  if (rest.length > 0) yield { text: rest, line: line + 1 };
}
