import type { z } from 'zod';
import { fieldsFromSchema, type SchemaFields } from './field-kinds';
import type { ReadSource } from './open-source';
import { type ReadOptions, RecordReader } from './record-reader';

export interface DomainReaderSpec<T> {
  schema: z.ZodType<T>;
  timestampFields: readonly string[];
  /** Usual column names per field (normalised). */
  synonyms: Record<string, readonly string[]>;
  defaultValueMaps?: Record<string, Record<string, unknown>>;
  transform?: (record: T) => T;
}

const fieldCache = new WeakMap<z.ZodType, SchemaFields>();

/** A reader for one of the domain record types. */
export function createDomainReader<T>(
  source: ReadSource,
  spec: DomainReaderSpec<T>,
  options: ReadOptions,
): RecordReader<T> {
  let fields = fieldCache.get(spec.schema);
  if (!fields) {
    fields = fieldsFromSchema(spec.schema, spec.timestampFields);
    fieldCache.set(spec.schema, fields);
  }
  return new RecordReader<T>(
    source,
    {
      schema: spec.schema,
      transform: spec.transform,
      binding: {
        schema: fields,
        kinds: {},
        synonyms: spec.synonyms,
        defaultValueMaps: spec.defaultValueMaps ?? {},
      },
    },
    options,
  );
}
