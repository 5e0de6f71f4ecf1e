import { z } from 'zod';

/**
 * How a raw cell is turned into a typed value before validation.
 * - `string`: text as is (numbers from JSON become strings, for ids)
 * - `number`: `12.5`, `-3`, `1e3` (with `decimalSeparator: ','` also `12,5`); never NaN/Infinity
 * - `boolean`: true/false, 1/0, yes/no, y/n, t/f (any case)
 * - `timestamp`: milliseconds since the epoch, see `TimestampFormat`
 * - `string-list` / `number-list`: a JSON array, or text split on the list separator
 * - `json`: a JSON object (a JSON text in CSV cells)
 * - `any`: left as read
 */
export type FieldKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'timestamp'
  | 'string-list'
  | 'number-list'
  | 'json'
  | 'any';

/** The fields a record schema has, flattened to dotted paths (`context.device`). */
export interface SchemaFields {
  /** Leaf fields and their kinds, in schema order. */
  kinds: Map<string, FieldKind>;
  /** Top-level fields that must be present. */
  required: Set<string>;
  /** Fields that hold free-form objects (`attributes`): any `attributes.<key>` is a valid target. */
  openObjects: Set<string>;
}

interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  additionalProperties?: JsonSchemaNode | boolean;
  enum?: unknown[];
  const?: unknown;
}

/** Reads the fields of a zod object schema (through its JSON Schema) and picks a kind for each. */
export function fieldsFromSchema(schema: z.ZodType, timestampFields: readonly string[] = []): SchemaFields {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const fields: SchemaFields = {
    kinds: new Map(),
    required: new Set(root.required ?? []),
    openObjects: new Set(),
  };
  walk(root, '', fields);
  for (const name of timestampFields) fields.kinds.set(name, 'timestamp');
  return fields;
}

function walk(node: JsonSchemaNode, prefix: string, fields: SchemaFields): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child.properties) {
      walk(child, path, fields);
      continue;
    }
    const kind = kindOf(child);
    fields.kinds.set(path, kind);
    if (kind === 'json') fields.openObjects.add(path);
  }
}

function kindOf(node: JsonSchemaNode): FieldKind {
  const types = typesOf(node);
  if (types.size === 1) {
    const [type] = types;
    if (type === 'number') return 'number';
    if (type === 'boolean') return 'boolean';
    if (type === 'string') return 'string';
    if (type === 'object') return 'json';
    if (type === 'array') {
      const items = typesOf(node.items ?? {});
      return items.has('number') ? 'number-list' : 'string-list';
    }
  }
  return 'any';
}

function typesOf(node: JsonSchemaNode): Set<string> {
  const out = new Set<string>();
  const add = (type: string) => {
    out.add(type === 'integer' ? 'number' : type);
  };
  if (typeof node.type === 'string') add(node.type);
  else if (Array.isArray(node.type)) node.type.forEach(add);
  for (const branch of node.anyOf ?? []) typesOf(branch).forEach(add);
  if (!out.size && node.const !== undefined) out.add(typeof node.const);
  if (!out.size && node.enum?.length) for (const value of node.enum) out.add(typeof value);
  return out;
}
