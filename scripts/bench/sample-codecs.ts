/**
 * Measures sample-blob layouts on the samples of a real store (store/samples.ts chose one): bytes
 * per run, encode and decode time, and whether every bit comes back. Read-only: the store is
 * opened without migrating it.
 *
 *   node --import tsx scripts/bench/sample-codecs.ts STORE [--runs 20]
 */
import { parseArgs } from 'node:util';
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { decodeSamples, encodePlain, encodeSamples } from '../../src/store/samples.js';

/** Byte planes: out[p * n + i] = in[i * 8 + p] (Blosc's shuffle), and back. */
function shuffle(plain: Buffer): Buffer {
  const n = plain.length / 8;
  const out = Buffer.allocUnsafe(plain.length);
  for (let i = 0; i < n; i++) for (let p = 0; p < 8; p++) out[p * n + i] = plain[i * 8 + p]!;
  return out;
}

function unshuffle(planes: Buffer): Buffer {
  const n = planes.length / 8;
  const out = Buffer.allocUnsafe(planes.length);
  for (let i = 0; i < n; i++) for (let p = 0; p < 8; p++) out[i * 8 + p] = planes[p * n + i]!;
  return out;
}

interface Codec {
  name: string;
  encode(samples: readonly number[]): Buffer;
  decode(blob: Buffer): number[];
}

const plainOf = (buf: Buffer): number[] => Array.from({ length: buf.length / 8 }, (_, i) => buf.readDoubleLE(i * 8));

/** Each float64 XOR the one before it (Gorilla's idea, without its bit packing), then deflate. */
function xorDelta(plain: Buffer, undo: boolean): Buffer {
  // A fresh ArrayBuffer: 64-bit views need an offset that is a multiple of 8, which pooled Buffers lack.
  const out = Buffer.alloc(plain.length);
  plain.copy(out);
  const words = new BigUint64Array(out.buffer, out.byteOffset, out.length / 8);
  if (undo) for (let i = 1; i < words.length; i++) words[i] = words[i]! ^ words[i - 1]!;
  else for (let i = words.length - 1; i > 0; i--) words[i] = words[i]! ^ words[i - 1]!;
  return out;
}

const brotli = (quality: number) => ({
  [constants.BROTLI_PARAM_QUALITY]: quality,
});

const CODECS: Codec[] = [
  { name: 'float64 (before)', encode: encodePlain, decode: plainOf },
  {
    name: 'float32',
    encode: (s) => Buffer.from(new Float32Array(s).buffer),
    decode: (b) => Array.from(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length))),
  },
  {
    name: 'float64 + deflate',
    encode: (s) => deflateRawSync(encodePlain(s)),
    decode: (b) => plainOf(inflateRawSync(b)),
  },
  {
    name: 'float64 xor + deflate',
    encode: (s) => deflateRawSync(xorDelta(encodePlain(s), false)),
    decode: (b) => plainOf(xorDelta(inflateRawSync(b), true)),
  },
  {
    name: 'float64 shuffle + deflate 6',
    encode: (s) => deflateRawSync(shuffle(encodePlain(s))),
    decode: (b) => plainOf(unshuffle(inflateRawSync(b))),
  },
  {
    name: 'float64 shuffle + deflate 9',
    encode: (s) => deflateRawSync(shuffle(encodePlain(s)), { level: 9 }),
    decode: (b) => plainOf(unshuffle(inflateRawSync(b))),
  },
  {
    name: 'float64 shuffle + brotli 5',
    encode: (s) => brotliCompressSync(shuffle(encodePlain(s)), { params: brotli(5) }),
    decode: (b) => plainOf(unshuffle(brotliDecompressSync(b))),
  },
  {
    name: 'float64 shuffle + brotli 11',
    encode: (s) => brotliCompressSync(shuffle(encodePlain(s)), { params: brotli(11) }),
    decode: (b) => plainOf(unshuffle(brotliDecompressSync(b))),
  },
  { name: 'chosen: encodeSamples', encode: encodeSamples, decode: decodeSamples },
];

/** Same bits, so NaN payloads and -0 count. */
function sameBits(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && encodePlain(a).equals(encodePlain(b));
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '20' } },
});
const path = positionals[0];
if (!path) throw new Error('usage: sample-codecs.ts STORE [--runs N]');
const db = new Database(path, { readonly: true, fileMustExist: true });
const ids = db
  .prepare(`SELECT id FROM runs WHERE status = 'complete' ORDER BY id DESC LIMIT ?`)
  .pluck()
  .all(Number(values.runs)) as number[];
const blobs = ids.flatMap(
  (id) => db.prepare('SELECT samples FROM results WHERE run_id = ?').pluck().all(id) as Buffer[],
);
db.close();
const results = blobs.map((b) => decodeSamples(b));
const count = results.reduce((a, r) => a + r.length, 0);
process.stdout.write(
  `${path}: ${ids.length} runs, ${results.length} results, ${count} samples ` +
    `(${Math.round(count / ids.length)} a run)\n\n` +
    '| layout | bytes per run | vs float64 | encode ms per run | decode ms per run | exact |\n' +
    '| --- | ---: | ---: | ---: | ---: | --- |\n',
);
const before = results.reduce((a, r) => a + r.length * 8, 0);
for (const codec of CODECS) {
  let t0 = performance.now();
  const encoded = results.map((r) => codec.encode(r));
  const encodeMs = performance.now() - t0;
  t0 = performance.now();
  const decoded = encoded.map((b) => codec.decode(b));
  const decodeMs = performance.now() - t0;
  const bytes = encoded.reduce((a, b) => a + b.length, 0);
  const exact = decoded.every((d, i) => sameBits(d, results[i]!));
  let worst = 0;
  if (!exact)
    decoded.forEach((d, i) =>
      d.forEach((v, j) => {
        const x = results[i]![j]!;
        if (x !== 0) worst = Math.max(worst, Math.abs(v - x) / Math.abs(x));
      }),
    );
  process.stdout.write(
    `| ${codec.name} | ${Math.round(bytes / ids.length)} | ${((100 * bytes) / before).toFixed(1)}% | ` +
      `${(encodeMs / ids.length).toFixed(2)} | ${(decodeMs / ids.length).toFixed(2)} | ` +
      `${exact ? 'yes' : `no (worst relative error ${worst.toExponential(1)})`} |\n`,
  );
}
