/**
 * The startup suite's app page (served at `/<side>/startup/app/`, see src/browser/bundle.ts): the
 * components suite's table of N keyed row components, N from `?components=N`. Its own bundle, no
 * harness runner in it, so a cold load parses and runs what a real app of that size would. Marks
 * the end of its first render for the host's `loadPage`.
 */
import { FIRST_RENDER_MARK } from '../src/suite/api.js';
import { mount } from '../src/runtime/components/index.js';
import type { DomElement } from '../src/runtime/differ/index.js';
import { Table, rowModels } from './_shared/row-table.js';

const n = Number(new URLSearchParams(location.search).get('components') ?? '100');
if (!Number.isInteger(n) || n < 0) throw new Error(`startup app: bad ?components=${location.search}`);
const container = document.createElement('div');
document.body.appendChild(container);
mount(Table, { rows: rowModels(n) }, container as unknown as DomElement);
performance.mark(FIRST_RENDER_MARK);
