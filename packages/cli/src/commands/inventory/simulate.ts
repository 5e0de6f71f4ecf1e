import { readFile } from 'node:fs/promises';
import {
  forecastQuantilePolicy,
  normalPolicy,
  parseDemandCsv,
  rollingEmpiricalForecaster,
  rqPolicy,
  ruleOfThumbPolicy,
  type SimulationPolicy,
  simulateInventory,
} from '@shoppilot/inventory';
import { defineCommand } from 'citty';
import { choiceFlag, integerFlag, printJson, UsageError } from '../../output/index';
import { numberFlag } from './number-flags';

const POLICIES = ['forecast-quantile', 'rule-of-thumb', 'normal', 'r-Q', 's-S'] as const;

/** `shoppilot inventory simulate`: a policy over a demand history, KPIs as JSON. */
export const simulateCommand = defineCommand({
  meta: {
    name: 'simulate',
    description:
      'Simulate a replenishment policy over a demand history (sku,date,demand CSV) and print the KPIs as JSON',
  },
  args: {
    demand: {
      type: 'string',
      required: true,
      description: 'Demand history CSV: sku, date (or week), demand (or units)',
    },
    policy: { type: 'string', description: `${POLICIES.join(' | ')} (default forecast-quantile)` },
    'service-level': { type: 'string', description: 'Target in (0, 1) (default 0.95)' },
    'service-type': { type: 'string', description: 'forecast-quantile: cycle | fill-rate (default cycle)' },
    multiplier: {
      type: 'string',
      description: 'rule-of-thumb: safety stock = multiplier x predicted demand (default 0.2)',
    },
    window: { type: 'string', description: 'Observed periods in the rolling forecasts (default 52)' },
    warmup: {
      type: 'string',
      description: 'Periods of history before the simulation starts (default: half the periods)',
    },
    'lead-time': { type: 'string', description: 'Lead time in whole periods (default 1)' },
    'lead-time-sd': { type: 'string', description: 'Lead-time standard deviation (default 0)' },
    unmet: { type: 'string', description: 'lost-sales | backorders (default lost-sales)' },
    'holding-cost': { type: 'string', description: 'Per unit per period (default 0)' },
    'stockout-cost': { type: 'string', description: 'Per unit short (default 0)' },
    'ordering-cost': { type: 'string', description: 'Per order (default 0; r-Q and s-S need it > 0)' },
    seed: { type: 'string', description: 'Seed for stochastic lead times (default 1)' },
  },
  async run({ args }) {
    const matrix = parseDemandCsv(await readFile(args.demand, 'utf8'), args.demand);
    const holdingCost = numberFlag(args['holding-cost'], 'holding-cost', 'non-negative') ?? 0;
    const orderingCost = numberFlag(args['ordering-cost'], 'ordering-cost', 'non-negative') ?? 0;
    const policy = makePolicy(
      args as unknown as Record<string, string | undefined>,
      holdingCost,
      orderingCost,
    );
    const warmup =
      args.warmup === '0' ? 0 : (integerFlag(args.warmup, 'warmup') ?? Math.floor(matrix.periods / 2));
    if (warmup >= matrix.periods)
      throw new UsageError(`--warmup must be below the ${matrix.periods} periods of the demand file`);
    const options = {
      start: warmup,
      leadTime: integerFlag(args['lead-time'], 'lead-time') ?? 1,
      leadTimeSd: numberFlag(args['lead-time-sd'], 'lead-time-sd', 'non-negative') ?? 0,
      unmetDemand: choiceFlag(args.unmet, 'unmet', ['lost-sales', 'backorders'] as const) ?? 'lost-sales',
      holdingCost,
      orderingCost,
      stockoutCost: numberFlag(args['stockout-cost'], 'stockout-cost', 'non-negative') ?? 0,
      seed: numberFlag(args.seed, 'seed') ?? 1,
    };
    const result = await simulateInventory(matrix, policy, options);
    printJson({
      policy: result.policy,
      skus: matrix.skuCount,
      periods: matrix.periods,
      options,
      kpis: result.kpis,
      warnings: result.warnings,
    });
  },
});

function makePolicy(
  args: Record<string, string | undefined>,
  holdingCost: number,
  orderingCost: number,
): SimulationPolicy {
  const kind = choiceFlag(args.policy, 'policy', POLICIES) ?? 'forecast-quantile';
  const serviceLevel = numberFlag(args['service-level'], 'service-level', 'probability') ?? 0.95;
  const window = integerFlag(args.window, 'window') ?? 52;
  if (kind === 'forecast-quantile') {
    const serviceType = choiceFlag(args['service-type'], 'service-type', ['cycle', 'fill-rate'] as const);
    return forecastQuantilePolicy({
      serviceLevel,
      serviceType,
      forecaster: rollingEmpiricalForecaster({ window }),
    });
  }
  if (kind === 'rule-of-thumb') {
    const multiplier = numberFlag(args.multiplier, 'multiplier', 'non-negative') ?? 0.2;
    return ruleOfThumbPolicy({ multiplier, forecaster: rollingEmpiricalForecaster({ window }) });
  }
  if (kind === 'normal') return normalPolicy({ serviceLevel, window });
  if (!(holdingCost > 0 && orderingCost > 0))
    throw new UsageError(`--policy ${kind} needs --holding-cost and --ordering-cost > 0`);
  return rqPolicy({ serviceLevel, window, holdingCost, orderingCost, rule: kind });
}
