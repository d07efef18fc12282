/**
 * Glob patterns on benchmark ids and metric names, used by threshold overrides and budgets.
 *
 * Why so small: ids look like `reactivity/cellx?layers=1000`, where `?`, `[` and `/` are literal
 * characters, so shell globs (minimatch) would misread them. The only wildcard is `*`, which matches
 * any run of characters including `/`; everything else matches itself and the whole id must match.
 */

const cache = new Map<string, RegExp>();

/** A RegExp matching exactly the strings the pattern matches. */
export function globToRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 's');
    cache.set(pattern, re);
  }
  return re;
}

/** Whether `text` matches `pattern` (`*` = any characters). */
export function globMatch(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  return globToRegExp(pattern).test(text);
}

/** Whether the pattern contains a wildcard. */
export function isGlob(pattern: string): boolean {
  return pattern.includes('*');
}

/** Number of literal (non-`*`) characters: more literal characters = a more specific pattern. */
export function literalLength(pattern: string): number {
  return pattern.replaceAll('*', '').length;
}
