/**
 * snabbdom as a keyed table: each update builds the rows' vnodes with `h` and `patch`es the
 * previous tree, written as snabbdom apps write it (selector classes, text children, keyed rows).
 * Only the attributes module is loaded: the row's class is the one attribute that changes, and
 * setting it as an attribute is the same DOM work the other adapters do.
 */
// Its modules one by one: the package index also loads the style module, which reads `window`
// when it loads, so it cannot be imported under Node (the unit tests); it also keeps the page's
// bundle to what runs.
import { h } from 'snabbdom/build/h.js';
import { htmlDomApi, type DOMAPI } from 'snabbdom/build/htmldomapi.js';
import { init } from 'snabbdom/build/init.js';
import { attributesModule } from 'snabbdom/build/modules/attributes.js';
import type { VNode } from 'snabbdom/build/vnode.js';
import { rowClass, type DifferAdapter, type KeyedTable, type Row } from './types.js';

function rowVNode(row: Row, selectedId: number | null): VNode {
  return h('tr', { key: row.id, attrs: { class: rowClass(row, selectedId) } }, [
    h('td.col-md-1', String(row.id)),
    h('td.col-md-4', [h('a', row.label)]),
    h('td.col-md-1', [h('a', [h('span.glyphicon.glyphicon-remove', { attrs: { 'aria-hidden': 'true' } })])]),
    h('td.col-md-6'),
  ]);
}

/** snabbdom's DOM API with node creation bound to `doc` (its default uses the global `document`). */
function domApiFor(doc: Document): DOMAPI {
  return {
    ...htmlDomApi,
    createElement: (tagName: string, options?: ElementCreationOptions) => doc.createElement(tagName, options),
    createElementNS: (ns: string, name: string, options?: ElementCreationOptions) =>
      doc.createElementNS(ns, name, options),
    createTextNode: (data: string) => doc.createTextNode(data),
    createComment: (data: string) => doc.createComment(data),
  };
}

export const snabbdomDiffer: DifferAdapter = {
  name: 'snabbdom',
  mount(doc: Document, table: Element): KeyedTable {
    const patch = init([attributesModule], domApiFor(doc));
    const tbody = doc.createElement('tbody');
    table.appendChild(tbody);
    // Patching an element adopts it as the root: same selector, so the element is kept.
    let current = patch(tbody, h('tbody', []));
    return {
      tbody,
      update(rows, selectedId) {
        // Fresh vnodes every time: patch writes `elm` into them and may clear slots of the old children.
        current = patch(
          current,
          h(
            'tbody',
            rows.map((r) => rowVNode(r, selectedId)),
          ),
        );
      },
      dispose() {
        tbody.parentNode?.removeChild(tbody);
        current = h('tbody', []);
      },
    };
  },
};
