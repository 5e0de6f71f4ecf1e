import { errorMarker, ShopPilotError } from './shoppilot-error';

const { marker, symbol } = errorMarker('InputValidationError');

/** Where in the input a problem is. Every field that is known is filled in. */
export interface InputLocation {
  /** File path or stream name. */
  file?: string;
  /** 1-based data row (header excluded) or JSONL line. */
  row?: number;
  /** Column or field name. */
  field?: string;
  /** Series id (forecasting). */
  series?: string;
  /** Stock-keeping unit (inventory). */
  sku?: string;
  /** User or customer id. */
  user?: string;
}

export interface InputIssue extends InputLocation {
  /** What was wrong, e.g. `expected a finite number`. */
  message: string;
  /** The expected form, e.g. `ISO 8601 timestamp or unix seconds`. */
  expected?: string;
  /** The value that was received (stringified and truncated). */
  received?: string;
}

/**
 * Input data (a file, a row, a field, a series, a SKU) is malformed. Names the location and the
 * expected form; `issues` holds every problem found when more than one was collected.
 */
export class InputValidationError extends ShopPilotError {
  readonly [symbol] = true;
  readonly issues: readonly InputIssue[];

  constructor({ issues, cause }: { issues: readonly InputIssue[]; cause?: unknown }) {
    const first = issues[0];
    const more =
      issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
    super({ message: `${first ? formatIssue(first) : 'invalid input'}${more}`, cause });
    this.name = 'InputValidationError';
    this.issues = issues;
  }

  /** The first issue's location, for the common single-issue case. */
  get location(): InputLocation {
    return this.issues[0] ?? {};
  }

  static override isInstance(error: unknown): error is InputValidationError {
    return ShopPilotError.hasMarker(error, marker);
  }
}

/** `file.csv, row 12, field "price": expected a finite number, received "abc"` */
export function formatIssue(issue: InputIssue): string {
  const where: string[] = [];
  if (issue.file) where.push(issue.file);
  if (issue.row !== undefined) where.push(`row ${issue.row}`);
  if (issue.series !== undefined) where.push(`series "${issue.series}"`);
  if (issue.sku !== undefined) where.push(`SKU "${issue.sku}"`);
  if (issue.user !== undefined) where.push(`user "${issue.user}"`);
  if (issue.field !== undefined) where.push(`field "${issue.field}"`);
  const expected = issue.expected ? ` (expected ${issue.expected})` : '';
  const received = issue.received !== undefined ? `, received ${issue.received}` : '';
  return `${where.length ? `${where.join(', ')}: ` : ''}${issue.message}${expected}${received}`;
}

/** Short printable form of a received value for error messages. */
export function describeReceived(value: unknown, maxLength = 60): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    text = String(value);
  else if (value === undefined) text = 'nothing';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
