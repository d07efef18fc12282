/**
 * A small JSON-schema validator for the subset our config schema uses (type, properties,
 * additionalProperties: false, required, enum, items, minimum/maximum/exclusiveMinimum, integer).
 * Errors name the JSON path and say what was expected, in one line.
 */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
  description?: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Returns the first problem found, as `path: message`, or null when `value` matches `schema`. */
export function validate(value: unknown, schema: SchemaNode, path = '$'): string | null {
  if (schema.enum && !schema.enum.some((e) => e === value)) return `${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${JSON.stringify(value)}`;
  switch (schema.type) {
    case 'object': {
      if (typeOf(value) !== 'object') return `${path}: must be an object, got ${typeOf(value)}`;
      const obj = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in obj)) return `${path}: missing required key "${key}"`;
      for (const [key, v] of Object.entries(obj)) {
        const sub = schema.properties?.[key];
        if (!sub) {
          if (schema.additionalProperties === false) {
            const known = Object.keys(schema.properties ?? {}).filter((k) => k !== '$schema');
            return `${path}: unknown key "${key}" (known: ${known.join(', ')})`;
          }
          continue;
        }
        const err = validate(v, sub, `${path}.${key}`);
        if (err) return err;
      }
      return null;
    }
    case 'array': {
      if (!Array.isArray(value)) return `${path}: must be an array, got ${typeOf(value)}`;
      for (const [i, v] of value.entries()) {
        const err = schema.items ? validate(v, schema.items, `${path}[${i}]`) : null;
        if (err) return err;
      }
      return null;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${path}: must be a finite number, got ${typeof value === 'number' ? String(value) : typeOf(value)}`;
      if (schema.type === 'integer' && !Number.isInteger(value)) return `${path}: must be an integer, got ${value}`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${path}: must be >= ${schema.minimum}, got ${value}`;
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return `${path}: must be > ${schema.exclusiveMinimum}, got ${value}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `${path}: must be <= ${schema.maximum}, got ${value}`;
      return null;
    }
    case 'string':
      return typeof value === 'string' ? null : `${path}: must be a string, got ${typeOf(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${path}: must be a boolean, got ${typeOf(value)}`;
    default:
      return null;
  }
}

/** Fills `default`s from the schema into a validated value (objects only; arrays keep their items). */
export function withDefaults<T>(value: unknown, schema: SchemaNode): T {
  if (schema.type !== 'object') return (value === undefined ? schema.default : value) as T;
  const obj: Record<string, unknown> = { ...((value as Record<string, unknown>) ?? {}) };
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (key === '$schema') continue;
    if (obj[key] === undefined && sub.type === 'object') obj[key] = withDefaults(undefined, sub);
    else if (obj[key] === undefined && sub.default !== undefined) obj[key] = structuredClone(sub.default);
    else if (obj[key] !== undefined && sub.type === 'object') obj[key] = withDefaults(obj[key], sub);
  }
  return obj as T;
}
