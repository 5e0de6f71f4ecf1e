import type { Panel, StaticValue, TimeSeries } from '../../panel/types';
import type { CovariateTransform } from '../ridge/ridge-design';

/** Mean and standard deviation used to standardise one quantity. */
export interface Standardiser {
  mean: number;
  sd: number;
}

/** The input layout of the network, fixed at fit time and stored with the model. */
export interface LstmLayout {
  lookback: number;
  horizon: number;
  future: Array<{ name: string; transform: CovariateTransform }>;
  past: string[];
  staticNumeric: string[];
  staticCategorical: Array<{ name: string; levels: string[] }>;
  calendar: string[];
  seriesIds: string[];
  /** Per-series target standardisers. */
  target: Record<string, Standardiser>;
  /** Standardisers of covariates (transformed), statics and calendar features by name. */
  inputs: Record<string, Standardiser>;
}

/** Widths of the network inputs. */
export function inputWidths(layout: LstmLayout): { encoder: number; decoder: number; statics: number } {
  const covariates = layout.future.length + layout.calendar.length;
  const categorical = layout.staticCategorical.reduce((sum, c) => sum + c.levels.length, 0);
  return {
    encoder: 2 + layout.past.length + covariates,
    decoder: covariates + layout.horizon,
    statics: layout.staticNumeric.length + categorical,
  };
}

export function standardiser(values: Iterable<number>): Standardiser {
  let count = 0;
  let sum = 0;
  let sumSquares = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    count++;
    sum += v;
    sumSquares += v * v;
  }
  const mean = count ? sum / count : 0;
  const variance = count > 1 ? (sumSquares - count * mean * mean) / (count - 1) : 0;
  return { mean, sd: variance > 1e-12 ? Math.sqrt(variance) : 1 };
}

export function scale(value: number, s: Standardiser | undefined): number {
  if (!s || !Number.isFinite(value)) return 0;
  return (value - s.mean) / s.sd;
}

export function applyTransform(value: number, how: CovariateTransform): number {
  return how === 'log' ? Math.log(value) : value;
}

/** Splits the panel's statics into numeric and categorical (with their levels). */
export function staticColumns(
  panel: Panel,
  names: readonly string[],
): Pick<LstmLayout, 'staticNumeric' | 'staticCategorical'> {
  const staticNumeric: string[] = [];
  const staticCategorical: LstmLayout['staticCategorical'] = [];
  for (const name of names) {
    const values = panel.series.map((s) => s.static[name]);
    if (values.every((v) => typeof v === 'number')) staticNumeric.push(name);
    else staticCategorical.push({ name, levels: [...new Set(values.map(String))].sort() });
  }
  return { staticNumeric, staticCategorical };
}

/** Fills the static feature vector of a series into `out` at `offset`. */
export function writeStatics(
  out: Float32Array,
  offset: number,
  statics: Record<string, StaticValue>,
  layout: LstmLayout,
): void {
  let j = offset;
  for (const name of layout.staticNumeric)
    out[j++] = scale(Number(statics[name]), layout.inputs[`static:${name}`]);
  for (const { name, levels } of layout.staticCategorical) {
    const index = levels.indexOf(String(statics[name]));
    if (index >= 0) out[j + index] = 1;
    j += levels.length;
  }
}

export type { TimeSeries };
