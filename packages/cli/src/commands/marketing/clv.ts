import { readFile, writeFile } from 'node:fs/promises';
import { BgNbdModel, customerLifetimeValue, GammaGammaModel, lifecycleStage } from '@shoppilot/marketing';
import { defineCommand } from 'citty';
import { exitQuietlyOnClosedStdout, printJson, printLines, printNote, UsageError } from '../../output/index';
import { clvInputArgs, fitModels, summarise } from './clv-args';

export const clvFitCommand = defineCommand({
  meta: {
    name: 'fit',
    description:
      'Fit BG/NBD (and Gamma-Gamma with --amount) on a calibration window; compare with the holdout',
  },
  args: {
    ...clvInputArgs,
    save: {
      type: 'string',
      description: 'Write the fitted models to this JSON file (for `clv predict --model`)',
    },
    json: { type: 'boolean', description: 'Print only the JSON result', default: false },
  },
  async run({ args }) {
    const summary = await summarise(args);
    const { bgnbd, gammaGamma } = fitModels(summary, !!args.amount);
    const result: Record<string, unknown> = { bgnbd: bgnbd.parameters };
    if (gammaGamma) result.gammaGamma = gammaGamma.parameters;
    if (args['holdout-end']) {
      const actual = summary.customers.reduce((s, c) => s + (c.frequencyHoldout ?? 0), 0);
      const predicted = summary.customers.reduce(
        (s, c) => s + bgnbd.conditionalExpectedPurchases(c, summary.durationHoldout),
        0,
      );
      result.holdout = { actualRepeatPurchases: actual, predictedRepeatPurchases: predicted };
    }
    result.customers = summary.customers.length;
    // Boundary estimates (e.g. a -> 0: no drop-out) and convergence problems, never silent.
    const warnings = [
      ...bgnbd.fitSummary.warnings.map((w) => `bgnbd: ${w}`),
      ...(gammaGamma?.fitSummary.warnings ?? []).map((w) => `gammaGamma: ${w}`),
    ];
    result.warnings = warnings;
    if (args.save) {
      await writeFile(
        args.save,
        JSON.stringify(
          { period: summary.period, bgnbd: bgnbd.toJSON(), gammaGamma: gammaGamma?.toJSON() ?? null },
          null,
          2,
        ),
      );
    }
    if (args.json) return printJson(result);
    for (const warning of warnings) printNote(`warning: ${warning}`);
    const p = bgnbd.parameters;
    printLines(
      `customers ${summary.customers.length}, period ${summary.period}`,
      `BG/NBD r ${p.r.toFixed(4)}, alpha ${p.alpha.toFixed(4)}, a ${p.a.toFixed(4)}, b ${p.b.toFixed(4)}`,
      ...(gammaGamma
        ? [
            `Gamma-Gamma p ${gammaGamma.parameters.p.toFixed(3)}, q ${gammaGamma.parameters.q.toFixed(3)}, v ${gammaGamma.parameters.v.toFixed(3)}`,
          ]
        : []),
      ...(result.holdout
        ? [
            `holdout repeat purchases: actual ${(result.holdout as { actualRepeatPurchases: number }).actualRepeatPurchases}, predicted ${(result.holdout as { predictedRepeatPurchases: number }).predictedRepeatPurchases.toFixed(1)}`,
          ]
        : []),
    );
  },
});

export const clvPredictCommand = defineCommand({
  meta: {
    name: 'predict',
    description:
      'Per customer: P(alive), expected purchases, expected spend, CLV and lifecycle stage (JSON lines)',
  },
  args: {
    ...clvInputArgs,
    model: { type: 'string', description: 'Models saved by `clv fit --save` (default: fit on this file)' },
    horizon: { type: 'string', description: 'Horizon in periods for purchases and CLV (default 52)' },
    'discount-rate': {
      type: 'string',
      description: 'Discount rate per month (30 days) for CLV (default 0.01)',
    },
    json: { type: 'boolean', description: 'Print one JSON array instead of JSON lines', default: false },
  },
  async run({ args }) {
    const summary = await summarise(args);
    const models = args.model ? await loadModels(args.model) : fitModels(summary, !!args.amount);
    const horizon = positive(args.horizon, 'horizon') ?? 52;
    const discountRate = args['discount-rate'] === undefined ? 0.01 : Number(args['discount-rate']);
    if (!(discountRate > -1))
      throw new UsageError(`--discount-rate must be a number > -1, got "${args['discount-rate']}"`);
    const month = summary.period === 'week' ? 30 / 7 : 30;
    const spend = models.gammaGamma ? models.gammaGamma.predict(summary.customers) : undefined;
    const clv = spend
      ? customerLifetimeValue(models.bgnbd, summary.customers, spend, {
          horizon,
          discountPeriod: month,
          discountRate,
        })
      : undefined;
    const rows = summary.customers.map((c, i) => {
      const week = summary.period === 'week';
      const stage = lifecycleStage(models.bgnbd, c, {
        newWithin: week ? 4 : 28,
        winBackWithin: week ? 4 : 28,
        oneTimeChurnAfter: week ? 13 : 91,
      });
      return {
        customerId: c.customerId,
        frequency: c.frequency,
        recency: c.recency,
        T: c.T,
        monetaryValue: c.monetaryValue,
        probabilityAlive: stage.probabilityAlive,
        expectedPurchases: models.bgnbd.conditionalExpectedPurchases(c, horizon),
        ...(spend ? { expectedSpend: spend[i], clv: clv?.[i] } : {}),
        stage: stage.stage,
        action: stage.action,
      };
    });
    if (args.json) return printJson(rows);
    exitQuietlyOnClosedStdout(); // `| head` closes the pipe early: stop quietly
    for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
  },
});

async function loadModels(file: string): Promise<{ bgnbd: BgNbdModel; gammaGamma?: GammaGammaModel }> {
  const json = JSON.parse(await readFile(file, 'utf8')) as { bgnbd: unknown; gammaGamma: unknown };
  return {
    bgnbd: BgNbdModel.fromJSON(json.bgnbd),
    gammaGamma: json.gammaGamma ? GammaGammaModel.fromJSON(json.gammaGamma) : undefined,
  };
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(number > 0)) throw new UsageError(`--${flag} must be a number > 0, got "${value}"`);
  return number;
}

/** `shoppilot clv fit|predict`. */
export const clvCommand = defineCommand({
  meta: {
    name: 'clv',
    description:
      'Customer lifetime value: BG/NBD + Gamma-Gamma fit, per-customer predictions and lifecycle stages',
  },
  subCommands: { fit: clvFitCommand, predict: clvPredictCommand },
});
