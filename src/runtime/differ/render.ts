/**
 * VNode -> DOM. Props are attributes: `null`, `undefined` and `false` mean "absent", `true` is
 * the empty string, anything else goes through `String()` (so `style` is a CSS string, and
 * `class` is the attribute name). Function values (event handlers such as `onclick`) are set as
 * element properties instead, because an attribute cannot hold a function; removing one sets
 * the property to null. No event delegation, no property/attribute special cases beyond that.
 */
import type { DomDocument, DomElement, DomNode } from './dom.js';
import { TEXT, type VNode } from './vnode.js';

export function render(
  vnode: VNode,
  doc: DomDocument = (globalThis as { document?: DomDocument }).document as DomDocument,
): DomNode {
  if (!doc)
    throw new Error('render: no document; pass one (render(vnode, doc)) or run where globalThis.document exists');
  if (vnode.type === TEXT) return doc.createTextNode(vnode.text ?? '');
  const el = doc.createElement(vnode.type);
  const props = vnode.props;
  for (const name in props) setProp(el, name, props[name]);
  const kids = vnode.children;
  for (let i = 0; i < kids.length; i++) el.appendChild(render(kids[i], doc));
  return el;
}

export function setProp(el: DomElement, name: string, value: unknown): void {
  if (typeof value === 'function') {
    (el as unknown as Record<string, unknown>)[name] = value;
  } else if (value === undefined || value === null || value === false) {
    el.removeAttribute(name);
  } else {
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

export function removeProp(el: DomElement, name: string): void {
  const slot = el as unknown as Record<string, unknown>;
  if (typeof slot[name] === 'function') slot[name] = null;
  el.removeAttribute(name);
}
