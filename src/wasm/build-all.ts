/**
 * Builds every kernel variant, the runtime module and the boundary module in Node (bundle
 * time) and packs them with their metadata. gzip sizes are computed here with zlib level 9:
 * the page's CompressionStream has no level option, so Node is where a fixed level is possible.
 */
import { gzipSync } from 'node:zlib';
import { binaryenVersion } from './binaryen-version.js';
import { boundaryModule, buildVariant, listKernels, runtimeModule } from './registry.js';
import type { BuiltVariant, PrebuiltModule, PrebuiltWasm } from './types.js';

export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 9 }).byteLength;
}

function pack(b: BuiltVariant, entry: string): PrebuiltModule {
  return {
    kernel: b.kernel,
    variant: b.variant,
    entry,
    base64: Buffer.from(b.binary).toString('base64'),
    passes: b.passes,
    features: b.features,
    sizeRaw: b.sizeRaw,
    sizeGzip: gzipSize(b.binary),
    optimizeLevel: b.optimizeLevel,
    shrinkLevel: b.shrinkLevel,
  };
}

/**
 * `version` is passed in when this runs as a bundled data: module (see isolated.ts), where
 * `import.meta.url` cannot anchor a package lookup.
 */
export function buildAll(version: string = binaryenVersion()): PrebuiltWasm {
  return {
    format: 1,
    binaryenVersion: version,
    gzip: 'node-zlib-gzipSync-level-9',
    kernels: listKernels().map((k) => ({
      name: k.name,
      description: k.description,
      entry: k.entry,
      variants: k.variants.map((v) => pack(buildVariant(k.name, v), k.entry)),
    })),
    runtime: pack(runtimeModule('Os'), 'lis'),
    boundary: pack(boundaryModule(), 'inc'),
  };
}
