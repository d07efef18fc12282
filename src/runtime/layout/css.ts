/**
 * The CSS that makes a browser lay a box out as this module does: flexbox with border-box sizes,
 * no automatic minimum size (min-width/min-height 0, which the module assumes) and no margins.
 * Used to render the same tree as DOM (differential tests, the layout suite's browser mode).
 */
import type { BoxSpec, BoxStyle, Size } from './box.js';

const px = (v: Size | undefined): string => (v === undefined || v === 'auto' ? 'auto' : `${v}px`);

export function boxCssText(style: BoxStyle): string {
  const p = style.padding ?? 0;
  const [t, r, b, l] = typeof p === 'number' ? [p, p, p, p] : p;
  return (
    'display:flex;box-sizing:border-box;margin:0;border:0;min-width:0;min-height:0;' +
    `flex-direction:${style.direction ?? 'row'};` +
    `flex:${style.grow ?? 0} ${style.shrink ?? 1} ${px(style.basis)};` +
    `width:${px(style.width)};height:${px(style.height)};` +
    `padding:${t}px ${r}px ${b}px ${l}px;gap:${style.gap ?? 0}px;`
  );
}

/** A tree rendered as DOM: its root (absolutely placed at the page's top left) and every box in pre-order. */
export interface RenderedBoxes {
  root: HTMLElement;
  elements: HTMLElement[];
}

/** Renders `spec` into `doc.body` with boxCssText, so the browser lays it out as the module does. */
export function renderBoxSpec(doc: Document, spec: BoxSpec): RenderedBoxes {
  const elements: HTMLElement[] = [];
  const make = (s: BoxSpec): HTMLElement => {
    const el = doc.createElement('div');
    el.style.cssText = boxCssText(s);
    elements.push(el);
    for (const c of s.children ?? []) el.appendChild(make(c));
    return el;
  };
  const root = make(spec);
  root.style.position = 'absolute';
  root.style.left = '0px';
  root.style.top = '0px';
  doc.body.appendChild(root);
  return { root, elements };
}
