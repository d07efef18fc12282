/**
 * Boundary-cost module: `inc(x) = x + 1` called once per element from JS, against `incAll`, which
 * does the same over an i32 array in linear memory in one call. Not a kernel variant family: it
 * exists to price a JS->WASM call, so it is built once at O3.
 */
import { binaryen } from './ir.js';
import type { ModuleBuilder } from './ir.js';

const { i32, none } = binaryen;

export function buildBoundary(mb: ModuleBuilder): void {
  const m = mb.m;
  mb.fn('inc', [i32], i32, (f) => [m.return(m.i32.add(f.get(0), m.i32.const(1)))], 'inc');
  mb.fn(
    'incAll',
    [i32, i32],
    none,
    (f) => {
      const i = f.local(i32);
      return [
        f.loop({
          i,
          from: m.i32.const(0),
          bound: () => f.get(1),
          main: (at) => [mb.set('i32', f.get(0), at(0), m.i32.add(mb.get('i32', f.get(0), at(0)), m.i32.const(1)))],
        }),
      ];
    },
    'incAll',
  );
}
