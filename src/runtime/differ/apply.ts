/**
 * Performs patches on a real DOM, in order, with insertBefore / removeChild / replaceChild /
 * setAttribute / removeAttribute / Text.data only, and counts what it did, so benchmarks can
 * report DOM moves and inserts without instrumenting the browser.
 */
import { TEXT_NODE, type DomDocument, type DomElement, type DomNode, type DomText } from './dom.js';
import type { Patch, Path } from './patch.js';
import { removeProp, render, setProp } from './render.js';

export interface ApplyResult {
  /** The root after patching: a new node when the root itself was replaced. */
  root: DomNode;
  inserts: number;
  removes: number;
  /** Existing nodes moved within their parent (one insertBefore each). */
  moves: number;
  replaces: number;
  setProps: number;
  removeProps: number;
  setTexts: number;
}

function fail(p: Patch, why: string): Error {
  return new Error(
    `applyPatches: ${p.type} at [${p.path.join(',')}]: ${why}; patches must be applied in order to render(old)`,
  );
}

/** The node at path[0..depth-1]. */
function resolve(root: DomNode, p: Patch, depth: number): DomNode {
  const path: Path = p.path;
  let node = root;
  for (let i = 0; i < depth; i++) {
    const next = node.childNodes[path[i]];
    if (next === undefined || next === null) throw fail(p, `no child ${path[i]} at depth ${i}`);
    node = next;
  }
  return node;
}

export function applyPatches(domRoot: DomNode, patches: readonly Patch[], doc?: DomDocument): ApplyResult {
  const document = doc ?? (domRoot as { ownerDocument?: DomDocument | null }).ownerDocument ?? undefined;
  const res: ApplyResult = {
    root: domRoot,
    inserts: 0,
    removes: 0,
    moves: 0,
    replaces: 0,
    setProps: 0,
    removeProps: 0,
    setTexts: 0,
  };
  for (const p of patches) {
    const depth = p.path.length;
    switch (p.type) {
      case 'INSERT': {
        if (depth === 0) throw fail(p, 'cannot insert a root');
        const parent = resolve(res.root, p, depth - 1);
        const index = p.path[depth - 1];
        const kids = parent.childNodes;
        if (index > kids.length) throw fail(p, `index ${index} > child count ${kids.length}`);
        parent.insertBefore(render(p.node, document), index < kids.length ? kids[index] : null);
        res.inserts++;
        break;
      }
      case 'REMOVE': {
        if (depth === 0) throw fail(p, 'cannot remove the root');
        const parent = resolve(res.root, p, depth - 1);
        const child = parent.childNodes[p.path[depth - 1]];
        if (!child) throw fail(p, 'no such child');
        parent.removeChild(child);
        res.removes++;
        break;
      }
      case 'MOVE': {
        if (depth === 0) throw fail(p, 'cannot move the root');
        const parent = resolve(res.root, p, depth - 1);
        const from = p.path[depth - 1];
        const kids = parent.childNodes;
        const child = kids[from];
        if (!child || p.to < 0 || p.to >= kids.length)
          throw fail(p, `bad move ${from} -> ${p.to} among ${kids.length}`);
        // `to` counts without the moved node; the reference node is taken while it is still in.
        const refIndex = p.to < from ? p.to : p.to + 1;
        parent.insertBefore(child, refIndex < kids.length ? kids[refIndex] : null);
        res.moves++;
        break;
      }
      case 'REPLACE': {
        const node = resolve(res.root, p, depth);
        const fresh = render(p.node, document);
        if (node.parentNode) node.parentNode.replaceChild(fresh, node);
        if (depth === 0) res.root = fresh;
        res.replaces++;
        break;
      }
      case 'SET_PROP':
        setProp(resolve(res.root, p, depth) as DomElement, p.name, p.value);
        res.setProps++;
        break;
      case 'REMOVE_PROP':
        removeProp(resolve(res.root, p, depth) as DomElement, p.name);
        res.removeProps++;
        break;
      case 'SET_TEXT': {
        const node = resolve(res.root, p, depth);
        if (node.nodeType !== TEXT_NODE) throw fail(p, 'not a text node');
        (node as DomText).data = p.text;
        res.setTexts++;
        break;
      }
    }
  }
  return res;
}
