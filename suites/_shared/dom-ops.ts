/**
 * Counts what one operation asks of the DOM, the same way for every library: the DOM's own
 * methods and setters are wrapped for the duration of the operation (on the prototypes that own
 * them, found from the nodes themselves, so the browser's DOM and the Node tests' shim are
 * counted alike), then restored. No MutationObserver: its records are delivered late and merge
 * a move into a removal plus an insertion.
 *
 * Only the untimed counter pass calls this, so the wrappers never slow a timed operation.
 * What counts:
 * - structure, on the container only (the rows, not the cells of a row being built):
 *   `moves` = insertBefore / appendChild / replaceChild of a node already in the container
 *   (every call, even one that leaves the node where it was: the browser still detaches and
 *   re-inserts it), `inserts` = the same calls with a node from elsewhere, `removes` =
 *   removeChild, and the node replaceChild takes out;
 * - `texts` = writes of `data`, `nodeValue` or `textContent` to a node inside the container;
 * - `attrs` = setAttribute / removeAttribute on an element inside the container.
 * A new row is built before it is inserted, so its construction is one insert, whatever
 * library builds it.
 */

export interface DomOps {
  inserts: number;
  moves: number;
  removes: number;
  texts: number;
  attrs: number;
}

export const emptyDomOps = (): DomOps => ({ inserts: 0, moves: 0, removes: 0, texts: 0, attrs: 0 });

/** All operations of one count: the `domOps` total. */
export const totalDomOps = (o: DomOps): number => o.inserts + o.moves + o.removes + o.texts + o.attrs;

interface NodeLike {
  readonly parentNode: NodeLike | null;
  readonly ownerDocument: { createTextNode(data: string): object } | null;
}

type Saved = { owner: object; name: string; desc: PropertyDescriptor };

/** The object on `obj`'s prototype chain that defines `name`, with its descriptor; null if none. */
function ownerOf(obj: object, name: string): Saved | null {
  for (let o: object | null = obj; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const desc = Object.getOwnPropertyDescriptor(o, name);
    if (desc) return { owner: o, name, desc };
  }
  return null;
}

/** Runs `op` with the DOM under `container` instrumented; returns what it did. */
export function countDomOps(container: object, op: () => void): DomOps {
  const root = container as NodeLike;
  const counts = emptyDomOps();
  const inside = (node: unknown): boolean => {
    for (let n = node as NodeLike | null; n; n = n.parentNode) if (n === root) return true;
    return false;
  };
  // One DOM call may be made of others (the shim's appendChild calls insertBefore): count the outer one.
  let depth = 0;
  const saved: Saved[] = [];
  const wrap = (target: object, name: string, make: (desc: PropertyDescriptor) => PropertyDescriptor): void => {
    const found = ownerOf(target, name);
    if (!found || saved.some((s) => s.owner === found.owner && s.name === name)) return;
    saved.push(found);
    Object.defineProperty(found.owner, name, { ...make(found.desc), configurable: true });
  };
  const method = (target: object, name: string, count: (self: unknown, args: unknown[]) => void): void =>
    wrap(target, name, (desc) => {
      const original = desc.value as (...args: unknown[]) => unknown;
      return {
        ...desc,
        value(this: unknown, ...args: unknown[]) {
          if (depth === 0) count(this, args);
          depth++;
          try {
            return original.apply(this, args);
          } finally {
            depth--;
          }
        },
      };
    });
  const setter = (target: object, name: string, count: (self: unknown) => void): void =>
    wrap(target, name, (desc) => {
      const original = desc.set;
      if (!original) return desc;
      return {
        ...desc,
        set(this: unknown, value: unknown) {
          if (depth === 0) count(this);
          depth++;
          try {
            original.call(this, value);
          } finally {
            depth--;
          }
        },
      };
    });

  const placed = (node: unknown): void => {
    if ((node as NodeLike).parentNode === root) counts.moves++;
    else counts.inserts++;
  };
  const onText = (self: unknown): void => {
    if (inside(self)) counts.texts++;
  };
  const onAttr = (self: unknown): void => {
    if (inside(self)) counts.attrs++;
  };
  const text = root.ownerDocument?.createTextNode('') ?? null;
  try {
    method(root, 'insertBefore', (self, [node]) => self === root && placed(node));
    method(root, 'appendChild', (self, [node]) => self === root && placed(node));
    method(root, 'removeChild', (self) => {
      if (self === root) counts.removes++;
    });
    method(root, 'replaceChild', (self, [node]) => {
      if (self !== root) return;
      placed(node);
      counts.removes++;
    });
    method(root, 'setAttribute', onAttr);
    method(root, 'removeAttribute', onAttr);
    setter(root, 'textContent', onText);
    if (text !== null) for (const name of ['data', 'nodeValue', 'textContent']) setter(text, name, onText);
    op();
  } finally {
    for (let i = saved.length - 1; i >= 0; i--) {
      const s = saved[i]!;
      Object.defineProperty(s.owner, s.name, s.desc);
    }
  }
  return counts;
}
