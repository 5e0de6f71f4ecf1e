import { createRng } from '@shoppilot/core';
import { type Panel, panelFromArrays } from '@shoppilot/forecast';

/**
 * A known-answer demand panel: y_t = μ_i + 0.6 (y_{t−1} − μ_i) + b_brand·log(price) + 0.4·deal + ε,
 * brands x / y / z with elasticities −2, −1, −0.5, a few missing values. Weekly dates from 2015.
 */
export function syntheticPanel(
  options: { series?: number; periods?: number; seed?: number; noise?: number } = {},
): Panel {
  const rng = createRng(options.seed ?? 1);
  const periods = options.periods ?? 80;
  const slopes: Record<string, number> = { x: -2, y: -1, z: -0.5 };
  const brands = Object.keys(slopes);
  return panelFromArrays(
    Array.from({ length: options.series ?? 12 }, (_, i) => {
      const brand = brands[i % 3];
      const level = 6 + 0.25 * i;
      const price = Array.from({ length: periods }, () => 1 + rng.next());
      const deal = Array.from({ length: periods }, () => (rng.next() < 0.2 ? 1 : 0));
      const values: number[] = [];
      let previous = level;
      for (let t = 0; t < periods; t++) {
        const y =
          level +
          0.6 * (previous - level) +
          slopes[brand] * Math.log(price[t]) +
          0.4 * deal[t] +
          (options.noise ?? 0.1) * rng.normal();
        values.push(y);
        previous = y;
      }
      if (i % 4 === 1) values[20 + i] = Number.NaN;
      return { id: `s${i}`, values, start: 2350, future: { price, deal }, static: { brand } };
    }),
    { frequency: 'week', kind: 'date' },
  );
}

/** Splits a panel's series round-robin into `parts` client panels. */
export function splitPanel(panel: Panel, parts: number): Panel[] {
  return Array.from({ length: parts }, (_, p) => ({
    ...panel,
    series: panel.series.filter((_, i) => i % parts === p),
  }));
}
