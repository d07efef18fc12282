/** Raw samples are stored as little-endian float64 BLOBs: exact, compact, and fast to read back. */
export function encodeSamples(samples: readonly number[]): Buffer {
  const buf = Buffer.alloc(samples.length * 8);
  samples.forEach((v, i) => buf.writeDoubleLE(v, i * 8));
  return buf;
}

export function decodeSamples(blob: Uint8Array): number[] {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Array<number>(buf.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = buf.readDoubleLE(i * 8);
  return out;
}
