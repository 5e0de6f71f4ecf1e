import type { z } from 'zod';
import type { FieldKind } from './field-kinds';
import { fieldsFromSchema } from './field-kinds';
import type { ReadSource } from './open-source';
import { type ReadOptions, RecordReader } from './record-reader';

export interface ReadRecordsOptions extends ReadOptions {
  /** Kinds of fields to convert (`{ qty: 'number', day: 'timestamp' }`); others stay as read. */
  fields?: Record<string, FieldKind>;
  /** Fields holding timestamps (converted to milliseconds since the epoch). */
  timestampFields?: readonly string[];
  /** Usual column names per field (normalised: lower case, letters and digits only). */
  synonyms?: Record<string, readonly string[]>;
}

export interface ReadSchemaOptions<S extends z.ZodType> extends ReadRecordsOptions {
  /** Every record is validated against it; field kinds are taken from it. */
  schema: S;
}

/**
 * Streams generic rows as batches. With `schema`, records are converted to its field types and
 * validated (bad rows throw in `strict` mode or are counted in `lenient` mode); without it, every
 * column is kept (renamed by `mapping`, converted where `fields` gives a kind).
 *
 * ```ts
 * for await (const batch of readRecords('sales.csv', { fields: { qty: 'number' } })) …
 * ```
 */
export function readRecords<S extends z.ZodType>(
  source: ReadSource,
  options: ReadSchemaOptions<S>,
): RecordReader<z.output<S>>;
export function readRecords(
  source: ReadSource,
  options?: ReadRecordsOptions,
): RecordReader<Record<string, unknown>>;
export function readRecords(
  source: ReadSource,
  options: ReadRecordsOptions & { schema?: z.ZodType } = {},
): RecordReader<unknown> | RecordReader<Record<string, unknown>> {
  const { schema, fields = {}, timestampFields = [], synonyms = {}, ...readOptions } = options;
  const kinds: Record<string, FieldKind> = { ...fields };
  for (const name of timestampFields) kinds[name] = 'timestamp';
  return new RecordReader(
    source,
    {
      schema,
      binding: {
        schema: schema ? fieldsFromSchema(schema, timestampFields) : undefined,
        kinds,
        synonyms,
        defaultValueMaps: {},
      },
    },
    readOptions,
  );
}
