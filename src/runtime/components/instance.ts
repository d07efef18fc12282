/**
 * Component instances: one per component element in a mounted tree, each with its own render
 * effect, so a change re-renders exactly the components that read it.
 *
 * An instance keeps its `view`: what its function returned, with each child component replaced
 * by that child's **slot**. A slot is one VNode object per child instance, marked static and kept
 * for the child's whole life, and it mirrors the child's current root (type, props, children).
 * So in the parent's diff a kept child is the same static object on both sides and is skipped
 * without being entered, whatever the child did in between: a parent's re-render costs its own
 * output, not its subtree's. And wherever the differ does render a slot (a new child inserted, or
 * an ancestor element replaced), `render(slot)` builds exactly the child's current DOM.
 *
 * After a parent's patches, new children are bound to the DOM nodes at their paths, and a kept
 * child whose slot an ancestor REPLACE rendered afresh gets its own (live, stateful) DOM node
 * put back in place of the copy. A child re-rendering on its own diffs and patches only its DOM.
 */
import { effect, type Atom, atom, type Dispose } from '../reactivity/index.js';
import {
  applyPatches,
  diff,
  type DiffStats,
  type DomDocument,
  type DomNode,
  type Key,
  type VNode,
} from '../differ/index.js';
import { shallowEqual, type Component, type ComponentElement } from './element.js';
import { beginHooks, endHooks, type Hook, type HookHost } from './hooks.js';
import { Owner, disposeChildren, disposeOwner, runWithOwner } from './owner.js';
import { expandView } from './reconcile.js';
import { counters } from './stats.js';

const NO_CHILDREN: ReadonlyMap<string, Instance> = new Map();
/** Reused by every diff (diffs never nest: a render patches before any other render runs). */
const diffStats: DiffStats = { nodesVisited: 0 };

export class Instance implements HookHost {
  readonly name: string;
  /** Lifetime owner: render effect, hook effects, render scope, child instances. */
  readonly owner: Owner;
  /** Owns what the last render created (effects, `onCleanup`s); emptied before each render. */
  readonly renderScope: Owner;
  readonly props: Atom<unknown>;
  readonly slot: VNode;
  readonly hooks: Hook[] = [];
  hooksSealed = false;
  /** Last output, expanded (children as slots); null before the first render. */
  view: VNode | null = null;
  /** Root DOM node of this instance; null until the tree is in the DOM. */
  dom: DomNode | null = null;
  /** Where this instance's slot sits in its parent's view. */
  path: readonly number[] = [];
  children: ReadonlyMap<string, Instance> = NO_CHILDREN;
  private disposeRender: Dispose | null = null;

  constructor(
    readonly fn: Component<never>,
    input: unknown,
    key: Key | undefined,
    readonly parent: Instance | null,
    readonly doc: DomDocument,
  ) {
    this.name = fn.name || 'anonymous';
    this.owner = new Owner(parent === null ? null : parent.owner);
    this.renderScope = new Owner(this.owner);
    this.props = atom(input, { equals: shallowEqual, name: `props:${this.name}` });
    this.slot = { type: '', props: {}, children: [], static: true };
    if (key !== undefined) this.slot.key = key;
  }

  /** Runs the first render now (the whole subtree with it); from then on, renders on change. */
  start(): void {
    counters.componentsMounted++;
    counters.componentsLive++;
    this.owner.addCleanup(() => {
      counters.componentsUnmounted++;
      counters.componentsLive--;
      if (this.disposeRender !== null) this.disposeRender();
    });
    try {
      // Detached: a kept child outlives its parent's re-render; `this.owner` disposes it.
      this.disposeRender = effect(() => this.render(), { name: `render:${this.name}`, detached: true });
    } catch (error) {
      disposeOwner(this.owner);
      throw error;
    }
  }

  private render(): void {
    counters.componentsRendered++;
    disposeChildren(this.renderScope);
    const raw = this.callComponent();

    const prev = this.children;
    let next: Map<string, Instance> | null = null;
    const created: Instance[] = [];
    let view: VNode;
    try {
      view = expandView(raw, (el, identity, path) => {
        next ??= new Map();
        if (next.has(identity))
          throw new Error(`component ${this.name}: two children at ${identity}; keys must be unique among siblings`);
        let child = prev.get(identity);
        if (child !== undefined && child.fn === el.component) {
          child.props.set(el.input); // re-renders it (later in this flush) only if a prop changed
        } else {
          child = createInstance(el, this);
          created.push(child);
        }
        child.path = path.slice();
        next.set(identity, child);
        return child.slot;
      });
    } catch (error) {
      for (const c of created) disposeOwner(c.owner);
      throw error;
    }
    const kept: ReadonlyMap<string, Instance> = next ?? NO_CHILDREN;
    this.children = kept;

    const old = this.view;
    this.view = view;
    mirror(this.slot, view);
    if (old !== null && this.dom !== null) this.patch(old, view, created.length > 0);
    // Removed children: their DOM went with the patches (or was never built); now their owners.
    for (const [id, c] of prev) if (kept.get(id) !== c) disposeOwner(c.owner);
  }

  private callComponent(): VNode {
    const frame = beginHooks(this);
    let completed = false;
    try {
      const out = runWithOwner(this.renderScope, () => this.fn(this.props.get() as never));
      completed = true;
      return out;
    } finally {
      endHooks(frame, completed);
    }
  }

  private patch(old: VNode, view: VNode, hasNewChildren: boolean): void {
    diffStats.nodesVisited = 0;
    const patches = diff(old, view, diffStats);
    counters.nodesDiffed += diffStats.nodesVisited;
    let rendered = hasNewChildren;
    if (patches.length > 0) {
      const res = applyPatches(this.dom!, patches, this.doc);
      counters.patchesApplied += patches.length;
      counters.domMoves += res.moves;
      if (res.root !== this.dom) this.setRoot(res.root);
      if (res.inserts + res.replaces > 0) rendered = true;
    }
    if (rendered) this.placeChildren();
  }

  /** This instance's root node changed: so did that of every ancestor whose root it is. */
  private setRoot(node: DomNode): void {
    this.dom = node;
    let c: Instance | null = this.path.length === 0 ? this.parent : null;
    for (; c !== null; c = c.path.length === 0 ? c.parent : null) c.dom = node;
  }

  /**
   * After patches that built DOM from VNodes: new children adopt the nodes built for them; a kept
   * child whose slot was rendered afresh (an ancestor was replaced) gets its own node back.
   */
  private placeChildren(): void {
    for (const child of this.children.values()) {
      const node = resolve(this.dom!, child.path);
      if (child.dom === null) bind(child, node);
      else if (node !== child.dom) {
        if (node.parentNode === null) throw new Error(`component ${child.name}: its place in the DOM has no parent`);
        node.parentNode.replaceChild(child.dom, node);
      }
    }
  }
}

export function createInstance(el: ComponentElement<unknown>, parent: Instance | null, doc?: DomDocument): Instance {
  const inst = new Instance(el.component as Component<never>, el.input, el.key, parent, parent?.doc ?? doc!);
  inst.start();
  return inst;
}

export function disposeInstance(inst: Instance): void {
  disposeOwner(inst.owner);
}

/** The slot shows the child's current root, so rendering it anywhere gives the child's DOM. */
function mirror(slot: VNode, view: VNode): void {
  slot.type = view.type;
  slot.props = view.props;
  slot.children = view.children;
  slot.text = view.text;
}

function resolve(root: DomNode, path: readonly number[]): DomNode {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const next = node.childNodes[path[i]!];
    if (next === undefined || next === null) throw new Error(`component layer: no DOM node at [${path.join(',')}]`);
    node = next;
  }
  return node;
}

/** A tree just rendered from its view: every instance in it adopts the node at its path. */
export function bind(inst: Instance, node: DomNode): void {
  inst.dom = node;
  for (const child of inst.children.values()) bind(child, resolve(node, child.path));
}
