/**
 * esbuild plugins of suites/wasm.ts (loaded by src/browser/suite-plugins.ts before the suite is
 * bundled): its `jepsh:wasm-kernels` import, built with binaryen in Node at bundle time. One
 * instance, so the kernels are built once per process however many bundles need them.
 */
import type { Plugin } from 'esbuild';
import { wasmKernelsPlugin } from '../src/wasm/bundle-plugin.js';

const plugins: Plugin[] = [wasmKernelsPlugin()];
export default plugins;
