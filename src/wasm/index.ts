/** Node-side entry of the WASM kernels (loads binaryen.js); the page only sees prebuilt bytes. */
export { listKernels, buildVariant, runtimeModule, boundaryModule } from './registry.js';
export { buildAll, gzipSize } from './build-all.js';
export { wasmKernelsPlugin, wasmKernelsModuleSource, WASM_KERNELS_IMPORT } from './bundle-plugin.js';
export { VARIANTS } from './variants.js';
export type * from './types.js';
