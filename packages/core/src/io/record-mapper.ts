import { describeReceived, type InputIssue } from '../errors/index';
import { type CoerceOptions, type CoerceResult, coerceValue } from './coerce';
import {
  type BindingSpec,
  bindColumns,
  type ColumnBinding,
  type FieldBinding,
  type MappingOptions,
  planFields,
} from './column-binding';
import type { TimestampParser } from './timestamp';

export interface MapperOptions extends MappingOptions, CoerceOptions {
  /** `trim` (default) removes spaces around text values; `keep` leaves them. */
  whitespace?: 'trim' | 'keep';
}

export interface MappedRow {
  record: Record<string, unknown>;
  /** Problems converting values (file and row are filled in by the reader). */
  issues: InputIssue[] | undefined;
}

const MAX_CACHED_BINDINGS = 64;

/**
 * Turns raw rows (column names + values) into records: picks each field's column (or constant),
 * applies value maps, converts the text to the field's kind, and reports what could not be
 * converted. Empty cells and JSON nulls count as absent.
 */
export class RecordMapper {
  private readonly plan: FieldBinding[];
  private readonly cache = new Map<string, ColumnBinding>();
  private readonly trim: boolean;

  constructor(
    private readonly spec: BindingSpec,
    private readonly options: MapperOptions,
    private readonly timestamps: TimestampParser,
    private readonly file: string,
  ) {
    this.plan = planFields(spec, options);
    this.trim = options.whitespace !== 'keep';
  }

  /** Binds a CSV header once: mapped columns must exist and required fields need a column. */
  bindHeader(columns: readonly string[]): ColumnBinding {
    return bindColumns(this.plan, this.spec, this.options, columns, {
      file: this.file,
      requireColumns: true,
    });
  }

  /** Binds the keys of one JSONL object (cached: rows of one file usually share their keys). */
  bindKeys(columns: readonly string[], topLevelCount: number): ColumnBinding {
    const key = `${topLevelCount}\u0000${columns.join('\u0001')}`;
    let binding = this.cache.get(key);
    if (!binding) {
      if (this.cache.size >= MAX_CACHED_BINDINGS) this.cache.clear();
      binding = bindColumns(this.plan, this.spec, this.options, columns, {
        file: this.file,
        requireColumns: false,
        topLevelCount,
      });
      this.cache.set(key, binding);
    }
    return binding;
  }

  map(binding: ColumnBinding, values: readonly unknown[], row: number): MappedRow {
    const record: Record<string, unknown> = {};
    let issues: InputIssue[] | undefined;
    for (const field of binding.fields) {
      const raw = this.clean(field.index >= 0 ? values[field.index] : field.constant);
      if (raw === undefined) continue;
      const value = field.valueMap ? mapValue(field.valueMap, raw) : raw;
      const result = this.convert(value, field, row);
      if (result.ok) setPath(record, field.path, result.value);
      else {
        issues ??= [];
        issues.push({
          field: field.name,
          message: withColumn(result.message, field),
          expected: result.expected,
          received: describeReceived(raw),
        });
      }
    }
    for (const { name, index } of binding.passthrough) {
      const raw = this.clean(values[index]);
      if (raw !== undefined) assign(record, name, raw);
    }
    return { record, issues };
  }

  private clean(raw: unknown): unknown {
    if (raw === null || raw === undefined) return undefined;
    if (typeof raw !== 'string') return raw;
    const text = this.trim ? raw.trim() : raw;
    return text === '' ? undefined : text;
  }

  private convert(value: unknown, field: FieldBinding, row: number): CoerceResult {
    if (field.kind !== 'timestamp') return coerceValue(value, field.kind, this.options);
    if (typeof value === 'string' || typeof value === 'number') return this.timestamps.parse(value, row);
    return { ok: false, message: 'not a timestamp', expected: 'text or a number' };
  }
}

/** Appends `(column "X")` when the column's name differs from the field's. */
export function withColumn(message: string, field: { name: string; column?: string } | undefined): string {
  if (!field?.column || field.column === field.name) return message;
  return `${message} (column "${field.column}")`;
}

function mapValue(map: Map<string, unknown>, raw: unknown): unknown {
  if (typeof raw !== 'string' && typeof raw !== 'number') return raw;
  const key = String(raw);
  const mapped = map.get(key);
  if (mapped !== undefined) return mapped;
  const lower = map.get(key.toLowerCase());
  return lower !== undefined ? lower : raw;
}

function setPath(record: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let target = record;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    let next = target[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next) || !Object.hasOwn(target, key)) {
      next = {};
      assign(target, key, next);
    }
    target = next as Record<string, unknown>;
  }
  assign(target, path[path.length - 1], value);
}

/** Sets an own property, also for hostile keys like `__proto__` (never touches the prototype). */
function assign(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}
