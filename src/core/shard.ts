/**
 * `--shard K/N`: one of N runners measures its share of the benchmarks, and `merge` puts the N
 * shard runs back together. The split must be the same on every runner without them talking to
 * each other, so it is a pure function of the benchmark ids and their weights (stored durations),
 * and balanced by the longest-processing-time rule: heaviest benchmark first, each to the shard
 * with the least work so far (within 4/3 of the best possible makespan, Graham 1969).
 * Runners that restore the same history store compute the same split; without a history every
 * benchmark weighs the same and the split depends on the ids alone.
 */
import { UsageError } from '../model/errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** What a shard run stores in its options: `merge` combines the runs of one group. */
export interface ShardOptions extends Shard {
  /** Identifies one sharded run across runners: the commit and the label. */
  group: string;
}

export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard must be K/N with 1 <= K <= N, e.g. 1/2, got "${text}"`);
  return { index, count };
}

export function shardGroup(commit: string | null, label: string | null): string {
  return `${commit ?? 'no-git'}:${label ?? ''}`;
}

/**
 * Shard (1-based) of every id. Unknown weights count as the median known weight (1 when none is
 * known), so a new benchmark neither lands everywhere nor skews the balance. Ties are broken by id
 * and by the lower shard index, so the result does not depend on the input order.
 */
export function assignShards(
  ids: readonly string[],
  count: number,
  weightOf: (id: string) => number | undefined,
): Map<string, number> {
  const known = ids
    .map(weightOf)
    .filter((w): w is number => w !== undefined && Number.isFinite(w) && w > 0)
    .sort((a, b) => a - b);
  const fallback = known.length ? known[Math.floor((known.length - 1) / 2)]! : 1;
  const weighted = [...new Set(ids)].map((id) => {
    const w = weightOf(id);
    return { id, weight: w !== undefined && Number.isFinite(w) && w > 0 ? w : fallback };
  });
  weighted.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const out = new Map<string, number>();
  for (const { id, weight } of weighted) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s]! < load[best]!) best = s;
    load[best]! += weight;
    out.set(id, best + 1);
  }
  return out;
}

/** The total weight per shard (index 0 = shard 1): how balanced a split is. */
export function shardLoads(
  assignment: ReadonlyMap<string, number>,
  count: number,
  weightOf: (id: string) => number,
): number[] {
  const load = new Array<number>(count).fill(0);
  for (const [id, shard] of assignment) load[shard - 1]! += weightOf(id);
  return load;
}
