import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulateBudgetScenario } from './budget-simulator';
import { regretGrowthExponent } from './regret-growth';
import { type BudgetScenario, parseBudgetScenario } from './scenario';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');
const load = (file: string): BudgetScenario =>
  parseBudgetScenario(JSON.parse(readFileSync(join(dir, file), 'utf8')), file);
const fourSeeds = [1, 2, 3, 4];

/** Mean regret and mean regret curve over seeds, per policy. */
function averaged(scenario: BudgetScenario, policies: string[], seeds = fourSeeds) {
  const runs = seeds.map((seed) => simulateBudgetScenario(scenario, { policies, seed }));
  return policies.map((policy, p) => {
    const curve = runs[0].results[p].regretCurve.map(
      (_, t) => runs.reduce((s, r) => s + r.results[p].regretCurve[t], 0) / runs.length,
    );
    return {
      policy,
      regret: curve[curve.length - 1],
      curve,
      gain: runs.reduce((s, r) => s + r.results[p].roiGainOverUniform, 0) / runs.length,
    };
  });
}

describe('budget scenarios (packages/marketing/scenarios/*.json, 365 periods, 4 seeds unless stated)', () => {
  it('every scenario file parses and states its assumptions', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const scenario = load(file);
      for (const key of ['roasSpread', 'drift', 'delay']) expect(scenario.assumptions[key]).toBeTruthy();
    }
  });

  for (const file of ['wide-spread.json', 'delayed-rewards.json']) {
    it(`${file}: Thompson's regret is sublinear and the lowest or within 10% of the lowest`, () => {
      const results = averaged(load(file), ['uniform', 'epsilon-greedy', 'ucb1', 'thompson']);
      const thompson = results.find((r) => r.policy === 'thompson')!;
      const lowest = Math.min(...results.map((r) => r.regret));
      expect(thompson.regret).toBeLessThanOrEqual(1.1 * lowest);
      expect(regretGrowthExponent(thompson.curve)).toBeLessThan(0.8);
      expect(regretGrowthExponent(results[0].curve)).toBeCloseTo(1, 6); // uniform: linear
      expect(thompson.gain).toBeGreaterThan(0);
    });
  }

  it('narrow-spread.json (12 seeds): Thompson is sublinear and the lowest or within 10% of the lowest', () => {
    // the runs differ a lot by seed here (epsilon-greedy either locks onto the best channel early
    // or onto a runner-up for the year), so the comparison is over 12 seeds
    const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
    const results = averaged(
      load('narrow-spread.json'),
      ['uniform', 'epsilon-greedy', 'ucb1', 'thompson'],
      seeds,
    );
    const thompson = results.find((r) => r.policy === 'thompson')!;
    const lowest = Math.min(...results.map((r) => r.regret));
    expect(thompson.regret).toBeLessThanOrEqual(1.1 * lowest);
    expect(thompson.regret).toBeLessThan(0.6 * results[0].regret);
    expect(regretGrowthExponent(thompson.curve)).toBeLessThan(0.9);
  });

  it('drifting.json: forgetting Thompson (discounted or windowed) beats stationary Thompson and is within 10% of the lowest', () => {
    const results = averaged(load('drifting.json'), [
      'epsilon-greedy',
      'ucb1',
      'thompson',
      'thompson-discounted',
      'thompson-window',
    ]);
    const regret = Object.fromEntries(results.map((r) => [r.policy, r.regret]));
    const forgetting = Math.min(regret['thompson-discounted'], regret['thompson-window']);
    expect(forgetting).toBeLessThan(regret.thompson);
    expect(forgetting).toBeLessThanOrEqual(1.1 * Math.min(...Object.values(regret)));
  });

  it('returns per-period allocations that respect the constraints and reproduce the regret', () => {
    const scenario = load('wide-spread.json');
    const result = simulateBudgetScenario(scenario, {
      policies: ['uniform', 'thompson'],
      periods: 40,
      seed: 5,
    });
    expect(result.channels).toEqual(scenario.channels.map((c) => c.name));
    for (const run of result.results) {
      expect(run.allocations).toHaveLength(40);
      let regret = 0;
      let realised = 0;
      run.allocations.forEach((budgets, t) => {
        expect(budgets.reduce((a, b) => a + b, 0)).toBeCloseTo(scenario.budgetPerPeriod, 6);
        scenario.channels.forEach((channel, c) => {
          expect(budgets[c]).toBeGreaterThanOrEqual(Math.max(channel.minimum ?? 0, 500 / 6) - 1e-9);
          expect(budgets[c]).toBeLessThanOrEqual((channel.maximum ?? Number.POSITIVE_INFINITY) + 1e-9);
        });
        const expected = budgets.reduce((s, b, c) => s + b * scenario.channels[c].roas, 0);
        expect(run.expectedRevenuePerPeriod[t]).toBeCloseTo(expected, 6);
        // oracle: floors, then the rest to feed-ads (ROAS 4.5, no maximum)
        const oracle =
          500 * 1.2 +
          (10_000 / 6 / 20) * (3.6 + 3.0 + 2.4 + 1.8) +
          (10_000 - 500 - 4 * (10_000 / 6 / 20)) * 4.5;
        regret += oracle - expected;
        realised += run.revenuePerPeriod[t];
      });
      expect(run.regret).toBeCloseTo(regret, 4);
      expect(run.cumulativeReward).toBeCloseTo(realised, 4);
    }
    // uniform: every period the same even split within the limits
    expect(new Set(result.results[0].allocations.map((b) => b.join(','))).size).toBe(1);
  });

  it('rejects a malformed scenario naming the field', () => {
    expect(() =>
      parseBudgetScenario({ name: 'x', channels: [{ name: 'a', roas: -1 }], budgetPerPeriod: 1 }, 'bad.json'),
    ).toThrow(/bad\.json.*channels/);
  });
});
