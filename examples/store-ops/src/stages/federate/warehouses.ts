import { murmurHash3 } from '@shoppilot/core';
import { panelRegressionData, type RegressionData } from '@shoppilot/federated';
import type { RetailLine } from '../../data/retail';
import { weeklyDemand } from '../forecast/weekly-demand';

/** The demand model's design: lags 0-1, 4- and 13-week means, 4 forecast steps. */
export const DESIGN = { maxHorizon: 4, lags: [0, 1], means: [4, 13] } as const;

export interface WarehouseData {
  id: string;
  name: string;
  /** Which orders it fulfils. */
  rule: string;
  lines: number;
  train: RegressionData;
  validation: RegressionData;
  /** Validation MSE of repeating last week's sales (the lag-0 column) as the forecast. */
  naiveMse: number;
}

/**
 * Three warehouses that never pool their orders: two UK warehouses (UK customers and guest orders
 * split by a hash of the customer or invoice) and one for the rest of the world. Each builds the
 * weekly demand of the same products from its own orders only.
 */
export function splitWarehouses(
  lines: readonly RetailLine[],
  start: number,
  end: number,
  products: number,
): WarehouseData[] {
  const groups = [
    {
      id: 'warehouse-uk-a',
      name: 'UK warehouse A',
      rule: 'UK orders, customer hash even',
      lines: [] as RetailLine[],
    },
    {
      id: 'warehouse-uk-b',
      name: 'UK warehouse B',
      rule: 'UK orders, customer hash odd',
      lines: [] as RetailLine[],
    },
    {
      id: 'warehouse-world',
      name: 'Rest-of-world warehouse',
      rule: 'orders from outside the UK',
      lines: [] as RetailLine[],
    },
  ];
  for (const line of lines) {
    if (line.country !== 'United Kingdom') groups[2].lines.push(line);
    else groups[murmurHash3(line.customerId ?? line.invoice, 3) % 2].lines.push(line);
  }
  const skus = weeklyDemand(lines, start, end, { count: products }).products.map((p) => p.sku);
  return groups.map((group) => {
    const demand = weeklyDemand(group.lines, start, end, { count: products, skus });
    const { train, validation, spec } = panelRegressionData(demand.panel, {
      ...DESIGN,
      lags: [...DESIGN.lags],
      means: [...DESIGN.means],
    });
    const lag0 = spec.columns.indexOf('lag0');
    let naive = 0;
    for (let i = 0; i < validation.y.length; i++)
      naive += (validation.y[i] - validation.x[i * validation.inputs + lag0]) ** 2;
    const naiveMse = naive / Math.max(1, validation.y.length);
    return {
      id: group.id,
      name: group.name,
      rule: group.rule,
      lines: group.lines.length,
      train,
      validation,
      naiveMse,
    };
  });
}

/** JSON form of a warehouse's rows (written to its own file, read only by its own process). */
export function regressionToJson(data: RegressionData): { x: number[]; y: number[]; inputs: number } {
  return { x: Array.from(data.x), y: Array.from(data.y), inputs: data.inputs };
}

export function regressionFromJson(json: { x: number[]; y: number[]; inputs: number }): RegressionData {
  return { x: Float64Array.from(json.x), y: Float64Array.from(json.y), inputs: json.inputs };
}
