/** Aggregate (RFM / funnel / activity) features used by the logistic baseline and fed to the Transformer. */
export const DEFAULT_DENSE_FEATURES: readonly string[] = [
  'recencyDays',
  'frequency',
  'monetary',
  'aov',
  'interPurchaseMeanDays',
  'views',
  'carts',
  'buys',
  'viewToCartRate',
  'cartToBuyRate',
  'viewToBuyRate',
  'events30d',
  'buys30d',
  'spend30d',
  'totalEvents',
  'tenureDays',
  'favs',
  'sessions',
];

/** One user's raw values of `names` (NaN stays NaN). */
export function denseRow(
  values: Float64Array,
  allNames: readonly string[],
  row: number,
  names: readonly string[],
): Float64Array {
  const width = allNames.length;
  return Float64Array.from(names, (name) => values[row * width + allNames.indexOf(name)]);
}

/** Standardisation of log1p-transformed features, with NaN replaced by the training median. */
export interface DenseTransform {
  median: number[];
  mean: number[];
  std: number[];
}

function signedLog(v: number): number {
  return Math.sign(v) * Math.log1p(Math.abs(v));
}

/** Fits the transform on training rows: signed log1p, NaN -> median, then z-score. */
export function fitDenseTransform(dense: Float64Array, width: number): DenseTransform {
  const n = dense.length / width;
  const median: number[] = [];
  const mean: number[] = [];
  const std: number[] = [];
  for (let k = 0; k < width; k++) {
    const defined: number[] = [];
    for (let i = 0; i < n; i++)
      if (!Number.isNaN(dense[i * width + k])) defined.push(signedLog(dense[i * width + k]));
    defined.sort((a, b) => a - b);
    const med = defined.length ? defined[defined.length >> 1] : 0;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const v = Number.isNaN(dense[i * width + k]) ? med : signedLog(dense[i * width + k]);
      sum += v;
      sq += v * v;
    }
    const m = n ? sum / n : 0;
    median.push(med);
    mean.push(m);
    std.push(Math.sqrt(Math.max(0, (n ? sq / n : 0) - m * m)) || 1);
  }
  return { median, mean, std };
}

/** Applies a fitted transform; returns float32 rows. */
export function applyDenseTransform(dense: Float64Array, width: number, t: DenseTransform): Float32Array {
  const out = new Float32Array(dense.length);
  for (let i = 0; i < dense.length; i++) {
    const k = i % width;
    const v = Number.isNaN(dense[i]) ? t.median[k] : signedLog(dense[i]);
    out[i] = (v - t.mean[k]) / t.std[k];
  }
  return out;
}
