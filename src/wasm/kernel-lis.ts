/**
 * The differ's hot path: length of the longest strictly increasing subsequence of an Int32Array
 * (patience sorting with binary search), as used to find which keyed children can stay in place.
 * Negative entries mark new nodes (no old position) and are skipped, as in keyed diffing.
 * `lowerBound` is a separate function, as the JS source has it, so inlining has a call to remove.
 */
import { binaryen } from './ir.js';
import type { KernelDef } from './kernel-def.js';

const { i32 } = binaryen;

export const lis: KernelDef = {
  name: 'lis',
  description: 'longest increasing subsequence length (patience + binary search), the differ hot path',
  entry: 'lis',
  variants: ['O0', 'O3', 'Os', 'inlining', 'strength'],
  build(mb) {
    const m = mb.m;
    // lowerBound(tails, len, x): first index in tails[0..len) whose value is >= x.
    mb.fn('lowerBound', [i32, i32, i32], i32, (f) => {
      const lo = f.local(i32);
      const hi = f.local(i32);
      const mid = f.local(i32);
      const brk = f.label('break');
      const cont = f.label('continue');
      return [
        f.set(lo, m.i32.const(0)),
        f.set(hi, f.get(1)),
        m.block(brk, [
          m.loop(
            cont,
            m.block(null, [
              m.br(brk, m.i32.eqz(m.i32.lt_s(f.get(lo), f.get(hi)))),
              // `Math.floor((lo + hi) / 2)` of the JS source, translated literally: a division.
              f.set(mid, m.i32.div_u(m.i32.add(f.get(lo), f.get(hi)), m.i32.const(2))),
              m.if(
                m.i32.lt_s(mb.get('i32', f.get(0), f.get(mid)), f.get(2)),
                f.set(lo, m.i32.add(f.get(mid), m.i32.const(1))),
                f.set(hi, f.get(mid)),
              ),
              m.br(cont),
            ]),
          ),
        ]),
        m.return(f.get(lo)),
      ];
    });
    // lis(seq, n, tails) -> length; tails needs room for n i32 values.
    mb.fn(
      'lis',
      [i32, i32, i32],
      i32,
      (f) => {
        const i = f.local(i32);
        const len = f.local(i32);
        const x = f.local(i32);
        const pos = f.local(i32);
        return [
          f.set(len, m.i32.const(0)),
          f.loop({
            i,
            from: m.i32.const(0),
            bound: () => f.get(1),
            main: () => [
              f.set(x, mb.get('i32', f.get(0), f.get(i))),
              m.if(
                m.i32.ge_s(f.get(x), m.i32.const(0)),
                m.block(null, [
                  f.set(pos, m.call('lowerBound', [f.get(2), f.get(len), f.get(x)], i32)),
                  mb.set('i32', f.get(2), f.get(pos), f.get(x)),
                  m.if(m.i32.eq(f.get(pos), f.get(len)), f.set(len, m.i32.add(f.get(len), m.i32.const(1)))),
                ]),
              ),
            ],
          }),
          m.return(f.get(len)),
        ];
      },
      'lis',
    );
  },
};
