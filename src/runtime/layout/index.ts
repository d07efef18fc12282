/**
 * Reference runtime: layout. A flexbox subset computed in JS, with pre-calculated (reused)
 * layouts for static subtrees.
 */
export {
  FlexNode,
  appendBox,
  buildBoxTree,
  countBoxes,
  createBox,
  invalidateBox,
  invalidateTree,
  removeBox,
  setBoxStatic,
  setBoxStyle,
  type BoxSpec,
  type BoxStyle,
  type FlexDirection,
  type Size,
  type StaticEntry,
} from './box.js';
export { intrinsicHeight, intrinsicWidth } from './intrinsic.js';
export { boxCssText, renderBoxSpec, type RenderedBoxes } from './css.js';
export { FlexLine, resolveFlexibleLengths, type FlexResolver } from './flex.js';
export { STATIC_CACHE_SIZE, layoutRects, layoutTree, newLayoutStats, type LayoutStats } from './layout.js';
