/**
 * Expands a suite's parameter lists into one benchmark per combination, each with a stable id:
 * `suite/name?a=1&b=x` with parameters sorted by name, so ids do not depend on declaration order
 * and stay comparable across runs and versions.
 */
import type { BenchmarkId, Params, ParamValue } from '../model/types.js';

export interface Expanded<T> {
  id: BenchmarkId;
  name: string;
  params: Params;
  def: T;
}

/** Suite and benchmark names: lower-case kebab-case (dots and underscores allowed). */
export const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

export function benchmarkId(suite: string, name: string, params: Params): BenchmarkId {
  const keys = Object.keys(params).sort();
  if (keys.length === 0) return `${suite}/${name}`;
  const query = keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`).join('&');
  return `${suite}/${name}?${query}`;
}

/** Cartesian product of parameter lists, in declaration order of keys and values. */
export function cartesian(params: Record<string, readonly ParamValue[]> | undefined): Params[] {
  let combos: Params[] = [{}];
  for (const [key, values] of Object.entries(params ?? {})) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new Error(`parameter "${key}" must list at least one value`);
    }
    const out: Params[] = [];
    for (const combo of combos) for (const v of values) out.push({ ...combo, [key]: v });
    combos = out;
  }
  return combos;
}

export function expandSuite<T extends { name: string; params?: Record<string, readonly ParamValue[]> }>(
  suiteName: string,
  benchmarks: readonly T[],
): Expanded<T>[] {
  if (!NAME_RE.test(suiteName)) throw new Error(`suite name "${suiteName}" must be lower-case kebab-case`);
  const seen = new Set<string>();
  const out: Expanded<T>[] = [];
  for (const def of benchmarks) {
    if (!NAME_RE.test(def.name))
      throw new Error(`benchmark name "${def.name}" in suite "${suiteName}" must be lower-case kebab-case`);
    for (const e of expandBenchmark(suiteName, def)) {
      if (seen.has(e.id)) throw new Error(`duplicate benchmark id "${e.id}"`);
      seen.add(e.id);
      out.push(e);
    }
  }
  return out;
}

/** One benchmark's combinations, unchecked (expandSuite and validateSuite check names and duplicates). */
export function expandBenchmark<T extends { name: string; params?: Record<string, readonly ParamValue[]> }>(
  suiteName: string,
  def: T,
): Expanded<T>[] {
  return cartesian(def.params).map((params) => ({
    id: benchmarkId(suiteName, def.name, params),
    name: def.name,
    params,
    def,
  }));
}

/** Parses an id back into its parts (inverse of benchmarkId; values come back as strings). */
export function parseBenchmarkId(id: BenchmarkId): { suite: string; name: string; params: Record<string, string> } {
  const [path = '', query = ''] = id.split('?', 2);
  const slash = path.indexOf('/');
  if (slash <= 0) throw new Error(`not a benchmark id: "${id}"`);
  const params: Record<string, string> = {};
  for (const pair of query ? query.split('&') : []) {
    const [k = '', v = ''] = pair.split('=', 2);
    params[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return { suite: path.slice(0, slash), name: path.slice(slash + 1), params };
}
