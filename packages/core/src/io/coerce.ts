import type { FieldKind } from './field-kinds';

export interface CoerceOptions {
  /** Decimal separator of numbers written as text. Default `.`. */
  decimalSeparator?: '.' | ',';
  /**
   * Separator of lists written as text (category paths, vectors). Default: `|` or `>` for text
   * lists, and `|`, `;`, `,` or whitespace for number lists. A JSON array is always accepted.
   */
  listSeparator?: string;
}

export type CoerceResult = { ok: true; value: unknown } | { ok: false; message: string; expected: string };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE = new Set(['false', '0', 'no', 'n', 'f']);
const EXPECTED_NUMBER = 'a finite number like 12.5';

function ok(value: unknown): CoerceResult {
  return { ok: true, value };
}

function fail(message: string, expected: string): CoerceResult {
  return { ok: false, message, expected };
}

/** Parses a number written as text; NaN when it is not one (`NaN`, `Infinity`, `1,000`, `0x1f`). */
export function parseNumberText(text: string, decimalSeparator: '.' | ',' = '.'): number {
  let trimmed = text.trim();
  if (decimalSeparator === ',') {
    if (trimmed.includes('.')) return Number.NaN;
    trimmed = trimmed.replace(',', '.');
  }
  return NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Converts one non-empty raw value (text from CSV, any JSON value from JSONL) to `kind`. */
export function coerceValue(value: unknown, kind: FieldKind, options: CoerceOptions = {}): CoerceResult {
  switch (kind) {
    case 'string':
      return typeof value === 'number' && Number.isFinite(value) ? ok(String(value)) : ok(value);
    case 'number':
      return coerceNumber(value, options.decimalSeparator);
    case 'boolean':
      return coerceBoolean(value);
    case 'string-list':
      return coerceList(value, 'string', options);
    case 'number-list':
      return coerceList(value, 'number', options);
    case 'json':
      return coerceObject(value);
    default:
      return ok(value);
  }
}

function coerceNumber(value: unknown, decimalSeparator: '.' | ',' = '.'): CoerceResult {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? ok(value) : fail('not a finite number', EXPECTED_NUMBER);
  }
  if (typeof value !== 'string') return ok(value);
  const number = parseNumberText(value, decimalSeparator);
  if (Number.isNaN(number)) return fail('not a number', EXPECTED_NUMBER);
  if (!Number.isFinite(number)) return fail('number too large', EXPECTED_NUMBER);
  return ok(number);
}

function coerceBoolean(value: unknown): CoerceResult {
  if (typeof value === 'boolean') return ok(value);
  const text =
    typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : '';
  if (TRUE.has(text)) return ok(true);
  if (FALSE.has(text)) return ok(false);
  return fail('not a yes/no value', 'true/false, 1/0 or yes/no');
}

function coerceObject(value: unknown): CoerceResult {
  if (typeof value !== 'string') return ok(value);
  const parsed = tryParseJson(value);
  if (parsed !== undefined && parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    return ok(parsed);
  }
  return fail('not a JSON object', 'a JSON object like {"color":"red"}');
}

function coerceList(value: unknown, element: 'string' | 'number', options: CoerceOptions): CoerceResult {
  let parts: unknown[];
  if (Array.isArray(value)) parts = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    const json = text.startsWith('[') ? tryParseJson(text) : undefined;
    if (Array.isArray(json)) parts = json;
    else parts = splitList(text, element, options);
  } else return ok(value);
  if (element === 'string') return ok(parts.map((part) => (typeof part === 'number' ? String(part) : part)));
  const numbers: unknown[] = [];
  for (const part of parts) {
    const result = coerceNumber(part, options.decimalSeparator);
    if (!result.ok) {
      return fail(`list item ${numbers.length + 1} is ${result.message}`, 'a list of finite numbers');
    }
    numbers.push(result.value);
  }
  return ok(numbers);
}

function splitList(text: string, element: 'string' | 'number', options: CoerceOptions): string[] {
  let separator: string | RegExp;
  if (options.listSeparator) separator = options.listSeparator;
  else if (element === 'string') separator = /[|>]/;
  else separator = options.decimalSeparator === ',' ? /[|;\s]+/ : /[|;,\s]+/;
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
