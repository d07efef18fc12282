/**
 * The CSS that makes a browser lay a box out as this module does: flexbox with border-box sizes,
 * no automatic minimum size (min-width/min-height 0, which the module assumes) and no margins.
 * Used to render the same tree as DOM (differential tests, the layout suite's browser mode).
 */
import type { BoxStyle, Size } from './box.js';

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
