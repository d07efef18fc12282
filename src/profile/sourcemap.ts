/**
 * Bundle positions back to the TypeScript sources, through the inline source map esbuild writes
 * into every suite page bundle (browser/bundle.ts). Node's own `SourceMap` (node:module) reads it:
 * no dependency for a few lookups.
 */
import { SourceMap } from 'node:module';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CallFrame, Locate } from './cpuprofile.js';

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json(?:;charset=utf-8)?;base64,([A-Za-z0-9+/=]+)\s*$/;

/** The inline source map at the end of a bundle, or null when it has none. */
export function inlineSourceMap(code: string): SourceMap | null {
  const m = INLINE_MAP.exec(code);
  if (!m) return null;
  try {
    return new SourceMap(JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8')));
  } catch {
    return null;
  }
}

/** The path of a script URL (`/head/reactivity/bundle.js`); the URL itself when it has none. */
export function scriptPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * A `Locate` over the bundles a page ran, by the path they were served at (the origin's port
 * changes with every session). A function is located where it starts (the frame's line and column
 * are its start), as `source:line`, the source relative to the first of `roots` that holds it: a
 * base side's `src/runtime/x.ts` in its worktree reads as head's does, so the two sides' rows meet
 * in a diff. esbuild writes sources relative to its working directory, the process's.
 */
export function bundleLocator(bundles: ReadonlyMap<string, string>, roots: readonly string[] = []): Locate {
  const maps = new Map<string, SourceMap | null>();
  const named = (source: string): string => {
    const abs = resolve(source);
    for (const root of roots) {
      const rel = relative(root, abs);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
    }
    return source;
  };
  return (frame: CallFrame) => {
    const path = scriptPath(frame.url);
    const code = bundles.get(path);
    if (code === undefined) return null;
    if (!maps.has(path)) maps.set(path, inlineSourceMap(code));
    const entry = maps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber);
    if (!entry || !('originalSource' in entry) || !entry.originalSource) return null;
    return `${named(entry.originalSource)}:${entry.originalLine + 1}`;
  };
}
