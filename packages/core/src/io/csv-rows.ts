import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { type CsvError, type Options, parse } from 'csv-parse';
import type { RawRow, TokenizerOptions } from './raw-rows';

export interface CsvTokenizerOptions extends TokenizerOptions {
  /** Field delimiter: `,` (default), `;`, `\t`, `|`… */
  delimiter: string;
  /** Column names when the file has no header row; otherwise the first row is the header. */
  columns?: readonly string[];
}

type ErrorRow = Extract<RawRow, { kind: 'error' }>;

/**
 * Splits CSV bytes into rows with csv-parse: BOM stripped, `\r\n`, `\n` and `\r` line endings
 * (mixed too), quoted fields with embedded delimiters, quotes and newlines, blank lines skipped.
 * Rows are never dropped: a row csv-parse cannot read becomes an `error` row in its place; a
 * quote left open until the size limit makes the rest of the file unreadable (a fatal error).
 * Yields the rows of each input chunk together (one await per chunk, not per row).
 */
export async function* csvRows(input: Readable, options: CsvTokenizerOptions): AsyncGenerator<RawRow[]> {
  let headerSeen = options.columns !== undefined;
  let row = 0;
  let out: RawRow[] = options.columns ? [{ kind: 'header', columns: [...options.columns] }] : [];
  let fatal = false;
  const parserOptions: Options<RawRow, string[]> = {
    delimiter: options.delimiter,
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: options.maxRecordSize,
    on_record: (values: string[], context) => {
      if (fatal) return null;
      if (!headerSeen) {
        headerSeen = true;
        out.push({ kind: 'header', columns: values.map((name) => name.trim()) });
      } else out.push({ kind: 'row', row: ++row, line: context.lines, values });
      return null;
    },
    on_skip: (error: CsvError | undefined) => {
      if (fatal) return undefined;
      const failed = csvErrorRow(error, headerSeen ? ++row : 0);
      if (!headerSeen) failed.fatal = true;
      fatal = failed.fatal === true;
      headerSeen = true;
      out.push(failed);
      return undefined;
    },
  };
  const parser = parse(parserOptions as unknown as Options);
  let failure: unknown;
  parser.on('error', (error) => {
    failure = error;
  });
  parser.resume();
  const ended = once(parser, 'end');
  ended.catch(() => {});
  try {
    for await (const chunk of input) {
      parser.write(chunk);
      if (failure) throw failure;
      if (out.length) {
        const rows = out;
        out = [];
        yield rows;
      }
      if (fatal) return;
    }
    parser.end();
    await ended;
    if (failure) throw failure;
    if (out.length) yield out;
  } finally {
    parser.destroy();
  }
}

function csvErrorRow(error: CsvError | undefined, row: number): ErrorRow {
  const code = error?.code ?? 'CSV_ERROR';
  const line = typeof error?.lines === 'number' ? error.lines : undefined;
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return {
      kind: 'error',
      row,
      line,
      fatal: true,
      message:
        'row is longer than maxRecordSize (often a quote that is never closed); the rest of the file cannot be split into rows',
      expected: 'quoted fields closed on the same row, or a larger maxRecordSize',
    };
  }
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return {
      kind: 'error',
      row,
      line,
      message: `quoted field never closed: everything from it to the end of the file (line ${line ?? '?'}) was read as this row`,
      expected: 'a closing double quote',
    };
  }
  return { kind: 'error', row, line, message: error?.message ?? 'unreadable CSV row' };
}
