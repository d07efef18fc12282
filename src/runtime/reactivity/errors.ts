/** Errors the reactive runtime throws on misuse. */

/**
 * A computed (directly or through others) depends on itself. `nodes` lists the debug names along
 * the cycle, first and last being the same node, e.g. `['a', 'b', 'a']`.
 */
export class ReactiveCycleError extends Error {
  constructor(readonly nodes: readonly string[]) {
    super(`Cycle detected in reactive graph: ${formatPath(nodes)}`);
    this.name = 'ReactiveCycleError';
  }
}

/** Long cycles are shortened in the message (the full list stays in `nodes`). */
function formatPath(nodes: readonly string[]): string {
  if (nodes.length <= 24) return nodes.join(' -> ');
  const head = nodes.slice(0, 10).join(' -> ');
  const tail = nodes.slice(-10).join(' -> ');
  return `${head} -> ... (${nodes.length - 20} more) -> ${tail}`;
}
