import { InputValidationError } from '@shoppilot/core';

export interface CsvTable {
  header: string[];
  /** Data rows (header excluded); row i is data row i + 1 in error messages. */
  rows: string[][];
}

/**
 * A small RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF), enough for the replenishment
 * files. Blank lines are skipped; a row with a different number of fields is an error naming it.
 */
export function parseCsv(text: string, file?: string): CsvTable {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  record.push(field);
  if (record.length > 1 || record[0] !== '') records.push(record);
  const [header = [], ...rows] = records;
  const names = header.map((name) => name.trim());
  rows.forEach((row, i) => {
    if (row.length !== names.length) {
      throw new InputValidationError({
        issues: [{ file, row: i + 1, message: `has ${row.length} fields, the header has ${names.length}` }],
      });
    }
  });
  return { header: names, rows };
}

/** Writes rows as CSV, quoting fields that need it. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>,
): string {
  const cell = (value: string | number | undefined) => {
    const text = value === undefined ? '' : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[header, ...rows].map((row) => row.map(cell).join(',')).join('\n')}\n`;
}
