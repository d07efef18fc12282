/**
 * How each variant is produced: a Binaryen pipeline, a list of passes, or a code-generation
 * choice. Pure data (no binaryen import) so docs and tests can read it.
 */
import type { Codegen, VariantName } from './types.js';

export interface VariantDef {
  /**
   * The optimization the Jepsh design names that this variant stands for, e.g. `Loop Unrolling` (null for the O-level
   * pipelines).
   */
  optimization: string | null;
  /** `pipeline`: module.optimize() at the given levels; `passes`: module.runPasses(passes). */
  kind: 'none' | 'pipeline' | 'passes' | 'codegen';
  passes: string[];
  codegen: Codegen;
  optimizeLevel: number;
  shrinkLevel: number;
  /** Why this mapping, for docs/wasm.md and reviewers. */
  note: string;
}

const SCALAR: Codegen = { unroll: false, simd: false, tailCall: false };

// Single passes run at the -O3 levels so they behave as they do inside -O3 (inlining, for one,
// only inlines multi-caller functions at optimizeLevel >= 3 and shrinkLevel 0).
const pass = (optimization: string, name: string, note: string): VariantDef => ({
  optimization,
  kind: 'passes',
  passes: [name],
  codegen: SCALAR,
  optimizeLevel: 3,
  shrinkLevel: 0,
  note,
});

const codegen = (optimization: string, cg: Partial<Codegen>, note: string): VariantDef => ({
  optimization,
  kind: 'codegen',
  passes: [],
  codegen: { ...SCALAR, ...cg },
  optimizeLevel: 0,
  shrinkLevel: 0,
  note,
});

export const VARIANTS: Record<VariantName, VariantDef> = {
  O0: {
    optimization: null,
    kind: 'none',
    passes: [],
    codegen: SCALAR,
    optimizeLevel: 0,
    shrinkLevel: 0,
    note: 'as emitted, no passes',
  },
  O3: {
    optimization: null,
    kind: 'pipeline',
    passes: ['-O3'],
    codegen: SCALAR,
    optimizeLevel: 3,
    shrinkLevel: 0,
    note: 'default pipeline, speed',
  },
  Os: {
    optimization: null,
    kind: 'pipeline',
    passes: ['-Os'],
    codegen: SCALAR,
    optimizeLevel: 2,
    shrinkLevel: 1,
    note: 'default pipeline, size',
  },
  inlining: pass(
    'Inlining',
    'inlining',
    'plain `inlining`, not `inlining-optimizing` (which also runs the function pipeline on the result and would ' +
      'mix in CSE, folding and peepholes)',
  ),
  unroll: codegen(
    'Loop Unrolling',
    { unroll: true },
    'Binaryen has no unrolling pass: loop bodies are emitted x4 plus a remainder loop',
  ),
  simd: codegen(
    'SIMD Vectorization',
    { simd: true },
    'Binaryen has no auto-vectorizer: f64x2 loops are emitted directly (feature simd128)',
  ),
  constfold: pass(
    'Constant Folding',
    'precompute-propagate',
    'folds constant expressions and propagates constants through locals',
  ),
  tailcall: codegen(
    'Tail Call',
    { tailCall: true },
    'calls in tail position emitted as return_call (feature tail-call); no pass converts calls',
  ),
  cse: pass(
    'Common Subexpression Elimination',
    'local-cse',
    'reuses repeated pure expressions within a function through locals',
  ),
  strength: pass(
    'Strength Reduction',
    'optimize-instructions',
    'peephole pass: mul/div/rem by powers of two become shifts/masks, among other algebraic rewrites',
  ),
};
