import { writeFile } from 'node:fs/promises';
import { readRecords } from '@shoppilot/core';
import {
  buildFutureCovariates,
  canonicalModelName,
  createForecaster,
  type FutureCovariates,
  type QuantileForecast,
} from '@shoppilot/forecast';
import { defineCommand } from 'citty';
import { printJson, printNote, UsageError } from '../../output/index';
import { listFlag, modelContext, panelArgs, positiveInteger, readPanel } from './panel-args';

export const predictCommand = defineCommand({
  meta: {
    name: 'predict',
    description:
      'Fit one model on the whole history and write mean and quantile forecasts per id and date (CSV or JSON)',
  },
  args: {
    ...panelArgs,
    horizon: { type: 'string', description: 'Periods to forecast after each series', required: true },
    model: { type: 'string', description: 'Model name (default ets); see `forecast backtest --help`' },
    future: {
      type: 'string',
      description: 'CSV/JSONL of planned future covariates: id column(s), time, covariates',
    },
    levels: { type: 'string', description: 'Quantile levels, comma-separated (default 0.1,0.5,0.9)' },
    output: {
      type: 'string',
      description: 'Write to this file (.csv or .json); default stdout (CSV, or JSON with --json)',
    },
    nonnegative: {
      type: 'boolean',
      description: 'Clip forecasts (mean and quantiles) at 0: for units sold, not for a log target',
      default: false,
    },
    json: { type: 'boolean', description: 'JSON on stdout instead of CSV', default: false },
  },
  async run({ args }) {
    const horizon = positiveInteger(args.horizon, 'horizon')!;
    const name = canonicalModelName(args.model ?? 'auto-ets');
    const levels = args.levels ? listFlag(args.levels).map(Number) : [0.1, 0.5, 0.9];
    if (levels.some((level) => !(level > 0 && level < 1)))
      throw new UsageError(`--levels must be numbers in (0, 1), got "${args.levels}"`);
    const { panel } = await readPanel(args);
    let future: FutureCovariates | undefined;
    const covariates = listFlag(args['future-covariates']);
    if (args.future) {
      const { records } = await readRecords(args.future).collect();
      future = buildFutureCovariates(
        records,
        { id: listFlag(args.id), time: args.time!, covariates, source: args.future },
        panel.axis,
      );
    }
    const model = createForecaster(name, modelContext(args, horizon));
    await model.fit(panel);
    const result = await model.predict({ horizon, levels, future, nonnegative: args.nonnegative });
    for (const warning of result.warnings) printNote(`note: ${warning}`);
    const fallbacks = result.forecasts.filter((f) => f.fallback);
    if (fallbacks.length)
      printNote(
        `note: ${fallbacks.length} series forecast by ${fallbacks[0].fallback!.model}: ${fallbacks[0].fallback!.reason}`,
      );
    const json = args.json || args.output?.toLowerCase().endsWith('.json');
    const text = json
      ? `${JSON.stringify({ model: name, horizon, forecasts: result.forecasts }, null, 2)}\n`
      : toCsv(result.forecasts);
    if (args.output) {
      await writeFile(args.output, text);
      printNote(`wrote ${result.forecasts.length} series × ${horizon} periods to ${args.output}`);
    } else if (json) printJson({ model: name, horizon, forecasts: result.forecasts });
    else process.stdout.write(text);
  },
});

/** Wide CSV: id, date, mean, one column per quantile (p10, p50, p90…), as the inventory reader expects. */
export function toCsv(forecasts: readonly QuantileForecast[]): string {
  const levels = forecasts[0]?.quantiles.map((band) => band.level) ?? [];
  const header = ['id', 'date', 'mean', ...levels.map((level) => `p${Math.round(level * 1000) / 10}`)];
  const lines = [header.join(',')];
  for (const f of forecasts) {
    f.dates.forEach((date, k) => {
      lines.push([quote(f.id), date, f.mean[k], ...f.quantiles.map((band) => band.values[k])].join(','));
    });
  }
  return `${lines.join('\n')}\n`;
}

function quote(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
