/**
 * Browser-safe host helpers for prebuilt modules (no binaryen): decoding the bundled bytes,
 * sizing linear memory, and making byte-distinct copies of a module for compile timing.
 */

/** Typed with a plain ArrayBuffer so the result is a valid `BufferSource` for WebAssembly APIs. */
export function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const PAGE = 65536;

/** Grows `memory` so it holds at least `bytes`; views on the old buffer are detached after. */
export function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const need = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (need > 0) memory.grow(need);
}

/** Bump allocator for laying out a workload's arrays in linear memory. */
export class Layout {
  private next: number;
  constructor(start = 64) {
    this.next = start;
  }
  /** 16-byte aligned so f64x2 loads/stores are naturally aligned. */
  alloc(bytes: number): number {
    const at = Math.ceil(this.next / 16) * 16;
    this.next = at + bytes;
    return at;
  }
  get end(): number {
    return this.next;
  }
}

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/**
 * Appends a custom section carrying `nonce`. Semantics are unchanged, but the bytes differ, so
 * V8's in-process cache of compiled modules (keyed by wire bytes) cannot turn a repeated
 * compile into a lookup: every compile sample pays for a real compile.
 */
export function withNonce(binary: Uint8Array, nonce: number): Uint8Array<ArrayBuffer> {
  const name = Array.from('jepsh.nonce', (c) => c.charCodeAt(0));
  const payload = [...leb128(name.length), ...name, ...leb128(nonce >>> 0)];
  const section = [0, ...leb128(payload.length), ...payload];
  const out = new Uint8Array(binary.byteLength + section.length);
  out.set(binary, 0);
  out.set(section, binary.byteLength);
  return out;
}

type WasmFn = (...args: number[]) => number;

/** A function export, checked (a missing export should fail loudly, not as `undefined()`). */
export function exportedFn(exports: WebAssembly.Exports, name: string): WasmFn {
  const f = exports[name];
  if (typeof f !== 'function') throw new Error(`wasm export '${name}' is not a function`);
  return f as WasmFn;
}

export function exportedMemory(exports: WebAssembly.Exports): WebAssembly.Memory {
  const m = exports.memory;
  if (!(m instanceof WebAssembly.Memory)) throw new Error('wasm module does not export memory');
  return m;
}
