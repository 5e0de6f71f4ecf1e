import { InputValidationError, readRecords } from '@shoppilot/core';
import {
  createInteractions,
  filterByWeight,
  type InteractionRow,
  type Interactions,
} from '@shoppilot/recsys';
import { UsageError } from '../../output/index';

/** The flags every `recommend` sub-command uses to read interactions. */
export const interactionArgs = {
  interactions: {
    type: 'string' as const,
    description: 'Interactions file (CSV or JSONL, .gz allowed)',
    required: true as const,
  },
  user: { type: 'string' as const, description: 'Column with the user id', default: 'user' },
  item: { type: 'string' as const, description: 'Column with the item id', default: 'item' },
  time: {
    type: 'string' as const,
    description: 'Column with the timestamp (ISO 8601, unix seconds or ms); needed by loo and time',
  },
  rating: { type: 'string' as const, description: 'Column with a rating or weight' },
  'min-rating': {
    type: 'string' as const,
    description: 'Keep only interactions with rating >= R (needs --rating)',
  },
  delimiter: { type: 'string' as const, description: 'CSV delimiter (default: comma; tab for .tsv)' },
};

export interface InteractionFlags {
  interactions: string;
  user: string;
  item: string;
  time?: string;
  rating?: string;
  'min-rating'?: string;
  delimiter?: string;
}

/** Reads the file into `Interactions` (row order kept), naming file, row and column on bad values. */
export async function readInteractionFile(flags: InteractionFlags): Promise<Interactions> {
  const file = flags.interactions;
  const fields: Record<string, 'number' | 'string'> = { [flags.user]: 'string', [flags.item]: 'string' };
  if (flags.rating) fields[flags.rating] = 'number';
  const rows: InteractionRow[] = [];
  let row = 0;
  const reader = readRecords(file, {
    fields,
    timestampFields: flags.time ? [flags.time] : [],
    delimiter: flags.delimiter === '\\t' ? '\t' : flags.delimiter,
  });
  for await (const batch of reader) {
    for (const record of batch) {
      row++;
      const value = (column: string | undefined) => (column === undefined ? undefined : record[column]);
      const fail = (field: string, message: string): never => {
        throw new InputValidationError({
          issues: [{ file, row, field, message, received: JSON.stringify(record[field]) }],
        });
      };
      const userId = value(flags.user);
      const itemId = value(flags.item);
      if (userId === undefined || userId === null || userId === '') fail(flags.user, 'missing user id');
      if (itemId === undefined || itemId === null || itemId === '') fail(flags.item, 'missing item id');
      const timestamp = flags.time ? Number(value(flags.time)) : undefined;
      if (flags.time && !Number.isFinite(timestamp)) fail(flags.time, 'not a timestamp');
      const weight = flags.rating ? Number(value(flags.rating)) : undefined;
      if (flags.rating && !Number.isFinite(weight)) fail(flags.rating, 'not a number');
      rows.push({ userId: String(userId), itemId: String(itemId), timestamp, weight });
    }
  }
  const data = createInteractions(rows);
  const minimum = flags['min-rating'];
  if (minimum === undefined || minimum === '') return data;
  if (!flags.rating) throw new UsageError('--min-rating needs --rating');
  const threshold = Number(minimum);
  if (!Number.isFinite(threshold)) throw new UsageError(`--min-rating must be a number, got "${minimum}"`);
  return filterByWeight(data, threshold);
}
