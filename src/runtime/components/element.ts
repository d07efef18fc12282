/**
 * Component elements: where a component goes in a view. A component is a function of its props
 * returning a VNode; `component(Row, props, key)` puts one among the children of `h(...)` like
 * any other VNode, and the component layer replaces it by the instance's DOM (reconcile.ts).
 */
import { type Key, type VNode } from '../differ/index.js';

/** The `type` of component elements. Never reaches the DOM: views are expanded first. */
export const COMPONENT = '#component';

/**
 * A function component. It runs inside its instance (the reactive owner): the atoms it reads
 * re-render it when they change, `useAtom` / `useEffect` (hooks.ts) give it state and effects,
 * and what it returns is diffed against its previous output. It re-runs when its props change
 * (shallowly: a new object with the same values does not count) or an atom it read changes.
 */
export type Component<P> = (props: P) => VNode;

export interface ComponentElement<P = unknown> extends VNode {
  readonly type: typeof COMPONENT;
  readonly component: Component<P>;
  readonly input: P;
}

const NO_PROPS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const NO_CHILDREN: VNode[] = Object.freeze([]) as unknown as VNode[];

/**
 * A component element. `key` gives the instance its identity among keyed siblings (a keyed
 * list keeps each row's instance, state and DOM across reorders); without one, identity is the
 * position in the parent's output.
 */
export function component<P>(type: Component<P>, props: P, key?: Key): ComponentElement<P> {
  const el: ComponentElement<P> = {
    type: COMPONENT,
    props: NO_PROPS,
    children: NO_CHILDREN,
    component: type,
    input: props,
  };
  if (key !== undefined) el.key = key;
  return el;
}

export function isComponentElement(node: VNode): node is ComponentElement<unknown> {
  return node.type === COMPONENT;
}

/** The props comparison that decides whether a parent's render re-renders a child. */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    if (!Object.hasOwn(ra, k)) continue;
    if (!Object.hasOwn(rb, k) || !Object.is(ra[k], rb[k])) return false;
    n++;
  }
  for (const k in rb) if (Object.hasOwn(rb, k)) n--;
  return n === 0;
}
