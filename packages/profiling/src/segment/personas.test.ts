import { describe, expect, it } from 'vitest';
import type { UserFeatures } from '../features/extract-user-features';
import { assignPersonas, DEFAULT_PERSONAS, type PersonaRule } from './personas';

const names = [
  'monetary',
  'frequency',
  'comparisonDepth',
  'discountShare',
  'pricePosition',
  'reviewReadsPerBuy',
  'meanDwellSeconds',
  'cartToBuyLatencyHours',
  'events30d',
  'recencyDays',
];
const rows: Record<string, number[]> = {
  bargain: [50, 3, 8, 0.8, -0.3, 0, 10, 30, 5, 3],
  connoisseur: [400, 2, 1, 0, 0.5, 4, 120, 50, 4, 10],
  quick: [30, 1, 0, 0.5, 0, 0, 5, 0.2, 2, 1],
  sleeper: [20, 1, 2, 0, 0, 0, 5, Number.NaN, 0, 200],
  whale: [5000, 12, 2, 0.1, 0.05, 1, 30, 5, 9, 2],
};
const features: UserFeatures = {
  asOf: 0,
  userIds: Object.keys(rows),
  userIndex: Int32Array.from(Object.keys(rows).keys()),
  names,
  values: Float64Array.from(Object.values(rows).flat()),
};

describe('personas', () => {
  const result = assignPersonas(features);
  const byUser = Object.fromEntries(result.map((r) => [r.userId, r]));

  it('labels each archetype with its persona', () => {
    expect(byUser.bargain.primary).toBe('price-sensitive');
    expect(byUser.connoisseur.primary).toBe('quality-seeking');
    expect(byUser.quick.primary).toBe('impulse');
    expect(byUser.sleeper.primary).toBe('dormant');
    expect(byUser.whale.personas.map((p) => p.name)).toContain('high-value');
  });

  it('explains itself with the feature evidence and thresholds', () => {
    const price = byUser.bargain.personas.find((p) => p.name === 'price-sensitive');
    // comparisonDepth q0.75 over [8, 1, 0, 2, 2] sorted [0, 1, 2, 2, 8] -> 2
    expect(price?.evidence.find((e) => e.feature === 'comparisonDepth')).toEqual({
      feature: 'comparisonDepth',
      op: '>=',
      threshold: 2,
      value: 8,
      met: true,
      source: 'q0.75',
    });
    expect(price?.score).toBe(1);
    // monetary q0.9 over [20, 30, 50, 400, 5000] = 400 + 0.6 * 4600 = 3160
    const high = byUser.whale.personas.find((p) => p.name === 'high-value');
    expect(high?.evidence[0].threshold).toBeCloseTo(3160, 10);
  });

  it('takes store-defined rules as JSON data', () => {
    const custom: PersonaRule[] = JSON.parse(
      JSON.stringify([
        {
          name: 'night-owl-spender',
          description: 'x',
          conditions: [{ feature: 'monetary', op: '>', value: 1000 }],
        },
      ]),
    );
    expect(
      assignPersonas(features, [...DEFAULT_PERSONAS, ...custom])
        .find((r) => r.userId === 'whale')
        ?.personas.map((p) => p.name),
    ).toContain('night-owl-spender');
    expect(() =>
      assignPersonas(features, [
        { name: 'bad', description: '', conditions: [{ feature: 'nope', op: '>', value: 1 }] },
      ]),
    ).toThrow(/nope/);
  });
});
