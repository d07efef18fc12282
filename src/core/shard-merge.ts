/**
 * Puts the shard runs of `run --shard K/N` back together as one run (core/shard.ts splits them).
 * Pure: run records in, one run record and its warnings out; core/merge.ts stores it.
 *
 * The combined run holds every benchmark of every shard. Each shard measures the machine-speed
 * controls too (they tell each runner's drift); the combined run keeps the controls of its first
 * shard, whose environment it also takes. Shards that ran in different environments are combined
 * with a warning naming the fields: their results sit in one run but were measured apart, and
 * nothing says so otherwise. A benchmark in two shards is a bad split and combines nothing.
 */
import type { Environment } from '../model/types.js';
import type { ShardOptions } from './shard.js';
import type { RecordBenchmark, RecordResult, RunRecord, StoredEnvironment } from '../store/portable.js';
import { UsageError } from '../model/errors.js';
import { isControl } from '../verdict/drift.js';
import {
  COMPARED_ENVIRONMENT_FIELDS,
  environmentDiff,
  formatEnvironmentDiff,
  type ComparedEnvironmentField,
} from '../verdict/environment.js';

/** `options.shard` of a shard run, or null for any other run. */
export function shardOf(record: RunRecord): ShardOptions | null {
  const s = record.options.shard;
  if (s === undefined || s === null) return null;
  const { index, count, group } = s as Partial<ShardOptions>;
  if (
    typeof group !== 'string' ||
    !Number.isInteger(index) ||
    !Number.isInteger(count) ||
    index! < 1 ||
    index! > count!
  ) {
    throw new UsageError(
      `run ${record.uuid} has a malformed options.shard ${JSON.stringify(s)}: ` +
        'expected { index, count, group } with 1 <= index <= count',
    );
  }
  return { index: index!, count: count!, group };
}

/** The complete shard runs of one sharded run, in shard order. */
export interface ShardGroup {
  group: string;
  count: number;
  shards: Array<{ index: number; record: RunRecord }>;
}

/** Groups the complete shard runs among `records` by `options.shard.group` (in order of first appearance). */
export function groupShards(records: readonly RunRecord[]): ShardGroup[] {
  const groups = new Map<string, ShardGroup>();
  for (const record of records) {
    const shard = record.status === 'complete' ? shardOf(record) : null;
    if (!shard) continue;
    const g = groups.get(shard.group) ?? { group: shard.group, count: shard.count, shards: [] };
    if (g.count !== shard.count)
      throw new UsageError(
        `the shards of group ${shard.group} disagree on the shard count (${g.count} and ${shard.count}): a bad split`,
      );
    g.shards.push({ index: shard.index, record });
    groups.set(shard.group, g);
  }
  for (const g of groups.values()) g.shards.sort((a, b) => a.index - b.index);
  return [...groups.values()];
}

export interface CombinedShards {
  run: RunRecord;
  /** Shard indexes of the group that are not there (the run is then `options.incomplete`). */
  missing: number[];
  /** For the user and stored with the run: different environments, missing shards. */
  warnings: string[];
}

function comparable(env: StoredEnvironment): Pick<Environment, ComparedEnvironmentField> | null {
  if (env.browserVersion === null) return null;
  return Object.fromEntries(COMPARED_ENVIRONMENT_FIELDS.map((f) => [f, env[f] ?? ''])) as Pick<
    Environment,
    ComparedEnvironmentField
  >;
}

/**
 * One run from the shards of a group, with a new uuid. `options.shard` becomes
 * `options.mergedFrom` (the shards' uuids in shard order) and `options.shardGroup`; a group with
 * shards missing is combined all the same and marked `incomplete: true, missingShards: [...]`.
 */
export function combineShards(g: ShardGroup, uuid: string): CombinedShards {
  if (g.shards.length === 0) throw new Error(`group ${g.group} has no shards`);
  for (let i = 1; i < g.shards.length; i++) {
    if (g.shards[i]!.index === g.shards[i - 1]!.index) {
      throw new UsageError(
        `group ${g.group} has two runs of shard ${g.shards[i]!.index} (${g.shards[i - 1]!.record.uuid}, ` +
          `${g.shards[i]!.record.uuid}): two sharded runs share a commit and label; give each its own --label`,
      );
    }
  }
  const first = g.shards[0]!;
  const present = new Set(g.shards.map((s) => s.index));
  const missing = Array.from({ length: g.count }, (_, i) => i + 1).filter((i) => !present.has(i));

  const owner = new Map<string, number>();
  const benchmarks: RecordBenchmark[] = [];
  const results: RecordResult[] = [];
  for (const { index, record } of g.shards) {
    const mine = new Set<string>();
    for (const b of record.benchmarks) {
      if (isControl(b.id) && index !== first.index) continue;
      const other = owner.get(b.id);
      if (other !== undefined)
        throw new UsageError(
          `benchmark ${b.id} is in shard ${other} and shard ${index} of group ${g.group}: ` +
            'a bad split (shards must measure disjoint benchmarks); nothing was merged for this group',
        );
      owner.set(b.id, index);
      mine.add(b.id);
      benchmarks.push(b);
    }
    results.push(...record.results.filter((r) => mine.has(r.benchmarkId)));
  }

  const warnings: string[] = [];
  const base = comparable(first.record.environment);
  for (const { index, record } of g.shards.slice(1)) {
    const diffs = environmentDiff(base, comparable(record.environment));
    if (diffs.length)
      warnings.push(
        `shard ${index} of group ${g.group} ran elsewhere than shard ${first.index}: ` +
          `${formatEnvironmentDiff(diffs)}; its results are in the merged run all the same`,
      );
  }
  if (missing.length)
    warnings.push(
      `group ${g.group}: shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${g.count} missing; ` +
        'merged what is there (incomplete)',
    );

  // Each shard's own warnings (its machine probe) stay, marked with the shard they came from.
  const shardWarnings = g.shards.flatMap(({ index, record }) => record.warnings.map((w) => `shard ${index}: ${w}`));
  const { shard: _shard, ...options } = first.record.options;
  const ended = g.shards.map((s) => s.record.endedAt).filter((t): t is string => t !== null);
  const run: RunRecord = {
    ...first.record,
    uuid,
    startedAt: g.shards.map((s) => s.record.startedAt).reduce((a, b) => (b < a ? b : a)),
    endedAt: ended.length ? ended.reduce((a, b) => (b > a ? b : a)) : null,
    status: 'complete',
    suites: [...new Set(g.shards.flatMap((s) => s.record.suites))],
    options: {
      ...options,
      mergedFrom: g.shards.map((s) => s.record.uuid),
      shardGroup: g.group,
      ...(missing.length > 0 && { incomplete: true, missingShards: missing }),
    },
    warnings: [...shardWarnings, ...warnings],
    error: null,
    // Not a process's run: nothing to reap.
    pid: null,
    host: null,
    benchmarks,
    results,
    baselines: [],
  };
  return { run, missing, warnings };
}
