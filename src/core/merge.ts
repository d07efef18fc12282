/**
 * `merge OUT IN...`: every run of every input store into OUT (deduplicated by uuid, like
 * `import`), then the shard runs of each sharded run combined into one (core/shard-merge.ts).
 *
 * Inputs are opened read-only and never migrated or reaped; one from a newer jepsh-bench is
 * refused before anything is written. The shard runs are removed from OUT once combined: they live
 * on in the inputs, and OUT then holds each sharded run once, so histories, `latest` and branch
 * baselines see one run. Their uuids stay in the combined run's `options.mergedFrom`, so merging
 * the same inputs again imports nothing twice; baselines that named a shard name the combined run.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { UsageError, errorMessage } from '../model/errors.js';
import type { Store } from '../store/store.js';
import { SCHEMA_VERSION } from '../store/schema.js';
import { copyRun, emptyCount, insertRunRecord, readRunRecord, recordIds, type ImportCount } from '../store/portable.js';
import { hostSalt, oneOffSalt } from '../store/host.js';
import { combineShards, groupShards } from './shard-merge.js';

export interface MergedGroup {
  group: string;
  runId: number;
  uuid: string;
  shards: number;
  missing: number[];
}

export interface MergeOutcome extends ImportCount {
  merged: MergedGroup[];
  warnings: string[];
}

interface Input {
  path: string;
  db: Database.Database;
  salt: string;
}

/** An input store, read-only; refused (exit 2) when it is OUT itself, missing, not a store, or from a newer schema. */
function openInput(path: string, out: string): Input {
  if (resolve(path) === resolve(out)) throw new UsageError(`${path} is the output store; name it once, as OUT`);
  if (!existsSync(path)) throw new UsageError(`no store ${path} to merge`);
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw new UsageError(
        `store ${path} has schema version ${version}, ` +
          `newer than this jepsh-bench understands (${SCHEMA_VERSION}); upgrade jepsh-bench`,
      );
    if (version === 0) throw new UsageError(`${path} is not a jepsh-bench store (no schema version)`);
    // A store from before host hashing has no salt: its names are hashed with a one-off salt.
    return { path, db, salt: hostSalt(db) ?? oneOffSalt() };
  } catch (e) {
    db?.close();
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read store ${path}: ${errorMessage(e)}`);
  }
}

export function mergeStores(out: Store, inputs: readonly string[], newUuid: () => string = randomUUID): MergeOutcome {
  const opened: Input[] = [];
  const count = emptyCount();
  try {
    for (const path of inputs) opened.push(openInput(path, out.path));
    for (const input of opened) {
      for (const id of recordIds(input.db)) copyRun(out, input.db, id, input.salt, count);
    }
  } finally {
    for (const input of opened) input.db.close();
  }
  return { ...count, ...combineStoredShards(out, newUuid) };
}

/** Combines the complete shard runs in `store`, one sharded run (group) at a time, each in one transaction. */
export function combineStoredShards(
  store: Store,
  newUuid: () => string = randomUUID,
): { merged: MergedGroup[]; warnings: string[] } {
  const rows = store.db
    .prepare(
      "SELECT id, json_extract(options, '$.shard.group') AS grp FROM runs WHERE status = 'complete' AND " +
        "json_extract(options, '$.shard.group') IS NOT NULL ORDER BY id",
    )
    .all() as Array<{ id: number; grp: string }>;
  const byGroup = new Map<string, number[]>();
  for (const r of rows) byGroup.set(r.grp, [...(byGroup.get(r.grp) ?? []), r.id]);
  const salt = hostSalt(store.db) ?? oneOffSalt();
  const merged: MergedGroup[] = [];
  const warnings: string[] = [];
  for (const [group, ids] of byGroup) {
    const [g] = groupShards(ids.map((id) => readRunRecord(store.db, id, salt)));
    if (!g) continue;
    const combined = combineShards(g, newUuid());
    const earlier = store.db
      .prepare(`SELECT id FROM runs WHERE json_extract(options, '$.shardGroup') = ? ORDER BY id`)
      .all(group) as Array<{ id: number }>;
    if (earlier.length)
      warnings.push(
        `group ${group} was merged before (run ${earlier.map((e) => e.id).join(', ')}): ` +
          'these shards make a run of their own',
      );
    warnings.push(...combined.warnings);
    const runId = store.transaction(`could not merge the shards of group ${group}`, () => {
      const id = insertRunRecord(store, combined.run);
      const marks = ids.map(() => '?').join(', ');
      store.db.prepare(`UPDATE baselines SET run_id = ? WHERE run_id IN (${marks})`).run(id, ...ids);
      store.db.prepare(`DELETE FROM runs WHERE id IN (${marks})`).run(...ids);
      return id;
    });
    merged.push({ group, runId, uuid: combined.run.uuid, shards: g.shards.length, missing: combined.missing });
  }
  return { merged, warnings };
}
