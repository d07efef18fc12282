/**
 * C = A x B for n x n row-major f64 matrices in linear memory, i-k-j loop order (the inner loop
 * walks rows of B and C contiguously, which is also what makes it vectorizable over j).
 * The O0 form recomputes `i*n + j` for the load and the store of C[i][j], as a direct
 * translation of `c[i*n+j] += aik * b[k*n+j]` does: that repetition is what `local-cse` removes.
 */
import { binaryen, unrolled, type Expr } from './ir.js';
import type { KernelDef } from './kernel-def.js';

const { i32, f64, v128, none } = binaryen;
type At = (k: number) => Expr;

export const matmul: KernelDef = {
  name: 'matmul',
  description: 'f64 matrix multiply C = A x B, n x n row-major, i-k-j order',
  entry: 'matmul',
  variants: ['O0', 'O3', 'Os', 'inlining', 'unroll', 'simd', 'cse', 'strength'],
  build(mb, cg) {
    const m = mb.m;
    mb.fn(
      'matmul',
      [i32, i32, i32, i32],
      none,
      (f) => {
        const [a, b, c, n] = [0, 1, 2, 3].map((p) => () => f.get(p)) as [
          () => Expr,
          () => Expr,
          () => Expr,
          () => Expr,
        ];
        const i = f.local(i32);
        const j = f.local(i32);
        const k = f.local(i32);
        const aik = f.local(f64);
        const vaik = cg.simd ? f.local(v128) : -1;
        // Row-major index, rebuilt at every use like a template compiler would.
        const rc = (row: number, col: () => Expr): Expr => m.i32.add(m.i32.mul(f.get(row), n()), col());
        const zero = (idx: () => Expr): Expr[] => [mb.set('f64', c(), rc(i, idx), m.f64.const(0))];
        const acc = (idx: () => Expr): Expr[] => [
          mb.set(
            'f64',
            c(),
            rc(i, idx),
            m.f64.add(mb.get('f64', c(), rc(i, idx)), m.f64.mul(f.get(aik), mb.get('f64', b(), rc(k, idx)))),
          ),
        ];
        // SIMD: two columns per iteration through f64x2 accessors, scalar tail for odd n.
        const zeroVec = (at: At): Expr[] => [
          mb.set(
            'f64x2',
            c(),
            rc(i, () => at(0)),
            m.v128.const(new Array(16).fill(0)),
          ),
        ];
        const accVec = (at: At): Expr[] => {
          const cij = () => rc(i, () => at(0));
          const prod = m.f64x2.mul(
            f.get(vaik),
            mb.get(
              'f64x2',
              b(),
              rc(k, () => at(0)),
            ),
          );
          return [mb.set('f64x2', c(), cij(), m.f64x2.add(mb.get('f64x2', c(), cij()), prod))];
        };
        const zeroLoop = cg.simd
          ? { width: 2, main: zeroVec, rest: (at: At) => zero(() => at(0)) }
          : unrolled(cg.unroll ? 4 : 1, zero);
        const accLoop = cg.simd
          ? { width: 2, main: accVec, rest: (at: At) => acc(() => at(0)) }
          : unrolled(cg.unroll ? 4 : 1, acc);
        return [
          f.loop({
            i,
            from: m.i32.const(0),
            bound: n,
            main: () => [
              f.loop({ i: j, from: m.i32.const(0), bound: n, ...zeroLoop }),
              f.loop({
                i: k,
                from: m.i32.const(0),
                bound: n,
                main: () => [
                  f.set(
                    aik,
                    mb.get(
                      'f64',
                      a(),
                      rc(i, () => f.get(k)),
                    ),
                  ),
                  ...(cg.simd ? [f.set(vaik, m.f64x2.splat(f.get(aik)))] : []),
                  f.loop({ i: j, from: m.i32.const(0), bound: n, ...accLoop }),
                ],
              }),
            ],
          }),
        ];
      },
      'matmul',
    );
  },
};
