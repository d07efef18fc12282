/**
 * Mounting a component tree into a DOM container, updating its props, unmounting it. Each call
 * is one batch: the effects it sets off (re-renders, effects of new components) have all run when
 * it returns, so a caller (a benchmark op) measures the whole propagation.
 */
import { batch } from '../reactivity/index.js';
import { render, type DomDocument, type DomNode } from '../differ/index.js';
import { component, type Component } from './element.js';
import { Instance, bind, createInstance, disposeInstance } from './instance.js';

export interface MountOptions {
  /** The document to build nodes with (default: the container's `ownerDocument`, then `globalThis.document`). */
  doc?: DomDocument;
}

/** A mounted tree. Its instances live until `unmount`. */
export class Root<P> {
  #instance: Instance | null;

  constructor(
    instance: Instance,
    readonly container: DomNode,
  ) {
    this.#instance = instance;
  }

  /** The tree's root DOM node (it changes if the root component's root element is replaced); null once unmounted. */
  get dom(): DomNode | null {
    return this.#instance?.dom ?? null;
  }

  get mounted(): boolean {
    return this.#instance !== null;
  }

  /** New props for the root component: re-renders it (and the children whose props change) if they differ shallowly. */
  update(props: P): void {
    const inst = this.#instance;
    if (inst === null) throw new Error('update: this root is unmounted; mount the component again');
    batch(() => inst.props.set(props));
  }

  /** Removes the tree's DOM and disposes every instance and owned effect in it; a second call does nothing. */
  unmount(): void {
    const inst = this.#instance;
    if (inst === null) return;
    this.#instance = null;
    batch(() => {
      const dom = inst.dom;
      if (dom !== null && dom.parentNode === this.container) this.container.removeChild(dom);
      disposeInstance(inst);
    });
  }
}

function documentOf(container: DomNode, options: MountOptions | undefined): DomDocument {
  const doc =
    options?.doc ??
    (container as { ownerDocument?: DomDocument | null }).ownerDocument ??
    (globalThis as { document?: DomDocument }).document;
  if (!doc) throw new Error('mount: no document; pass one (mount(c, props, container, { doc }))');
  return doc;
}

/** Renders `type(props)` and its whole subtree, and appends the result to `container`. */
export function mount<P>(type: Component<P>, props: P, container: DomNode, options?: MountOptions): Root<P> {
  const doc = documentOf(container, options);
  return batch(() => {
    const inst = createInstance(component(type, props) as never, null, doc);
    try {
      const dom = render(inst.view!, doc);
      container.appendChild(dom);
      bind(inst, dom);
    } catch (error) {
      disposeInstance(inst);
      throw error;
    }
    return new Root<P>(inst, container);
  });
}

/** `root.update(props)`. */
export function update<P>(root: Root<P>, props: P): void {
  root.update(props);
}

/** `root.unmount()`. */
export function unmount(root: Root<unknown>): void {
  root.unmount();
}
