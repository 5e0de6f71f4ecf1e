import {
  backtest,
  type ModelScore,
  type Panel,
  periodLabel,
  type QuantileForecast,
  quantileValues,
} from '@shoppilot/forecast';
import type { DemoContext } from '../context';
import type { StageDefinition, StageTools } from '../runner/stage-runner';
import { clipOutliers, floorAtZero } from './forecast/clean';
import { backtestModels, HORIZON, LEVELS, neuralForecaster } from './forecast/models';
import { type WeeklyDemand, weeklyDemand } from './forecast/weekly-demand';

const TOP_PRODUCTS = 20;
const CHART_PRODUCTS = 3;
/** Products launched in the last weeks, added to show the fallback for short histories. */
const NEW_PRODUCTS = 3;
const BACKTEST_WINDOWS = 2;

export interface ForecastChart {
  sku: string;
  description: string;
  weeks: string[];
  actual: Array<number | null>;
  /** Backtest forecasts of the neural model over the last windows (null elsewhere). */
  backtest: { p10: Array<number | null>; p50: Array<number | null>; p90: Array<number | null> };
  /** The forecast beyond the data. */
  future: { p10: Array<number | null>; p50: Array<number | null>; p90: Array<number | null> };
}

export interface ForecastSection {
  firstWeek: string;
  lastWeek: string;
  weeks: number;
  horizonWeeks: number;
  levels: number[];
  excluded: Record<string, number>;
  /** 3-sigma outliers clipped in the training history. */
  outliers: Array<{ sku: string; week: string; original: number; clipped: number }>;
  /** Forecast values below 0 set to 0. */
  flooredValues: number;
  backtest: {
    origins: string[];
    windows: number;
    models: Array<Pick<ModelScore, 'name' | 'mase' | 'smape' | 'wape' | 'coverage80' | 'seconds'>>;
    skipped: number;
  };
  charts: ForecastChart[];
  products: Array<{
    sku: string;
    description: string;
    unitsLastYear: number;
    firstWeek: string;
    isNew: boolean;
    model: string;
    fallback?: string;
    p10: number;
    p50: number;
    p90: number;
  }>;
  fallbacks: Array<{ sku: string; reason: string }>;
  neuralFailure: string | null;
}

/** Demand forecasts handed to replenishment, with the history the simulation replays. */
export interface DemandHandoff {
  forecasts: QuantileForecast[];
  products: WeeklyDemand['products'];
  /** Weekly units sold, as recorded (outliers not clipped): what the inventory simulation replays. */
  actual: Panel;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function chartFor(
  demand: WeeklyDemand,
  sku: string,
  bt: Awaited<ReturnType<typeof backtest>>,
  future: QuantileForecast,
): ForecastChart {
  const series = demand.panel.series.find((s) => s.id === sku)!;
  const n = series.target.length;
  const weeks = [...Array.from({ length: n }, (_, i) => i), ...future.dates.map((_, i) => n + i)];
  const labels = weeks.map((i) => (i < n ? '' : future.dates[i - n]));
  const monday = (i: number) => periodLabel(series.start + i, demand.panel.axis).slice(5, 10);
  const blank = () => new Array<number | null>(weeks.length).fill(null);
  const backtestBands = { p10: blank(), p50: blank(), p90: blank() };
  for (const entry of bt.forecasts ?? []) {
    if (entry.model !== 'lstm-attention') continue;
    const forecast = entry.forecasts.find((f) => f.id === sku);
    if (!forecast) continue;
    forecast.periods.forEach((period, h) => {
      const index = period - series.start;
      backtestBands.p10[index] = quantileValues(forecast, 0.1)[h];
      backtestBands.p50[index] = quantileValues(forecast, 0.5)[h];
      backtestBands.p90[index] = quantileValues(forecast, 0.9)[h];
    });
  }
  const futureBands = { p10: blank(), p50: blank(), p90: blank() };
  future.dates.forEach((_, h) => {
    futureBands.p10[n + h] = quantileValues(future, 0.1)[h];
    futureBands.p50[n + h] = quantileValues(future, 0.5)[h];
    futureBands.p90[n + h] = quantileValues(future, 0.9)[h];
  });
  futureBands.p50[n - 1] = series.target[n - 1];
  return {
    sku,
    description: demand.products.find((p) => p.sku === sku)?.description ?? sku,
    weeks: weeks.map((i) => (labels[i] ? labels[i].slice(5, 10) : monday(i))),
    actual: [
      ...Array.from(series.target, (v) => (Number.isFinite(v) ? v : null)),
      ...future.dates.map(() => null),
    ],
    backtest: backtestBands,
    future: futureBands,
  };
}

async function forecast(context: DemoContext, tools: StageTools): Promise<void> {
  const retail = await context.retail();
  const raw = weeklyDemand(retail.lines, retail.start, retail.end, {
    count: TOP_PRODUCTS,
    newCount: NEW_PRODUCTS,
  });
  const firstTestPeriod =
    Math.min(...raw.panel.series.map((s) => s.start + s.target.length)) - BACKTEST_WINDOWS * HORIZON;
  const cleaned = clipOutliers(raw.panel, firstTestPeriod);
  const demand = { ...raw, panel: cleaned.panel };
  tools.note(`clipped ${cleaned.changes.length} outlying weeks (3-sigma) in the training history`);
  const weeks = Math.max(...demand.panel.series.map((s) => s.target.length));
  tools.note(
    `${demand.panel.series.length} products × ${weeks} weeks (${demand.firstWeek} to ${demand.lastWeek})`,
  );
  const seed = context.options.seed;
  const bt = await backtest(demand.panel, backtestModels(seed), {
    horizon: HORIZON,
    windows: BACKTEST_WINDOWS,
    refit: 'first-window',
    levels: LEVELS,
    keepForecasts: true,
    onProgress: tools.progress.callback('backtest'),
  });
  const model = neuralForecaster(seed);
  await model.fit(demand.panel, { onProgress: tools.progress.callback('lstm') });
  const prediction = await model.predict({ horizon: HORIZON, levels: LEVELS });
  const flooredValues =
    floorAtZero(prediction.forecasts) + floorAtZero((bt.forecasts ?? []).flatMap((entry) => entry.forecasts));
  const state = model.toJSON().state as { neuralFailure: string | null } | undefined;
  const neuralFailure = state?.neuralFailure ?? null;
  if (neuralFailure)
    tools.degrade(
      `the LSTM+Attention model could not be trained; AutoETS forecast every product: ${neuralFailure}`,
    );
  const fallbacks = prediction.forecasts
    .filter((f) => f.fallback)
    .map((f) => ({ sku: f.id, reason: f.fallback?.reason ?? '' }));
  if (fallbacks.length)
    tools.note(
      `fallback to ${prediction.forecasts.find((f) => f.fallback)?.fallback?.model} for ${fallbacks.length} products`,
    );
  const byId = new Map(prediction.forecasts.map((f) => [f.id, f]));
  context.handoff.demand = { forecasts: prediction.forecasts, products: demand.products, actual: raw.panel };
  context.report.forecast = {
    firstWeek: demand.firstWeek,
    lastWeek: demand.lastWeek,
    weeks,
    horizonWeeks: HORIZON,
    levels: [...LEVELS],
    excluded: demand.excluded,
    outliers: cleaned.changes.map((c) => ({
      sku: c.series,
      week: c.date,
      original: c.original,
      clipped: c.value,
    })),
    flooredValues,
    backtest: {
      origins: bt.origins,
      windows: bt.windows,
      models: bt.models.map(({ name, mase, smape, wape, coverage80, seconds }) => ({
        name,
        mase,
        smape,
        wape,
        coverage80,
        seconds,
      })),
      skipped: bt.skipped.length,
    },
    charts: demand.products.slice(0, CHART_PRODUCTS).flatMap((p) => {
      const future = byId.get(p.sku);
      return future ? [chartFor(demand, p.sku, bt, future)] : [];
    }),
    products: demand.products.flatMap((p) => {
      const f = byId.get(p.sku);
      if (!f) return [];
      return [
        {
          sku: p.sku,
          description: p.description,
          unitsLastYear: p.units,
          firstWeek: p.firstWeek,
          isNew: p.isNew,
          model: f.fallback ? f.fallback.model : f.model,
          fallback: f.fallback?.reason,
          p10: sum(quantileValues(f, 0.1)),
          p50: sum(quantileValues(f, 0.5)),
          p90: sum(quantileValues(f, 0.9)),
        },
      ];
    }),
    fallbacks,
    neuralFailure,
  };
}

export const forecastStage: StageDefinition<DemoContext> = {
  name: 'forecast',
  title: 'Forecast weekly demand of the best sellers',
  run: forecast,
};
