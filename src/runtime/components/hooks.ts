/**
 * Hooks: state and effects that belong to a component instance across its renders. A component
 * function runs on every render, so `useAtom` hands back the same atom each time by call order
 * (as React's hooks do), and `useEffect` creates its effect on the first render only. Call order
 * must therefore be the same on every render; a render that calls a different number of hooks is
 * an error, not a silent mix-up of state.
 */
import { atom, type Atom, type EffectFn, type EffectOptions, type NodeOptions } from '../reactivity/index.js';
import { Owner, ownedEffect, runWithOwner } from './owner.js';

/** What a component instance offers its hooks. */
export interface HookHost {
  readonly name: string;
  /** The instance's lifetime owner: hook effects live until unmount. */
  readonly owner: Owner;
  readonly hooks: Hook[];
  /** Set after the first successful render: from then on the hook list is fixed. */
  hooksSealed: boolean;
}

export type Hook = { kind: 'atom'; atom: Atom<unknown> } | { kind: 'effect' };

const EFFECT_HOOK: Hook = { kind: 'effect' };

let host: HookHost | null = null;
let index = 0;

export interface HookFrame {
  host: HookHost | null;
  index: number;
}

/** Called by the instance around its component function; returns what `endHooks` restores. */
export function beginHooks(h: HookHost): HookFrame {
  const saved = { host, index };
  host = h;
  index = 0;
  return saved;
}

/** `completed`: the component function returned (then the hook count is checked and sealed). */
export function endHooks(saved: HookFrame, completed: boolean): void {
  const h = host!;
  const used = index;
  host = saved.host;
  index = saved.index;
  if (!completed) return;
  if (h.hooksSealed && used !== h.hooks.length) throw orderError(h, used);
  h.hooksSealed = true;
}

function orderError(h: HookHost, used: number): Error {
  return new Error(
    `component ${h.name} called ${used} hooks, ${h.hooks.length} on its first render; ` +
      'hooks must be called in the same order on every render (not inside conditions or loops)',
  );
}

/** The next hook slot of the rendering component: the existing one, or undefined on the first render. */
function nextSlot(name: string, kind: Hook['kind']): { h: HookHost; slot: Hook | undefined } {
  const h = host;
  if (h === null) throw new Error(`${name}: not inside a component render; call it from a component function`);
  const i = index++;
  if (i < h.hooks.length) {
    const slot = h.hooks[i]!;
    if (slot.kind !== kind) throw new Error(`component ${h.name}: hook ${i} was ${slot.kind}, now ${kind}; ${ORDER}`);
    return { h, slot };
  }
  if (h.hooksSealed) throw orderError(h, i + 1);
  return { h, slot: undefined };
}

const ORDER = 'hooks must be called in the same order on every render';

/** Local state: an atom created on the instance's first render and returned on every later one. */
export function useAtom<T>(initial: T, options?: NodeOptions<T>): Atom<T> {
  const { h, slot } = nextSlot('useAtom', 'atom');
  if (slot !== undefined) return (slot as { atom: Atom<T> }).atom;
  const a = atom(initial, options);
  h.hooks.push({ kind: 'atom', atom: a as Atom<unknown> });
  return a;
}

/**
 * An effect created on the instance's first render (it runs right away, before the DOM exists),
 * re-run when what it reads changes, disposed at unmount with the effects it created.
 * Later renders do not re-create it; a value it needs from later props must come through an atom.
 */
export function useEffect(fn: EffectFn, options?: EffectOptions): void {
  const { h, slot } = nextSlot('useEffect', 'effect');
  if (slot !== undefined) return;
  h.hooks.push(EFFECT_HOOK);
  runWithOwner(h.owner, () => ownedEffect(fn, options));
}
