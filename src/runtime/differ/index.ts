/** Reference runtime: virtual nodes, the keyed structural differ, and a DOM patcher. */
export { TEXT, h, text, markStatic, type VNode, type Key, type Child } from './vnode.js';
export { countPatches, emptyCounts, type Patch, type PatchType, type PatchCounts, type Path } from './patch.js';
export { diff, type DiffStats } from './diff.js';
export { longestIncreasingSubsequence } from './lis.js';
export { render, setProp, removeProp } from './render.js';
export { applyPatches, type ApplyResult } from './apply.js';
export { TEXT_NODE, type DomNode, type DomElement, type DomText, type DomDocument } from './dom.js';
