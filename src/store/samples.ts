/**
 * Sample BLOBs. Two layouts, told apart by length alone, so every blob ever written still decodes:
 *
 * - plain (every store before schema 6, and a compact blob that would not be smaller): little-endian
 *   float64, 8 bytes a sample, no header. Its length is always a positive multiple of 8.
 * - compact: a tag byte, then the plain bytes deflated (raw deflate, RFC 1951). Samples come from a
 *   clock with a coarse grid divided by a few inner-iteration counts, so whole float64 values repeat
 *   and deflate finds them. The same bits come back. The encoder appends one padding byte (and says
 *   so in the tag) when the length would otherwise be a multiple of 8, so a compact blob is never
 *   mistaken for a plain one.
 *
 * Measured with scripts/bench/sample-codecs.ts on a real store (6 runs of the default suites, 38,734
 * samples a run, 2026-12-03): plain 310 KB a run; deflate 81 KB (26%), exact; float32 155 KB, off
 * by up to 5.9e-8 relative; byte-shuffle + deflate 136 KB and XOR-with-previous + deflate 107 KB
 * (both worse here, as they break the repeats apart); brotli 11 on the shuffled bytes 120 KB at 40
 * times the encoding time. Float32 is out: it rounds, counters above 2^24 lose units, and `export`
 * promises the stored bits.
 */
import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';

/** The tag byte's low bits: the layout of what follows. */
export const SAMPLE_FORMAT = { deflate: 0x01 } as const;
/** Set in the tag byte when one padding byte ends the blob. */
const PADDED = 0x80;
/** zlib's default level: level 9 gave the same size on the shuffled bytes (sample-codecs.ts). */
const DEFLATE_LEVEL = constants.Z_DEFAULT_COMPRESSION;

/** float64 little-endian, 8 bytes a sample: the plain layout (and the export format's bytes). */
export function encodePlain(samples: readonly number[]): Buffer {
  const buf = Buffer.allocUnsafe(samples.length * 8);
  for (let i = 0; i < samples.length; i++) buf.writeDoubleLE(samples[i]!, i * 8);
  return buf;
}

function decodePlain(buf: Buffer): number[] {
  const out = new Array<number>(buf.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = buf.readDoubleLE(i * 8);
  return out;
}

/** The compact blob of `samples`, or the plain one when compressing does not make it smaller. */
export function encodeSamples(samples: readonly number[]): Buffer {
  return encodeBytes(encodePlain(samples));
}

/**
 * encodeSamples from plain float64 bytes (an import). Bytes, not numbers: a signalling NaN read
 * into a JS number can come back quieted, and an import must keep every bit it was given.
 */
export function encodeBytes(plain: Buffer): Buffer {
  const packed = deflateRawSync(plain, { level: DEFLATE_LEVEL });
  const pad = (1 + packed.length) % 8 === 0 ? 1 : 0;
  if (1 + packed.length + pad >= plain.length) return plain;
  const out = Buffer.alloc(1 + packed.length + pad);
  out[0] = SAMPLE_FORMAT.deflate | (pad ? PADDED : 0);
  packed.copy(out, 1);
  return out;
}

/** The float64 bytes of a blob of either layout (what `export` writes and `import` reads). */
export function plainBytes(blob: Uint8Array): Buffer {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (isPlain(buf)) return buf;
  const tag = buf[0]!;
  const body = buf.subarray(1, buf.length - (tag & PADDED ? 1 : 0));
  if ((tag & ~PADDED) !== SAMPLE_FORMAT.deflate)
    throw new Error(`unknown sample blob format 0x${tag.toString(16)} (written by a newer jepsh-bench?)`);
  const plain = inflateRawSync(body);
  if (plain.length % 8 !== 0) throw new Error(`corrupt sample blob: ${plain.length} bytes inflated`);
  return plain;
}

/** The samples of a blob of either layout. */
export function decodeSamples(blob: Uint8Array): number[] {
  return decodePlain(plainBytes(blob));
}

/** True for the plain layout (no tag byte). */
export function isPlain(blob: Uint8Array): boolean {
  return blob.byteLength % 8 === 0;
}
