/**
 * ajv's errors rewritten as one line each: the JSON path (`$.budgets[0].op`) and what was
 * expected, with the value found. ajv's own messages ("must be >= 0") name neither the path in a
 * form a user types nor the bad value, and an unknown key should list the known ones.
 * Needs ajv's `verbose` option (errors carry `data` and `parentSchema`).
 */
import type { ErrorObject } from 'ajv/dist/2020.js';

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** A found value as the message shows it: numbers and strings as JSON, anything else by type. */
function shown(v: unknown): string {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? JSON.stringify(v) : typeOf(v);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * ajv's JSON pointer (`/budgets/0/op`) as a JSONPath (`$.budgets[0].op`). Walks `root` to tell an
 * array index from an object key that happens to be a number.
 */
export function jsonPath(pointer: string, root: unknown): string {
  let path = '$';
  let at: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(at)) path += `[${key}]`;
    else path += /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

/** What was expected, and what was found, for one ajv error. */
function expectation(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = String(p.type).split(',');
      const found = typeof e.data === 'number' ? String(e.data) : typeOf(e.data);
      return `must be ${types.map(article).join(' or ')}, got ${found}`;
    }
    case 'additionalProperties': {
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
      const known = Object.keys(props).filter((k) => k !== '$schema');
      return `unknown key "${String(p.additionalProperty)}" (known: ${known.join(', ')})`;
    }
    case 'required':
      return `missing required key "${String(p.missingProperty)}"`;
    case 'enum':
      return (
        `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, ` +
        `got ${shown(e.data)}`
      );
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)}, got ${shown(e.data)}`;
    default:
      // Keywords the schema does not use yet: ajv's wording, still one line with the path.
      return `${e.message ?? e.keyword}, got ${shown(e.data)}`;
  }
}

/** One ajv error as `$.path: expectation, got value`. */
export function describeError(e: ErrorObject, root: unknown): string {
  return `${jsonPath(e.instancePath, root)}: ${expectation(e)}`;
}
