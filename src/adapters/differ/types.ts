/**
 * One small interface over keyed list renderers (virtual-DOM differs and DOM-level list diffs), as
 * `ReactiveAdapter` is for reactive libraries: the same js-framework-benchmark table operations run
 * on the reference runtime's differ and on real peer libraries, so the differ is measured against
 * code that ships.
 *
 * Every adapter renders the same jsfb row markup into a `<tbody>` it owns:
 *
 *   <tr class="">                      (class "danger" on the selected row)
 *     <td class="col-md-1">ID</td>
 *     <td class="col-md-4"><a>LABEL</a></td>
 *     <td class="col-md-1"><a><span class="glyphicon glyphicon-remove" aria-hidden="true"></span></a></td>
 *     <td class="col-md-6"></td>
 *   </tr>
 *
 * The DOM types are the browser's; Node tests pass the shim of test/runtime/dom-shim.ts cast to them.
 */

/** One table row: `id` is its key. */
export interface Row {
  readonly id: number;
  readonly label: string;
}

/** A mounted table body that one library keeps in step with a list of rows. */
export interface KeyedTable {
  /** The `<tbody>` the rows live in; the same element for the table's whole life. */
  readonly tbody: Element;
  /** Makes the rows (in order, by key) and the selection those given; reuses rows whose id stays. */
  update(rows: readonly Row[], selectedId: number | null): void;
  /** Removes the tbody from its table and drops the library's state. */
  dispose(): void;
}

export interface DifferAdapter {
  readonly name: string;
  /** Appends an empty `<tbody>` to `table`, owned by this library. */
  mount(doc: Document, table: Element): KeyedTable;
}

/** The class of a row: jsfb marks the selected row "danger", the others have an empty class. */
export const rowClass = (row: Row, selectedId: number | null): string => (row.id === selectedId ? 'danger' : '');
