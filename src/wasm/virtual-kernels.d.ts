// Type of the virtual import resolved by `wasmKernelsPlugin()` (src/wasm/bundle-plugin.ts).
declare module 'jepsh:wasm-kernels' {
  const prebuilt: import('./types.js').PrebuiltWasm;
  export default prebuilt;
}
