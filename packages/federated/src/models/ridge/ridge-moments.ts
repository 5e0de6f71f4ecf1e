import { type Panel, panelEnd } from '@shoppilot/forecast';
import { type CalendarAt, calendarLookup, forEachDesignRow } from './design-rows';
import type { FederatedRidgeOptions, RidgeDesignSpec } from './ridge-spec';

/** Sums of one series' examples at one cutoff (raw, unscaled features). */
export interface SeriesSums {
  n: number;
  sumX: Float64Array;
  sumY: number;
}

/**
 * Everything the ridge needs from a client's data at one cutoff, as additive statistics:
 * example count, raw column sums and sums of squares (for the standardisation), and the
 * within-series (intercepts profiled out, Frisch–Waugh–Lovell) cross-products X̃ᵀX̃, X̃ᵀỹ, ỹᵀỹ.
 * Per-series sums stay on the client (they give its intercepts).
 */
export interface CutoffMoments {
  lastPeriod: number;
  examples: number;
  columnSum: Float64Array;
  columnSumSquares: Float64Array;
  /** k x k, row-major. */
  within: Float64Array;
  withinXy: Float64Array;
  withinYy: number;
  series: SeriesSums[];
}

/** Moments at the holdout cutoff (end − maxHorizon) and at the end of the client's panel. */
export interface RidgeMoments {
  end: number;
  holdout: CutoffMoments;
  final: CutoffMoments;
}

export function ridgeMoments(
  panel: Panel,
  spec: RidgeDesignSpec,
  options: FederatedRidgeOptions,
): RidgeMoments {
  const end = panelEnd(panel);
  const calendarAt = options.calendar ? calendarLookup(panel, options.calendar, spec.maxHorizon) : undefined;
  return {
    end,
    holdout: cutoffMoments(panel, spec, end - spec.maxHorizon, calendarAt),
    final: cutoffMoments(panel, spec, end, calendarAt),
  };
}

function cutoffMoments(
  panel: Panel,
  spec: RidgeDesignSpec,
  lastPeriod: number,
  calendarAt: CalendarAt | undefined,
): CutoffMoments {
  const k = spec.columns.length;
  const moments: CutoffMoments = {
    lastPeriod,
    examples: 0,
    columnSum: new Float64Array(k),
    columnSumSquares: new Float64Array(k),
    within: new Float64Array(k * k),
    withinXy: new Float64Array(k),
    withinYy: 0,
    series: panel.series.map(() => ({ n: 0, sumX: new Float64Array(k), sumY: 0 })),
  };
  const raw = { xx: new Float64Array(k * k), xy: new Float64Array(k), yy: 0 };
  forEachDesignRow(panel, spec, lastPeriod, calendarAt, (seriesIndex, row, target) => {
    const sums = moments.series[seriesIndex];
    moments.examples++;
    sums.n++;
    sums.sumY += target;
    raw.yy += target * target;
    for (let a = 0; a < k; a++) {
      const x = row[a];
      if (x === 0) continue;
      sums.sumX[a] += x;
      moments.columnSum[a] += x;
      moments.columnSumSquares[a] += x * x;
      raw.xy[a] += x * target;
      for (let b = 0; b < k; b++) raw.xx[a * k + b] += x * row[b];
    }
  });
  centreWithinSeries(moments, raw, k);
  return moments;
}

/** X̃ᵀX̃ = Σ xxᵀ − Σ_i n_i x̄_i x̄_iᵀ (and likewise for xy, yy). */
function centreWithinSeries(
  moments: CutoffMoments,
  raw: { xx: Float64Array; xy: Float64Array; yy: number },
  k: number,
): void {
  moments.within.set(raw.xx);
  moments.withinXy.set(raw.xy);
  moments.withinYy = raw.yy;
  for (const { n, sumX, sumY } of moments.series) {
    if (n === 0) continue;
    for (let a = 0; a < k; a++) {
      moments.withinXy[a] -= (sumX[a] * sumY) / n;
      for (let b = 0; b < k; b++) moments.within[a * k + b] -= (sumX[a] * sumX[b]) / n;
    }
    moments.withinYy -= (sumY * sumY) / n;
  }
}
