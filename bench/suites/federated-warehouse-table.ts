/**
 * The per-warehouse backtest and MASE table shared by the federated accuracy sections: every model
 * is scored on each warehouse's series, "all stores" pools the (series, window) pairs, "mean of
 * warehouses" averages the warehouse MASEs.
 */
import { type BacktestModel, backtest, type Panel } from '@shoppilot/forecast';
import { markdownTable } from '../harness';

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
