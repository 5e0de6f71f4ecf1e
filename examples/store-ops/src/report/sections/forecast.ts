import type { ForecastSection } from '../../stages/forecast';
import { escapeHtml } from '../escape';
import { formatNumber, formatPercent } from '../format';
import { cards, heading, paragraph, stageSection } from '../layout';
import { lineChart } from '../line-chart';
import { badge, table } from '../table';
import type { DemoReport } from '../types';

function chartHtml(s: ForecastSection, chart: ForecastSection['charts'][number]): string {
  const start = chart.actual.findIndex((_, i) => chart.future.p10[i] !== null);
  return lineChart({
    id: `forecast-${chart.sku}`,
    title: `${chart.description} (${chart.sku}): units per week`,
    caption: `Actual sales, the backtest forecasts made ${s.horizonWeeks} weeks ahead with their 80% interval (p10-p90), and the forecast for the next ${s.horizonWeeks} weeks.`,
    xLabels: chart.weeks,
    yLabel: 'units',
    series: [
      { name: 'actual', values: chart.actual, color: '#111827' },
      { name: 'backtest forecast (p50)', values: chart.backtest.p50, color: '#2563eb', dashed: true },
      { name: 'forecast (p50)', values: chart.future.p50, color: '#dc2626' },
    ],
    bands: [
      {
        name: 'backtest 80% interval',
        lower: chart.backtest.p10,
        upper: chart.backtest.p90,
        color: '#2563eb',
      },
      { name: 'forecast 80% interval', lower: chart.future.p10, upper: chart.future.p90, color: '#dc2626' },
    ],
    marker: start > 0 ? { index: start, label: 'forecast' } : undefined,
  });
}

function bodyHtml(s: ForecastSection): string {
  const best = [...s.backtest.models].sort((a, b) => a.mase - b.mase)[0];
  return [
    cards([
      {
        label: 'Products forecast',
        value: formatNumber(s.products.length),
        hint: `${s.products.filter((p) => p.isNew).length} launched in the last weeks`,
      },
      {
        label: 'History',
        value: `${s.weeks} weeks`,
        hint: `${s.firstWeek} to ${s.lastWeek} (weeks start on Monday)`,
      },
      {
        label: 'Best in the backtest',
        value: best?.name ?? '–',
        hint: best ? `MASE ${best.mase.toFixed(3)}` : '',
      },
      {
        label: 'Fallback used',
        value: `${s.fallbacks.length} products`,
        hint: s.neuralFailure ? 'the neural model failed' : 'AutoETS where history is too short',
      },
    ]),
    heading('Backtest on the last weeks'),
    paragraph(
      `Each model is trained on the weeks before ${s.backtest.origins[0]}, then forecasts ${s.horizonWeeks} weeks from ${s.backtest.origins.join(' and from ')} (${s.backtest.windows} windows), never seeing the weeks it forecasts. MASE below 1 beats last week's sales as a one-week-ahead forecast; WAPE is the absolute error as a share of units sold; coverage is how often the actual fell inside the 80% interval (80% is right).`,
      'note',
    ),
    table({
      id: 'backtest-scores',
      columns: ['Model', 'MASE', 'sMAPE', 'WAPE', '80% interval coverage', 'Time (s)'],
      rows: s.backtest.models.map((m) => [
        m.name,
        m.mase.toFixed(3),
        m.smape.toFixed(3),
        formatPercent(m.wape),
        formatPercent(m.coverage80),
        m.seconds.toFixed(1),
      ]),
    }),
    ...s.charts.map((chart) => chartHtml(s, chart)),
    heading(`Forecast for the next ${s.horizonWeeks} weeks`),
    paragraph(
      `The LSTM+Attention network forecasts products with enough history; a product with fewer weeks than it needs falls back to AutoETS, and the table says so. ${s.flooredValues ? `${formatNumber(s.flooredValues)} forecast values below 0 were set to 0.` : ''}`,
      'note',
    ),
    table({
      id: 'forecast-products',
      columns: [
        'Product',
        'First sold (week)',
        'Units sold in the year',
        'Model',
        `p10, next ${s.horizonWeeks} weeks`,
        'p50',
        'p90',
      ],
      numeric: [2, 4, 5, 6],
      rows: s.products.map((p) => [
        `${p.description} (${p.sku})`,
        p.firstWeek,
        formatNumber(p.unitsLastYear),
        p.fallback
          ? {
              html: `${badge(`fallback: ${p.model}`, 'warn').html} <span class="note">${escapeHtml(p.fallback)}</span>`,
            }
          : p.model,
        formatNumber(p.p10),
        formatNumber(p.p50),
        formatNumber(p.p90),
      ]),
    }),
    heading('Outliers clipped before training'),
    paragraph(
      `${formatNumber(s.outliers.length)} product-weeks were more than 3 standard deviations from their neighbouring 12 weeks and were clipped to that bound (the backtest's test weeks keep their actual values). The largest:`,
      'note',
    ),
    table({
      id: 'forecast-outliers',
      columns: ['Product', 'Week', 'Units sold', 'Clipped to'],
      rows: [...s.outliers]
        .sort((a, b) => b.original - b.clipped - (a.original - a.clipped))
        .slice(0, 8)
        .map((o) => [o.sku, o.week, formatNumber(o.original), formatNumber(o.clipped)]),
    }),
  ].join('\n');
}

/** Weekly demand forecasts with intervals, the backtest, and where the fallback fired. */
export function forecastSection(report: DemoReport): string {
  const s = report.forecast;
  return stageSection({
    id: 'forecast',
    title: '4. Demand forecast',
    lead: 'How many units of the best sellers will sell in each of the next weeks, with an 80% interval, and how well each model did on the last weeks before it was trusted.',
    record: report.stages.find((r) => r.name === 'forecast'),
    hasData: s !== undefined,
    body: () => (s ? bodyHtml(s) : ''),
  });
}
