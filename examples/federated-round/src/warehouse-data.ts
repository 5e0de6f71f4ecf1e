import { createRng } from '@shoppilot/core';
import { type Panel, panelFromArrays } from '@shoppilot/forecast';

/**
 * One warehouse's weekly demand (log units) for its stores x 4 products: a store level, AR(1)
 * dynamics, a price elasticity per product shared by all warehouses, promotions, and a regional
 * shift. Every warehouse sees only its own stores; the shared effects are what federation learns.
 */
export function warehousePanel(warehouse: number, stores = 6, weeks = 104): Panel {
  const rng = createRng(1000 + warehouse);
  const elasticity: Record<string, number> = { juice: -2.2, milk: -0.8, bread: -1.2, coffee: -1.6 };
  const series = [];
  for (let store = 0; store < stores; store++) {
    for (const [product, slope] of Object.entries(elasticity)) {
      const level = 4 + 0.3 * warehouse + rng.normal(0, 0.4);
      const price = Array.from({ length: weeks }, () => Math.exp(rng.normal(0, 0.15)));
      const promo = Array.from({ length: weeks }, () => (rng.next() < 0.15 ? 1 : 0));
      const values: number[] = [];
      let previous = level;
      for (let week = 0; week < weeks; week++) {
        const season = 0.15 * Math.sin((2 * Math.PI * week) / 52);
        const y =
          level +
          0.5 * (previous - level) +
          slope * Math.log(price[week]) +
          0.5 * promo[week] +
          season +
          rng.normal(0, 0.12);
        values.push(y);
        previous = y;
      }
      series.push({
        id: `w${warehouse}-s${store}/${product}`,
        values,
        future: { price, promo },
        static: { product },
      });
    }
  }
  return panelFromArrays(series, { frequency: 'week' });
}

/** Model options every warehouse shares (same columns everywhere). */
export const MODEL_OPTIONS = {
  transforms: { price: 'log' as const },
  slopesBy: { price: 'product' },
  slopeLevels: { price: ['bread', 'coffee', 'juice', 'milk'] },
  lags: [0, 1],
  means: [4, 13],
  maxHorizon: 4,
};
