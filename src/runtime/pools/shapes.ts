/**
 * The two shapes the Jepsh runtime pools, component nodes and layout boxes, with resets that
 * allocate nothing. The original runtime's resets allocate (`props = {}`) or `delete` keys
 * (which turns objects into slow dictionary mode); here every field keeps its object and
 * hidden class.
 */
import { createPool, type Pool } from './object-pool.js';

export type PropValue = string | number | boolean | null | undefined | ((...args: never[]) => unknown);

export interface ComponentNode {
  type: string;
  /**
   * Reset sets every prop to `undefined` rather than deleting it: the object keeps its shape, so
   * nodes refilled with the same prop names stay monomorphic. Treat `undefined` as "absent".
   */
  props: Record<string, PropValue>;
  children: ComponentNode[];
  key: string | number | null;
}

export interface Edges {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface LayoutBox {
  x: number;
  y: number;
  width: number;
  height: number;
  margin: Edges;
  padding: Edges;
}

export interface ShapePoolOptions {
  prewarm?: number;
  maxSize?: number;
}

export function createComponentNode(): ComponentNode {
  return { type: '', props: {}, children: [], key: null };
}

export function resetComponentNode(node: ComponentNode): void {
  node.type = '';
  const props = node.props;
  for (const k in props) props[k] = undefined;
  // Not `children.length = 0`: V8 then drops the backing store and the next push reallocates it
  // (measured ~150 bytes per 8-child node per cycle). Popping keeps the store for small arities.
  const children = node.children;
  while (children.length > 0) children.pop();
  node.key = null;
}

function createEdges(): Edges {
  return { top: 0, right: 0, bottom: 0, left: 0 };
}

function resetEdges(e: Edges): void {
  e.top = 0;
  e.right = 0;
  e.bottom = 0;
  e.left = 0;
}

export function createLayoutBox(): LayoutBox {
  return { x: 0, y: 0, width: 0, height: 0, margin: createEdges(), padding: createEdges() };
}

export function resetLayoutBox(box: LayoutBox): void {
  box.x = 0;
  box.y = 0;
  box.width = 0;
  box.height = 0;
  resetEdges(box.margin);
  resetEdges(box.padding);
}

export function createComponentNodePool(options: ShapePoolOptions = {}): Pool<ComponentNode> {
  return createPool({ create: createComponentNode, reset: resetComponentNode, ...options });
}

export function createLayoutBoxPool(options: ShapePoolOptions = {}): Pool<LayoutBox> {
  return createPool({ create: createLayoutBox, reset: resetLayoutBox, ...options });
}
