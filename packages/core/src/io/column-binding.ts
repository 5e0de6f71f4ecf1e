import { type InputIssue, InputValidationError, InvalidArgumentError } from '../errors/index';
import type { FieldKind, SchemaFields } from './field-kinds';

/** Where the fields of a record come from. */
export interface MappingOptions {
  /**
   * Target field (dotted for nested fields) → source column (or JSON key; dotted for nested
   * keys), e.g. `{ userId: 'user_id', itemId: 'sku', timestamp: 'ts', 'context.device': 'device' }`.
   * Unmapped fields are matched by name: exact, then ignoring case and `_`/`-`/spaces (also the
   * last part of a nested name: `device` for `context.device`), then the reader's usual names
   * (e.g. `InvoiceNo` for `transactionId`).
   */
  mapping?: Record<string, string>;
  /** Fields with a fixed value on every row, e.g. `{ type: 'buy' }`. */
  constants?: Record<string, unknown>;
  /** Per-field replacement of raw values, e.g. `{ type: { pv: 'view', cart: 'add_cart' } }`. */
  valueMaps?: Record<string, Record<string, unknown>>;
}

/** One target field and where its value comes from. */
export interface FieldBinding {
  name: string;
  path: string[];
  kind: FieldKind;
  /** Column index, or -1 when the value is a constant or absent. */
  index: number;
  column?: string;
  constant?: unknown;
  valueMap?: Map<string, unknown>;
}

export interface ColumnBinding {
  fields: FieldBinding[];
  /** Columns copied as they are (generic reads without a schema). */
  passthrough: Array<{ name: string; index: number }>;
  /** Field → column it is read from. */
  used: Record<string, string>;
  /** Columns no field reads. */
  unused: string[];
}

export interface BindingSpec {
  /** The record schema's fields; undefined for generic reads (unmatched columns pass through). */
  schema: SchemaFields | undefined;
  /** Kinds of fields beyond (or instead of) the schema's. */
  kinds: Record<string, FieldKind>;
  /** Usual column names per field, normalised (lower case, letters and digits only). */
  synonyms: Record<string, readonly string[]>;
  /** Value maps applied unless the caller gives one for the same field. */
  defaultValueMaps: Record<string, Record<string, unknown>>;
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The fields a reader fills, with kinds, after checking the options against the schema. */
export function planFields(spec: BindingSpec, options: MappingOptions): FieldBinding[] {
  const names = new Map<string, FieldKind>(spec.schema?.kinds ?? []);
  for (const [name, kind] of Object.entries(spec.kinds)) names.set(name, kind);
  for (const group of [options.mapping, options.constants, options.valueMaps]) {
    for (const name of Object.keys(group ?? {})) {
      if (!names.has(name)) names.set(name, checkTarget(spec, name));
    }
  }
  for (const name of Object.keys(options.constants ?? {})) {
    if (options.mapping?.[name] !== undefined) {
      throw new InvalidArgumentError({
        argument: `constants.${name}`,
        message: 'a field cannot be both mapped to a column and a constant',
      });
    }
  }
  return [...names].map(([name, kind]) => {
    const valueMap = { ...spec.defaultValueMaps[name], ...options.valueMaps?.[name] };
    const hasConstant = options.constants !== undefined && name in options.constants;
    return {
      name,
      path: name.split('.'),
      kind,
      index: -1,
      constant: hasConstant ? options.constants?.[name] : undefined,
      valueMap: Object.keys(valueMap).length ? new Map(Object.entries(valueMap)) : undefined,
    };
  });
}

function checkTarget(spec: BindingSpec, name: string): FieldKind {
  if (!spec.schema) return 'any';
  for (const open of spec.schema.openObjects) if (name.startsWith(`${open}.`)) return 'any';
  throw new InvalidArgumentError({
    argument: 'mapping',
    message: `"${name}" is not a field of this record type; fields: ${[...spec.schema.kinds.keys()].join(', ')}`,
    value: name,
  });
}

/**
 * Binds fields to columns. `requireColumns` (CSV headers) makes a mapped column that is missing,
 * or a required field with no column, an error naming the file; JSONL rows may vary, so there a
 * missing value is reported per row instead.
 */
export function bindColumns(
  plan: readonly FieldBinding[],
  spec: BindingSpec,
  options: MappingOptions,
  columns: readonly string[],
  context: { file: string; requireColumns: boolean; topLevelCount?: number },
): ColumnBinding {
  const fields = plan.map((field) => ({ ...field }));
  const claimed = new Set<number>();
  const issues: InputIssue[] = [];
  const claim = (field: FieldBinding, index: number) => {
    field.index = index;
    field.column = columns[index];
    claimed.add(index);
  };
  for (const field of fields) {
    const column = options.mapping?.[field.name];
    if (column === undefined) continue;
    const index = columns.indexOf(column);
    if (index >= 0) claim(field, index);
    else if (context.requireColumns) issues.push(missingColumn(context.file, field.name, column, columns));
    else field.column = column;
  }
  const open = fields.filter(
    (field) => field.index < 0 && field.column === undefined && !hasConstant(field, options),
  );
  matchByName(open, columns, claimed, claim);
  matchBySynonym(open, spec, columns, claimed, claim);
  if (context.requireColumns) {
    for (const name of spec.schema?.required ?? []) {
      const field = fields.find((candidate) => candidate.name === name);
      if (field && field.index < 0 && !hasConstant(field, options) && !options.mapping?.[name]) {
        issues.push(missingRequired(context.file, name, columns));
      }
    }
  }
  if (issues.length) throw new InputValidationError({ issues });
  return finishBinding(fields, spec, columns, claimed, context.topLevelCount ?? columns.length);
}

function hasConstant(field: FieldBinding, options: MappingOptions): boolean {
  return options.constants !== undefined && field.name in options.constants;
}

function matchByName(
  fields: FieldBinding[],
  columns: readonly string[],
  claimed: Set<number>,
  claim: (field: FieldBinding, index: number) => void,
): void {
  const normalized = columns.map(normalizeName);
  const find = (test: (index: number) => boolean) =>
    columns.findIndex((_, index) => !claimed.has(index) && test(index));
  for (const field of fields) {
    const last = field.path[field.path.length - 1];
    let index = find((i) => columns[i] === field.name);
    if (index < 0) index = find((i) => normalized[i] === normalizeName(field.name));
    if (index < 0 && field.path.length > 1) index = find((i) => normalized[i] === normalizeName(last));
    if (index >= 0) claim(field, index);
  }
}

function matchBySynonym(
  fields: FieldBinding[],
  spec: BindingSpec,
  columns: readonly string[],
  claimed: Set<number>,
  claim: (field: FieldBinding, index: number) => void,
): void {
  const normalized = columns.map(normalizeName);
  for (const field of fields) {
    if (field.index >= 0) continue;
    for (const synonym of spec.synonyms[field.name] ?? []) {
      const index = normalized.findIndex((name, i) => !claimed.has(i) && name === synonym);
      if (index >= 0) {
        claim(field, index);
        break;
      }
    }
  }
}

function finishBinding(
  fields: FieldBinding[],
  spec: BindingSpec,
  columns: readonly string[],
  claimed: Set<number>,
  topLevelCount: number,
): ColumnBinding {
  const used: Record<string, string> = {};
  for (const field of fields)
    if (field.index >= 0 && field.column !== undefined) used[field.name] = field.column;
  const passthrough: ColumnBinding['passthrough'] = [];
  const unused: string[] = [];
  columns.forEach((name, index) => {
    if (claimed.has(index) || index >= topLevelCount) return;
    if (spec.schema) unused.push(name);
    else passthrough.push({ name, index });
  });
  return { fields, passthrough, used, unused };
}

function missingColumn(file: string, field: string, column: string, columns: readonly string[]): InputIssue {
  return {
    file,
    field,
    message: `mapped column "${column}" is not in the header`,
    expected: `one of the columns ${listColumns(columns)}`,
  };
}

function missingRequired(file: string, field: string, columns: readonly string[]): InputIssue {
  return {
    file,
    field,
    message: 'required field has no column',
    expected: `a column named "${field}", or mapping: { ${field}: '<column>' } with a column of ${listColumns(columns)}`,
  };
}

function listColumns(columns: readonly string[]): string {
  const shown = columns.slice(0, 20).map((column) => JSON.stringify(column));
  return shown.join(', ') + (columns.length > 20 ? ', …' : '');
}
