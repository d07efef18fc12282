/**
 * Light entry of src/wasm: the bundle plugin and isolated builders. It does not load
 * binaryen.js in-process (slow under tsx, see isolated.ts); for in-process building import
 * `listKernels`/`buildVariant`/`runtimeModule` from './registry.js' and `buildAll` from
 * './build-all.js'.
 */
export { wasmKernelsPlugin, wasmKernelsModuleSource, WASM_KERNELS_IMPORT } from './bundle-plugin.js';
export { buildAllIsolated, runIsolated } from './isolated.js';
export { VARIANTS, type VariantDef } from './variants.js';
export type * from './types.js';
