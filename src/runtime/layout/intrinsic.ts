/**
 * Content-based sizes, as Chromium computes them for this subset (no text, so a box's content
 * height never depends on its width, and both sizes are pure functions of the subtree; they are
 * cached on the box until a change below invalidates them).
 *
 * - max-content width: a row sums its children's main-size contributions (plus gaps), a column
 *   takes the largest width contribution. A width contribution is the child's `width` when fixed,
 *   else its own max-content width. In a row, that is then clamped by the child's flex base size
 *   (css-flexbox-1 §9.9.3, as Chromium does): at most the base size when the child cannot grow,
 *   at least it when the child cannot shrink.
 * - auto height: the height of a layout with an indefinite height. A column's items are then not
 *   flexed, so it is the sum of their hypothetical main sizes (flex-basis counts here), a row's is
 *   the largest child height contribution.
 */
import type { FlexNode } from './box.js';

export function widthContribution(c: FlexNode): number {
  const w = c.styleWidth;
  return w === w ? Math.max(w, c.padLeft + c.padRight) : intrinsicWidth(c);
}

/** §9.9.3: a flex item's max-content contribution in a row, clamped by its outer flex base size. */
function rowContribution(c: FlexNode): number {
  const w = widthContribution(c);
  const basis = c.basis;
  if (basis !== basis) return w; // basis auto: the base size is this very width
  const base = Math.max(basis, c.padLeft + c.padRight);
  if (c.grow === 0 && w > base) return base;
  if (c.shrink === 0 && w < base) return base;
  return w;
}

export function heightContribution(c: FlexNode): number {
  const h = c.styleHeight;
  return h === h ? Math.max(h, c.padTop + c.padBottom) : intrinsicHeight(c);
}

export function intrinsicWidth(box: FlexNode): number {
  const cached = box.intrinsicWidth;
  if (cached === cached) return cached;
  const kids = box.children;
  let content = 0;
  if (box.column) {
    for (let i = 0; i < kids.length; i++) content = Math.max(content, widthContribution(kids[i]));
  } else {
    for (let i = 0; i < kids.length; i++) content += rowContribution(kids[i]);
    if (kids.length > 1) content += box.gap * (kids.length - 1);
  }
  return (box.intrinsicWidth = content + box.padLeft + box.padRight);
}

export function intrinsicHeight(box: FlexNode): number {
  const cached = box.intrinsicHeight;
  if (cached === cached) return cached;
  const kids = box.children;
  let content = 0;
  if (box.column) {
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i];
      const basis = c.basis;
      content += basis === basis ? Math.max(basis, c.padTop + c.padBottom) : heightContribution(c);
    }
    if (kids.length > 1) content += box.gap * (kids.length - 1);
  } else {
    for (let i = 0; i < kids.length; i++) content = Math.max(content, heightContribution(kids[i]));
  }
  return (box.intrinsicHeight = content + box.padTop + box.padBottom);
}
