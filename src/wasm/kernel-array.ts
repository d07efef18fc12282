/**
 * f64 array kernels over linear memory: sum, map (x*2+1) and dot product, each in a scalar form
 * and, with `simd`, an f64x2 form (two lanes per iteration plus a scalar tail).
 * The SIMD sum/dot add in a different order than the scalar loop; the workloads use values that
 * are exact in f64 (multiples of 1/4) so every order gives bit-identical results.
 */
import { binaryen, unrolled, type Expr, type Fn, type ModuleBuilder } from './ir.js';
import type { KernelDef } from './kernel-def.js';

const { i32, f64, v128, none } = binaryen;
type At = (k: number) => Expr;

/**
 * The body of a reduction `s += term(i)` over i < n: a scalar loop (unrolled x4 with `unroll`), or
 * with `simd` an f64x2 accumulator over pairs, a scalar tail, and the two lanes added at the end.
 * `n` is parameter `nParam`, read at each use as a naive compiler would.
 */
function reduceF64(
  mb: ModuleBuilder,
  f: Fn,
  nParam: number,
  cg: { simd?: boolean; unroll?: boolean },
  term: (idx: () => Expr) => Expr,
  vterm: (at: At) => Expr,
): Expr[] {
  const m = mb.m;
  const n = () => f.get(nParam);
  const i = f.local(i32);
  const s = f.local(f64);
  const add = (idx: () => Expr): Expr[] => [f.set(s, m.f64.add(f.get(s), term(idx)))];
  if (!cg.simd) {
    return [
      f.set(s, m.f64.const(0)),
      f.loop({ i, from: m.i32.const(0), bound: n, ...unrolled(cg.unroll ? 4 : 1, add) }),
      m.return(f.get(s)),
    ];
  }
  const acc = f.local(v128);
  return [
    f.set(s, m.f64.const(0)),
    f.set(acc, m.f64x2.splat(m.f64.const(0))),
    f.loop({
      i,
      from: m.i32.const(0),
      bound: n,
      width: 2,
      main: (at: At) => [f.set(acc, m.f64x2.add(f.get(acc), vterm(at)))],
      rest: (at: At) => add(() => at(0)),
    }),
    m.return(m.f64.add(m.f64.add(m.f64x2.extract_lane(f.get(acc), 0), m.f64x2.extract_lane(f.get(acc), 1)), f.get(s))),
  ];
}

export const sum: KernelDef = {
  name: 'sum',
  description: 'sum of an f64 array',
  entry: 'sum',
  variants: ['O0', 'O3', 'Os', 'inlining', 'unroll', 'simd', 'strength'],
  build(mb, cg) {
    mb.fn(
      'sum',
      [i32, i32],
      f64,
      (f) => {
        const a = () => f.get(0);
        return reduceF64(
          mb,
          f,
          1,
          cg,
          (idx) => mb.get('f64', a(), idx()),
          (at) => mb.get('f64x2', a(), at(0)),
        );
      },
      'sum',
    );
  },
};

/**
 * dst[i] = src[i] * SCALE + OFFSET. The JS source names its constants (`const SCALE = 2`), and a
 * naive compiler keeps them as locals: that is what `precompute-propagate` folds back.
 */
export const map: KernelDef = {
  name: 'map',
  description: 'map x => x * 2 + 1 over an f64 array into a second array',
  entry: 'map',
  variants: ['O0', 'O3', 'Os', 'inlining', 'unroll', 'simd', 'constfold', 'strength'],
  build(mb, cg) {
    const m = mb.m;
    mb.fn(
      'map',
      [i32, i32, i32],
      none,
      (f) => {
        const src = () => f.get(0);
        const dst = () => f.get(1);
        const n = () => f.get(2);
        const i = f.local(i32);
        const scale = f.local(f64);
        const offset = f.local(f64);
        const one = (idx: () => Expr): Expr[] => [
          mb.set('f64', dst(), idx(), m.f64.add(m.f64.mul(mb.get('f64', src(), idx()), f.get(scale)), f.get(offset))),
        ];
        const init = [f.set(scale, m.f64.const(2)), f.set(offset, m.f64.const(1))];
        if (!cg.simd)
          return [...init, f.loop({ i, from: m.i32.const(0), bound: n, ...unrolled(cg.unroll ? 4 : 1, one) })];
        return [
          ...init,
          f.loop({
            i,
            from: m.i32.const(0),
            bound: n,
            width: 2,
            main: (at: At) => [
              mb.set(
                'f64x2',
                dst(),
                at(0),
                m.f64x2.add(
                  m.f64x2.mul(mb.get('f64x2', src(), at(0)), m.f64x2.splat(f.get(scale))),
                  m.f64x2.splat(f.get(offset)),
                ),
              ),
            ],
            rest: (at: At) => one(() => at(0)),
          }),
        ];
      },
      'map',
    );
  },
};

export const dot: KernelDef = {
  name: 'dot',
  description: 'dot product of two f64 arrays',
  entry: 'dot',
  variants: ['O0', 'O3', 'Os', 'inlining', 'unroll', 'simd', 'strength'],
  build(mb, cg) {
    const m = mb.m;
    mb.fn(
      'dot',
      [i32, i32, i32],
      f64,
      (f) => {
        const a = () => f.get(0);
        const b = () => f.get(1);
        return reduceF64(
          mb,
          f,
          2,
          cg,
          (idx) => m.f64.mul(mb.get('f64', a(), idx()), mb.get('f64', b(), idx())),
          (at) => m.f64x2.mul(mb.get('f64x2', a(), at(0)), mb.get('f64x2', b(), at(0))),
        );
      },
      'dot',
    );
  },
};
