/**
 * The layout module's flex step in WASM: a `FlexResolver` over the kernel of
 * src/wasm/kernel-flex.ts, whose `line` arrays are views on the kernel's linear memory, so the
 * layout pass writes its inputs where the kernel reads them and reads the targets where the kernel
 * wrote them (one call per container, no copies). Shared by the layout suite (`mode=wasm`) and
 * its Node test. Not a suite itself: suite discovery skips names starting with `_`.
 */
import { decodeBase64, ensureMemory, exportedFn, exportedMemory, Layout } from '../../src/wasm/host.js';
import type { FlexLine, FlexResolver } from '../../src/runtime/layout/index.js';
import type { PrebuiltModule, PrebuiltWasm } from '../../src/wasm/types.js';

/** The variant the layout suite runs: the fully optimized pipeline, as a production build would ship. */
export const WASM_FLEX_VARIANT = 'O3';

/** Room for this many items at first (as FlexLine): one 64 KiB page holds far more. */
const INITIAL_CAPACITY = 16;

/** The prebuilt flex kernel in `variant`; a missing one names what exists. */
export function flexKernelModule(prebuilt: PrebuiltWasm, variant: string = WASM_FLEX_VARIANT): PrebuiltModule {
  const kernel = prebuilt.kernels.find((k) => k.name === 'flex');
  if (!kernel) throw new Error('wasm-flex: the prebuilt kernels have no flex kernel');
  const mod = kernel.variants.find((v) => v.variant === variant);
  if (!mod) {
    const have = kernel.variants.map((v) => v.variant).join(', ');
    throw new Error(`wasm-flex: the flex kernel has no variant ${variant} (have ${have})`);
  }
  return mod;
}

/**
 * A FlexLine laid out in linear memory: five f64 arrays then the frozen bytes, back to back.
 * `reserve` grows the memory when a container has more children than fit (which detaches the old
 * views, so every view is made again); like FlexLine's, it keeps no contents.
 */
class MemoryFlexLine implements FlexLine {
  base!: Float64Array<ArrayBuffer>;
  padding!: Float64Array<ArrayBuffer>;
  grow!: Float64Array<ArrayBuffer>;
  shrink!: Float64Array<ArrayBuffer>;
  target!: Float64Array<ArrayBuffer>;
  frozen!: Uint8Array<ArrayBuffer>;
  /** Byte offsets of the six arrays, in the kernel's parameter order. */
  pBase = 0;
  pPadding = 0;
  pGrow = 0;
  pShrink = 0;
  pTarget = 0;
  pFrozen = 0;

  constructor(private readonly memory: WebAssembly.Memory) {
    this.place(INITIAL_CAPACITY);
  }

  reserve(n: number): void {
    if (n <= this.base.length) return;
    let cap = this.base.length;
    while (cap < n) cap *= 2;
    this.place(cap);
  }

  private place(cap: number): void {
    const l = new Layout();
    const f64 = (): number => l.alloc(cap * 8);
    this.pBase = f64();
    this.pPadding = f64();
    this.pGrow = f64();
    this.pShrink = f64();
    this.pTarget = f64();
    this.pFrozen = l.alloc(cap);
    ensureMemory(this.memory, l.end);
    const buffer = this.memory.buffer;
    this.base = new Float64Array(buffer, this.pBase, cap);
    this.padding = new Float64Array(buffer, this.pPadding, cap);
    this.grow = new Float64Array(buffer, this.pGrow, cap);
    this.shrink = new Float64Array(buffer, this.pShrink, cap);
    this.target = new Float64Array(buffer, this.pTarget, cap);
    this.frozen = new Uint8Array(buffer, this.pFrozen, cap);
  }
}

/** Resolves each container's flexible lengths with one call of the kernel on its own memory. */
export class WasmFlexResolver implements FlexResolver {
  readonly line: MemoryFlexLine;
  private readonly flex: (...args: number[]) => number;

  /** `exports` of one instance of the flex kernel (the instance's memory is this resolver's alone). */
  constructor(exports: WebAssembly.Exports, entry: string) {
    this.flex = exportedFn(exports, entry);
    this.line = new MemoryFlexLine(exportedMemory(exports));
  }

  resolve(n: number, innerMain: number, gaps: number): void {
    const l = this.line;
    this.flex(l.pBase, l.pPadding, l.pGrow, l.pShrink, l.pTarget, l.pFrozen, n, innerMain, gaps);
  }
}

/** A resolver on a fresh instance of a prebuilt flex kernel module (browser or Node). */
export async function instantiateWasmFlex(mod: PrebuiltModule): Promise<WasmFlexResolver> {
  const { instance } = await WebAssembly.instantiate(decodeBase64(mod.base64), {});
  return new WasmFlexResolver(instance.exports, mod.entry);
}
