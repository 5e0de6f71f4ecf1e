import { InvalidArgumentError } from '@shoppilot/core';
import type { UserFeatures } from '../features/extract-user-features';
import { quantileSorted } from './scaling';

/** One test on a feature: against a fixed `value`, or a `quantile` of the population's defined values. */
export interface PersonaCondition {
  feature: string;
  op: '>=' | '>' | '<=' | '<';
  value?: number;
  quantile?: number;
}

/** A persona as data (JSON-able): it applies when every `required` condition and at least `minMatched` of `conditions` hold. */
export interface PersonaRule {
  name: string;
  description: string;
  required?: PersonaCondition[];
  conditions: PersonaCondition[];
  /** Default: all of `conditions`. */
  minMatched?: number;
}

export interface PersonaEvidence {
  feature: string;
  op: PersonaCondition['op'];
  threshold: number;
  value: number;
  met: boolean;
  /** Where the threshold came from: `value` or `q0.75`. */
  source: string;
}

export interface PersonaMatch {
  name: string;
  /** Share of `conditions` met. */
  score: number;
  evidence: PersonaEvidence[];
}

export interface UserPersonas {
  userId: string;
  /** Matching personas, best score first. */
  personas: PersonaMatch[];
  /** The best match, or `undefined` when none applies. */
  primary?: string;
}

/** Default personas; extend or replace the list (it is plain data). */
export const DEFAULT_PERSONAS: readonly PersonaRule[] = [
  {
    name: 'high-value',
    description: 'top decile spend with repeat orders',
    conditions: [
      { feature: 'monetary', op: '>=', quantile: 0.9 },
      { feature: 'frequency', op: '>=', value: 2 },
    ],
  },
  {
    name: 'price-sensitive',
    description: 'compares many items before buying, buys on discount, pays at or below the category median',
    required: [{ feature: 'frequency', op: '>=', value: 1 }],
    conditions: [
      { feature: 'comparisonDepth', op: '>=', quantile: 0.75 },
      { feature: 'discountShare', op: '>=', value: 0.5 },
      { feature: 'pricePosition', op: '<=', value: 0 },
    ],
    minMatched: 2,
  },
  {
    name: 'quality-seeking',
    description: 'reads details and reviews, pays above the category median',
    required: [{ feature: 'frequency', op: '>=', value: 1 }],
    conditions: [
      { feature: 'reviewReadsPerBuy', op: '>=', quantile: 0.75 },
      { feature: 'meanDwellSeconds', op: '>=', quantile: 0.75 },
      { feature: 'pricePosition', op: '>=', value: 0.1 },
    ],
    minMatched: 2,
  },
  {
    name: 'impulse',
    description: 'buys soon after adding to cart, responds to promotions, compares little',
    required: [{ feature: 'frequency', op: '>=', value: 1 }],
    conditions: [
      { feature: 'cartToBuyLatencyHours', op: '<=', value: 1 },
      { feature: 'discountShare', op: '>=', value: 0.3 },
      { feature: 'comparisonDepth', op: '<=', value: 1 },
    ],
    minMatched: 2,
  },
  {
    name: 'dormant',
    description: 'no activity in the last 30 days and no order for 90 days',
    conditions: [
      { feature: 'events30d', op: '<=', value: 0 },
      { feature: 'recencyDays', op: '>=', value: 90 },
    ],
  },
];

function threshold(
  features: UserFeatures,
  condition: PersonaCondition,
  column: number,
): { threshold: number; source: string } {
  if (condition.value !== undefined) return { threshold: condition.value, source: 'value' };
  const q = condition.quantile;
  if (q === undefined || !(q >= 0 && q <= 1)) {
    throw new InvalidArgumentError({
      argument: `persona condition on ${condition.feature}`,
      message: 'needs value or quantile in [0, 1]',
      value: condition,
    });
  }
  const width = features.names.length;
  const defined: number[] = [];
  for (let i = 0; i < features.userIds.length; i++) {
    const v = features.values[i * width + column];
    if (!Number.isNaN(v)) defined.push(v);
  }
  defined.sort((a, b) => a - b);
  return { threshold: defined.length ? quantileSorted(defined, q) : Number.NaN, source: `q${q}` };
}

function compare(value: number, op: PersonaCondition['op'], limit: number): boolean {
  if (Number.isNaN(value) || Number.isNaN(limit)) return false;
  return op === '>='
    ? value >= limit
    : op === '>'
      ? value > limit
      : op === '<='
        ? value <= limit
        : value < limit;
}

type Resolved = PersonaCondition & { column: number; threshold: number; source: string };

function resolve(features: UserFeatures, conditions: readonly PersonaCondition[]): Resolved[] {
  return conditions.map((condition) => {
    const column = features.names.indexOf(condition.feature);
    if (column < 0)
      throw new InvalidArgumentError({
        argument: 'persona feature',
        message: `"${condition.feature}" is not among the features`,
        value: condition.feature,
      });
    return { ...condition, column, ...threshold(features, condition, column) };
  });
}

function evidence(features: UserFeatures, row: number, c: Resolved): PersonaEvidence {
  const value = features.values[row * features.names.length + c.column];
  return {
    feature: c.feature,
    op: c.op,
    threshold: c.threshold,
    value,
    met: compare(value, c.op, c.threshold),
    source: c.source,
  };
}

/** Labels every user with the personas whose rules hold, with the feature evidence for each. */
export function assignPersonas(
  features: UserFeatures,
  rules: readonly PersonaRule[] = DEFAULT_PERSONAS,
): UserPersonas[] {
  const resolved = rules.map((rule) => ({
    rule,
    required: resolve(features, rule.required ?? []),
    conditions: resolve(features, rule.conditions),
  }));
  return features.userIds.map((userId, row) => {
    const personas: PersonaMatch[] = [];
    for (const { rule, required, conditions } of resolved) {
      const must = required.map((c) => evidence(features, row, c));
      if (!must.every((e) => e.met)) continue;
      const found = conditions.map((c) => evidence(features, row, c));
      const met = found.filter((e) => e.met).length;
      if (met >= (rule.minMatched ?? conditions.length)) {
        personas.push({
          name: rule.name,
          score: conditions.length ? met / conditions.length : 1,
          evidence: [...must, ...found],
        });
      }
    }
    personas.sort((a, b) => b.score - a.score);
    return { userId, personas, primary: personas[0]?.name };
  });
}
