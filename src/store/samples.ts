/**
 * Sample BLOBs. Two layouts, told apart by length alone, so every blob ever written still decodes:
 *
 * - plain (every store before schema 6, and a compact blob that would not be smaller): little-endian
 *   float64, 8 bytes a sample, no header. Its length is always a positive multiple of 8.
 * - compact: a tag byte, then the float64 bytes shuffled into 8 planes (byte 0 of every sample, then
 *   byte 1, ...) and deflated (raw deflate, RFC 1951). The sign/exponent and high mantissa bytes of
 *   one result's samples are nearly constant, so side by side they compress to little; the low
 *   bytes are noise and cost what they cost. The same bits come back: exact, NaN payloads and -0
 *   included. The encoder appends one padding byte (and says so in the tag) when the length would
 *   otherwise be a multiple of 8, so a compact blob is never mistaken for a plain one.
 *
 * Why not float32 (half the bytes, no CPU): it rounds to 24 bits of mantissa (a relative error up
 * to 6e-8), counters above 2^24 lose units, and `export` promises the stored bits.
 * scripts/bench/sample-codecs.ts measures the alternatives on a real store.
 */
import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';

/** The tag byte's low bits: the layout of what follows. */
export const SAMPLE_FORMAT = { shuffleDeflate: 0x01 } as const;
/** Set in the tag byte when one padding byte ends the blob. */
const PADDED = 0x80;
/** Deflate level of compact blobs: 6 (zlib's default) gives almost all of 9's size at half its time. */
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

/** Byte planes: out[p * n + i] = in[i * 8 + p]. */
export function shuffle(plain: Buffer): Buffer {
  const n = plain.length / 8;
  const out = Buffer.allocUnsafe(plain.length);
  for (let i = 0; i < n; i++) for (let p = 0; p < 8; p++) out[p * n + i] = plain[i * 8 + p]!;
  return out;
}

export function unshuffle(planes: Buffer): Buffer {
  const n = planes.length / 8;
  const out = Buffer.allocUnsafe(planes.length);
  for (let i = 0; i < n; i++) for (let p = 0; p < 8; p++) out[i * 8 + p] = planes[p * n + i]!;
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
  const packed = deflateRawSync(shuffle(plain), { level: DEFLATE_LEVEL });
  const pad = (1 + packed.length) % 8 === 0 ? 1 : 0;
  if (1 + packed.length + pad >= plain.length) return plain;
  const out = Buffer.alloc(1 + packed.length + pad);
  out[0] = SAMPLE_FORMAT.shuffleDeflate | (pad ? PADDED : 0);
  packed.copy(out, 1);
  return out;
}

/** The float64 bytes of a blob of either layout (what `export` writes and `import` reads). */
export function plainBytes(blob: Uint8Array): Buffer {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length % 8 === 0) return buf;
  const tag = buf[0]!;
  const body = buf.subarray(1, buf.length - (tag & PADDED ? 1 : 0));
  if ((tag & ~PADDED) !== SAMPLE_FORMAT.shuffleDeflate)
    throw new Error(`unknown sample blob format 0x${tag.toString(16)} (written by a newer jepsh-bench?)`);
  const planes = inflateRawSync(body);
  if (planes.length % 8 !== 0) throw new Error(`corrupt sample blob: ${planes.length} bytes inflated`);
  return unshuffle(planes);
}

/** The samples of a blob of either layout. */
export function decodeSamples(blob: Uint8Array): number[] {
  return decodePlain(plainBytes(blob));
}

/** True for the plain layout (no tag byte). */
export function isPlain(blob: Uint8Array): boolean {
  return blob.byteLength % 8 === 0;
}
