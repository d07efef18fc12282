/**
 * A tiny DOM for Node tests: Document / Element / Text with exactly the API the differ, the
 * diffing suite, the keyed-table adapters (nextSibling, textContent writes) and their tests use,
 * plus a canonical serializer and operation counters.
 * `insertBefore` of a node that already has this parent counts as a move, so tests can check
 * the DOM work independently of the patch list.
 */

export interface ShimOps {
  inserts: number;
  moves: number;
  removes: number;
  replaces: number;
}

export abstract class ShimNode {
  abstract readonly nodeType: number;
  parentNode: ShimNode | null = null;
  readonly childNodes: ShimNode[] = [];
  constructor(readonly ownerDocument: ShimDocument) {}

  abstract get textContent(): string;
  abstract set textContent(value: string | null);

  get nextSibling(): ShimNode | null {
    const p = this.parentNode;
    if (p === null) return null;
    return p.childNodes[p.childNodes.indexOf(this) + 1] ?? null;
  }

  insertBefore(node: ShimNode, child: ShimNode | null): ShimNode {
    if (node === child) return node;
    const ops = this.ownerDocument.ops;
    let refIndex = this.childNodes.length;
    if (child !== null) {
      refIndex = this.childNodes.indexOf(child);
      if (refIndex < 0) throw new Error('insertBefore: reference node is not a child');
    }
    if (node.parentNode === this) ops.moves++;
    else ops.inserts++;
    if (node.parentNode) {
      const p = node.parentNode;
      const i = p.childNodes.indexOf(node);
      p.childNodes.splice(i, 1);
      if (p === this && i < refIndex) refIndex--;
    }
    this.childNodes.splice(refIndex, 0, node);
    node.parentNode = this;
    return node;
  }

  appendChild(node: ShimNode): ShimNode {
    return this.insertBefore(node, null);
  }

  removeChild(child: ShimNode): ShimNode {
    const i = this.childNodes.indexOf(child);
    if (i < 0) throw new Error('removeChild: not a child');
    this.childNodes.splice(i, 1);
    child.parentNode = null;
    this.ownerDocument.ops.removes++;
    return child;
  }

  replaceChild(node: ShimNode, child: ShimNode): ShimNode {
    if (this.childNodes.indexOf(child) < 0) throw new Error('replaceChild: not a child');
    if (node === child) return child;
    if (node.parentNode) node.parentNode.childNodes.splice(node.parentNode.childNodes.indexOf(node), 1);
    // Looked up after `node` left: it may have been a sibling before `child`.
    const i = this.childNodes.indexOf(child);
    this.childNodes[i] = node;
    node.parentNode = this;
    child.parentNode = null;
    this.ownerDocument.ops.replaces++;
    return child;
  }
}

export class ShimText extends ShimNode {
  readonly nodeType = 3;
  // An accessor, as CharacterData.prototype.data is in a browser, so a probe can wrap its setter.
  #data: string;
  constructor(doc: ShimDocument, data: string) {
    super(doc);
    this.#data = data;
  }
  get data(): string {
    return this.#data;
  }
  set data(value: string) {
    this.#data = String(value);
  }
  get textContent(): string {
    return this.#data;
  }
  set textContent(value: string | null) {
    this.#data = value ?? '';
  }
}

export class ShimElement extends ShimNode {
  readonly nodeType = 1;
  readonly attributes = new Map<string, string>();
  constructor(
    doc: ShimDocument,
    readonly tagName: string,
  ) {
    super(doc);
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  /** As in a browser: drops every child, then holds one text node unless the value is empty. */
  set textContent(value: string | null) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes.length = 0;
    if (value) {
      const t = this.ownerDocument.createTextNode(value);
      t.parentNode = this;
      this.childNodes.push(t);
    }
  }
  /** No layout in a shim; reading it is what the suite does to force layout. */
  get offsetHeight(): number {
    return 0;
  }
}

export class ShimDocument {
  readonly ops: ShimOps = { inserts: 0, moves: 0, removes: 0, replaces: 0 };
  readonly body: ShimElement;
  constructor() {
    this.body = new ShimElement(this, 'body');
  }
  createElement(tagName: string): ShimElement {
    return new ShimElement(this, tagName.toLowerCase());
  }
  createTextNode(data: string): ShimText {
    return new ShimText(this, data);
  }
  resetOps(): void {
    this.ops.inserts = this.ops.moves = this.ops.removes = this.ops.replaces = 0;
  }
}

/** Canonical markup: attributes sorted, text escaped, so equal trees give equal strings. */
export function serialize(node: ShimNode): string {
  if (node instanceof ShimText) return JSON.stringify(node.data);
  const el = node as ShimElement;
  const attrs = [...el.attributes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
    .join('');
  return `<${el.tagName}${attrs}>${el.childNodes.map(serialize).join('')}</${el.tagName}>`;
}
