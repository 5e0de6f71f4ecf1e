import { InputValidationError, readRecords } from '@shoppilot/core';

export interface LabelledTexts {
  texts: string[];
  /** 0/1 per text; empty when no label column was asked for. */
  labels: number[];
}

const POSITIVE = new Set(['1', 'true', 'positive', 'pos', 'yes']);
const NEGATIVE = new Set(['0', 'false', 'negative', 'neg', 'no']);

/**
 * Reads a text column (and optionally a label column) from a CSV/JSONL file (gzip allowed).
 * Labels: 1/0, true/false, positive/negative; with `positive` given, that value is 1 and every
 * other value 0 (e.g. `--positive great`).
 */
export async function readLabelledTexts(
  file: string,
  options: { text: string; label?: string; positive?: string },
): Promise<LabelledTexts> {
  const texts: string[] = [];
  const labels: number[] = [];
  let row = 0;
  for await (const batch of readRecords(file)) {
    for (const record of batch) {
      row++;
      const text = record[options.text];
      if (text === undefined || text === null) {
        throw new InputValidationError({
          issues: [
            {
              file,
              row,
              field: options.text,
              message: 'missing text column value',
              expected: `a column named "${options.text}"`,
            },
          ],
        });
      }
      texts.push(String(text));
      if (options.label) labels.push(parseLabel(record[options.label], options, file, row));
    }
  }
  return { texts, labels };
}

function parseLabel(
  value: unknown,
  options: { label?: string; positive?: string },
  file: string,
  row: number,
): number {
  const text = String(value ?? '')
    .trim()
    .toLowerCase();
  if (options.positive !== undefined) return text === options.positive.toLowerCase() ? 1 : 0;
  if (POSITIVE.has(text)) return 1;
  if (NEGATIVE.has(text)) return 0;
  throw new InputValidationError({
    issues: [
      {
        file,
        row,
        field: options.label,
        message: 'unrecognised label',
        expected: '1/0, true/false, positive/negative, or pass --positive VALUE',
        received: JSON.stringify(value),
      },
    ],
  });
}
