/** Installed binaryen version, without loading binaryen.js itself (recorded with the bytes). */
import { createRequire } from 'node:module';

export function binaryenVersion(): string {
  const req = createRequire(import.meta.url);
  return (req('binaryen/package.json') as { version: string }).version;
}
