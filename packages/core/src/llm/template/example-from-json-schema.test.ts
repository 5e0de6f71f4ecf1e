import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toJsonSchema } from '../generate-object';
import { exampleFromJsonSchema } from './example-from-json-schema';

describe('exampleFromJsonSchema', () => {
  it('builds a value every constraint of which can be checked by hand', () => {
    const { value, warnings } = exampleFromJsonSchema({
      type: 'object',
      properties: {
        headline: { type: 'string', minLength: 12, maxLength: 20 },
        tone: { type: 'string', enum: ['playful', 'formal'] },
        score: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        count: { type: 'integer', minimum: 3, multipleOf: 2 },
        tags: { type: 'array', items: { type: 'string', maxLength: 5 }, minItems: 2 },
        flag: { type: 'boolean' },
        maybe: { anyOf: [{ type: 'null' }, { type: 'string', const: 'x' }] },
        kind: { const: 'copy' },
      },
      required: ['headline', 'tone'],
    });
    expect(value).toEqual({
      headline: 'headline hea', // "headline" padded with " headline" to 12 characters
      tone: 'playful',
      score: 0.5, // midpoint of (0, 1]
      count: 4, // 3 rounded up to a multiple of 2
      tags: ['tags', 'tags '], // "tags 2" cut to maxLength 5
      flag: false,
      maybe: 'x',
      kind: 'copy',
    });
    expect(warnings).toEqual([]);
  });

  it('follows $ref, allOf, type arrays and defaults', () => {
    const { value } = exampleFromJsonSchema({
      $defs: { price: { type: 'number', minimum: 9.99 } },
      allOf: [
        { type: 'object', properties: { price: { $ref: '#/$defs/price' } }, required: ['price'] },
        {
          properties: {
            currency: { type: ['string', 'null'], default: 'CNY' },
            note: { type: ['null', 'string'] },
          },
        },
      ],
    });
    expect(value).toEqual({ price: 9.99, currency: 'CNY', note: 'note' });
  });

  it('bounds recursion and reports patterns it cannot satisfy', () => {
    const node: Record<string, unknown> = {
      type: 'object',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } },
      required: ['name', 'children'],
    };
    const { value } = exampleFromJsonSchema(node);
    let depth = 0;
    let current = value as { children: unknown[] };
    while (current.children.length > 0) {
      current = current.children[0] as { children: unknown[] };
      depth++;
    }
    expect(depth).toBeGreaterThan(0);
    expect(depth).toBeLessThan(10);
    const withPattern = exampleFromJsonSchema({ type: 'string', pattern: '^[0-9]{6}$' });
    expect(withPattern.warnings[0]).toMatch(/pattern/);
  });

  // Invariant: for a range of zod schemas, the generated value passes the same zod schema.
  const schemas: [string, z.ZodType][] = [
    [
      'marketing copy',
      z.object({
        headline: z.string().min(5).max(30),
        body: z.string().min(40),
        bullets: z.array(z.string().min(3).max(12)).min(3).max(5),
        tone: z.enum(['friendly', 'luxury', 'technical']),
        locale: z.literal('zh-CN'),
      }),
    ],
    [
      'numbers',
      z.object({
        discount: z.number().gt(0).lt(0.5),
        units: z.number().int().positive(),
        negative: z.number().int().max(-3),
        step: z.number().multipleOf(0.25).min(1.1),
      }),
    ],
    [
      'nullable and optional',
      z.object({ a: z.string().nullable(), b: z.number().optional(), c: z.boolean() }),
    ],
    [
      'union',
      z.union([z.object({ kind: z.literal('a'), x: z.string() }), z.object({ kind: z.literal('b') })]),
    ],
    [
      'nested',
      z.object({
        items: z.array(z.object({ sku: z.string().length(8), qty: z.number().int().min(1) })).length(3),
      }),
    ],
    ['formats', z.object({ email: z.email(), url: z.url(), id: z.uuid(), at: z.iso.datetime() })],
    ['unique enum array', z.array(z.enum(['red', 'green', 'blue'])).min(2)],
    ['record', z.record(z.string(), z.number())],
    ['tuple', z.tuple([z.string(), z.number().min(2)])],
    ['default', z.object({ lang: z.string().default('en') })],
  ];

  it.each(schemas)('a generated %s value passes its zod schema', (_name, schema) => {
    const { value } = exampleFromJsonSchema(toJsonSchema(schema));
    const result = schema.safeParse(value);
    expect(result.success, JSON.stringify({ value, issues: result.error?.issues })).toBe(true);
  });
});
