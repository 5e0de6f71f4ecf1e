/**
 * Fit a forecaster on a CSV file: read monthly sales, align them into a panel, backtest AutoETS
 * against seasonal naive on the last two years, then forecast the next 12 months with an 80%
 * interval.
 *
 *   node --conditions=@shoppilot/source --import tsx examples/forecast-csv/src/main.ts [file.csv]
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readRecords } from '@shoppilot/core';
import {
  backtest,
  buildPanel,
  EtsForecaster,
  quantileValues,
  SeasonalNaiveForecaster,
} from '@shoppilot/forecast';

const DEFAULT_FILE = fileURLToPath(new URL('../../../datasets/demand/airpassengers.csv', import.meta.url));

export interface ForecastExample {
  model: string;
  months: string[];
  mean: number[];
  p10: number[];
  p90: number[];
  backtest: Array<{ name: string; mase: number; coverage80: number }>;
}

export async function run(file = DEFAULT_FILE): Promise<ForecastExample> {
  // year + period (1-12) columns → an ISO month; one series (id "passengers")
  const { records } = await readRecords(file, {
    fields: { year: 'number', period: 'number', value: 'number' },
  }).collect();
  const rows = records.map((r) => ({
    id: 'passengers',
    month: `${r.year}-${String(r.period).padStart(2, '0')}-01`,
    value: r.value,
  }));
  const { panel } = buildPanel(rows, { id: 'id', time: 'month', target: 'value', frequency: 'month' });

  const scores = await backtest(
    panel,
    [
      { name: 'auto-ets', create: () => new EtsForecaster({ seasonLength: 12 }) },
      { name: 'seasonal-naive', create: () => new SeasonalNaiveForecaster({ seasonLength: 12 }) },
    ],
    { horizon: 12, windows: 2, seasonLength: 12, levels: [0.1, 0.5, 0.9] },
  );

  const model = new EtsForecaster({ seasonLength: 12 }).fit(panel);
  const [forecast] = (await model.predict({ horizon: 12, levels: [0.1, 0.9] })).forecasts;
  return {
    model: forecast.warnings.join('; ') || forecast.model,
    months: forecast.dates,
    mean: forecast.mean,
    p10: quantileValues(forecast, 0.1),
    p90: quantileValues(forecast, 0.9),
    backtest: scores.models.map((m) => ({ name: m.name, mase: m.mase, coverage80: m.coverage80 })),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run(process.argv[2]);
  console.log(`backtest (2 windows of 12 months):`);
  for (const m of result.backtest)
    console.log(
      `  ${m.name.padEnd(15)} MASE ${m.mase.toFixed(3)}  80% coverage ${(100 * m.coverage80).toFixed(0)}%`,
    );
  console.log(`forecast (${result.model}):`);
  result.months.forEach((month, i) => {
    console.log(
      `  ${month}  ${result.mean[i].toFixed(1).padStart(7)}  [${result.p10[i].toFixed(1)}, ${result.p90[i].toFixed(1)}]`,
    );
  });
}
