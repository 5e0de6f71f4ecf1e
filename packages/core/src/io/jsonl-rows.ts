import type { RawRow, TokenizerOptions } from './raw-rows';

const BREAK = /\r\n|\r|\n/g;
const BLANK = /^\s*$/;
const MAX_FLATTEN_DEPTH = 4;

/**
 * Splits JSONL bytes into one object per line: BOM stripped, `\r\n`, `\n` and `\r` line endings,
 * blank lines skipped. A line that is not valid JSON or not an object becomes an `error` row; a
 * line longer than `maxRecordSize` is reported and skipped up to the next line break. Row numbers
 * are line numbers.
 */
export async function* jsonlRows(
  input: AsyncIterable<Buffer | string>,
  options: TokenizerOptions,
): AsyncGenerator<RawRow[]> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let line = 0;
  let started = false;
  let skipping = false;
  let out: RawRow[] = [];
  const emit = (text: string) => {
    if (skipping) {
      skipping = false;
      return;
    }
    line += 1;
    if (!BLANK.test(text)) out.push(parseLine(text, line));
  };
  for await (const chunk of input) {
    let text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (!started && text.length) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const { lines, rest } = splitLines(text, false);
    lines.forEach(emit);
    carry = rest;
    if (carry.length > options.maxRecordSize) {
      if (!skipping) {
        line += 1;
        out.push(tooLong(line, options.maxRecordSize));
      }
      skipping = true;
      carry = '';
    }
    if (out.length) {
      yield out;
      out = [];
    }
  }
  splitLines(carry + decoder.decode(), true).lines.forEach(emit);
  if (out.length) yield out;
}

function splitLines(text: string, final: boolean): { lines: string[]; rest: string } {
  const lines: string[] = [];
  let start = 0;
  BREAK.lastIndex = 0;
  for (let match = BREAK.exec(text); match; match = BREAK.exec(text)) {
    // A `\r` at the very end may be the first half of `\r\n`: wait for the next chunk.
    if (!final && match[0] === '\r' && match.index === text.length - 1) break;
    lines.push(text.slice(start, match.index));
    start = match.index + match[0].length;
  }
  const rest = text.slice(start);
  if (final && rest.length) lines.push(rest);
  return { lines, rest: final ? '' : rest };
}

function tooLong(line: number, limit: number): RawRow {
  return {
    kind: 'error',
    row: line,
    line,
    message: `line is longer than maxRecordSize (${limit} characters)`,
    expected: 'one JSON object per line within maxRecordSize',
  };
}

function parseLine(text: string, line: number): RawRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      kind: 'error',
      row: line,
      line,
      message: `not valid JSON: ${detail}`,
      expected: 'one JSON object per line',
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      kind: 'error',
      row: line,
      line,
      message: 'not a JSON object',
      expected: 'one JSON object per line',
    };
  }
  const columns: string[] = [];
  const values: unknown[] = [];
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    columns.push(key);
    values.push(record[key]);
  }
  const topLevelCount = columns.length;
  flattenNested(record, '', 1, columns, values);
  return { kind: 'row', row: line, line, values, columns, topLevelCount };
}

/** Adds `a.b` columns for values nested in plain objects, so fields can map to nested keys. */
function flattenNested(
  record: Record<string, unknown>,
  prefix: string,
  depth: number,
  columns: string[],
  values: unknown[],
): void {
  if (depth > MAX_FLATTEN_DEPTH) return;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    for (const sub of Object.keys(value)) {
      columns.push(`${path}.${sub}`);
      values.push((value as Record<string, unknown>)[sub]);
    }
    flattenNested(value as Record<string, unknown>, path, depth + 1, columns, values);
  }
}
