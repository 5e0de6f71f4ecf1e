import { writeFile } from 'node:fs/promises';
import { createStorage } from '@shoppilot/core';
import {
  decisionsToCsv,
  decisionsToJson,
  issueOrders,
  orderApprovalGate,
  type ReplenishPolicy,
  replenish,
} from '@shoppilot/inventory';
import { defineCommand } from 'citty';
import { choiceFlag, printNote } from '../../output/index';
import { numberFlag } from './number-flags';
import { readForecasts, readStock } from './read-inputs';

const POLICIES: readonly ReplenishPolicy[] = ['forecast-quantile', 'normal', 'rule-of-thumb', 'newsvendor'];

/** `shoppilot replenish`: order decisions with reasons from a forecast file and a stock file. */
export const replenishCommand = defineCommand({
  meta: {
    name: 'replenish',
    description:
      'Order decisions with readable reasons from quantile forecasts and stock levels (CSV or JSON out)',
  },
  args: {
    forecast: {
      type: 'string',
      required: true,
      description: 'Quantile forecasts: CSV (sku,date,mean,p50,p90,...) or JSON',
    },
    stock: {
      type: 'string',
      required: true,
      description: 'Stock: CSV (sku,on_hand,on_order,lead_time,unit_cost,...) or JSON',
    },
    policy: { type: 'string', description: `${POLICIES.join(' | ')} (default forecast-quantile)` },
    'service-level': { type: 'string', description: 'Target service in (0, 1) (default 0.95)' },
    'service-type': { type: 'string', description: 'cycle | fill-rate (default cycle)' },
    'review-period': { type: 'string', description: 'Periods between reviews (default 1)' },
    'period-unit': {
      type: 'string',
      description: 'Word for one forecast period in reasons, e.g. day (default period)',
    },
    'rule-multiplier': {
      type: 'string',
      description: 'Rule of thumb: safety stock = multiplier x predicted demand (default 0.2)',
    },
    'rule-mode': { type: 'string', description: 'Rule of thumb: intended | as-written (default intended)' },
    budget: { type: 'string', description: 'One budget for all orders (needs unit_cost)' },
    'approval-threshold': {
      type: 'string',
      description: 'Orders worth more than this wait for approval instead of being issued',
    },
    store: {
      type: 'string',
      description: 'Storage URL of the approval queue (default memory:, e.g. sqlite:./shop.db)',
    },
    format: { type: 'string', description: 'csv | json (default csv)' },
    out: { type: 'string', description: 'Write here instead of stdout' },
  },
  async run({ args }) {
    const forecasts = await readForecasts(args.forecast);
    const stock = await readStock(args.stock);
    const result = replenish(forecasts, stock, {
      policy: choiceFlag(args.policy, 'policy', POLICIES),
      serviceLevel: numberFlag(args['service-level'], 'service-level', 'probability'),
      serviceType: choiceFlag(args['service-type'], 'service-type', ['cycle', 'fill-rate'] as const),
      reviewPeriod: numberFlag(args['review-period'], 'review-period', 'positive'),
      periodUnit: args['period-unit'] || undefined,
      ruleOfThumb: {
        multiplier: numberFlag(args['rule-multiplier'], 'rule-multiplier', 'non-negative'),
        mode: choiceFlag(args['rule-mode'], 'rule-mode', ['intended', 'as-written'] as const),
      },
      budget: numberFlag(args.budget, 'budget', 'non-negative'),
    });
    let decisions = result.decisions;
    const threshold = numberFlag(args['approval-threshold'], 'approval-threshold', 'non-negative');
    if (threshold !== undefined) {
      const storage = await createStorage(args.store || 'memory:');
      try {
        const issued = await issueOrders(
          decisions,
          orderApprovalGate({ storage, valueThreshold: threshold }),
        );
        const byId = new Map([...issued.issued, ...issued.pendingApproval].map((d) => [d.id, d]));
        decisions = decisions.map((d) => byId.get(d.id) ?? d);
        printNote(
          `${issued.issued.length} order(s) issued, ${issued.pendingApproval.length} waiting for approval, ${issued.holds.length} hold(s)`,
        );
      } finally {
        await storage.close();
      }
    }
    for (const warning of result.warnings) printNote(`warning: ${warning}`);
    const format = choiceFlag(args.format, 'format', ['csv', 'json'] as const) ?? 'csv';
    const text = format === 'json' ? decisionsToJson(decisions) : decisionsToCsv(decisions);
    if (args.out) await writeFile(args.out, text);
    else process.stdout.write(text);
  },
});
