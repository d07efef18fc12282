/**
 * udomdiff as a keyed table. udomdiff diffs two arrays of DOM nodes and moves, inserts and
 * removes children of a parent until they match the second; it knows nothing of data. So the
 * adapter keeps one `<tr>` per row id (created on first sight, its label and class updated in
 * place) and hands udomdiff the old and new lists of rows, as µhtml does with its keyed lists.
 */
import udomdiff from 'udomdiff';
import { rowClass, type DifferAdapter, type KeyedTable, type Row } from './types.js';

interface RowDom {
  tr: Element;
  label: Text;
  /** What the DOM shows, so unchanged rows cost no DOM write. */
  labelText: string;
  className: string;
}

function cell(doc: Document, cls: string): Element {
  const td = doc.createElement('td');
  td.setAttribute('class', cls);
  return td;
}

function createRow(doc: Document, row: Row, className: string): RowDom {
  const tr = doc.createElement('tr');
  tr.setAttribute('class', className);
  const id = cell(doc, 'col-md-1');
  id.appendChild(doc.createTextNode(String(row.id)));
  const labelCell = cell(doc, 'col-md-4');
  const a = doc.createElement('a');
  const label = doc.createTextNode(row.label);
  a.appendChild(label);
  labelCell.appendChild(a);
  const remove = cell(doc, 'col-md-1');
  const link = doc.createElement('a');
  const icon = doc.createElement('span');
  icon.setAttribute('class', 'glyphicon glyphicon-remove');
  icon.setAttribute('aria-hidden', 'true');
  link.appendChild(icon);
  remove.appendChild(link);
  tr.appendChild(id);
  tr.appendChild(labelCell);
  tr.appendChild(remove);
  tr.appendChild(cell(doc, 'col-md-6'));
  return { tr, label, labelText: row.label, className };
}

const identity = (node: Node): Node => node;

export const udomdiffDiffer: DifferAdapter = {
  name: 'udomdiff',
  mount(doc: Document, table: Element): KeyedTable {
    const tbody = doc.createElement('tbody');
    table.appendChild(tbody);
    let byId = new Map<number, RowDom>();
    let nodes: Node[] = [];
    return {
      tbody,
      update(rows, selectedId) {
        const next = new Map<number, RowDom>();
        const list: Node[] = new Array<Node>(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!;
          const className = rowClass(row, selectedId);
          let dom = byId.get(row.id);
          if (dom === undefined) {
            dom = createRow(doc, row, className);
          } else {
            if (dom.labelText !== row.label) {
              dom.label.data = row.label;
              dom.labelText = row.label;
            }
            if (dom.className !== className) {
              dom.tr.setAttribute('class', className);
              dom.className = className;
            }
          }
          next.set(row.id, dom);
          list[i] = dom.tr;
        }
        // Rows absent from `list` are removed by udomdiff; `before` is null (the rows end the tbody).
        // udomdiff may write into its first array, so `nodes` is never reused after this call.
        nodes = udomdiff(tbody, nodes, list, identity, null);
        byId = next;
      },
      dispose() {
        tbody.parentNode?.removeChild(tbody);
        byId = new Map();
        nodes = [];
      },
    };
  },
};
