/**
 * The layout module's hot step: resolving flexible lengths for one flex line (CSS Flexible Box
 * Layout §9.7), a statement-for-statement translation of `resolveFlexibleLengths` in
 * src/runtime/layout/flex.ts over f64 arrays in linear memory. Every floating-point operation
 * happens in the same order as in the JS source (WASM has no fused or reassociated f64
 * arithmetic), so the targets are bit-identical to JS, not merely close.
 *
 * flex(base, padding, grow, shrink, target, frozen, n, innerMain, gaps): the first five are f64
 * arrays, `frozen` is one byte per item (the Uint8Array of `FlexLine`); writes target and frozen.
 */
import { binaryen, type Expr } from './ir.js';
import type { KernelDef } from './kernel-def.js';

const { i32, f64, none } = binaryen;

// Parameter indices, in the order of the export's signature.
const BASE = 0;
const PADDING = 1;
const GROW = 2;
const SHRINK = 3;
const TARGET = 4;
const FROZEN = 5;
const N = 6;
const INNER_MAIN = 7;
const GAPS = 8;

export const flex: KernelDef = {
  name: 'flex',
  description: 'flex-row layout: resolve flexible lengths of one line (CSS flexbox §9.7), the layout hot step',
  entry: 'flex',
  // No unrolling (the loops branch per item), no SIMD, no named constants or repeated index
  // expressions: what applies is removing the accessor calls and their `* 8`.
  variants: ['O0', 'O3', 'Os', 'inlining', 'strength'],
  build(mb) {
    const m = mb.m;
    mb.fn(
      'flex',
      [i32, i32, i32, i32, i32, i32, i32, f64, f64],
      none,
      (f) => {
        const i = f.local(i32);
        const used = f.local(f64);
        const growing = f.local(i32);
        const factors = f.local(i32);
        const unfrozen = f.local(i32);
        const initialFree = f.local(f64);
        const free = f.local(f64);
        const sumFactors = f.local(f64);
        const sumScaled = f.local(f64);
        const partial = f.local(f64);
        const violation = f.local(f64);

        const at = (array: number): Expr => mb.get('f64', f.get(array), f.get(i));
        const put = (array: number, value: Expr): Expr => mb.set('f64', f.get(array), f.get(i), value);
        const isFrozen = (): Expr => mb.get('u8', f.get(FROZEN), f.get(i));
        const setFrozen = (v: number): Expr => mb.set('u8', f.get(FROZEN), f.get(i), m.i32.const(v));
        const overItems = (body: Expr[]): Expr =>
          f.loop({ i, from: m.i32.const(0), bound: () => f.get(N), main: () => body });
        const outer = (): Expr => m.f64.add(at(BASE), at(PADDING));
        // `!frozen[i] && target[i] < 0`
        const violates = (): Expr => m.if(m.i32.eqz(isFrozen()), m.f64.lt(at(TARGET), m.f64.const(0)), m.i32.const(0));

        const distribute = overItems([
          m.if(
            m.i32.eqz(isFrozen()),
            m.if(
              m.f64.eq(f.get(free), m.f64.const(0)),
              put(TARGET, at(BASE)),
              m.if(
                f.get(growing),
                put(TARGET, m.f64.add(at(BASE), m.f64.div(m.f64.mul(f.get(free), at(GROW)), f.get(sumFactors)))),
                m.if(
                  m.f64.gt(f.get(sumScaled), m.f64.const(0)),
                  put(
                    TARGET,
                    m.f64.add(
                      at(BASE),
                      m.f64.div(m.f64.mul(m.f64.mul(f.get(free), at(SHRINK)), at(BASE)), f.get(sumScaled)),
                    ),
                  ),
                  put(TARGET, at(BASE)),
                ),
              ),
            ),
          ),
        ]);

        const brk = f.label('break');
        const cont = f.label('continue');
        const resolveLoop = m.block(brk, [
          m.loop(
            cont,
            m.block(null, [
              m.br(brk, m.i32.le_s(f.get(unfrozen), m.i32.const(0))),
              // Remaining free space against frozen targets and unfrozen base sizes.
              f.set(free, m.f64.sub(f.get(INNER_MAIN), f.get(GAPS))),
              f.set(sumFactors, m.f64.const(0)),
              f.set(sumScaled, m.f64.const(0)),
              overItems([
                m.if(
                  isFrozen(),
                  f.set(free, m.f64.sub(f.get(free), m.f64.add(at(TARGET), at(PADDING)))),
                  m.block(null, [
                    f.set(free, m.f64.sub(f.get(free), outer())),
                    f.set(sumFactors, m.f64.add(f.get(sumFactors), mb.get('f64', f.get(factors), f.get(i)))),
                    f.set(sumScaled, m.f64.add(f.get(sumScaled), m.f64.mul(at(SHRINK), at(BASE)))),
                  ]),
                ),
              ]),
              // Factors summing to less than 1 take only that fraction of the initial free space.
              m.if(
                m.f64.lt(f.get(sumFactors), m.f64.const(1)),
                m.block(null, [
                  f.set(partial, m.f64.mul(f.get(initialFree), f.get(sumFactors))),
                  m.if(m.f64.lt(m.f64.abs(f.get(partial)), m.f64.abs(f.get(free))), f.set(free, f.get(partial))),
                ]),
              ),
              distribute,
              // Clamp to the minimum (0): no violation ends the loop, otherwise freeze the violators.
              f.set(violation, m.f64.const(0)),
              overItems([m.if(violates(), f.set(violation, m.f64.sub(f.get(violation), at(TARGET))))]),
              m.br(brk, m.f64.eq(f.get(violation), m.f64.const(0))),
              overItems([
                m.if(
                  violates(),
                  m.block(null, [
                    put(TARGET, m.f64.const(0)),
                    setFrozen(1),
                    f.set(unfrozen, m.i32.sub(f.get(unfrozen), m.i32.const(1))),
                  ]),
                ),
              ]),
              m.br(cont),
            ]),
          ),
        ]);

        return [
          // Grow or shrink, by the sum of outer hypothetical sizes plus gaps.
          f.set(used, f.get(GAPS)),
          overItems([f.set(used, m.f64.add(f.get(used), outer()))]),
          f.set(growing, m.f64.lt(f.get(used), f.get(INNER_MAIN))),
          f.set(factors, m.select(f.get(growing), f.get(GROW), f.get(SHRINK))),
          // Items that cannot flex keep their hypothetical size.
          f.set(unfrozen, m.i32.const(0)),
          overItems([
            put(TARGET, at(BASE)),
            m.if(
              m.f64.eq(mb.get('f64', f.get(factors), f.get(i)), m.f64.const(0)),
              setFrozen(1),
              m.block(null, [setFrozen(0), f.set(unfrozen, m.i32.add(f.get(unfrozen), m.i32.const(1)))]),
            ),
          ]),
          f.set(initialFree, m.f64.sub(f.get(INNER_MAIN), f.get(used))),
          resolveLoop,
        ];
      },
      'flex',
    );
  },
};
