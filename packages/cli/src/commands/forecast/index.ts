import { defineCommand } from 'citty';
import { backtestCommand } from './backtest';
import { predictCommand } from './predict';

/** `shoppilot forecast backtest|predict`. */
export const forecastCommand = defineCommand({
  meta: {
    name: 'forecast',
    description: 'Demand forecasting: rolling-origin backtests and quantile forecasts',
  },
  subCommands: { backtest: backtestCommand, predict: predictCommand },
});
