import { InvalidArgumentError } from '@shoppilot/core';
import type { UserFeatures } from './extract-user-features';

/** One feature's values for every user (a copy). */
export function featureColumn(features: UserFeatures, name: string): Float64Array {
  const column = features.names.indexOf(name);
  if (column < 0) {
    throw new InvalidArgumentError({
      argument: 'name',
      message: `unknown feature; known: ${features.names.join(', ')}`,
      value: name,
    });
  }
  const width = features.names.length;
  const n = features.userIds.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = features.values[i * width + column];
  return out;
}

/** One user's features as a `{ name: value }` record. */
export function featureRecord(features: UserFeatures, row: number): Record<string, number> {
  const width = features.names.length;
  const record: Record<string, number> = {};
  features.names.forEach((name, k) => {
    record[name] = features.values[row * width + k];
  });
  return record;
}

/** A copy with only the named columns, in that order. */
export function selectFeatures(features: UserFeatures, names: readonly string[]): UserFeatures {
  const columns = names.map((name) => {
    const index = features.names.indexOf(name);
    if (index < 0)
      throw new InvalidArgumentError({ argument: 'names', message: 'unknown feature', value: name });
    return index;
  });
  const width = features.names.length;
  const n = features.userIds.length;
  const values = new Float64Array(n * names.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < columns.length; k++)
      values[i * names.length + k] = features.values[i * width + columns[k]];
  }
  return { ...features, names: [...names], values };
}

export interface FillMissingResult {
  features: UserFeatures;
  /** Value used per column (only columns that had NaN). */
  filled: Record<string, { value: number; count: number }>;
}

/**
 * Replaces NaN (undefined features, e.g. inter-purchase time of a one-order user) by the
 * column median of the defined values (`median`) or by 0 (`zero`), and reports what it filled.
 */
export function fillMissing(
  features: UserFeatures,
  strategy: 'median' | 'zero' = 'median',
): FillMissingResult {
  const width = features.names.length;
  const n = features.userIds.length;
  const values = features.values.slice();
  const filled: FillMissingResult['filled'] = {};
  for (let k = 0; k < width; k++) {
    const defined: number[] = [];
    let missing = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i * width + k];
      if (!Number.isNaN(v)) defined.push(v);
      else missing++;
    }
    if (missing === 0) continue;
    defined.sort((a, b) => a - b);
    const mid = defined.length >> 1;
    const med =
      defined.length === 0 ? 0 : defined.length % 2 ? defined[mid] : (defined[mid - 1] + defined[mid]) / 2;
    const value = strategy === 'zero' ? 0 : med;
    for (let i = 0; i < n; i++) if (Number.isNaN(values[i * width + k])) values[i * width + k] = value;
    filled[features.names[k]] = { value, count: missing };
  }
  return { features: { ...features, values }, filled };
}
