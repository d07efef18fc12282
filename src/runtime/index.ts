/**
 * The reference runtime (package export `jepsh-bench/runtime`): the designs of the Jepsh
 * performance guide, written to be measured. No dependencies; runs in browsers and in Node.
 */
export * from './reactivity/index.js';
export * from './scheduler/index.js';
export * from './differ/index.js';
export * from './pools/index.js';
export * from './memo/index.js';
export * from './layout/index.js';
export * from './components/index.js';
