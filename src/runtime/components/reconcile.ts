/**
 * Expands what a component's render returned into the view the differ sees: every component
 * element is handed to `claim`, which returns the child instance's slot (see instance.ts), and
 * the tree is copied on write along the paths that held one, so the caller's VNodes (hoisted
 * constants included) are never mutated. One pass, O(size of the output).
 *
 * A child's identity within its parent instance is where it sits: for a keyed element, the path
 * of the element whose children hold it plus its key (so a keyed row keeps its instance wherever
 * it moves in that list); otherwise that path plus its index. Subtrees marked static are not
 * entered: they must not contain components.
 */
import { type VNode } from '../differ/index.js';
import { isComponentElement, type ComponentElement } from './element.js';

/** Claims the instance for `el` and returns the VNode standing for it; `path` is borrowed (copy it to keep it). */
export type Claim = (el: ComponentElement<unknown>, identity: string, path: readonly number[]) => VNode;

export function expandView(raw: VNode, claim: Claim): VNode {
  const path: number[] = [];
  if (isComponentElement(raw)) return claim(raw, identity('', raw, 0), path);
  return expandNode(raw, path, claim);
}

function identity(parentPath: string, el: VNode, index: number): string {
  const key = el.key;
  if (key === undefined) return `${parentPath}/${index}`;
  return typeof key === 'number' ? `${parentPath}#${key}` : `${parentPath}$${key}`;
}

function expandNode(node: VNode, path: number[], claim: Claim): VNode {
  const kids = node.children;
  if (node.static || kids.length === 0) return node;
  let out: VNode[] | null = null;
  let parentPath: string | null = null; // computed once per list, only if it holds a component
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    path.push(i);
    let e: VNode;
    if (isComponentElement(c)) {
      parentPath ??= path.slice(0, -1).join('.');
      e = claim(c, identity(parentPath, c, i), path);
    } else {
      e = expandNode(c, path, claim);
    }
    path.pop();
    if (out === null && e !== c) out = kids.slice(0, i);
    if (out !== null) out.push(e);
  }
  return out === null ? node : { ...node, children: out };
}
