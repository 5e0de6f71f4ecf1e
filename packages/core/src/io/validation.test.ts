import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputValidationError } from '../errors/index';
import { behaviorEventSchema, transactionSchema } from '../schema/index';
import { inputIssuesFromZod, safeValidateInput, validateInput, validateRecords } from './validation';

describe('inputIssuesFromZod', () => {
  it('names field, expected form and received value for each problem', () => {
    const input = { userId: '', type: 'pv', timestamp: 1.5, context: { discount: 3 } };
    const result = behaviorEventSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    const issues = inputIssuesFromZod(result.error.issues, input, { file: 'events.csv', row: 7 });
    expect(issues).toEqual([
      {
        file: 'events.csv',
        row: 7,
        field: 'userId',
        message: 'out of range',
        expected: 'at least 1 character',
        received: '""',
      },
      expect.objectContaining({ field: 'type', message: 'not an allowed value', received: '"pv"' }),
      {
        file: 'events.csv',
        row: 7,
        field: 'timestamp',
        message: 'wrong type',
        expected: 'an integer',
        received: '1.5',
      },
      expect.objectContaining({ field: 'context.discount', expected: 'a number <= 1', received: '3' }),
    ]);
    expect(issues[1].expected).toMatch(/^one of view, click, add_cart/);
  });

  it('says "missing value" for absent required fields and formats array paths', () => {
    const schema = z.object({ tags: z.array(z.string().min(1)), id: z.string() });
    const input = { tags: ['a', ''] };
    const result = schema.safeParse(input);
    if (result.success) throw new Error('expected failure');
    const issues = inputIssuesFromZod(result.error.issues, input);
    expect(issues.map((issue) => [issue.field, issue.message, issue.received])).toEqual([
      ['tags[1]', 'out of range', '""'],
      ['id', 'missing value', 'nothing'],
    ]);
  });
});

describe('validateInput', () => {
  it('returns the parsed value with defaults applied', () => {
    const value = validateInput(transactionSchema, { transactionId: 't1', customerId: 'c1', timestamp: 0 });
    expect(value.quantity).toBe(1);
  });

  it('throws InputValidationError whose message gives location, expected form and received value', () => {
    let error: unknown;
    try {
      validateInput(
        transactionSchema,
        { transactionId: 't1', customerId: 'c1', timestamp: -5 },
        { file: 'tx.csv', row: 3 },
      );
    } catch (caught) {
      error = caught;
    }
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'tx.csv, row 3, field "timestamp": out of range (expected a number >= 0), received -5',
    );
  });

  it('safeValidateInput never throws for bad input', () => {
    const result = safeValidateInput(z.number(), 'x', { field: 'price' });
    expect(result).toEqual({
      success: false,
      issues: [{ field: 'price', message: 'wrong type', expected: 'a finite number', received: '"x"' }],
    });
  });
});

describe('validateRecords', () => {
  it('numbers rows from 1 and collects the issues of every bad row', () => {
    const records = [{ id: 'a' }, { id: 5 }, { id: 'c' }, {}];
    const schema = z.object({ id: z.string() });
    let error: InputValidationError | undefined;
    try {
      validateRecords(schema, records, { file: 'x.jsonl' });
    } catch (caught) {
      error = caught as InputValidationError;
    }
    expect(error?.issues.map((issue) => [issue.row, issue.field, issue.message])).toEqual([
      [2, 'id', 'wrong type'],
      [4, 'id', 'missing value'],
    ]);
    expect(validateRecords(schema, records.slice(0, 1))).toEqual([{ id: 'a' }]);
  });

  it('stops after maxIssues', () => {
    const schema = z.object({ id: z.string() });
    const records = Array.from({ length: 50 }, () => ({}));
    expect(() => validateRecords(schema, records, { maxIssues: 3 })).toThrow(/and 2 more issues/);
  });
});
