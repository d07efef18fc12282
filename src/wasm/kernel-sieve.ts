/**
 * Sieve of Eratosthenes over a byte array `flags[0..limit]` in linear memory; returns the number
 * of primes <= limit. `i <= limit / i` guards `i * i` against i32 overflow for any limit.
 */
import { binaryen, unrolled, type Expr } from './ir.js';
import type { KernelDef } from './kernel-def.js';

const { i32 } = binaryen;

export const sieve: KernelDef = {
  name: 'sieve',
  description: 'sieve of Eratosthenes, count primes <= limit (one byte per number)',
  entry: 'sieve',
  variants: ['O0', 'O3', 'Os', 'inlining', 'unroll', 'strength'],
  build(mb, cg) {
    const m = mb.m;
    mb.fn(
      'sieve',
      [i32, i32],
      i32,
      (f) => {
        const flags = () => f.get(0);
        const limit = () => f.get(1);
        const i = f.local(i32);
        const j = f.local(i32);
        const count = f.local(i32);
        const factor = cg.unroll ? 4 : 1;
        const clear = (idx: () => Expr): Expr[] => [mb.set('u8', flags(), idx(), m.i32.const(0))];
        const mark = (idx: () => Expr): Expr[] => [mb.set('u8', flags(), idx(), m.i32.const(1))];
        return [
          f.loop({ i, from: m.i32.const(0), bound: limit, inclusive: true, ...unrolled(factor, clear) }),
          f.set(count, m.i32.const(0)),
          f.loop({
            i,
            from: m.i32.const(2),
            bound: limit,
            inclusive: true,
            main: () => [
              m.if(
                m.i32.eqz(mb.get('u8', flags(), f.get(i))),
                m.block(null, [
                  f.set(count, m.i32.add(f.get(count), m.i32.const(1))),
                  m.if(
                    m.i32.le_s(f.get(i), m.i32.div_s(limit(), f.get(i))),
                    f.loop({
                      i: j,
                      from: m.i32.mul(f.get(i), f.get(i)),
                      bound: limit,
                      inclusive: true,
                      step: () => f.get(i),
                      ...unrolled(factor, mark),
                    }),
                  ),
                ]),
              ),
            ],
          }),
          m.return(f.get(count)),
        ];
      },
      'sieve',
    );
  },
};
