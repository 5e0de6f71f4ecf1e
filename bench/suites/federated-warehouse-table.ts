/**
 * The per-warehouse backtest and MASE table shared by the federated accuracy sections: every model
 * is scored on each warehouse's series, "all stores" pools the (series, window) pairs, "mean of
 * warehouses" averages the warehouse MASEs.
 */
import {
  type BacktestModel,
  backtest,
  type Forecaster,
  type ForecastResult,
  type Panel,
  type PredictOptions,
  panelEnd,
  truncatePanel,
} from '@shoppilot/forecast';
import { markdownTable } from '../harness';

/** Forecasts of a model fitted at one origin. */
export type Predict = (options: PredictOptions) => Promise<ForecastResult>;

/**
 * A forecaster fitted on the whole panel cut at the backtest origin (whatever sub-panel the backtest
 * passes), predicting only the series it is asked for: lets every model be scored per warehouse.
 */
export function originModel(
  name: string,
  full: Panel,
  fitAll: (train: Panel) => Promise<Predict>,
): Forecaster {
  const cache = new Map<number, Promise<Predict>>();
  let current: Promise<Predict> | undefined;
  return {
    kind: `bench.${name}`,
    options: {},
    isFitted: true,
    toJSON: () => ({ kind: `bench.${name}`, version: 1, options: {}, state: null }),
    async fit(panel: Panel) {
      const origin = panelEnd(panel);
      if (!cache.has(origin)) cache.set(origin, fitAll(truncatePanel(full, origin).panel));
      current = cache.get(origin);
      return this;
    },
    async predict(options: PredictOptions) {
      return (await current!)(options);
    },
  } as Forecaster;
}

export interface WarehouseScore {
  mase: number;
  pairs: number;
}

/** Backtests every model on each warehouse's panel (horizon 8); `[warehouse][model]`. */
export async function backtestPerWarehouse(
  parts: readonly Panel[],
  models: readonly BacktestModel[],
  windows: number,
  log: (warehouse: number, part: Panel) => void,
): Promise<WarehouseScore[][]> {
  const perWarehouse: WarehouseScore[][] = [];
  for (const [w, part] of parts.entries()) {
    log(w, part);
    const result = await backtest(part, models, { horizon: 8, windows });
    perWarehouse.push(result.models.map((m) => ({ mase: m.mase, pairs: m.pairs })));
  }
  return perWarehouse;
}

/** Pooled and mean-of-warehouses MASE per model, and the markdown table (first model = central). */
export function warehouseTable(models: ReadonlyArray<{ name: string }>, perWarehouse: WarehouseScore[][]) {
  const warehouses = perWarehouse.length;
  const pooled = models.map((_, m) => {
    const pairs = perWarehouse.reduce((a, w) => a + w[m].pairs, 0);
    return perWarehouse.reduce((a, w) => a + w[m].mase * w[m].pairs, 0) / pairs;
  });
  const mean = models.map((_, m) => perWarehouse.reduce((a, w) => a + w[m].mase, 0) / warehouses);
  const rows = models.map((model, m) => [
    model.name,
    pooled[m],
    `${(100 * (pooled[m] / pooled[0] - 1)).toFixed(2)}%`,
    mean[m],
    ...perWarehouse.map((w) => w[m].mase),
  ]);
  const table = markdownTable(
    [
      'model',
      'MASE all stores',
      'vs central',
      'MASE mean of warehouses',
      ...Array.from({ length: warehouses }, (_, w) => `W${w + 1}`),
    ],
    rows,
  );
  return { pooled, mean, table };
}
