/**
 * Fibonacci kernels, i32 with wrap-around (the JS references use `| 0`).
 *
 * `fib-rec` keeps the textbook call tree (fib(n-1) and fib(n-2) per call) but is written with an
 * accumulator, go(n, acc) = acc + fib(n), so that one of the two recursive calls is in tail
 * position: that is what the `tailcall` variant (`return_call`) can change. The other call cannot
 * be a tail call, so stack depth stays O(n) either way.
 */
import { binaryen, unrolled, type Expr } from './ir.js';
import type { KernelDef } from './kernel-def.js';

const { i32 } = binaryen;

export const fibRec: KernelDef = {
  name: 'fib-rec',
  description: 'recursive Fibonacci (exponential call tree), i32 wrap-around',
  entry: 'fib',
  variants: ['O0', 'O3', 'Os', 'tailcall'],
  build(mb, cg) {
    const m = mb.m;
    mb.fn('go', [i32, i32], i32, (f) => {
      const n = () => f.get(0);
      const acc = () => f.get(1);
      const args = (): Expr[] => [
        m.i32.sub(n(), m.i32.const(2)),
        m.i32.add(acc(), m.call('go', [m.i32.sub(n(), m.i32.const(1)), m.i32.const(0)], i32)),
      ];
      return [
        m.if(m.i32.lt_s(n(), m.i32.const(2)), m.return(m.i32.add(acc(), n()))),
        cg.tailCall ? m.return_call('go', args(), i32) : m.return(m.call('go', args(), i32)),
      ];
    });
    mb.fn('fib', [i32], i32, (f) => [m.return(m.call('go', [f.get(0), m.i32.const(0)], i32))], 'fib');
  },
};

export const fibIter: KernelDef = {
  name: 'fib-iter',
  description: 'iterative Fibonacci (one loop), i32 wrap-around',
  entry: 'fib',
  variants: ['O0', 'O3', 'Os', 'unroll'],
  build(mb, cg) {
    const m = mb.m;
    mb.fn(
      'fib',
      [i32],
      i32,
      (f) => {
        const i = f.local(i32);
        const a = f.local(i32);
        const b = f.local(i32);
        const t = f.local(i32);
        const step = (): Expr[] => [f.set(t, m.i32.add(f.get(a), f.get(b))), f.set(a, f.get(b)), f.set(b, f.get(t))];
        return [
          f.set(a, m.i32.const(0)),
          f.set(b, m.i32.const(1)),
          f.loop({ i, from: m.i32.const(0), bound: () => f.get(0), ...unrolled(cg.unroll ? 4 : 1, step) }),
          m.return(f.get(a)),
        ];
      },
      'fib',
    );
  },
};
