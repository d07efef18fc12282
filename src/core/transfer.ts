/**
 * `export` and `import`: history that travels between CI jobs and machines as a file of runs
 * (store/export-format.ts). Import is idempotent: a run whose uuid is already in the store (or was
 * merged into a run there) is skipped, so a job can import the same history every time.
 */
import { JepshError, UsageError, errorMessage } from '../model/errors.js';
import type { Store } from '../store/store.js';
import {
  emptyCount,
  importRunRecord,
  readRunRecord,
  recordIds,
  type ImportCount,
  type RecordFilter,
} from '../store/portable.js';
import { headerLine, parseHeader, parseRecordLine, recordLine } from '../store/export-format.js';
import { STDIO, readLines, writeLines } from '../store/export-file.js';
import { hostSalt, oneOffSalt } from '../store/host.js';

/** Writes the runs that pass `filter` (oldest first) to `file`; returns how many. */
export async function exportRuns(store: Store, file: string, filter: RecordFilter = {}): Promise<number> {
  const ids = recordIds(store.db, filter);
  const salt = hostSalt(store.db) ?? oneOffSalt();
  const schema = store.schemaVersion();
  await writeLines(
    file,
    (function* () {
      yield headerLine(schema);
      for (const id of ids) yield recordLine(readRunRecord(store.db, id, salt));
    })(),
  );
  return ids.length;
}

const label = (file: string): string => (file === STDIO ? 'stdin' : file);

/**
 * Reads the header line of every file first, so a file from a newer jepsh-bench stops the import before anything is
 * written.
 */
async function checkHeaders(files: readonly string[]): Promise<void> {
  for (const file of files) {
    if (file === STDIO) continue; // read once only: checked as it is imported
    let seen = false;
    for await (const { text } of readLines(file)) {
      parseHeader(text, label(file));
      seen = true;
      break;
    }
    if (!seen) throw new UsageError(`${file} is empty, not a jepsh-bench export`);
  }
}

/**
 * Imports every run of every file, each run in one transaction. A malformed line stops the import
 * with an input error naming file and line; the runs before it stay imported (a second import
 * skips them).
 */
export async function importFiles(store: Store, files: readonly string[]): Promise<ImportCount> {
  await checkHeaders(files);
  const count = emptyCount();
  for (const file of files) {
    let header = false;
    for await (const { text, line } of readLines(file)) {
      const where = `${label(file)}:${line}`;
      if (!header) {
        parseHeader(text, label(file));
        header = true;
        continue;
      }
      if (text.trim() === '') continue;
      const record = parseRecordLine(text, where);
      try {
        importRunRecord(store, record, count);
      } catch (e) {
        if (e instanceof JepshError) throw e;
        throw new UsageError(`${where}: cannot import run ${record.uuid}: ${errorMessage(e)}`);
      }
    }
    if (!header) throw new UsageError(`${label(file)} is empty, not a jepsh-bench export`);
  }
  return count;
}
