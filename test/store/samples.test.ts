/**
 * The sample codec (store/samples.ts): every bit comes back, plain blobs of older stores still
 * decode, and a compact blob is never mistaken for a plain one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSamples, encodePlain, encodeSamples, isPlain, plainBytes } from '../../src/store/samples.js';
import { mulberry32 } from '../../src/suite/prng.js';

/** Bits, not values: NaN payloads and -0 must survive too. */
const bits = (xs: readonly number[]) => encodePlain(xs).toString('hex');

function nanWithPayload(payload: bigint): number {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(0x7ff0000000000000n | payload);
  return b.readDoubleLE(0);
}

const SPECIAL = [
  0,
  -0,
  Infinity,
  -Infinity,
  NaN,
  nanWithPayload(0xdeadbeefn),
  5e-324,
  Number.MAX_VALUE,
  2 ** 53 + 2,
  1 / 3,
];

test('round trip is exact for special values, timer-grid times, counters and random float64', () => {
  const rnd = mulberry32(16);
  const cases: number[][] = [
    SPECIAL,
    [42],
    Array.from({ length: 800 }, () => Math.round((0.2 + rnd() * 0.05) / 0.005) * 0.005),
    Array.from({ length: 16 }, () => 12345),
    Array.from({ length: 300 }, () => rnd() * 1e6 - 5e5),
    Array.from({ length: 64 }, (_, i) => (i % 7 === 0 ? -0 : i / 10)),
  ];
  for (const samples of cases) {
    const blob = encodeSamples(samples);
    assert.equal(bits(decodeSamples(blob)), bits(samples));
    assert.equal(bits(decodeSamples(plainBytes(blob))), bits(samples));
  }
});

test('compressible samples are stored compact, and smaller; incompressible ones plain', () => {
  const grid = Array.from({ length: 800 }, (_, i) => 0.005 * (40 + (i % 9)));
  const compact = encodeSamples(grid);
  assert.equal(isPlain(compact), false);
  assert.ok(compact.length < grid.length * 8 * 0.2, `${compact.length} bytes for ${grid.length} samples`);
  const rnd = mulberry32(3);
  const noise = [rnd(), rnd()];
  assert.equal(isPlain(encodeSamples(noise)), true, 'two random doubles do not deflate below 16 bytes');
  assert.equal(bits(decodeSamples(encodeSamples(noise))), bits(noise));
});

test('a plain float64 blob (every store before schema 6) decodes as it did', () => {
  const old = Buffer.alloc(24);
  [1.5, -2.25, 1e-9].forEach((v, i) => old.writeDoubleLE(v, i * 8));
  assert.deepEqual(decodeSamples(old), [1.5, -2.25, 1e-9]);
  assert.deepEqual(decodeSamples(new Uint8Array(old)), [1.5, -2.25, 1e-9]);
});

test('no compact blob has a length that is a multiple of 8, across many lengths and contents', () => {
  const rnd = mulberry32(99);
  let compact = 0;
  for (let n = 1; n <= 400; n++) {
    const step = 1 + Math.floor(rnd() * 5);
    const samples = Array.from({ length: n }, () => 0.005 * (100 + Math.floor(rnd() * step)));
    const blob = encodeSamples(samples);
    if (!isPlain(blob)) {
      compact++;
      assert.notEqual(blob.length % 8, 0);
    } else assert.equal(blob.length, n * 8);
    assert.equal(bits(decodeSamples(blob)), bits(samples), `n=${n}`);
  }
  assert.ok(compact > 300, `${compact} of 400 compact`);
});

test('an unknown format tag is refused by name rather than decoded as garbage', () => {
  assert.throws(() => decodeSamples(Buffer.from([0x7e, 1, 2])), /unknown sample blob format 0x7e/);
});
