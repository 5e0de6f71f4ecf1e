import type { JsonSchema } from '../language-model';

export interface ExampleFromSchemaResult {
  value: unknown;
  /** Constraints the generator could not honour (e.g. a `pattern` the sample does not match). */
  warnings: string[];
}

interface Context {
  root: JsonSchema;
  depth: number;
  key: string | undefined;
  variant: number;
  warnings: string[];
}

const MAX_DEPTH = 24;

/**
 * A deterministic value that matches a JSON Schema, built from the schema alone: `const`, then
 * `default`, then the first `enum` value; objects get every property (required or not); arrays get
 * `max(minItems, 1)` items (capped by `maxItems`) that differ from each other; strings are the
 * property name padded or cut to `minLength`/`maxLength` (or a sample of a known `format`);
 * numbers are 0 moved into `[minimum, maximum]` and onto `multipleOf`. Follows local `$ref`s,
 * `allOf`, `anyOf`/`oneOf` (first non-null branch) and `type` arrays.
 */
export function exampleFromJsonSchema(schema: JsonSchema | boolean): ExampleFromSchemaResult {
  const root = typeof schema === 'object' ? schema : {};
  const warnings: string[] = [];
  const value = build(schema, { root, depth: 0, key: undefined, variant: 0, warnings });
  return { value, warnings };
}

function build(input: unknown, context: Context): unknown {
  if (input === true || input === undefined || input === null || typeof input !== 'object') return null;
  if (context.depth > MAX_DEPTH) {
    context.warnings.push('schema nested too deeply; used null');
    return null;
  }
  const schema = resolveRef(input as JsonSchema, context);
  if ('const' in schema) return schema.const;
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return schema.enum[context.variant % schema.enum.length];
  if (Array.isArray(schema.allOf)) return build(mergeAllOf(schema), context);
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const branch = branches.find((b) => !isNullSchema(b, context)) ?? branches[0];
    return build(branch, context);
  }
  switch (schemaType(schema)) {
    case 'object':
      return buildObject(schema, context);
    case 'array':
      return buildArray(schema, context);
    case 'string':
      return buildString(schema, context);
    case 'integer':
      return buildNumber(schema, context, true);
    case 'number':
      return buildNumber(schema, context, false);
    case 'boolean':
      return context.variant % 2 === 1;
    default:
      return null;
  }
}

function resolveRef(schema: JsonSchema, context: Context): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
    const ref = current.$ref as string;
    const target = ref.startsWith('#') ? pointer(context.root, ref.slice(1)) : undefined;
    if (!target) {
      context.warnings.push(`cannot resolve $ref "${ref}"; used {}`);
      return {};
    }
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

function pointer(root: JsonSchema, path: string): JsonSchema | undefined {
  let node: unknown = root;
  for (const raw of path.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node && typeof node === 'object' ? (node as JsonSchema) : undefined;
}

function mergeAllOf(schema: JsonSchema): JsonSchema {
  const { allOf, ...rest } = schema;
  let merged: JsonSchema = { ...rest };
  for (const part of allOf as JsonSchema[]) {
    const properties = { ...(merged.properties as object), ...(part.properties as object) };
    const required = [...((merged.required as string[]) ?? []), ...((part.required as string[]) ?? [])];
    merged = { ...merged, ...part, properties, required };
  }
  return merged;
}

function isNullSchema(branch: unknown, context: Context): boolean {
  if (!branch || typeof branch !== 'object') return false;
  const schema = resolveRef(branch as JsonSchema, context);
  return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.every((t) => t === 'null'));
}

function schemaType(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  if (schema.properties || schema.required) return 'object';
  if (schema.items || schema.prefixItems) return 'array';
  if (schema.minLength !== undefined || schema.maxLength !== undefined || schema.format) return 'string';
  if (schema.minimum !== undefined || schema.maximum !== undefined) return 'number';
  return undefined;
}

function buildObject(schema: JsonSchema, context: Context): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(properties)) {
    out[key] = build(sub, { ...context, key, depth: context.depth + 1 });
  }
  for (const key of (schema.required as string[] | undefined) ?? []) {
    if (!(key in out)) {
      context.warnings.push(`required property "${key}" has no schema; used null`);
      out[key] = null;
    }
  }
  return out;
}

function buildArray(schema: JsonSchema, context: Context): unknown[] {
  const minItems = (schema.minItems as number | undefined) ?? 0;
  const maxItems = (schema.maxItems as number | undefined) ?? Number.POSITIVE_INFINITY;
  const wanted = context.depth > 4 ? minItems : Math.max(minItems, 1);
  const count = Math.min(wanted, maxItems);
  const prefix = (schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : [])) as unknown[];
  const rest = Array.isArray(schema.items) ? (schema.additionalItems ?? {}) : schema.items;
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const itemSchema = i < prefix.length ? prefix[i] : rest;
    out.push(build(itemSchema ?? {}, { ...context, depth: context.depth + 1, variant: i }));
  }
  return out;
}

const formatSamples: Record<string, string> = {
  email: 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00',
  uuid: '00000000-0000-4000-8000-000000000000',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  hostname: 'example.com',
};

function buildString(schema: JsonSchema, context: Context): string {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = (schema.maxLength as number | undefined) ?? Number.POSITIVE_INFINITY;
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  let text = format && formatSamples[format] ? formatSamples[format] : (context.key ?? 'text');
  if (context.variant > 0 && !(format && formatSamples[format])) text = `${text} ${context.variant + 1}`;
  let chars = Array.from(text);
  if (chars.length < minLength) {
    while (chars.length < minLength) chars = chars.concat(Array.from(` ${text}`));
    chars = chars.slice(0, minLength);
  }
  chars = chars.slice(0, maxLength);
  const out = chars.join('');
  if (typeof schema.pattern === 'string' && !safeTest(schema.pattern, out)) {
    context.warnings.push(
      `could not produce a string matching pattern ${schema.pattern} for "${context.key ?? 'value'}"`,
    );
  }
  return out;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

function buildNumber(schema: JsonSchema, context: Context, integer: boolean): number {
  const { lo, hi, loExclusive, hiExclusive } = bounds(schema);
  let value = context.variant;
  if (value < lo || (loExclusive && value <= lo)) value = loExclusive ? inside(lo, hi, 'up') : lo;
  if (value > hi || (hiExclusive && value >= hi)) value = hiExclusive ? inside(lo, hi, 'down') : hi;
  if (integer && !Number.isInteger(value)) value = Math.ceil(value);
  const step = schema.multipleOf as number | undefined;
  if (step && step > 0) value = Math.ceil(value / step) * step;
  if (value > hi || (hiExclusive && value >= hi)) {
    value = step ? Math.floor(hi / step) * step : Math.floor(hi);
    context.warnings.push(`could not fit a number into the bounds of "${context.key ?? 'value'}"`);
  }
  return value;
}

function inside(lo: number, hi: number, direction: 'up' | 'down'): number {
  if (Number.isFinite(lo) && Number.isFinite(hi)) return (lo + hi) / 2;
  return direction === 'up' ? lo + 1 : hi - 1;
}

function bounds(schema: JsonSchema): { lo: number; hi: number; loExclusive: boolean; hiExclusive: boolean } {
  let lo = (schema.minimum as number | undefined) ?? Number.NEGATIVE_INFINITY;
  let hi = (schema.maximum as number | undefined) ?? Number.POSITIVE_INFINITY;
  let loExclusive = schema.exclusiveMinimum === true;
  let hiExclusive = schema.exclusiveMaximum === true;
  if (typeof schema.exclusiveMinimum === 'number' && schema.exclusiveMinimum >= lo) {
    lo = schema.exclusiveMinimum;
    loExclusive = true;
  }
  if (typeof schema.exclusiveMaximum === 'number' && schema.exclusiveMaximum <= hi) {
    hi = schema.exclusiveMaximum;
    hiExclusive = true;
  }
  return { lo, hi, loExclusive, hiExclusive };
}
