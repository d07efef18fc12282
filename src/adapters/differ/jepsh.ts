/**
 * The reference runtime's differ as a keyed table: each update builds the VNode tree of the rows,
 * diffs it against the previous one and applies the patches to the DOM.
 */
import {
  applyPatches,
  diff,
  h,
  markStatic,
  render,
  text,
  type DomDocument,
  type DomNode,
  type VNode,
} from '../../runtime/differ/index.js';
import { rowClass, type DifferAdapter, type KeyedTable, type Row } from './types.js';

// The two cells that never change are one shared static VNode each, as a compiler would hoist
// them, so the differ skips them (the same view as suites/diffing.ts).
const removeCell = markStatic(
  h('td', { class: 'col-md-1' }, [
    h('a', null, [h('span', { class: 'glyphicon glyphicon-remove', 'aria-hidden': 'true' }, [])]),
  ]),
);
const spacerCell = markStatic(h('td', { class: 'col-md-6' }, []));

function rowVNode(row: Row, selectedId: number | null): VNode {
  return {
    type: 'tr',
    key: row.id,
    props: { class: rowClass(row, selectedId) },
    children: [
      h('td', { class: 'col-md-1' }, [text(String(row.id))]),
      h('td', { class: 'col-md-4' }, [h('a', null, [text(row.label)])]),
      removeCell,
      spacerCell,
    ],
  };
}

export const jepshDiffer: DifferAdapter = {
  name: 'jepsh',
  mount(doc: Document, table: Element): KeyedTable {
    const dom = doc as unknown as DomDocument;
    let current: VNode = h('tbody', null, []);
    const tbody = render(current, dom) as unknown as Element;
    table.appendChild(tbody);
    return {
      tbody,
      update(rows, selectedId) {
        const next = h(
          'tbody',
          null,
          rows.map((r) => rowVNode(r, selectedId)),
        );
        // Both roots are tbody elements, so the root is never replaced and `tbody` stays valid.
        applyPatches(tbody as unknown as DomNode, diff(current, next), dom);
        current = next;
      },
      dispose() {
        tbody.parentNode?.removeChild(tbody);
        current = h('tbody', null, []);
      },
    };
  },
};
