/**
 * Checks a suite module's default export in Node, before any page loads it. A suite the page
 * would reject (a name that is not kebab-case) or silently mishandle (a typo like `setUp`, a
 * `time` counter beside `run`) becomes a usage error naming the file and the field, instead of a
 * page timeout. Pure: returns every problem, in the order of the fields.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { BenchmarkDef, MetricDecl, ParamValue, SuiteDef } from './api.js';
import { NAME_RE, expandBenchmark } from './expand.js';

export interface SuiteProblem {
  /** A path into the default export: `name`, `benchmarks[2].name`, `benchmarks[0].metrics.bytes.direction`. */
  field: string;
  /** Follows the field in a sentence: `"Bad Name" must be lower-case kebab-case`. */
  message: string;
}

type Add = (field: string, message: string) => void;
type Obj = Record<string, unknown>;

// Records over `keyof` make the compiler keep these lists equal to the API's keys.
const SUITE_KEYS: Record<keyof SuiteDef, true> = { name: true, description: true, benchmarks: true };
const BENCHMARK_KEYS: Record<keyof BenchmarkDef, true> = {
  name: true,
  description: true,
  params: true,
  metrics: true,
  counterOps: true,
  setup: true,
  run: true,
  reset: true,
  gcBeforeOp: true,
  measure: true,
  teardown: true,
  verify: true,
};
const METRIC_KEYS: Record<keyof MetricDecl, true> = { unit: true, direction: true, kind: true, description: true };
const HOOKS = [
  'setup',
  'run',
  'reset',
  'measure',
  'teardown',
  'verify',
] as const satisfies readonly (keyof BenchmarkDef)[];
const DIRECTIONS: readonly MetricDecl['direction'][] = ['lower', 'higher'];
const KINDS: readonly NonNullable<MetricDecl['kind']>[] = ['counter', 'gauge', 'time'];
/**
 * With `run`, the page runner records `time` itself with these fields and skips a declared `time`
 * (page-runner.ts `describe`); a declaration that differs would be ignored, or with kind
 * 'counter' also collected in the counter pass as a second `time` metric.
 */
const RUN_TIME = { unit: 'ms', direction: 'lower', kind: 'time' } as const;

export function validateSuite(def: unknown, file: { name: string; path: string }): SuiteProblem[] {
  const problems: SuiteProblem[] = [];
  const add: Add = (field, message) => problems.push({ field, message });
  if (!isObj(def)) {
    add('default export', `must be defineSuite({ name: "${file.name}", benchmarks: [...] }), got ${show(def)}`);
    return problems;
  }
  if (isName(def.name, 'name', add) && def.name !== file.name)
    add('name', `${show(def.name)} must equal the file name "${file.name}"`);
  optionalString(def.description, 'description', add);
  unknownKeys(def, SUITE_KEYS, '', 'a suite', add);
  if (!Array.isArray(def.benchmarks) || def.benchmarks.length === 0)
    add('benchmarks', `must be a non-empty array of benchmarks, got ${show(def.benchmarks)}`);
  else checkBenchmarks(file.name, def.benchmarks, add);
  return problems;
}

/**
 * One line for a usage error: the first problem and how many more, e.g.
 * `suites/foo.ts: benchmarks[2].name "Bad Name" must be lower-case kebab-case (and 2 more problems)`.
 */
export function formatProblems(file: { path: string }, problems: readonly SuiteProblem[], cwd = process.cwd()): string {
  const where = displayPath(file.path, cwd);
  const [first] = problems;
  if (!first) return `${where}: no problems`;
  const more = problems.length - 1;
  return (
    `${where}: ${first.field} ${first.message}` +
    `${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`
  );
}

/** Relative to `cwd` when the file is under it, else as given. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? path : rel;
}

function checkBenchmarks(suite: string, benchmarks: readonly unknown[], add: Add): void {
  const givenBy = new Map<string, number>(); // benchmark id -> index of the benchmark that gave it first
  benchmarks.forEach((b, i) => {
    const at = `benchmarks[${i}]`;
    if (!isObj(b)) return add(at, `must be a benchmark object, got ${show(b)}`);
    const { name, params } = b;
    const named = isName(name, `${at}.name`, add);
    unknownKeys(b, BENCHMARK_KEYS, at, 'a benchmark', add);
    optionalString(b.description, `${at}.description`, add);
    const expandable = isParams(params, `${at}.params`, add);
    checkMetrics(b, at, add);
    if (b.counterOps !== undefined && !(Number.isInteger(b.counterOps) && (b.counterOps as number) > 0)) {
      add(`${at}.counterOps`, `must be a positive integer, got ${show(b.counterOps)}`);
    }
    for (const hook of HOOKS)
      if (b[hook] !== undefined && typeof b[hook] !== 'function')
        add(`${at}.${hook}`, `must be a function, got ${show(b[hook])}`);
    if (b.run === undefined && b.measure === undefined)
      add(at, 'needs run or measure (one timed operation, or a producer of its own samples)');
    if (b.reset !== undefined && b.run === undefined)
      add(`${at}.reset`, 'needs run (reset restores state between timed run operations)');
    if (b.gcBeforeOp !== undefined && typeof b.gcBeforeOp !== 'boolean')
      add(`${at}.gcBeforeOp`, `must be true or false, got ${show(b.gcBeforeOp)}`);
    if (b.gcBeforeOp === true && b.run === undefined)
      add(`${at}.gcBeforeOp`, 'needs run (it collects before each timed run operation)');
    if (!named || !expandable) return;
    // Ids after parameter expansion (the runner's own expandBenchmark), so `a` twice or
    // `n: [1, 1]` is caught here rather than by expandSuite in the page.
    for (const { id } of expandBenchmark(suite, { name, params })) {
      const first = givenBy.get(id);
      if (first === i) return add(`${at}.params`, `give benchmark id "${id}" twice (values are compared as text)`);
      if (first !== undefined)
        return add(`${at}.name`, `${show(name)} repeats benchmark id "${id}" of benchmarks[${first}]`);
      givenBy.set(id, i);
    }
  });
}

function checkMetrics(b: Obj, at: string, add: Add): void {
  if (b.metrics === undefined) return;
  if (!isObj(b.metrics))
    return add(`${at}.metrics`, `must be an object of metric declarations, got ${show(b.metrics)}`);
  for (const [name, decl] of Object.entries(b.metrics)) {
    const m = member(`${at}.metrics`, name);
    if (!isObj(decl)) {
      add(m, `must be a metric declaration { unit, direction, kind? }, got ${show(decl)}`);
      continue;
    }
    unknownKeys(decl, METRIC_KEYS, m, 'a metric', add);
    if (name === 'time' && b.run !== undefined) {
      for (const key of ['unit', 'direction', 'kind'] as const) {
        if (decl[key] !== RUN_TIME[key])
          add(
            `${m}.${key}`,
            `must be "${RUN_TIME[key]}" beside run, which the runner times itself in ms per operation, ` +
              `got ${show(decl[key])}`,
          );
      }
    } else {
      if (typeof decl.unit !== 'string' || decl.unit === '')
        add(`${m}.unit`, `must be a non-empty string, got ${show(decl.unit)}`);
      if (!isOneOf(DIRECTIONS, decl.direction))
        add(`${m}.direction`, `must be ${alternatives(DIRECTIONS)}, got ${show(decl.direction)}`);
      if (decl.kind !== undefined && !isOneOf(KINDS, decl.kind))
        add(`${m}.kind`, `must be ${alternatives(KINDS)} or absent, got ${show(decl.kind)}`);
    }
    optionalString(decl.description, `${m}.description`, add);
  }
}

function isName(v: unknown, field: string, add: Add): v is string {
  if (typeof v !== 'string') add(field, `must be a string, got ${show(v)}`);
  else if (!NAME_RE.test(v)) add(field, `${show(v)} must be lower-case kebab-case`);
  else return true;
  return false;
}

function isParams(v: unknown, field: string, add: Add): v is Record<string, ParamValue[]> | undefined {
  if (v === undefined) return true;
  if (!isObj(v)) {
    add(field, `must be an object of value lists, got ${show(v)}`);
    return false;
  }
  let ok = true;
  for (const [key, values] of Object.entries(v)) {
    const at = member(field, key);
    const bad = Array.isArray(values)
      ? values.findIndex((x) => !['string', 'number', 'boolean'].includes(typeof x))
      : -1;
    if (!Array.isArray(values) || values.length === 0)
      add(at, `must be a non-empty array of values, got ${show(values)}`);
    else if (bad >= 0) add(`${at}[${bad}]`, `must be a string, number or boolean, got ${show(values[bad])}`);
    else continue;
    ok = false;
  }
  return ok;
}

function optionalString(v: unknown, field: string, add: Add): void {
  if (v !== undefined && typeof v !== 'string') add(field, `must be a string, got ${show(v)}`);
}

function unknownKeys(obj: Obj, allowed: Record<string, true>, at: string, what: string, add: Add): void {
  for (const key of Object.keys(obj)) {
    if (!Object.hasOwn(allowed, key))
      add(at ? member(at, key) : key, `is not a key of ${what} (allowed: ${Object.keys(allowed).join(', ')})`);
  }
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isOneOf<T>(allowed: readonly T[], v: unknown): v is T {
  return (allowed as readonly unknown[]).includes(v);
}

function alternatives(values: readonly string[]): string {
  const quoted = values.map((v) => `"${v}"`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** `a.b` for identifier keys, `a["odd key"]` otherwise. */
function member(base: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** A value as a message shows it: strings quoted (and cut), the type for objects and functions. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : 'an array';
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}
