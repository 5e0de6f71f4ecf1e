import {
  forecastQuantilePolicy,
  issueOrders,
  orderApprovalGate,
  replenish as replenishOrders,
  rollingEmpiricalForecaster,
  ruleOfThumbPolicy,
  type SimulationKpis,
  simulateInventory,
} from '@shoppilot/inventory';
import type { DemoContext } from '../context';
import type { StageDefinition, StageTools } from '../runner/stage-runner';
import { COST_SHARE, demandMatrix, illustrativeStock } from './replenish/stock';

/** Orders above this value (£ at cost) wait for a person in the approval queue. */
const APPROVAL_THRESHOLD = 500;
const SERVICE_LEVEL = 0.95;

export interface ReplenishSection {
  serviceLevel: number;
  approvalThreshold: number;
  costShare: number;
  orders: Array<{
    sku: string;
    description: string;
    onHand: number;
    leadTimeWeeks: number;
    reorderPoint: number;
    orderUpTo: number;
    quantity: number;
    value: number;
    status: string;
    action: string;
    reasons: string[];
  }>;
  issued: number;
  pendingApproval: number;
  holds: number;
  approvalQueue: string;
  simulation: {
    weeks: number;
    warmUpWeeks: number;
    products: number;
    policies: Array<{ name: string; label: string; kpis: SimulationKpis }>;
  };
}

const KPI_POLICIES = [
  {
    label: 'Forecast quantiles (95% service)',
    create: () =>
      forecastQuantilePolicy({
        forecaster: rollingEmpiricalForecaster({ window: 26 }),
        serviceLevel: SERVICE_LEVEL,
      }),
  },
  {
    label: 'Rule of thumb (safety stock 0.2 × demand)',
    create: () =>
      ruleOfThumbPolicy({ multiplier: 0.2, forecaster: rollingEmpiricalForecaster({ window: 26 }) }),
  },
];

async function replenishStage_(context: DemoContext, tools: StageTools): Promise<void> {
  if (!context.handoff.demand && !context.options.stages.includes('forecast')) {
    tools.note('no forecast yet: running the forecast stage first');
    const { forecastStage } = await import('./forecast');
    await forecastStage.run(context, tools);
  }
  const demand = context.handoff.demand;
  if (!demand) throw new Error('the forecast stage failed, so there are no forecasts to order from');
  const prices = new Map(demand.products.map((p) => [p.sku, p.unitPrice]));
  const names = new Map(demand.products.map((p) => [p.sku, p.description]));
  const stock = illustrativeStock(demand.actual, prices, context.options.seed);
  const { decisions, warnings } = replenishOrders(demand.forecasts, stock, {
    serviceLevel: SERVICE_LEVEL,
    periodUnit: 'week',
    reviewPeriod: 1,
    missingForecast: 'skip',
  });
  for (const warning of warnings) tools.note(warning);
  const storage = await context.storage();
  const gate = orderApprovalGate({
    storage,
    valueThreshold: APPROVAL_THRESHOLD,
    prefix: 'demo/inventory/approval/',
  });
  const issued = await issueOrders(decisions, gate);
  tools.note(
    `${issued.issued.length} orders issued, ${issued.pendingApproval.length} waiting for approval, ${issued.holds.length} holds`,
  );
  const statusOf = new Map(
    [...issued.issued, ...issued.pendingApproval, ...issued.holds].map((d) => [d.id, d.status]),
  );
  const matrix = demandMatrix(demand.actual);
  const warmUp = Math.floor(matrix.periods / 2);
  const policies = [];
  for (const { label, create } of KPI_POLICIES) {
    const policy = create();
    const result = await simulateInventory(matrix, policy, {
      start: warmUp,
      leadTime: 1,
      unmetDemand: 'lost-sales',
      daysPerPeriod: 7,
      periodsPerYear: 52,
      seed: context.options.seed,
    });
    policies.push({ name: result.policy, label, kpis: result.kpis });
  }
  context.report.replenish = {
    serviceLevel: SERVICE_LEVEL,
    approvalThreshold: APPROVAL_THRESHOLD,
    costShare: COST_SHARE,
    orders: decisions.map((d) => {
      const record = stock.find((s) => s.sku === d.value.sku)!;
      return {
        sku: d.value.sku,
        description: names.get(d.value.sku) ?? d.value.sku,
        onHand: record.onHand,
        leadTimeWeeks: record.leadTime,
        reorderPoint: d.value.reorderPoint,
        orderUpTo: d.value.orderUpTo,
        quantity: d.value.quantity,
        value: d.value.orderValue ?? 0,
        status: statusOf.get(d.id) ?? d.status,
        action: d.value.action,
        reasons: d.reasons,
      };
    }),
    issued: issued.issued.length,
    pendingApproval: issued.pendingApproval.length,
    holds: issued.holds.length,
    approvalQueue: `${storage.kind} store, keys demo/inventory/approval/…`,
    simulation: { weeks: matrix.periods - warmUp, warmUpWeeks: warmUp, products: matrix.skuCount, policies },
  };
}

export const replenishStage: StageDefinition<DemoContext> = {
  name: 'replenish',
  title: 'Replenish: order decisions, approval queue, simulated inventory KPIs',
  run: replenishStage_,
};
