/**
 * udomdiff ships no declarations. Its one export (ESM default, or `module.exports` in CommonJS)
 * turns the children `a` of `parentNode` into `b` and returns `b`; `get(entry, action)` maps an
 * entry to its node (action 1 insert, 0 insert before, -0 insert after, -1 remove); `before` is
 * the node the list ends at (null: the end of the parent). It may write into `a`.
 */
declare module 'udomdiff' {
  export default function udomdiff<T>(
    parentNode: Node,
    a: T[],
    b: T[],
    get: (entry: T, action: number) => Node,
    before?: Node | null,
  ): T[];
}
