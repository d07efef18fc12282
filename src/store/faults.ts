/**
 * SQLite errors that come from the machine, not from our data or the user's input: a full disk, an
 * I/O error, a read-only file, a lock another process holds past the busy timeout. The store's
 * write paths turn them into one-line EnvironmentErrors (exit 3) here, in one place; every other
 * error (a constraint, a bug) passes through unchanged.
 */
import Database from 'better-sqlite3';
import { EnvironmentError } from '../model/errors.js';
import { findHolders, formatHolders } from './holders.js';

/** Primary result codes of faults in the environment (extended codes such as SQLITE_IOERR_WRITE share them). */
const ENVIRONMENT_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
  'SQLITE_NOLFS',
  'SQLITE_PERM',
]);

export type StoreFault = InstanceType<Database.SqliteError>;

export function isStoreFault(e: unknown): e is StoreFault {
  if (!(e instanceof Database.SqliteError)) return false;
  return ENVIRONMENT_CODES.has(e.code.split('_').slice(0, 2).join('_'));
}

export interface FaultContext {
  path: string;
  busyTimeoutMs: number;
  /** How long the failed statement ran; a busy lock it gave up on early is told as such. */
  waitedMs?: number;
}

/**
 * What went wrong, naming the SQLite code: "database or disk is full (SQLITE_FULL)". A lock names
 * its holder, so it must be described while the other process still holds it.
 */
export function faultReason(e: StoreFault, ctx: FaultContext): string {
  if (e.code.startsWith('SQLITE_BUSY')) {
    const who = formatHolders(findHolders(ctx.path));
    const locked = `database ${ctx.path} is locked by another process${who ? ` (${who})` : ''}`;
    // SQLite returns BUSY without waiting in some races (a read turning into a write, a journal
    // mode switch): saying "for longer than the busy timeout" would then be false.
    if (ctx.waitedMs !== undefined && ctx.waitedMs < ctx.busyTimeoutMs / 2)
      return (
        `${locked}; SQLite gave up after ${Math.round(ctx.waitedMs)} ms, ` +
        `without waiting the ${ctx.busyTimeoutMs} ms busy timeout (${e.code})`
      );
    return `${locked} for longer than the ${ctx.busyTimeoutMs} ms busy timeout (${e.code})`;
  }
  return `${e.message} (${e.code})`;
}

/** `doing: reason`, e.g. "could not start the run: database or disk is full (SQLITE_FULL)". */
export function toEnvironmentError(
  doing: string,
  e: StoreFault,
  ctx: FaultContext,
  consequence?: string,
): EnvironmentError {
  return new EnvironmentError(`${doing}: ${faultReason(e, ctx)}${consequence ? `; ${consequence}` : ''}`);
}
