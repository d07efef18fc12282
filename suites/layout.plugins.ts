/**
 * esbuild plugins of suites/layout.ts (loaded by src/browser/suite-plugins.ts before the suite is
 * bundled): its `jepsh:wasm-kernels` import, for the flex kernel that `mode=wasm` runs. Its own
 * plugin instance (a sidecar is bundled on its own), so a process that bundles both this suite
 * and the wasm suite builds the kernels once for each.
 */
import type { Plugin } from 'esbuild';
import { wasmKernelsPlugin } from '../src/wasm/bundle-plugin.js';

const plugins: Plugin[] = [wasmKernelsPlugin()];
export default plugins;
