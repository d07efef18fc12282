/**
 * The reference runtime's component layer: function components over the differ's VNodes and the
 * reactivity layer's atoms and effects.
 *
 * - A component is `(props) => VNode`; `component(Row, props, key)` places one in a view.
 * - Each instance renders inside its own effect, so an atom change re-renders exactly the
 *   components that read it (batched like any effect), and a parent's new props re-render a child
 *   only when they differ shallowly. A re-render diffs the instance's new output against its last
 *   one and patches only its own DOM; child components are opaque to it (instance.ts).
 * - `useAtom` / `useEffect` (hooks.ts) give an instance state and effects; `ownedEffect` and
 *   `onCleanup` (owner.ts) attach effects and cleanups to whatever is running. Unmounting disposes
 *   everything an instance owns: child instances, hook effects, effects created inside effects.
 * - `mount` / `update` / `unmount` (mount.ts) drive a tree; `componentStats` (stats.ts) counts the work.
 */
export { component, COMPONENT, type Component, type ComponentElement } from './element.js';
export { useAtom, useEffect } from './hooks.js';
export { ownedEffect, onCleanup } from './owner.js';
export { mount, update, unmount, Root, type MountOptions } from './mount.js';
export { componentStats, resetComponentStats, type ComponentStats } from './stats.js';
