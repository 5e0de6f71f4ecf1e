import type { ReadOptions, TimestampFormat } from '@shoppilot/core';
import { choiceFlag, integerFlag, parseAssignments, repeatedFlag, UsageError } from '../../output/index';

const TIMESTAMP_FORMATS = ['auto', 'iso', 'date', 'unix-s', 'unix-ms', 'yyyymmdd'] as const;

/** The reader flags every command that reads a CSV/JSONL file can accept. */
export const readerArgs = {
  format: { type: 'string', description: 'csv or jsonl (default: from the file extension)' },
  delimiter: { type: 'string', description: 'CSV delimiter: "," (default), ";", "tab", "|"' },
  columns: {
    type: 'string',
    description: 'Column names, comma-separated, when the CSV file has no header row',
  },
  map: {
    type: 'string',
    description: 'field=column, repeatable or comma-separated (e.g. --map userId=user_id,itemId=sku)',
  },
  const: { type: 'string', description: 'field=value for every row, repeatable (e.g. --const type=buy)' },
  'value-map': { type: 'string', description: 'field:from=to, repeatable (e.g. --value-map type:pv=view)' },
  'timestamp-format': {
    type: 'string',
    description: `${TIMESTAMP_FORMATS.join(', ')} (default auto: detected per file)`,
  },
  mode: {
    type: 'string',
    description: 'strict (default: stop at the first bad row) or lenient (count and report bad rows)',
  },
  'batch-size': { type: 'string', description: 'Rows per batch (default 10000)' },
} as const;

export interface ReaderFlags {
  format?: string;
  delimiter?: string;
  columns?: string;
  'timestamp-format'?: string;
  mode?: string;
  'batch-size'?: string;
}

/** Reader options from the flags above; `rawArgs` supplies the repeatable ones. */
export function readOptionsFromFlags(flags: ReaderFlags, rawArgs: readonly string[]): ReadOptions {
  const options: ReadOptions = {
    format: choiceFlag(flags.format, 'format', ['csv', 'jsonl'] as const),
    delimiter: delimiterFlag(flags.delimiter),
    columns: flags.columns ? flags.columns.split(',').map((name) => name.trim()) : undefined,
    mapping: parseAssignments(repeatedFlag(rawArgs, 'map'), 'map'),
    constants: parseAssignments(repeatedFlag(rawArgs, 'const'), 'const'),
    valueMaps: valueMaps(repeatedFlag(rawArgs, 'value-map')),
    timestampFormat: choiceFlag(flags['timestamp-format'], 'timestamp-format', TIMESTAMP_FORMATS) as
      | TimestampFormat
      | undefined,
    mode: choiceFlag(flags.mode, 'mode', ['strict', 'lenient'] as const),
    batchSize: integerFlag(flags['batch-size'], 'batch-size'),
  };
  for (const key of Object.keys(options) as Array<keyof ReadOptions>)
    if (options[key] === undefined) delete options[key];
  return options;
}

function delimiterFlag(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'tab' || value === '\\t') return '\t';
  return value;
}

function valueMaps(values: readonly string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const value of values) {
    const match = /^([^:=]+):([^=]+)=(.*)$/.exec(value);
    if (!match) throw new UsageError(`--value-map expects field:from=to, got "${value}"`);
    const [, field, from, to] = match;
    out[field] ??= {};
    out[field][from] = to;
  }
  return out;
}
