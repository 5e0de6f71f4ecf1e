import { readRecords } from '@shoppilot/core';
import { buildPanel, type Frequency, type GapPolicy, type PanelBuildResult } from '@shoppilot/forecast';
import { choiceFlag, UsageError } from '../../output/index';

/** Flags shared by `forecast backtest` and `forecast predict`: where the panel is and how to read it. */
export const panelArgs = {
  input: {
    type: 'string',
    description: 'Long-format CSV/JSONL (.gz allowed): one row per series and period',
    required: true,
  },
  id: { type: 'string', description: 'Id column(s), comma-separated (e.g. store,sku)', required: true },
  time: { type: 'string', description: 'Time column: ISO dates or integer period numbers', required: true },
  target: { type: 'string', description: 'Target column (numeric; empty/NA = missing)', required: true },
  'future-covariates': {
    type: 'string',
    description: 'Known-ahead covariates, comma-separated (price, promo...)',
  },
  'past-covariates': { type: 'string', description: 'Covariates known only up to now, comma-separated' },
  'static-covariates': {
    type: 'string',
    description: 'Per-series constants, comma-separated (region, brand...)',
  },
  freq: { type: 'string', description: 'day, week or month (default day)' },
  'target-gaps': {
    type: 'string',
    description: 'Periods without a row: missing (default), zero or forward-fill',
  },
  'log-covariates': {
    type: 'string',
    description: 'Covariates entered as log (e.g. price → elasticity), comma-separated',
  },
  'season-length': {
    type: 'string',
    description: 'Season length m (12 monthly, 52 weekly, 7 daily; default 1)',
  },
  seed: { type: 'string', description: 'Seed of the neural model (default 42)' },
  epochs: { type: 'string', description: 'Most training epochs of lstm-attention (default 30)' },
} as const;

export type PanelArgValues = { [K in keyof typeof panelArgs]?: string };

/** Comma-separated list flag → trimmed names. */
export function listFlag(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Reads the input file and builds the aligned panel (typed errors name file, row, series, field). */
export async function readPanel(args: PanelArgValues): Promise<PanelBuildResult> {
  const frequency = choiceFlag(args.freq, 'freq', ['day', 'week', 'month'] as const) ?? ('day' as Frequency);
  const targetGaps = choiceFlag(args['target-gaps'], 'target-gaps', [
    'missing',
    'zero',
    'forward-fill',
  ] as const) as GapPolicy | undefined;
  const { records } = await readRecords(args.input!).collect();
  const columns = records.length ? Object.keys(records[0]) : [];
  const wanted = [
    ...listFlag(args.id),
    args.time!,
    args.target!,
    ...listFlag(args['future-covariates']),
    ...listFlag(args['past-covariates']),
    ...listFlag(args['static-covariates']),
  ];
  const missing = wanted.filter((name) => !columns.includes(name));
  if (records.length && missing.length) {
    throw new UsageError(
      `${args.input} has no column(s) ${missing.join(', ')}; columns: ${columns.join(', ')}`,
    );
  }
  return buildPanel(records, {
    id: listFlag(args.id),
    time: args.time!,
    target: args.target!,
    frequency,
    futureCovariates: listFlag(args['future-covariates']),
    pastCovariates: listFlag(args['past-covariates']),
    staticCovariates: listFlag(args['static-covariates']),
    targetGaps,
    source: args.input,
  });
}

/** Integer flag ≥ 1, or undefined. */
export function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`--${flag} must be a positive integer, got "${value}"`);
  return number;
}

/** The model context every model is created with. */
export function modelContext(args: PanelArgValues, horizon: number) {
  const epochs = positiveInteger(args.epochs, 'epochs');
  return {
    horizon,
    seasonLength: positiveInteger(args['season-length'], 'season-length') ?? 1,
    transforms: Object.fromEntries(listFlag(args['log-covariates']).map((name) => [name, 'log' as const])),
    seed: positiveInteger(args.seed, 'seed'),
    overrides: epochs ? { 'lstm-attention': { epochs } } : undefined,
  };
}
