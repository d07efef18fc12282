/**
 * Kernel registry: which kernels exist, which variants apply to each, and building one variant
 * to bytes with binaryen.js (Node side, bundle time). Building is deterministic: the same
 * kernel, variant and binaryen version give the same bytes.
 */
import { binaryen, ModuleBuilder } from './ir.js';
import type { KernelDef } from './kernel-def.js';
import { fibIter, fibRec } from './kernel-fib.js';
import { matmul } from './kernel-matmul.js';
import { sieve } from './kernel-sieve.js';
import { dot, map, sum } from './kernel-array.js';
import { lis } from './kernel-lis.js';
import { flex } from './kernel-flex.js';
import { buildBoundary } from './kernel-boundary.js';
import { VARIANTS, type VariantDef } from './variants.js';
import type { BuiltVariant, Codegen, KernelInfo, KernelName, VariantName } from './types.js';

const KERNELS: readonly KernelDef[] = [fibRec, fibIter, matmul, sieve, sum, map, dot, lis, flex];

export function listKernels(): KernelInfo[] {
  return KERNELS.map(({ name, description, entry, variants }) => ({
    name,
    description,
    entry,
    variants: [...variants],
  }));
}

function kernelDef(name: string): KernelDef {
  const k = KERNELS.find((d) => d.name === name);
  if (!k) throw new Error(`unknown wasm kernel '${name}'`);
  return k;
}

function featuresOf(cg: Codegen): string[] {
  return [...(cg.simd ? ['simd128'] : []), ...(cg.tailCall ? ['tail-call'] : [])];
}

/**
 * Runs `def`'s passes on a freshly built module. Binaryen's levels are process-global, so they
 * are set explicitly for every build (never inherited) and restored afterwards.
 */
function compile(kernel: string, variant: string, def: VariantDef, build: (mb: ModuleBuilder) => void): BuiltVariant {
  const features = featuresOf(def.codegen);
  const mb = new ModuleBuilder(features);
  build(mb);
  const prevOpt = binaryen.getOptimizeLevel();
  const prevShrink = binaryen.getShrinkLevel();
  try {
    binaryen.setOptimizeLevel(def.optimizeLevel);
    binaryen.setShrinkLevel(def.shrinkLevel);
    if (def.kind === 'pipeline') mb.m.optimize();
    else if (def.kind === 'passes') mb.m.runPasses(def.passes);
  } finally {
    binaryen.setOptimizeLevel(prevOpt);
    binaryen.setShrinkLevel(prevShrink);
  }
  const binary = mb.emit();
  return {
    kernel,
    variant,
    binary,
    passes: [...def.passes],
    features,
    sizeRaw: binary.byteLength,
    optimizeLevel: def.optimizeLevel,
    shrinkLevel: def.shrinkLevel,
    codegen: { ...def.codegen },
  };
}

export function buildVariant(kernel: KernelName | string, variant: VariantName | string): BuiltVariant {
  const k = kernelDef(kernel);
  if (!(k.variants as string[]).includes(variant)) {
    throw new Error(`variant '${variant}' does not apply to kernel '${kernel}' (has: ${k.variants.join(', ')})`);
  }
  const def = VARIANTS[variant as VariantName];
  return compile(k.name, variant, def, (mb) => k.build(mb, def.codegen));
}

/**
 * The WASM the Jepsh runtime itself would ship: the differ's LIS hot path. `Os` by default, the
 * level a size-budgeted bundle uses; `O3` is available to compare.
 */
export function runtimeModule(level: 'O3' | 'Os' = 'Os'): BuiltVariant {
  return { ...buildVariant('lis', level), kernel: 'runtime' };
}

/** The boundary-cost module (trivial `inc` and batched `incAll`), at O3. */
export function boundaryModule(): BuiltVariant {
  return compile('boundary', 'O3', VARIANTS.O3, buildBoundary);
}
