/**
 * Virtual nodes of the reference runtime. A VNode is a plain, immutable description of a DOM
 * node; `diff` compares two of them and never mutates either.
 */

/** The `type` of text nodes; their content lives in `text`. */
export const TEXT = '#text';

export type Key = string | number;

export interface VNode {
  type: string;
  /** Identity among siblings: keyed children are matched by key, not by position. */
  key?: Key;
  /** Attributes (see render.ts for how values map onto the DOM). */
  props: Record<string, unknown>;
  children: VNode[];
  /** Content of a '#text' node. */
  text?: string;
  /** Promise that this subtree never changes: the same object on both sides is not descended. */
  static?: boolean;
}

export type Child = VNode | string | number;

const EMPTY_PROPS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/**
 * Builds an element VNode. A `key` prop becomes `vnode.key` (it is identity, not an attribute);
 * string and number children become text nodes.
 */
export function h(type: string, props?: Record<string, unknown> | null, children?: readonly Child[]): VNode {
  let key: Key | undefined;
  let own: Record<string, unknown> = EMPTY_PROPS;
  if (props) {
    if ('key' in props) {
      const { key: k, ...rest } = props;
      if (k !== undefined && k !== null) {
        if (typeof k !== 'string' && typeof k !== 'number')
          throw new TypeError(`h('${type}'): key must be a string or number, got ${typeof k}`);
        key = k;
      }
      own = rest;
    } else {
      own = props;
    }
  }
  const kids: VNode[] = [];
  if (children) for (const c of children) kids.push(typeof c === 'object' ? c : text(String(c)));
  const node: VNode = { type, props: own, children: kids };
  if (key !== undefined) node.key = key;
  return node;
}

/** Builds a text VNode. */
export function text(s: string): VNode {
  return { type: TEXT, props: EMPTY_PROPS, children: [], text: s };
}

/** Marks a VNode as static (returns the same object, for use inside expressions). */
export function markStatic<T extends VNode>(node: T): T {
  node.static = true;
  return node;
}
