export { createPool } from './object-pool.js';
export type { Pool, PoolOptions, PoolStats } from './object-pool.js';
export { createSlabPool } from './slab-pool.js';
export type { SlabArray, SlabArrayConstructor, SlabPool, SlabPoolOptions, SlabPoolStats } from './slab-pool.js';
export {
  createComponentNode,
  createComponentNodePool,
  createLayoutBox,
  createLayoutBoxPool,
  resetComponentNode,
  resetLayoutBox,
} from './shapes.js';
export type { ComponentNode, Edges, LayoutBox, PropValue, ShapePoolOptions } from './shapes.js';
