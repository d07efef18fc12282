/**
 * The app of N keyed row components that the components, memory and startup suites share: seeded
 * labels, a row model with a label atom, the `Row` component (one owned effect each) and the
 * `Table`. Its own module so that the startup suite's app bundle holds only the app, not the
 * suites' definitions.
 */
import { atom, type Atom } from '../../src/runtime/reactivity/index.js';
import { h, type VNode } from '../../src/runtime/differ/index.js';
import { component, useEffect, type Component } from '../../src/runtime/components/index.js';
import { mulberry32 } from '../../src/suite/prng.js';

export const DATA_SEED = 0x636f6d70;

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** Seeded labels: "word word". */
export function labels(seed: number): () => string {
  const rng = mulberry32(seed);
  const pick = (): string => WORDS[Math.floor(rng() * WORDS.length)];
  return () => `${pick()} ${pick()}`;
}

/** Effects write here, so their work is observable (and not optimised away). */
export const sink = { chars: 0 };

export interface RowModel {
  id: number;
  label: Atom<string>;
}

export const Row = (p: { row: RowModel }): VNode => {
  const label = p.row.label.get();
  useEffect(() => {
    sink.chars += p.row.label.get().length;
  });
  return h('tr', null, [h('td', { class: 'col-md-1' }, [String(p.row.id)]), h('td', { class: 'col-md-4' }, [label])]);
};

/** A table of keyed rows (also the app the memory suite mounts); `row` is the row component. */
export const Table = (p: { rows: RowModel[]; row?: Component<{ row: RowModel }> }): VNode =>
  h('table', { class: 'table' }, [
    h(
      'tbody',
      null,
      p.rows.map((row) => component(p.row ?? Row, { row }, row.id)),
    ),
  ]);

/** `n` rows with seeded labels. */
export function rowModels(n: number): RowModel[] {
  const next = labels(DATA_SEED + 1);
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, label: atom(next()) }));
}
