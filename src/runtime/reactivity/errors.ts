/** Errors the reactive runtime throws on misuse. */

/**
 * A computed (directly or through others) depends on itself. `nodes` lists the debug names along
 * the cycle, first and last being the same node, e.g. `['a', 'b', 'a']`.
 */
export class ReactiveCycleError extends Error {
  constructor(readonly nodes: readonly string[]) {
    super(`Cycle detected in reactive graph: ${nodes.join(' -> ')}`);
    this.name = 'ReactiveCycleError';
  }
}
