import type { z } from 'zod';
import { describeReceived, type InputIssue, type InputLocation, InputValidationError } from '../errors/index';

type ZodIssue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** `context.device`, `categoryPath[2]`: a zod path as users write it. */
export function formatFieldPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * Turns zod issues into `InputIssue`s that name the field, say what was wrong and the expected
 * form, and show the received value (read from `input` at the issue's path). `location` (file,
 * row, series…) is copied into every issue.
 */
export function inputIssuesFromZod(
  issues: readonly ZodIssue[],
  input: unknown,
  location: InputLocation = {},
): InputIssue[] {
  return issues.map((issue) => {
    const received = valueAt(input, issue.path);
    const { message, expected } = describeZodIssue(issue, received);
    const field = formatFieldPath(issue.path);
    const withField = field
      ? { ...location, field: location.field ? `${location.field}.${field}` : field }
      : location;
    return { ...withField, message, expected, received: describeReceived(received) };
  });
}

/** A plain-language message and expected form for one zod issue. */
export function describeZodIssue(issue: ZodIssue, received: unknown): { message: string; expected?: string } {
  switch (issue.code) {
    case 'invalid_type':
      return {
        message: received === undefined || received === null ? 'missing value' : 'wrong type',
        expected: expectedType(issue.expected),
      };
    case 'too_small':
    case 'too_big':
      return { message: 'out of range', expected: rangeText(issue) };
    case 'invalid_value':
      return {
        message: 'not an allowed value',
        expected: `one of ${issue.values.map((value) => String(value)).join(', ')}`,
      };
    case 'invalid_format':
      return { message: 'wrong format', expected: issue.format };
    case 'not_multiple_of':
      return { message: 'not a multiple', expected: `a multiple of ${String(issue.divisor)}` };
    case 'unrecognized_keys':
      return { message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` };
    case 'invalid_union':
      return { message: 'matches none of the allowed forms', expected: unionText(issue) };
    default:
      return { message: issue.message };
  }
}

function expectedType(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a finite number';
    case 'int':
      return 'an integer';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    default:
      return expected;
  }
}

function rangeText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const bound = small
    ? (issue as z.core.$ZodIssueTooSmall).minimum
    : (issue as z.core.$ZodIssueTooBig).maximum;
  const inclusive = issue.inclusive !== false;
  const value = String(bound);
  switch (issue.origin) {
    case 'string':
      return small ? `at least ${value} character${value === '1' ? '' : 's'}` : `at most ${value} characters`;
    case 'array':
    case 'set':
      return small ? `at least ${value} item${value === '1' ? '' : 's'}` : `at most ${value} items`;
    default:
      return `a number ${small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<'} ${value}`;
  }
}

function unionText(issue: z.core.$ZodIssueInvalidUnion): string | undefined {
  const forms = new Set<string>();
  for (const branch of issue.errors ?? []) {
    for (const sub of branch) {
      if (sub.code === 'invalid_value') for (const value of sub.values) forms.add(JSON.stringify(value));
      else if (sub.code === 'invalid_type') forms.add(expectedType(sub.expected));
    }
  }
  return forms.size ? [...forms].join(' or ') : undefined;
}

function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current == null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export type SafeValidateResult<T> = { success: true; data: T } | { success: false; issues: InputIssue[] };

/** Validates `value` against `schema`; never throws for bad input, returns the issues instead. */
export function safeValidateInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  location: InputLocation = {},
): SafeValidateResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: result.data };
  return { success: false, issues: inputIssuesFromZod(result.error.issues, value, location) };
}

/**
 * Validates `value` against `schema` at a public boundary and returns the parsed value, or throws
 * `InputValidationError` naming the location (file, row, field…), the expected form and the
 * received value.
 */
export function validateInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  location: InputLocation = {},
): z.output<S> {
  const result = safeValidateInput(schema, value, location);
  if (!result.success) throw new InputValidationError({ issues: result.issues });
  return result.data;
}

export interface ValidateRecordsOptions extends InputLocation {
  /** Stop collecting after this many issues. Default 20. */
  maxIssues?: number;
}

/**
 * Validates every element of an array (rows 1, 2, 3… in the issues) and returns the parsed
 * elements, or throws one `InputValidationError` holding the issues of all bad rows (up to
 * `maxIssues`).
 */
export function validateRecords<S extends z.ZodType>(
  schema: S,
  records: readonly unknown[],
  options: ValidateRecordsOptions = {},
): Array<z.output<S>> {
  const { maxIssues = 20, ...location } = options;
  const out: Array<z.output<S>> = new Array(records.length);
  const issues: InputIssue[] = [];
  for (let index = 0; index < records.length; index++) {
    const result = safeValidateInput(schema, records[index], { ...location, row: index + 1 });
    if (result.success) out[index] = result.data;
    else {
      issues.push(...result.issues);
      if (issues.length >= maxIssues) break;
    }
  }
  if (issues.length) throw new InputValidationError({ issues: issues.slice(0, maxIssues) });
  return out;
}
