/**
 * A small global regression forecaster for the inventory bench (covariate-aware mean): log(1 + units)
 * of every store x brand series = series fixed effect + per-brand slopes on log own price, in-store
 * deal and feature ad + one slope on the log mean price of the other brands in the store that week
 * (prices and promotions are the store's planned calendar: future-known covariates; no future demand).
 * Slopes are refitted every `refitEvery` weeks by ridge on within-series demeaned data from weeks before
 * the refit week only; the series effect is re-estimated at every forecast origin from all weeks before
 * it (with the latest slopes). The mean of units is exp(mu + s^2 / 2) - 1 with s the series' residual sd
 * (shrunk to the pooled sd). Computed once for every origin, then served as a WindowForecaster.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { DemandMatrix, WindowForecaster } from '@shoppilot/inventory';

const BRANDS = 11;
/** Features: 11 log own price, 11 deal, 11 feat (each in its brand's column), 1 log other-brand price. */
const K = 3 * BRANDS + 1;

export interface Covariates {
  /** Per (sku, period), SKU-major: K feature values, index (sku * periods + t) * K + k. */
  x: Float64Array;
  brand: Int32Array;
}

/** Covariates aligned with the demand matrix's ids (`store-brand`) and weeks 40.. (the matrix's periods). */
export function loadCovariates(path: string, matrix: DemandMatrix, first = 40): Covariates {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n');
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const col = (c: string) => header.indexOf(c);
  const prices = Array.from({ length: BRANDS }, (_, b) => col(`price${b + 1}`));
  const T = matrix.periods;
  const index = new Map((matrix.ids ?? []).map((id, i) => [id, i]));
  const x = new Float64Array(matrix.skuCount * T * K);
  const brand = new Int32Array(matrix.skuCount);
  for (const line of lines.slice(1)) {
    const row = line.split(',');
    const b = Number(row[col('brand')]) - 1;
    const i = index.get(`${row[col('store')]}-${row[col('brand')]}`);
    if (i === undefined) continue;
    brand[i] = b;
    const k = (i * T + Number(row[col('week')]) - first) * K;
    let others = 0;
    for (let c = 0; c < BRANDS; c++) if (c !== b) others += Number(row[prices[c]]);
    x[k + b] = Math.log(Number(row[prices[b]]));
    x[k + BRANDS + b] = Number(row[col('deal')]);
    x[k + 2 * BRANDS + b] = Number(row[col('feat')]);
    x[k + 3 * BRANDS] = Math.log(others / (BRANDS - 1));
  }
  fillGaps(x, matrix);
  return { x, brand };
}

/**
 * Weeks without a row (unobserved) get the nearest earlier week's covariates (the nearest later one
 * before the first row), so the forecast of such a week is an ordinary week's, not a hint that the
 * week will have no sales.
 */
function fillGaps(x: Float64Array, matrix: DemandMatrix): void {
  const T = matrix.periods;
  for (let i = 0; i < matrix.skuCount; i++) {
    let last = -1;
    for (let t = 0; t < T; t++) {
      if (!Number.isNaN(matrix.demand[i * T + t])) last = t;
      else if (last >= 0) x.copyWithin((i * T + t) * K, (i * T + last) * K, (i * T + last + 1) * K);
    }
    let next = -1;
    for (let t = T - 1; t >= 0; t--) {
      if (!Number.isNaN(matrix.demand[i * T + t])) next = t;
      else if (next >= 0 && x[(i * T + t) * K + 3 * BRANDS] === 0)
        x.copyWithin((i * T + t) * K, (i * T + next) * K, (i * T + next + 1) * K);
    }
  }
}

export interface RegressionPaths {
  /** Mean units, index ((sku * periods) + t) * horizon + h: made at origin t for week t + h. */
  mean: Float64Array;
  horizon: number;
}

/** Ridge slopes on within-series demeaned rows with week < end. */
function fitSlopes(y: Float64Array, cov: Covariates, n: number, T: number, end: number, ridge: number) {
  const xtx = new Float64Array(K * K);
  const xty = new Float64Array(K);
  const xm = new Float64Array(K);
  const d = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    let count = 0;
    let ym = 0;
    xm.fill(0);
    for (let t = 0; t < end; t++) {
      if (Number.isNaN(y[i * T + t])) continue;
      count++;
      ym += y[i * T + t];
      for (let k = 0; k < K; k++) xm[k] += cov.x[(i * T + t) * K + k];
    }
    if (count < 2) continue;
    ym /= count;
    for (let k = 0; k < K; k++) xm[k] /= count;
    for (let t = 0; t < end; t++) {
      const v = y[i * T + t];
      if (Number.isNaN(v)) continue;
      for (let k = 0; k < K; k++) d[k] = cov.x[(i * T + t) * K + k] - xm[k];
      for (let a = 0; a < K; a++) {
        if (d[a] === 0) continue;
        xty[a] += d[a] * (v - ym);
        for (let b = 0; b < K; b++) xtx[a * K + b] += d[a] * d[b];
      }
    }
  }
  for (let k = 0; k < K; k++) xtx[k * K + k] += ridge;
  return solve(xtx, xty);
}

/** Gaussian elimination with partial pivoting (K x K). */
function solve(a: Float64Array, b: Float64Array): Float64Array {
  const m = a.slice();
  const x = b.slice();
  for (let c = 0; c < K; c++) {
    let p = c;
    for (let r = c + 1; r < K; r++) if (Math.abs(m[r * K + c]) > Math.abs(m[p * K + c])) p = r;
    for (let k = 0; k < K; k++) [m[c * K + k], m[p * K + k]] = [m[p * K + k], m[c * K + k]];
    [x[c], x[p]] = [x[p], x[c]];
    for (let r = c + 1; r < K; r++) {
      const f = m[r * K + c] / m[c * K + c];
      if (f === 0) continue;
      for (let k = c; k < K; k++) m[r * K + k] -= f * m[c * K + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = K - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < K; k++) s -= m[c * K + k] * x[k];
    x[c] = s / m[c * K + c];
  }
  return x;
}

const dot = (x: Float64Array, offset: number, beta: Float64Array) => {
  let s = 0;
  for (let k = 0; k < K; k++) s += x[offset + k] * beta[k];
  return s;
};

export interface RegressionOptions {
  /** First forecast origin (a period index of the matrix). */
  from: number;
  /** Weeks forecast from each origin. */
  horizon: number;
  /** Weeks between refits of the slopes. Default 4. */
  refitEvery?: number;
  /** Ridge penalty on the slopes. Default 1. */
  ridge?: number;
  /** Pseudo-weeks of the pooled residual variance in each series' variance. Default 8. */
  prior?: number;
  /** Half-life in weeks of the weights of past weeks in the series effect and variance. Default Infinity (equal). */
  halfLife?: number;
  /** Add phi^(h+1) x the series' last residual (phi fitted on consecutive residual pairs before the origin). Default false. */
  residualAr?: boolean;
}

/**
 * Forecasts for every origin from `from` to the end. Series effect and residual sd at origin t from the
 * series' weeks before t, slopes from the last refit at or before t.
 */
export function regressionForecasts(
  matrix: DemandMatrix,
  cov: Covariates,
  options: RegressionOptions,
): RegressionPaths {
  const { skuCount: n, periods: T } = matrix;
  const H = options.horizon;
  const every = options.refitEvery ?? 4;
  const y = Float64Array.from(matrix.demand, (v) => (Number.isNaN(v) ? Number.NaN : Math.log1p(v)));
  const mean = new Float64Array(n * T * H).fill(Number.NaN);
  const decay = Number.isFinite(options.halfLife ?? Number.POSITIVE_INFINITY)
    ? 0.5 ** (1 / (options.halfLife as number))
    : 1;
  const residual = new Float64Array(n * T);
  let beta: Float64Array = new Float64Array(K);
  for (let t = options.from; t < T; t++) {
    if ((t - options.from) % every === 0) beta = fitSlopes(y, cov, n, T, t, options.ridge ?? 1);
    const alpha = new Float64Array(n).fill(Number.NaN);
    const variances = new Float64Array(n);
    const weights = new Float64Array(n);
    let pooledSum = 0;
    let pooledCount = 0;
    for (let i = 0; i < n; i++) {
      let total = 0;
      let weight = 0;
      let count = 0;
      for (let s = t - 1, w = 1; s >= 0; s--, w *= decay) {
        const v = y[i * T + s];
        residual[i * T + s] = Number.NaN;
        if (Number.isNaN(v)) continue;
        const r = v - dot(cov.x, (i * T + s) * K, beta);
        residual[i * T + s] = r;
        total += w * r;
        weight += w;
        count++;
      }
      if (count === 0) continue;
      alpha[i] = total / weight;
      let rss = 0;
      for (let s = t - 1, w = 1; s >= 0; s--, w *= decay) {
        if (Number.isNaN(residual[i * T + s])) continue;
        residual[i * T + s] -= alpha[i];
        rss += w * residual[i * T + s] ** 2;
      }
      // Effective sample size of the weights, minus one for the effect.
      variances[i] = rss / weight;
      weights[i] = Math.max(count - 1, 0);
      pooledSum += variances[i] * weights[i];
      pooledCount += weights[i];
    }
    const pooledVar = pooledCount > 0 ? pooledSum / pooledCount : 0;
    const prior = options.prior ?? 8;
    const phi = options.residualAr ? arCoefficient(residual, n, T, t) : 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(alpha[i])) continue;
      const variance = (variances[i] * weights[i] + prior * pooledVar) / (weights[i] + prior);
      const last = t > 0 ? residual[i * T + t - 1] : Number.NaN;
      for (let h = 0; h < H; h++) {
        const week = Math.min(t + h, T - 1);
        const ar = Number.isNaN(last) ? 0 : phi ** (h + 1) * last;
        const mu = alpha[i] + ar + dot(cov.x, (i * T + week) * K, beta);
        mean[(i * T + t) * H + h] = Math.max(0, Math.exp(mu + variance / 2) - 1);
      }
    }
  }
  return { mean, horizon: H };
}

/** Least-squares AR(1) coefficient of consecutive residual pairs before `end`, pooled over series. */
function arCoefficient(residual: Float64Array, n: number, T: number, end: number): number {
  let xy = 0;
  let xx = 0;
  for (let i = 0; i < n; i++) {
    for (let s = 1; s < end; s++) {
      const a = residual[i * T + s - 1];
      const b = residual[i * T + s];
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      xy += a * b;
      xx += a * a;
    }
  }
  return xx > 0 ? xy / xx : 0;
}

/** The precomputed paths as a WindowForecaster (the origin is the history's length). */
export function regressionForecaster(paths: RegressionPaths, periods: number): WindowForecaster {
  const empty = new Float64Array(0);
  return {
    name: 'global-regression',
    forecast(history, horizon, sku) {
      const t = history.length;
      let total = 0;
      for (let h = 0; h < horizon; h++) total += paths.mean[(sku * periods + t) * paths.horizon + h] || 0;
      return { mean: total / horizon, samples: empty };
    },
  };
}
