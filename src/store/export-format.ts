/**
 * The export format: JSON Lines, a header line then one run per line (store/portable.ts RunRecord).
 *
 *   {"format":"jepsh-bench-export","version":1,"schemaVersion":4}
 *   {"uuid":"…","status":"complete",…,"results":[{…,"samples":[0.0123,0.0119,…]}]}
 *
 * Samples are JSON numbers: JSON.stringify writes the shortest decimal that reads back as the same
 * float64 and JSON.parse reads it exactly, so finite values travel bit for bit. The four values
 * JSON cannot hold are written as strings: "-0" (JSON.stringify(-0) is "0"), "Infinity",
 * "-Infinity", and "NaN" (or "NaN:<16 hex digits>" for a NaN with other bits). The page refuses
 * non-finite metric values, but the store takes any float64 from the library API, so a file must
 * carry them too. Pure: strings in, records out.
 */
import { UsageError } from '../model/errors.js';
import { SCHEMA_VERSION } from './schema.js';
import type { RecordBenchmark, RecordResult, RunRecord, StoredEnvironment } from './portable.js';

export const EXPORT_FORMAT = 'jepsh-bench-export';
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** The database schema (store/schema.ts) of the jepsh-bench that wrote the file. */
  schemaVersion: number;
}

/** A float64 in a file: a JSON number, or a string for what JSON numbers cannot hold. */
export type JsonNumber = number | string;

const CANONICAL_NAN = 0x7ff8000000000000n;

function encodeAt(buf: Buffer, offset: number): JsonNumber {
  const v = buf.readDoubleLE(offset);
  if (Number.isFinite(v)) return Object.is(v, -0) ? '-0' : v;
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  // Read the bits, not the number: a NaN's payload need not survive a trip through a JS value.
  const bits = buf.readBigUInt64LE(offset);
  return bits === CANONICAL_NAN ? 'NaN' : `NaN:${bits.toString(16).padStart(16, '0')}`;
}

function decodeAt(buf: Buffer, offset: number, x: unknown, where: string): void {
  if (typeof x === 'number') return void buf.writeDoubleLE(x, offset);
  if (x === '-0') return void buf.writeDoubleLE(-0, offset);
  if (x === 'Infinity') return void buf.writeDoubleLE(Infinity, offset);
  if (x === '-Infinity') return void buf.writeDoubleLE(-Infinity, offset);
  if (x === 'NaN') return void buf.writeBigUInt64LE(CANONICAL_NAN, offset);
  const m = typeof x === 'string' ? /^NaN:([0-9a-f]{16})$/.exec(x) : null;
  if (!m) throw new UsageError(`${where}: ${JSON.stringify(x)} is not a number`);
  buf.writeBigUInt64LE(BigInt(`0x${m[1]}`), offset);
}

/** The float64 BLOB of stored samples as JSON values. */
export function encodeSampleBlob(blob: Buffer): JsonNumber[] {
  const out = new Array<JsonNumber>(blob.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = encodeAt(blob, i * 8);
  return out;
}

export function decodeSampleBlob(values: unknown, where: string): Buffer {
  if (!Array.isArray(values)) throw new UsageError(`${where}: samples must be an array`);
  const buf = Buffer.alloc(values.length * 8);
  values.forEach((x, i) => decodeAt(buf, i * 8, x, where));
  return buf;
}

function encodeScalar(v: number | null): JsonNumber | null {
  if (v === null) return null;
  const buf = Buffer.alloc(8);
  buf.writeDoubleLE(v);
  return encodeAt(buf, 0);
}

function decodeScalar(x: unknown, where: string): number | null {
  if (x === null) return null;
  const buf = Buffer.alloc(8);
  decodeAt(buf, 0, x, where);
  return buf.readDoubleLE(0);
}

export function headerLine(schemaVersion = SCHEMA_VERSION): string {
  const header: ExportHeader = { format: EXPORT_FORMAT, version: EXPORT_VERSION, schemaVersion };
  return JSON.stringify(header);
}

/** Checks the first line: a file from a newer format or schema is refused before anything is written (exit 2). */
export function parseHeader(text: string, where: string): ExportHeader {
  let h: unknown;
  try {
    h = JSON.parse(text);
  } catch {
    h = null;
  }
  if (!isObject(h) || h.format !== EXPORT_FORMAT)
    throw new UsageError(`${where} is not a jepsh-bench export (no "format": "${EXPORT_FORMAT}" header line)`);
  if (typeof h.version !== 'number' || typeof h.schemaVersion !== 'number')
    throw new UsageError(`${where}: the header has no numeric version and schemaVersion`);
  if (h.version > EXPORT_VERSION)
    throw new UsageError(
      `${where} has export format version ${h.version}, newer than this jepsh-bench reads (${EXPORT_VERSION}); ` +
        'upgrade jepsh-bench',
    );
  if (h.schemaVersion > SCHEMA_VERSION) {
    throw new UsageError(
      `${where} was written with database schema ${h.schemaVersion}, ` +
        `newer than this jepsh-bench understands (${SCHEMA_VERSION}); upgrade jepsh-bench`,
    );
  }
  return { format: EXPORT_FORMAT, version: h.version, schemaVersion: h.schemaVersion };
}

export function recordLine(r: RunRecord): string {
  return JSON.stringify({
    ...r,
    environment: { ...r.environment, timerResolutionMs: encodeScalar(r.environment.timerResolutionMs) },
    benchmarks: r.benchmarks.map((b) => ({ ...b, durationMs: encodeScalar(b.durationMs) })),
    results: r.results.map(({ pruned, ...x }) => ({
      ...x,
      samples: encodeSampleBlob(x.samples),
      ...(pruned && { pruned }),
    })),
  });
}

/** One run line back into a record; a malformed line is an input error naming the file, line and field. */
export function parseRecordLine(text: string, where: string): RunRecord {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${where}: not JSON (${(e as Error).message})`);
  }
  const run = obj(v, where);
  const status = run.status;
  if (status !== 'complete' && status !== 'failed' && status !== 'aborted')
    throw new UsageError(`${where}: status ${JSON.stringify(status)} is not complete, failed or aborted`);
  const git = obj(run.git, `${where}: git`);
  const env = obj(run.environment, `${where}: environment`);
  const environment: StoredEnvironment = {
    browserVersion: strOrNull(env.browserVersion, `${where}: browserVersion`),
    userAgent: strOrNull(env.userAgent, `${where}: userAgent`),
    os: strOrNull(env.os, `${where}: os`),
    cpuModel: strOrNull(env.cpuModel, `${where}: cpuModel`),
    cpuCores: numOrNull(env.cpuCores, `${where}: cpuCores`),
    nodeVersion: strOrNull(env.nodeVersion, `${where}: nodeVersion`),
    harnessVersion: strOrNull(env.harnessVersion, `${where}: harnessVersion`),
    launchFlags: env.launchFlags === null ? null : strings(env.launchFlags, `${where}: launchFlags`),
    timerResolutionMs: decodeScalar(env.timerResolutionMs ?? null, `${where}: timerResolutionMs`),
    crossOriginIsolated: boolOrNull(env.crossOriginIsolated, `${where}: crossOriginIsolated`),
  };
  const benchmarks: RecordBenchmark[] = list(run.benchmarks, `${where}: benchmarks`).map((x, i) => {
    const b = obj(x, `${where}: benchmarks[${i}]`);
    const at = `${where}: benchmark ${String(b.id)}`;
    if (b.status !== 'ok' && b.status !== 'error' && b.status !== null)
      throw new UsageError(`${at}: status must be "ok", "error" or null`);
    return {
      id: str(b.id, at),
      suite: str(b.suite, at),
      name: str(b.name, at),
      params: obj(b.params, `${at}: params`) as RecordBenchmark['params'],
      status: b.status,
      error: strOrNull(b.error, at),
      durationMs: decodeScalar(b.durationMs ?? null, at),
    };
  });
  const results: RecordResult[] = list(run.results, `${where}: results`).map((x, i) => {
    const r = obj(x, `${where}: results[${i}]`);
    const at = `${where}: result ${String(r.benchmarkId)} ${String(r.metric)}`;
    if (r.direction !== 'lower' && r.direction !== 'higher')
      throw new UsageError(`${at}: direction must be "lower" or "higher"`);
    if (r.kind !== 'time' && r.kind !== 'counter' && r.kind !== 'gauge')
      throw new UsageError(`${at}: kind must be time, counter or gauge`);
    const rounds =
      r.rounds === null || r.rounds === undefined
        ? null
        : list(r.rounds, `${at}: rounds`).map((n) => int(n, `${at}: rounds`));
    return {
      benchmarkId: str(r.benchmarkId, at),
      metric: str(r.metric, at),
      unit: str(r.unit, at),
      direction: r.direction,
      kind: r.kind,
      innerIterations: int(r.innerIterations, `${at}: innerIterations`),
      samples: decodeSampleBlob(r.samples, `${at}: samples`),
      rounds,
      summary: obj(r.summary, `${at}: summary`),
      pruned: r.pruned === true,
    };
  });
  return {
    uuid: str(run.uuid, `${where}: uuid`),
    startedAt: str(run.startedAt, `${where}: startedAt`),
    endedAt: strOrNull(run.endedAt, `${where}: endedAt`),
    status,
    git: {
      commit: strOrNull(git.commit, `${where}: git.commit`),
      branch: strOrNull(git.branch, `${where}: git.branch`),
      dirty: boolOrNull(git.dirty, `${where}: git.dirty`),
    },
    label: strOrNull(run.label, `${where}: label`),
    suites: strings(run.suites, `${where}: suites`),
    options: obj(run.options, `${where}: options`),
    environment,
    warnings: strings(run.warnings, `${where}: warnings`),
    error: strOrNull(run.error, `${where}: error`),
    pid: run.pid === null || run.pid === undefined ? null : int(run.pid, `${where}: pid`),
    host: strOrNull(run.host ?? null, `${where}: host`),
    benchmarks,
    results,
    baselines: list(run.baselines ?? [], `${where}: baselines`).map((x) => {
      const b = obj(x, `${where}: baselines`);
      return {
        name: str(b.name, `${where}: baseline name`),
        createdAt: str(b.createdAt, `${where}: baseline createdAt`),
      };
    }),
  };
}

// Field checks: each throws a UsageError "where: what it must be".
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function obj(v: unknown, where: string): Record<string, unknown> {
  if (!isObject(v)) throw new UsageError(`${where} must be an object`);
  return v;
}
function list(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new UsageError(`${where} must be an array`);
  return v;
}
function str(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new UsageError(`${where} must be a string`);
  return v;
}
function strOrNull(v: unknown, where: string): string | null {
  return v === null ? null : str(v, where);
}
function strings(v: unknown, where: string): string[] {
  return list(v, where).map((s) => str(s, where));
}
function int(v: unknown, where: string): number {
  if (!Number.isSafeInteger(v)) throw new UsageError(`${where} must be an integer`);
  return v as number;
}
function numOrNull(v: unknown, where: string): number | null {
  if (v === null) return null;
  if (typeof v !== 'number') throw new UsageError(`${where} must be a number`);
  return v;
}
function boolOrNull(v: unknown, where: string): boolean | null {
  if (v === null) return null;
  if (typeof v !== 'boolean') throw new UsageError(`${where} must be true, false or null`);
  return v;
}
