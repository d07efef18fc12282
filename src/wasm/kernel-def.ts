/** The contract every kernel builder implements (Node-side; uses binaryen through ir.ts). */
import type { Codegen, KernelInfo } from './types.js';
import type { ModuleBuilder } from './ir.js';

export interface KernelDef extends KernelInfo {
  /** Adds the kernel's functions and export to `mb`, following the code-generation choices. */
  build(mb: ModuleBuilder, cg: Codegen): void;
}
