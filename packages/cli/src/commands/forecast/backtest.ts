import { backtest, canonicalModelName, createForecaster } from '@shoppilot/forecast';
import { defineCommand } from 'citty';
import { choiceFlag, printJson, printLines, printNote, UsageError } from '../../output/index';
import { listFlag, modelContext, panelArgs, positiveInteger, readPanel } from './panel-args';

export const backtestCommand = defineCommand({
  meta: {
    name: 'backtest',
    description:
      'Rolling-origin backtest of several models on one panel: MASE, sMAPE, WAPE, 80% coverage, seconds',
  },
  args: {
    ...panelArgs,
    horizon: { type: 'string', description: 'Periods forecast from each origin', required: true },
    windows: { type: 'string', description: 'Number of forecast origins (default 3)' },
    step: { type: 'string', description: 'Periods between origins (default the horizon)' },
    refit: { type: 'string', description: 'every-window (default) or first-window' },
    models: {
      type: 'string',
      description:
        'Comma-separated: naive, snaive, ma, mean, ses, holt, damped, hw-additive, hw-multiplicative, ets, theta, croston, sba, tsb, ridge, lstm',
      required: true,
    },
    nonnegative: {
      type: 'boolean',
      description: 'Clip forecasts (mean and quantiles) at 0: for units sold, not for a log target',
      default: false,
    },
    json: { type: 'boolean', description: 'Print one JSON object', default: false },
  },
  async run({ args }) {
    const horizon = positiveInteger(args.horizon, 'horizon')!;
    const windows = positiveInteger(args.windows, 'windows') ?? 3;
    const names = listFlag(args.models).map(canonicalModelName);
    if (names.length === 0) throw new UsageError('--models needs at least one model name');
    const { panel, warnings } = await readPanel(args);
    for (const warning of warnings.slice(0, 5)) printNote(`note: ${warning}`);
    if (warnings.length > 5) printNote(`note: ${warnings.length - 5} more alignment notes`);
    const context = modelContext(args, horizon);
    const result = await backtest(
      panel,
      names.map((name) => ({ name, create: () => createForecaster(name, context) })),
      {
        horizon,
        windows,
        step: positiveInteger(args.step, 'step'),
        refit: choiceFlag(args.refit, 'refit', ['every-window', 'first-window'] as const),
        seasonLength: context.seasonLength,
        nonnegative: args.nonnegative,
      },
    );
    if (result.skipped.length)
      printNote(
        `note: ${result.skipped.length} series-window(s) not scored, e.g. ${result.skipped[0].id}: ${result.skipped[0].reason}`,
      );
    const models = result.models.map((m) => ({
      name: m.name,
      mase: m.mase,
      smape: m.smape,
      wape: m.wape,
      coverage80: m.coverage80,
      seconds: m.seconds,
    }));
    if (args.json) {
      printJson({ horizon, windows, series: result.series, models });
      return;
    }
    printLines(
      `${result.series} series, ${windows} windows of ${horizon} (origins ${result.origins.join(', ')})`,
      'model                         MASE    sMAPE   WAPE    cov80   seconds',
      ...models.map(
        (m) =>
          `${m.name.padEnd(28)} ${fmt(m.mase)}  ${fmt(m.smape)}  ${fmt(m.wape)}  ${fmt(m.coverage80)}  ${m.seconds.toFixed(2)}`,
      ),
    );
  },
});

function fmt(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : '   n/a';
}
