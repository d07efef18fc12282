/**
 * Text of built modules, for tests and for reading what a variant did (`wasm-dis` equivalent).
 * Re-reads the emitted bytes, so it shows exactly what ships.
 */
import { binaryen } from './ir.js';
import { buildVariant, listKernels } from './registry.js';

export function wat(binary: Uint8Array): string {
  // readBinary enables all features, so SIMD and tail-call modules read back too.
  const m = binaryen.readBinary(binary);
  try {
    return m.emitText();
  } finally {
    m.dispose();
  }
}

/** `kernel/variant` -> text, for every variant of every kernel. */
export function printAll(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of listKernels())
    for (const v of k.variants) out[`${k.name}/${v}`] = wat(buildVariant(k.name, v).binary);
  return out;
}
