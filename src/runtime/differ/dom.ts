/**
 * The slice of the W3C DOM that render/applyPatches use, as structural types, so the real DOM
 * (in Chromium) and a small shim (in Node tests) both fit. Nothing else is touched.
 */

export interface DomNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
  insertBefore(node: DomNode, child: DomNode | null): unknown;
  appendChild(node: DomNode): unknown;
  removeChild(child: DomNode): unknown;
  replaceChild(node: DomNode, child: DomNode): unknown;
}

export interface DomElement extends DomNode {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

export interface DomText extends DomNode {
  data: string;
}

export interface DomDocument {
  createElement(tagName: string): DomElement;
  createTextNode(data: string): DomText;
}

export const TEXT_NODE = 3;
