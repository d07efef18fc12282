/**
 * `solid-js` resolves to its server build under Node, which is not reactive; the adapter imports
 * the browser build by path, which the package ships without its own declarations.
 */
declare module 'solid-js/dist/solid.js' {
  export * from 'solid-js';
}
