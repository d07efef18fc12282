/** Shared by the wasm tests: builds run in a hook-free worker (see src/wasm/isolated.ts). */
import { buildAllIsolated, runIsolated } from '../../src/wasm/isolated.js';
import { decodeBase64 } from '../../src/wasm/host.js';
import type { PrebuiltModule, PrebuiltWasm } from '../../src/wasm/types.js';

let cached: Promise<PrebuiltWasm> | null = null;

/** One isolated `buildAll()` per test process. */
export function prebuilt(): Promise<PrebuiltWasm> {
  cached ??= buildAllIsolated();
  return cached;
}

export const REGISTRY = new URL('../../src/wasm/registry.ts', import.meta.url);
export const INSPECT = new URL('../../src/wasm/inspect.ts', import.meta.url);

export function callRegistry<T>(fn: string, ...args: unknown[]): Promise<T> {
  return runIsolated<T>(REGISTRY, fn, args);
}

export function bytes(mod: PrebuiltModule): Uint8Array<ArrayBuffer> {
  return decodeBase64(mod.base64);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}
