/**
 * Inventory suite: every policy simulated on Dominick's orange juice (913 store x brand weekly series,
 * units = exp(logmove)), the forecast-quantile policy against the brief's rule of thumb tuned to the
 * same fill rate, and the speed of decisions and simulation.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { createRng } from '@shoppilot/core';
import {
  conformalSumPolicy,
  type DemandMatrix,
  forecastQuantilePolicy,
  globalQuantilePolicy,
  lognormalClassForecaster,
  normalPolicy,
  planOrders,
  type QuantileForecastLike,
  replenish,
  rollingEmpiricalForecaster,
  rqPolicy,
  ruleOfThumbPolicy,
  type SimulationKpis,
  type SimulationOptions,
  type SimulationPolicy,
  type StockRecord,
  simulateInventory,
  type WindowForecaster,
} from '@shoppilot/inventory';
import { type BenchContext, type BenchSuite, dataFile, markdownTable } from '../harness';
import { type EtsPaths, etsForecasts, etsPolicy } from './inventory-ets';
import { loadCovariates, regressionForecaster, regressionForecasts } from './inventory-regression';

/**
 * Weeks 40..160 of the data: 121 periods; NaN where a store-brand has no row that week. Classes:
 * 0 regular week, 1 in-store deal, 2 feature advertising (the store's promotion calendar).
 */
export function loadDominicks(path: string): DemandMatrix & { classes: Uint8Array } {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n');
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const [store, brand, week, logmove, deal, feat] = ['store', 'brand', 'week', 'logmove', 'deal', 'feat'].map(
    (c) => header.indexOf(c),
  );
  const first = 40;
  const periods = 121;
  const index = new Map<string, number>();
  const rows = lines.slice(1).map((line) => line.split(','));
  for (const row of rows) {
    const id = `${row[store]}-${row[brand]}`;
    if (!index.has(id)) index.set(id, index.size);
  }
  const demand = new Float64Array(index.size * periods).fill(Number.NaN);
  const classes = new Uint8Array(index.size * periods);
  for (const row of rows) {
    const k = (index.get(`${row[store]}-${row[brand]}`) as number) * periods + Number(row[week]) - first;
    demand[k] = Math.round(Math.exp(Number(row[logmove])));
    classes[k] = row[feat] === '1' ? 2 : row[deal] === '1' ? 1 : 0;
  }
  return { demand, skuCount: index.size, periods, ids: [...index.keys()], classes };
}

/** Costs assumed for the cost columns (the data has no cost figures): per unit-week and per order. */
const COSTS = { holdingCost: 1, stockoutCost: 9, orderingCost: 50 };
export const WARMUP = 52;

export async function run(
  matrix: DemandMatrix,
  policy: SimulationPolicy,
  leadTime: number,
): Promise<SimulationKpis> {
  const options: SimulationOptions = {
    start: WARMUP,
    leadTime,
    ...COSTS,
    unmetDemand: 'lost-sales',
    seed: 1,
  };
  return (await simulateInventory(matrix, policy, options)).kpis;
}

/** Bisection on a parameter whose fill rate increases with it, to the smallest value reaching `target`. */
export async function tune(
  make: (x: number) => SimulationPolicy,
  matrix: DemandMatrix,
  leadTime: number,
  target: number,
  low: number,
  high: number,
  steps = 10,
): Promise<{ parameter: number; kpis: SimulationKpis }> {
  let best = { parameter: high, kpis: await run(matrix, make(high), leadTime) };
  for (let k = 0; k < steps; k++) {
    const middle = (low + high) / 2;
    const kpis = await run(matrix, make(middle), leadTime);
    if (kpis.fillRate >= target) {
      high = middle;
      best = { parameter: middle, kpis };
    } else low = middle;
  }
  return best;
}

const row = (name: string, k: SimulationKpis): Array<string | number> => [
  name,
  k.fillRate,
  k.cycleServiceLevel,
  k.stockOutRate,
  k.lostSales,
  k.averageOnHand,
  k.inventoryTurnover,
  k.daysOfSupply,
  k.sellThroughRate,
  k.totalCost,
  k.sPIS,
  k.sCE,
];
const HEADER = [
  'policy',
  'fill rate',
  'CSL',
  'stock-out rate',
  'lost units',
  'avg on hand',
  'turnover/yr',
  'days of supply',
  'sell-through',
  'total cost',
  'sPIS',
  'sCE',
];

type Forecasters = {
  plain: () => WindowForecaster;
  promo: () => WindowForecaster;
  group: (sku: number, period: number, horizon: number) => number;
  /** ETS(A,N,N) on log(1 + units) from the forecast package, computed once. */
  ets: EtsPaths;
  /** Global regression on price, deal, feat with series effects (covariate-aware mean), computed once. */
  regression: () => WindowForecaster;
  /** The variant chosen on pre-simulation weeks: recent weeks weigh more (half-life 8) + residual AR(1). */
  recent: () => WindowForecaster;
};

async function policyTable(
  matrix: DemandMatrix,
  forecasters: Forecasters,
  leadTime: number,
  log: (line: string) => void,
): Promise<string> {
  const rows: Array<Array<string | number>> = [];
  const record = (name: string, kpis: SimulationKpis) => {
    rows.push(row(name, kpis));
    log(
      `  L=${leadTime} ${name}: fill ${kpis.fillRate.toFixed(4)} avg on hand ${kpis.averageOnHand.toFixed(1)}`,
    );
    return kpis;
  };
  const add = async (name: string, policy: SimulationPolicy) =>
    record(name, await run(matrix, policy, leadTime));
  await add(
    'forecast-quantile, cycle 95% (rolling empirical)',
    forecastQuantilePolicy({ serviceLevel: 0.95, forecaster: forecasters.plain() }),
  );
  await add(
    'forecast-quantile, fill rate 95% (rolling empirical)',
    forecastQuantilePolicy({ serviceLevel: 0.95, serviceType: 'fill-rate', forecaster: forecasters.plain() }),
  );
  await add(
    'forecast-quantile, cycle 95% (lognormal + promo calendar)',
    forecastQuantilePolicy({ serviceLevel: 0.95, forecaster: forecasters.promo() }),
  );
  await add('normal (R,S), 95%', normalPolicy({ serviceLevel: 0.95 }));
  await add(
    `(r,Q) EOQ K=${COSTS.orderingCost} h=${COSTS.holdingCost}, 95%`,
    rqPolicy({ ...COSTS, serviceLevel: 0.95 }),
  );
  await add('(s,S) EOQ, 95%', rqPolicy({ ...COSTS, serviceLevel: 0.95, rule: 's-S' }));
  await add(
    'rule of thumb, multiplier 0.2 (the brief)',
    ruleOfThumbPolicy({ multiplier: 0.2, forecaster: forecasters.plain() }),
  );
  const tuned: Record<string, SimulationKpis> = {};
  const variants: Array<[string, string, (x: number) => SimulationPolicy, number, number]> = [
    [
      'rule-plain',
      'rule of thumb (rolling mean)',
      (m) => ruleOfThumbPolicy({ multiplier: m, forecaster: forecasters.plain() }),
      0,
      12,
    ],
    [
      'rule-promo',
      'rule of thumb (promo-aware mean)',
      (m) => ruleOfThumbPolicy({ multiplier: m, forecaster: forecasters.promo() }),
      0,
      12,
    ],
    [
      'fq-plain',
      'forecast-quantile (rolling empirical)',
      (p) => forecastQuantilePolicy({ serviceLevel: p, forecaster: forecasters.plain() }),
      0.8,
      0.999,
    ],
    [
      'fq-promo',
      'forecast-quantile (lognormal + promo calendar)',
      (p) => forecastQuantilePolicy({ serviceLevel: p, forecaster: forecasters.promo() }),
      0.8,
      0.999,
    ],
    [
      'global-promo',
      'global-quantile: promo-aware mean x pooled ratio quantile by promo state',
      (p) =>
        globalQuantilePolicy({ serviceLevel: p, forecaster: forecasters.promo(), group: forecasters.group }),
      0.8,
      0.999,
    ],
    [
      'rule-reg',
      'rule of thumb (regression mean: price, deal, feat)',
      (m) => ruleOfThumbPolicy({ multiplier: m, forecaster: forecasters.regression() }),
      0,
      12,
    ],
    [
      'conformal-reg',
      'conformal sum: regression mean, pooled quantile of past (L+1)-week log-ratios by promo state',
      (p) =>
        conformalSumPolicy({
          serviceLevel: p,
          forecaster: forecasters.regression(),
          group: forecasters.group,
        }),
      0.8,
      0.999,
    ],
    [
      'conformal-reg-series',
      'conformal sum: regression mean, per-series normalised log-ratios by promo state',
      (p) =>
        conformalSumPolicy({
          serviceLevel: p,
          forecaster: forecasters.regression(),
          group: forecasters.group,
          scale: 'series',
        }),
      0.8,
      0.999,
    ],
    [
      'rule-recent',
      'rule of thumb (regression mean, recency-weighted + AR variant)',
      (m) => ruleOfThumbPolicy({ multiplier: m, forecaster: forecasters.recent() }),
      0,
      12,
    ],
    [
      'conformal-recent',
      'conformal sum: recency-weighted + AR regression mean, pooled by promo state',
      (p) =>
        conformalSumPolicy({ serviceLevel: p, forecaster: forecasters.recent(), group: forecasters.group }),
      0.8,
      0.999,
    ],
    [
      'rule-ets',
      'rule of thumb (ETS mean, forecast package)',
      (m) => etsPolicy(forecasters.ets, matrix.periods, 'rule', m),
      0,
      12,
    ],
    [
      'ets-q',
      'forecast-quantile (ETS quantiles, forecast package)',
      (p) => etsPolicy(forecasters.ets, matrix.periods, 'quantile', p),
      0.8,
      0.999,
    ],
  ];
  for (const [key, label, make, low, high] of variants) {
    const result = await tune(make, matrix, leadTime, 0.95, low, high);
    tuned[key] = record(`${label} tuned to 95% fill (parameter ${result.parameter.toFixed(4)})`, result.kpis);
  }
  const saving = (a: string, b: string) =>
    `${(100 * (1 - tuned[a].averageOnHand / tuned[b].averageOnHand)).toFixed(1)}%`;
  return [
    `### Lead time ${leadTime} week${leadTime > 1 ? 's' : ''}`,
    '',
    markdownTable(HEADER, rows),
    '',
    'Average inventory saved at a 95% fill rate by the forecast-quantile policy against the rule of thumb tuned to the same fill rate (positive = quantile policy holds less):',
    '',
    markdownTable(
      [
        'forecast-quantile with',
        'vs rule with rolling mean',
        'vs rule with ETS mean',
        'vs rule with promo-aware mean',
        'vs rule fed the same mean',
      ],
      [
        ['rolling empirical quantiles', 'fq-plain', 'rule-plain'],
        ['lognormal + promo calendar', 'fq-promo', 'rule-promo'],
        ['global ratio quantiles by promo state', 'global-promo', 'rule-promo'],
        ['ETS quantiles (forecast package)', 'ets-q', 'rule-ets'],
        ['regression mean + conformal sum quantiles by promo state', 'conformal-reg', 'rule-reg'],
        [
          'regression mean + per-series normalised conformal sum quantiles',
          'conformal-reg-series',
          'rule-reg',
        ],
        [
          'recency-weighted + AR regression mean + conformal sum quantiles',
          'conformal-recent',
          'rule-recent',
        ],
      ].map(([label, key, same]) => [
        label,
        saving(key, 'rule-plain'),
        saving(key, 'rule-ets'),
        saving(key, 'rule-promo'),
        saving(key, same),
      ]),
    ),
  ].join('\n');
}

/** Control: synthetic SKUs whose variability differs (half gamma CV 0.15, half CV 1.0), where per-SKU quantiles should pay. */
async function heterogeneousControl(context: BenchContext): Promise<string> {
  const rng = createRng(9);
  const skuCount = context.quick ? 400 : 2000;
  const periods = 104;
  const demand = new Float64Array(skuCount * periods);
  for (let i = 0; i < skuCount; i++) {
    const mean = 5 + 95 * rng.next();
    const cv = i % 2 === 0 ? 0.15 : 1;
    const shape = 1 / (cv * cv);
    for (let t = 0; t < periods; t++) demand[i * periods + t] = Math.round(rng.gamma(shape, mean / shape));
  }
  const matrix: DemandMatrix = { demand, skuCount, periods };
  const rule = await tune((m) => ruleOfThumbPolicy({ multiplier: m }), matrix, 1, 0.95, 0, 12);
  const quantile = await tune(
    (p) => forecastQuantilePolicy({ serviceLevel: p }),
    matrix,
    1,
    0.95,
    0.8,
    0.999,
  );
  return [
    `### Control: synthetic demand with heterogeneous variability (${skuCount} SKUs, gamma, CV 0.15 or 1.0, lead time 1, same warm-up and lost sales)`,
    '',
    markdownTable(HEADER, [
      row(`rule of thumb tuned to 95% fill (multiplier ${rule.parameter.toFixed(3)})`, rule.kpis),
      row(`forecast-quantile tuned to 95% fill (level ${quantile.parameter.toFixed(4)})`, quantile.kpis),
    ]),
    '',
    `Here the forecast-quantile policy holds ${(100 * (1 - quantile.kpis.averageOnHand / rule.kpis.averageOnHand)).toFixed(1)}% less average inventory at the same 95% fill rate.`,
  ].join('\n');
}

function syntheticForecasts(count: number): { forecasts: QuantileForecastLike[]; stock: StockRecord[] } {
  const rng = createRng(11);
  const forecasts: QuantileForecastLike[] = [];
  const stock: StockRecord[] = [];
  for (let i = 0; i < count; i++) {
    const level = 5 + 100 * rng.next();
    const values = (z: number) => Array.from({ length: 14 }, () => Math.max(0, level + z * Math.sqrt(level)));
    forecasts.push({
      id: `sku${i}`,
      quantiles: [
        { level: 0.1, values: values(-1.28) },
        { level: 0.5, values: values(0) },
        { level: 0.9, values: values(1.28) },
      ],
    });
    stock.push({
      sku: `sku${i}`,
      onHand: Math.round(level * 7 * rng.next()),
      onOrder: 0,
      leadTime: 7,
      unitCost: 3,
      casePack: 6,
    });
  }
  return { forecasts, stock };
}

function syntheticDemand(skuCount: number, periods: number): DemandMatrix {
  const rng = createRng(5);
  const demand = new Float64Array(skuCount * periods);
  for (let i = 0; i < skuCount; i++) {
    const level = 2 + 60 * rng.next();
    for (let t = 0; t < periods; t++) demand[i * periods + t] = rng.poisson(level);
  }
  return { demand, skuCount, periods };
}

/** Median wall time and median process CPU time (user + system) of `repeat` runs after one warm-up. */
async function timed(fn: () => unknown, repeat = 3): Promise<{ wall: number; cpu: number }> {
  await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < repeat; k++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
  return { wall: median(walls), cpu: median(cpus) };
}

async function speed(context: BenchContext): Promise<string> {
  const load = loadavg()[0];
  const skus = context.quick ? 10_000 : 100_000;
  const { forecasts, stock } = syntheticForecasts(skus);
  const decide = await timed(() => replenish(forecasts, stock));
  const batch = await timed(() => planOrders(forecasts, stock));
  const simSkus = context.quick ? 1_000 : 10_000;
  const matrix = syntheticDemand(simSkus, 104);
  const simulate = await timed(() =>
    simulateInventory(matrix, forecastQuantilePolicy({ serviceLevel: 0.95 }), {
      start: 52,
      leadTime: 2,
      leadTimeSd: 0.5,
      seed: 1,
    }),
  );
  const simulateRule = await timed(() =>
    simulateInventory(matrix, ruleOfThumbPolicy(), { start: 52, leadTime: 2 }),
  );
  return [
    '### Speed (median of 3 runs after 1 warm-up)',
    '',
    `Machine: ${cpus().length} cores shared with other jobs; 1-minute load average ${load.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after this section. Wall time scales roughly with load / cores when the load is above the core count; process CPU time (user + system, includes GC threads) is much less sensitive to it. Run through tsx from TypeScript sources.`,
    '',
    markdownTable(
      ['task', 'size', 'wall (ms)', 'CPU (ms)', 'target'],
      [
        [
          'replenish(): decisions with reasons (forecast-quantile, 3 quantile bands, 14 periods, case packs)',
          `${skus} SKUs`,
          decide.wall,
          decide.cpu,
          '< 2000 ms for 100,000',
        ],
        [
          'planOrders(): the same decisions as columns (action, quantity, levels in typed arrays), Decision with reasons built on demand by decision(i)',
          `${skus} SKUs`,
          batch.wall,
          batch.cpu,
          '< 2000 ms for 100,000',
        ],
        [
          'simulateInventory(): forecast-quantile policy, rolling empirical forecaster, stochastic lead times',
          `${simSkus} SKUs x 52 weeks (+52 weeks history)`,
          simulate.wall,
          simulate.cpu,
          '< 10000 ms for 10,000',
        ],
        [
          'simulateInventory(): rule-of-thumb policy',
          `${simSkus} SKUs x 52 weeks`,
          simulateRule.wall,
          simulateRule.cpu,
          '',
        ],
      ],
    ),
  ].join('\n');
}

export const inventorySuites: BenchSuite[] = [
  {
    name: 'inventory',
    description:
      "Dominick's OJ: every policy's KPIs side by side, forecast quantiles vs the tuned rule of thumb; decision and simulation speed",
    async run(context) {
      const matrix = loadDominicks(dataFile(context, 'demand/dominicks_oj.csv.gz'));
      const sections = [
        [
          `Data: Dominick's orange juice, ${matrix.skuCount} store x brand series, weeks 40-160 (121 weeks), units = round(exp(logmove)); weeks with no row are unobserved (no demand, not counted).`,
          `History only for the first ${WARMUP} weeks, then ${matrix.periods - WARMUP} simulated weeks, lost sales, orders reviewed weekly, deterministic lead time.`,
          'Forecasts, made each week from past weeks only (the simulator hands each policy a view of the demand that ends before the current week):',
          '(a) rolling empirical quantiles: the last 52 observed weeks, lead-time demand = their overlapping (L+1)-week sums, mean = their mean;',
          "(b) lognormal + promo calendar: log(1 + units) mean and sd of the series' recent weeks of the same promotion class (regular / in-store deal / feature ad),",
          "where the class of the coming weeks comes from the store's own promotion calendar (the data's deal and feat flags, planned in advance; no future demand is read).",
          "(c) global-quantile: the promo-aware mean of (b) times the quantile of actual/forecast ratios pooled over all series' past (L+1)-week windows with the same strongest promotion (windows enter the pool only after they end).",
          "(d) ETS: the forecast package's EtsForecaster, ETS(A,N,N) on log(1 + units), fitted once on the warm-up weeks and re-forecast every week from the history so far (`predict({ history })`: states updated, parameters kept); quantiles mapped back by exp(q) - 1 and summed over the L + 1 weeks.",
          "(e) regression: a global regression on log(1 + units) with series fixed effects, per-brand slopes on log own price, deal and feature ad, and a slope on the log mean price of the other brands (planned prices and promotions: future-known covariates); slopes refitted by ridge (lambda 1) every 4 weeks on the weeks before the refit only, series effects and residual sd re-estimated each week from the weeks before it; mean = exp(mu + s^2/2) - 1. Weeks without a row take the previous week's covariates.",
          "(e') the same regression with recent weeks weighted more (half-life 8 weeks in the series effect and variance) and phi^(h+1) x the last residual added (pooled AR(1)): the best of 9 variants (equal weights, half-lives 26, 13, 8, 4, with and without the AR term) by log-MAE and WAPE of 2- and 3-week sums at origins 30-49 of the panel (windows ending before the simulation starts), shown because it was chosen without the simulated weeks; (e) was specified before any selection.",
          "(f) conformal sum: order up to exp(log(1 + forecast of the (L+1)-week sum) + q) - 1, q the p-quantile of log(1 + actual sum) - log(1 + forecast sum) over all series' past windows with the same strongest promotion (split conformal on the SUM, windows enter only after they end, 26 back-test windows seed the pools); the per-series variant standardises each score by the series' running centre and spread of its own past scores (shrunk to the pooled ones with 8 pseudo-windows).",
          "(a)-(c), (f) are in this package; (d) shows the same comparison with the forecast package's own model; (e) lives in bench/suites/inventory-regression.ts.",
          'Which comparison the issue means: "the brief\'s rule-of-thumb policy" is the rule as users run it today, on their usual demand forecast (a rolling mean, or ETS): the first two saving columns. The columns with the rule fed the promo-aware mean or the same mean as the quantile policy isolate what the quantile machinery adds over a better mean.',
          `Assumed costs (the data has none): holding ${COSTS.holdingCost}/unit-week, lost sale ${COSTS.stockoutCost}/unit, order ${COSTS.orderingCost}.`,
          "sPIS/sCE: of each policy's one-week mean forecast, scaled by the series' mean warm-up demand, averaged over series (> 0: over-forecast).",
          '"Tuned" rows: 10-step bisection on the rule\'s multiplier (safety stock = multiplier x predicted demand) or on the quantile level, for the smallest value whose simulated fill rate reaches 95% on these same weeks (in-sample tuning, identical for both).',
        ].join('\n'),
      ];
      const covariates = loadCovariates(dataFile(context, 'demand/dominicks_oj.csv.gz'), matrix);
      // Origins from week 20 of the panel: the conformal pools back-test 26 windows before week 52.
      const paths = regressionForecasts(matrix, covariates, { from: 20, horizon: 3, refitEvery: 4 });
      const regression = regressionForecaster(paths, matrix.periods);
      const recent = regressionForecaster(
        regressionForecasts(matrix, covariates, {
          from: 20,
          horizon: 3,
          refitEvery: 4,
          halfLife: 8,
          residualAr: true,
        }),
        matrix.periods,
      );
      const forecasters: Forecasters = {
        plain: () => rollingEmpiricalForecaster({ window: 52 }),
        promo: () => lognormalClassForecaster({ classes: matrix.classes, periods: matrix.periods }),
        ets: await etsForecasts(matrix, WARMUP, 3),
        regression: () => regression,
        recent: () => recent,
        group: (sku, period, horizon) => {
          let group = 0;
          for (let h = 0; h < horizon; h++) {
            group = Math.max(
              group,
              matrix.classes[sku * matrix.periods + Math.min(period + h, matrix.periods - 1)],
            );
          }
          return group;
        },
      };
      for (const lead of [1, 2]) sections.push(await policyTable(matrix, forecasters, lead, context.log));
      sections.push(await heterogeneousControl(context));
      sections.push(await speed(context));
      return sections.join('\n\n');
    },
  },
  {
    name: 'inventory-speed',
    description:
      'Inventory speed only: 100,000 replenishment decisions and a 52-week simulation of 10,000 SKUs',
    run: (context) => speed(context),
  },
];
