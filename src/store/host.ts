/**
 * The host a run was measured on. It is stored only so that a run left `running` by a process that
 * died can be recognised as this machine's and reaped (pid + host); for that a keyed hash does as
 * well as the name, so the name is stored as HMAC-SHA256 under a random salt of this database
 * (table `meta`), unless `run --keep-host` asks for it in clear. Exports carry the hash only and
 * never the salt, so a name cannot be tested against an exported hash. Within the database the salt
 * sits beside the hash: this keeps the name out of plain sight, it does not hide it from someone
 * who holds the file and guesses names.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

const HASHED = 'hmac-sha256:';

/** The salt of this database (migration 3); null for a database from before it (read-only inputs of `merge`). */
export function hostSalt(db: Database.Database): string | null {
  try {
    const row = db.prepare(`SELECT value FROM meta WHERE key = 'host_salt'`).get() as { value: string } | undefined;
    return row?.value ?? null;
  } catch {
    return null;
  }
}

/** A salt for one export of a database without its own: hashes that link to nothing else. */
export function oneOffSalt(): string {
  return randomBytes(16).toString('hex');
}

export function hashHost(salt: string, name: string): string {
  return HASHED + createHmac('sha256', salt).update(name).digest('hex');
}

export function isHashedHost(value: string): boolean {
  return value.startsWith(HASHED);
}

/** What a new run records: the hash, or the name itself when kept. */
export function recordedHost(salt: string, name: string, keep: boolean): string {
  return keep ? name : hashHost(salt, name);
}

/** The values a run of this host may carry: hashed, or in clear (`--keep-host`, or a run from before hashing). */
export function hostForms(salt: string, name: string): Set<string> {
  return new Set([hashHost(salt, name), name]);
}

/** The host as an export carries it: a stored hash as it is, a name in clear hashed. */
export function exportedHost(stored: string | null, salt: string): string | null {
  if (stored === null) return null;
  return isHashedHost(stored) ? stored : hashHost(salt, stored);
}
