import { type Panel, panelEnd } from '@shoppilot/forecast';
import { forEachDesignRow } from '../ridge/design-rows';
import { type FederatedRidgeOptions, type RidgeDesignSpec, ridgeDesignSpec } from '../ridge/ridge-spec';
import type { RegressionData } from './mlp-trainer';

/**
 * The ridge's design (future covariates, lags, trailing means, step dummies) as dense rows for a
 * neural model, with every target-level quantity (target, lags, means) centred on the series' own
 * training mean, so the network learns shared dynamics and each client keeps its levels.
 * Training rows have targets up to end − maxHorizon; validation rows are the forecasts from that origin.
 */
export function panelRegressionData(
  panel: Panel,
  options: FederatedRidgeOptions = {},
): { train: RegressionData; validation: RegressionData; spec: RidgeDesignSpec } {
  const spec = ridgeDesignSpec(panel, { ...options, calendar: false });
  const k = spec.columns.length;
  const end = panelEnd(panel);
  const cutoff = end - spec.maxHorizon;
  const levelColumns = spec.columns.flatMap((name, j) => (/^(lag|mean)\d+$/.test(name) ? [j] : []));
  const levels = panel.series.map(() => ({ sum: 0, n: 0 }));
  forEachDesignRow(panel, spec, cutoff, undefined, (s, _row, target) => {
    levels[s].sum += target;
    levels[s].n++;
  });
  const level = levels.map(({ sum, n }) => (n ? sum / n : 0));
  const train = { x: [] as number[], y: [] as number[] };
  const validation = { x: [] as number[], y: [] as number[] };
  forEachDesignRow(panel, spec, end, undefined, (s, row, target, origin, step) => {
    const start = panel.series[s].start;
    const into = start + origin + step <= cutoff ? train : start + origin === cutoff ? validation : undefined;
    if (!into) return;
    for (let j = 0; j < k; j++) into.x.push(levelColumns.includes(j) ? row[j] - level[s] : row[j]);
    into.y.push(target - level[s]);
  });
  const pack = (rows: { x: number[]; y: number[] }) => ({
    x: Float64Array.from(rows.x),
    y: Float64Array.from(rows.y),
    inputs: k,
  });
  return { train: pack(train), validation: pack(validation), spec };
}
