import type { ReplenishSection } from '../../stages/replenish';
import { barChart } from '../bar-chart';
import { escapeHtml } from '../escape';
import { formatMoney, formatNumber, formatPercent } from '../format';
import { cards, heading, paragraph, stageSection } from '../layout';
import { badge, table } from '../table';
import type { DemoReport } from '../types';

const STATUS_TONE: Record<string, 'ok' | 'warn' | 'info'> = { issued: 'ok', 'pending-approval': 'warn' };

function bodyHtml(s: ReplenishSection): string {
  const policies = s.simulation.policies;
  return [
    cards([
      {
        label: 'Orders issued',
        value: formatNumber(s.issued),
        hint: `at ${formatPercent(s.serviceLevel, 0)} service`,
      },
      {
        label: 'Waiting for approval',
        value: formatNumber(s.pendingApproval),
        hint: `orders above ${formatMoney(s.approvalThreshold, 0)} at cost`,
      },
      { label: 'Nothing to order', value: formatNumber(s.holds), hint: 'stock covers lead time + a week' },
    ]),
    paragraph(
      `The data has no stock levels or costs, so each product gets an illustrative position (on hand 0.3-2.5 weeks of recent sales, lead time 1 or 2 weeks, cost ${formatPercent(s.costShare, 0)} of the selling price, case packs of 6). Each order is a decision with the reasons a planner reads; the large ones wait in the approval queue (${s.approvalQueue}) instead of going out.`,
      'note',
    ),
    table({
      id: 'replenishment-plan',
      columns: [
        'Product',
        'On hand',
        'Lead time (weeks)',
        'Reorder point',
        'Order up to',
        'Order (units)',
        'Value at cost',
        'Status',
      ],
      numeric: [1, 2, 3, 4, 5, 6],
      details: s.orders.map((o) => `<ul>${o.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`),
      rows: s.orders.map((o) => [
        `${o.description} (${o.sku})`,
        formatNumber(o.onHand),
        String(o.leadTimeWeeks),
        formatNumber(o.reorderPoint),
        formatNumber(o.orderUpTo),
        formatNumber(o.quantity),
        formatMoney(o.value, 0),
        badge(
          o.status === 'pending-approval' ? 'waits for approval' : o.quantity > 0 ? o.status : 'hold',
          o.quantity > 0 ? (STATUS_TONE[o.status] ?? 'info') : 'info',
        ),
      ]),
    }),
    heading('Inventory KPIs from a simulation'),
    paragraph(
      `Both policies replay the actual weekly sales of these ${s.simulation.products} products: the first ${s.simulation.warmUpWeeks} weeks are history, then ${s.simulation.weeks} weeks are simulated with a 1-week lead time and lost sales; each week's order uses only the weeks before it.`,
      'note',
    ),
    table({
      id: 'inventory-kpis',
      columns: ['KPI', ...policies.map((p) => p.label)],
      rows: [
        [
          'Stock-out rate (share of product-weeks ending empty)',
          ...policies.map((p) => formatPercent(p.kpis.stockOutRate)),
        ],
        [
          'Fill rate (units served from stock / demanded)',
          ...policies.map((p) => formatPercent(p.kpis.fillRate)),
        ],
        [
          'Inventory turnover (annual sales / average stock)',
          ...policies.map((p) => `${formatNumber(p.kpis.inventoryTurnover, 1)}×`),
        ],
        [
          'Sell-through rate, 动销率 (share of products selling each week)',
          ...policies.map((p) => formatPercent(p.kpis.sellThroughRate)),
        ],
        [
          'Unit sell-through (sold / stock available)',
          ...policies.map((p) => formatPercent(p.kpis.unitSellThrough)),
        ],
        [
          'Average stock (units, all products)',
          ...policies.map((p) => formatNumber(p.kpis.averageInventory)),
        ],
        ['Days of supply', ...policies.map((p) => formatNumber(p.kpis.daysOfSupply, 1))],
        ['Lost sales (units)', ...policies.map((p) => formatNumber(p.kpis.lostSales))],
        ['Orders placed', ...policies.map((p) => formatNumber(p.kpis.orders))],
      ],
    }),
    barChart({
      id: 'stockout-by-policy',
      title: 'Stock-out rate by policy (%)',
      unit: '%',
      bars: policies.map((p) => ({
        label: p.label,
        value: p.kpis.stockOutRate * 100,
        text: formatPercent(p.kpis.stockOutRate),
      })),
    }),
    barChart({
      id: 'inventory-by-policy',
      title: 'Average stock held (units)',
      unit: 'units',
      bars: policies.map((p) => ({
        label: p.label,
        value: p.kpis.averageInventory,
        text: formatNumber(p.kpis.averageInventory),
      })),
    }),
  ].join('\n');
}

/** The replenishment plan, the approval queue and simulated inventory KPIs. */
export function replenishSection(report: DemoReport): string {
  const s = report.replenish;
  return stageSection({
    id: 'replenish',
    title: '5. Replenishment',
    lead: 'What to order this week and why, from the demand forecast; large orders wait for a person; and what the ordering policy does to stock-outs, stock held and turnover over half a year.',
    record: report.stages.find((r) => r.name === 'replenish'),
    hasData: s !== undefined,
    body: () => (s ? bodyHtml(s) : ''),
  });
}
