/**
 * A thin layer over binaryen.js's IR builder that emits code the way a naive template compiler
 * (the "template-based WAT synthesis" the Jepsh design proposes) would: every typed-array access is a call to a tiny
 * accessor function, addresses are `base + index * BYTES`, loops are block/loop/br_if.
 * That O0 shape is deliberate: it is the input the single-optimization variants transform.
 */
import binaryen from 'binaryen';

export type Expr = binaryen.ExpressionRef;
export type Type = binaryen.Type;

export const MEMORY_MAX_PAGES = 65536;

/** Element kinds of the typed-array accessors. */
type Elem = 'f64' | 'i32' | 'u8' | 'f64x2';
const ELEM_BYTES: Record<Elem, number> = { f64: 8, i32: 4, u8: 1, f64x2: 8 };

/** Feature flags by the names used in `BuiltVariant.features`. */
export const FEATURE_FLAGS: Record<string, number> = {
  simd128: binaryen.Features.SIMD128,
  'tail-call': binaryen.Features.TailCall,
};

export class ModuleBuilder {
  readonly m: binaryen.Module;
  private readonly accessors = new Set<string>();

  constructor(features: readonly string[]) {
    this.m = new binaryen.Module();
    let flags = binaryen.Features.MVP as number;
    for (const f of features) {
      const flag = FEATURE_FLAGS[f];
      if (flag === undefined) throw new Error(`unknown wasm feature ${f}`);
      flags |= flag;
    }
    this.m.setFeatures(flags as binaryen.Features);
    // One page to start: the host grows memory to fit each workload, so the module does not
    // hard-code a problem size (and the runtime module stays minimal).
    this.m.setMemory(1, MEMORY_MAX_PAGES, 'memory');
  }

  /** Adds a function; `build` receives a local allocator and returns the body. */
  fn(name: string, params: readonly Type[], result: Type, build: (f: Fn) => Expr[], exportAs?: string): void {
    const f = new Fn(this.m, params);
    const body = this.m.block(null, build(f), result === binaryen.none ? binaryen.none : binaryen.auto);
    this.m.addFunction(name, binaryen.createType([...params]), result, f.vars(), body);
    if (exportAs) this.m.addFunctionExport(name, exportAs);
  }

  /** `base[index]` for element kind `elem`, through an accessor emitted on first use. */
  get(elem: Elem, base: Expr, index: Expr): Expr {
    const name = this.accessor(elem, 'get');
    return this.m.call(name, [base, index], resultType(elem));
  }

  /** `base[index] = value` through an accessor emitted on first use. */
  set(elem: Elem, base: Expr, index: Expr, value: Expr): Expr {
    const name = this.accessor(elem, 'set');
    return this.m.call(name, [base, index, value], binaryen.none);
  }

  /** Validates, emits and disposes the module. */
  emit(): Uint8Array {
    if (!this.m.validate()) throw new Error('binaryen: module failed validation');
    const bytes = this.m.emitBinary();
    const copy = new Uint8Array(bytes); // detach from the binaryen heap before dispose
    this.m.dispose();
    return copy;
  }

  private accessor(elem: Elem, op: 'get' | 'set'): string {
    const name = `${elem}.${op}`;
    if (this.accessors.has(name)) return name;
    this.accessors.add(name);
    const m = this.m;
    const t = resultType(elem);
    const addr = () =>
      m.i32.add(m.local.get(0, binaryen.i32), m.i32.mul(m.local.get(1, binaryen.i32), m.i32.const(ELEM_BYTES[elem])));
    if (op === 'get') {
      const load =
        elem === 'f64'
          ? m.f64.load(0, 8, addr())
          : elem === 'i32'
            ? m.i32.load(0, 4, addr())
            : elem === 'u8'
              ? m.i32.load8_u(0, 1, addr())
              : m.v128.load(0, 8, addr());
      m.addFunction(name, binaryen.createType([binaryen.i32, binaryen.i32]), t, [], load);
    } else {
      const v = m.local.get(2, t);
      const store =
        elem === 'f64'
          ? m.f64.store(0, 8, addr(), v)
          : elem === 'i32'
            ? m.i32.store(0, 4, addr(), v)
            : elem === 'u8'
              ? m.i32.store8(0, 1, addr(), v)
              : m.v128.store(0, 8, addr(), v);
      m.addFunction(name, binaryen.createType([binaryen.i32, binaryen.i32, t]), binaryen.none, [], store);
    }
    return name;
  }
}

function resultType(elem: Elem): Type {
  return elem === 'f64' ? binaryen.f64 : elem === 'f64x2' ? binaryen.v128 : binaryen.i32;
}

/** Loop description for `Fn.loop`. `at(k)` is the index of the k-th element of one iteration. */
export interface LoopSpec {
  /** Local holding the induction variable. */
  i: number;
  from: Expr;
  /** Upper bound; rebuilt per use because binaryen expressions cannot be shared. */
  bound: () => Expr;
  /** `<=` instead of `<`. */
  inclusive?: boolean;
  /** Constant or local-valued stride (default 1). */
  step?: number | (() => Expr);
  /** Elements per main-loop iteration (unroll factor or SIMD lanes); 1 means a plain loop. */
  width?: number;
  main: (at: (k: number) => Expr) => Expr[];
  /** Remainder loop body (one element) when width > 1. */
  rest?: (at: (k: number) => Expr) => Expr[];
}

export class Fn {
  private readonly types: Type[];
  private readonly nParams: number;
  private labels = 0;

  constructor(
    readonly m: binaryen.Module,
    params: readonly Type[],
  ) {
    this.types = [...params];
    this.nParams = params.length;
  }

  local(type: Type): number {
    this.types.push(type);
    return this.types.length - 1;
  }

  vars(): Type[] {
    return this.types.slice(this.nParams);
  }

  get(i: number): Expr {
    return this.m.local.get(i, this.types[i]);
  }

  set(i: number, value: Expr): Expr {
    return this.m.local.set(i, value);
  }

  label(prefix: string): string {
    return `${prefix}${this.labels++}`;
  }

  /**
   * `for (i = from; i < bound; i += step)` as block/loop/br_if. With width W > 1 the main loop
   * handles W elements per iteration while `i + (W-1)*step` is in range, then a remainder loop
   * finishes one element at a time.
   */
  loop(spec: LoopSpec): Expr {
    const m = this.m;
    const width = spec.width ?? 1;
    const stepTimes = (k: number): Expr => {
      const s = spec.step ?? 1;
      return typeof s === 'number' ? m.i32.const(k * s) : m.i32.mul(m.i32.const(k), s());
    };
    const at = (k: number): Expr => (k === 0 ? this.get(spec.i) : m.i32.add(this.get(spec.i), stepTimes(k)));
    const inRange = (x: Expr): Expr => (spec.inclusive ? m.i32.le_s(x, spec.bound()) : m.i32.lt_s(x, spec.bound()));
    const oneLoop = (last: Expr, body: Expr[], advance: number): Expr => {
      const brk = this.label('break');
      const cont = this.label('continue');
      return m.block(brk, [
        m.loop(
          cont,
          m.block(null, [
            m.br(brk, m.i32.eqz(inRange(last))),
            ...body,
            this.set(spec.i, m.i32.add(this.get(spec.i), stepTimes(advance))),
            m.br(cont),
          ]),
        ),
      ]);
    };
    const parts: Expr[] = [this.set(spec.i, spec.from)];
    if (width === 1) {
      parts.push(oneLoop(at(0), spec.main(at), 1));
    } else {
      if (!spec.rest) throw new Error('loop: width > 1 needs a remainder body');
      parts.push(oneLoop(at(width - 1), spec.main(at), width));
      parts.push(oneLoop(at(0), spec.rest(at), 1));
    }
    return m.block(null, parts);
  }
}

/**
 * Loop bodies for `Fn.loop` from a one-element body: repeated `factor` times in the main loop
 * (loop unrolling as a code-generation choice), once in the remainder loop.
 */
export function unrolled(
  factor: number,
  body: (index: () => Expr) => Expr[],
): Pick<LoopSpec, 'width' | 'main' | 'rest'> {
  if (factor === 1) return { width: 1, main: (at) => body(() => at(0)) };
  return {
    width: factor,
    main: (at) => Array.from({ length: factor }, (_, k) => body(() => at(k))).flat(),
    rest: (at) => body(() => at(0)),
  };
}

export { binaryen };
