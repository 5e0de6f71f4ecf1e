import type { MarketSection } from '../../stages/market';
import { histogram, stackedBarChart } from '../bar-chart';
import { escapeHtml } from '../escape';
import { formatMoney, formatNumber, formatPercent } from '../format';
import { cards, heading, paragraph, stageSection } from '../layout';
import { lineChart } from '../line-chart';
import { badge, table } from '../table';
import type { DemoReport } from '../types';

function copyHtml(c: NonNullable<MarketSection['copy']>): string {
  return [
    heading('Copy in Chinese and English, checked before it goes out'),
    paragraph(
      `Written by ${c.model} for the three best sellers. The data has no promotions, so each gets an illustrative 20% promotion; prices, percentages and dates in the copy must match these facts, China's Advertising Law absolute terms (最, 第一, 国家级…) and the merchant's banned words must not appear, and each channel's length limit holds. ${formatPercent(c.passedShare, 0)} of the variants passed every check.`,
      'note',
    ),
    table({
      id: 'copy-facts',
      columns: ['Product', 'Promotion price', 'Regular price', 'Promotion ends'],
      rows: c.facts.map((f) => [f.name, formatMoney(f.price), formatMoney(f.originalPrice), f.promotionEnds]),
    }),
    table({
      id: 'copy-samples',
      columns: ['Product', 'Channel', 'Language', 'Copy', 'Checks', 'Attempts'],
      numeric: [5],
      rows: c.samples.map((s) => [
        s.product,
        s.channel,
        s.language,
        { html: `<div class="copy" lang="${escapeHtml(s.language)}">${escapeHtml(s.text)}</div>` },
        {
          html: s.checks
            .map((k) => badge(`${k.name} ${k.passed ? '✓' : '✗'}`, k.passed ? 'ok' : 'bad').html)
            .join(' '),
        },
        String(s.attempts),
      ]),
    }),
    table({
      id: 'compliance-examples',
      caption: 'What the checks catch: drafts a copywriter might write, and why they would be rejected.',
      columns: ['Draft', 'Verdict', 'Violations'],
      numeric: [],
      rows: c.complianceExamples.map((e) => [
        e.draft,
        badge(e.passed ? 'passes' : 'rejected', e.passed ? 'ok' : 'bad'),
        e.violations.join('; '),
      ]),
    }),
  ].join('\n');
}

function budgetHtml(b: NonNullable<MarketSection['budget']>): string {
  const channels = b.scenario.channels.map((c) => c.name);
  const weeks = b.weeks.map((w) => `w${w.week}`);
  return [
    heading(`Marketing budget across channels over ${b.scenario.weeks} simulated weeks`),
    paragraph(
      `The invoices hold no advertising spend, so channel returns are simulated from stated assumptions (below). Each week Thompson sampling splits ${formatMoney(b.scenario.budgetPerWeek, 0)} by the probability that each channel has the best return on ad spend (ROAS), learns from the week's revenue, and moves money to what works; the even split is the baseline.`,
      'note',
    ),
    cards([
      {
        label: 'ROAS, bandit split',
        value: `${b.thompson.roas.toFixed(2)}×`,
        hint: `${formatMoney(b.thompson.revenue, 0)} revenue on ${formatMoney(b.thompson.spend, 0)} (simulated)`,
      },
      {
        label: 'ROAS, even split',
        value: `${b.uniform.roas.toFixed(2)}×`,
        hint: `${formatMoney(b.uniform.expectedRevenue, 0)} expected revenue`,
      },
      {
        label: 'Gain over the even split',
        value: formatPercent(b.gainOverUniform),
        hint: 'expected revenue, same spend',
      },
    ]),
    stackedBarChart({
      id: 'budget-allocation',
      title: 'Weekly budget per channel (£)',
      xLabels: weeks,
      yLabel: '£ per week',
      series: channels.map((name) => ({ name, values: b.weeks.map((w) => w.budgets[name] ?? 0) })),
    }),
    lineChart({
      id: 'budget-revenue',
      title: 'Weekly revenue from the ads (£, simulated)',
      xLabels: weeks,
      yLabel: '£ per week',
      series: [
        { name: 'bandit split, realised', values: b.weeks.map((w) => w.revenue) },
        { name: 'bandit split, expected', values: b.weeks.map((w) => w.expectedRevenue), dashed: true },
        { name: 'even split, expected', values: b.weeks.map((w) => w.uniformExpectedRevenue), dashed: true },
      ],
    }),
    table({
      id: 'budget-assumptions',
      columns: ['Assumption', 'Value'],
      numeric: [],
      rows: Object.entries(b.scenario.assumptions).map(([k, v]) => [k, v]),
    }),
    table({
      id: 'budget-channels',
      columns: [
        'Channel',
        'True ROAS, week 1',
        `True ROAS, week ${b.scenario.weeks}`,
        'Budget in the last week',
      ],
      rows: b.scenario.channels.map((c) => [
        c.name,
        `${c.roasStart.toFixed(2)}×`,
        `${c.roasEnd.toFixed(2)}×`,
        formatMoney(b.weeks.at(-1)?.budgets[c.name], 0),
      ]),
    }),
    table({
      id: 'budget-policies',
      caption: `The package's simulator on the same scenario, ${b.runs} runs with different noise, every policy facing the same noise within a run: mean ROI and the range of the gain over the even split.`,
      columns: [
        'Policy',
        'ROI (revenue / spend)',
        'Regret vs best split (£)',
        'Gain over even split',
        'Range over runs',
      ],
      rows: b.policies.map((p) => [
        p.policy,
        `${p.roi.toFixed(2)}×`,
        formatMoney(p.regret, 0),
        formatPercent(p.gainOverUniform),
        `${formatPercent(p.gainMin)} to ${formatPercent(p.gainMax)}`,
      ]),
    }),
    `<p class="note">Reasons given with the last weekly decision:</p><ul class="note">${b.lastDecisionReasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`,
  ].join('\n');
}

function clvHtml(k: NonNullable<MarketSection['clv']>): string {
  return [
    heading('Customer lifetime value and churn'),
    paragraph(
      `BG/NBD (how often customers buy and when they stop) and Gamma-Gamma (how much they spend per order), fitted by maximum likelihood on the invoices (L2 penalty ${k.penalizer}). Checked first on a holdout: fitted on orders up to ${k.calibrationEnd}, it predicts the repeat orders of the next ${k.holdoutWeeks} weeks. CLV is revenue over the next ${k.horizonWeeks} weeks, discounted ${formatPercent(k.discountRatePerMonth, 0)} a month; it is not profit, because the data has no product costs.`,
      'note',
    ),
    cards([
      { label: 'Customers valued', value: formatNumber(k.customers) },
      {
        label: `Expected revenue, next ${k.horizonWeeks} weeks`,
        value: formatMoney(k.totalClv, 0),
        hint: 'sum of customer CLV',
      },
      {
        label: 'Holdout repeat orders',
        value: `${formatNumber(k.holdout.predictedRepeatPurchases)} predicted`,
        hint: `${formatNumber(k.holdout.actualRepeatPurchases)} actual in the ${k.holdoutWeeks} weeks after ${k.calibrationEnd}`,
      },
      {
        label: 'BG/NBD parameters',
        value: `r ${k.bgnbd.r.toFixed(3)}, α ${k.bgnbd.alpha.toFixed(2)}`,
        hint: `a ${k.bgnbd.a.toFixed(4)}, b ${k.bgnbd.b.toFixed(4)}; Gamma-Gamma p ${k.gammaGamma.p.toFixed(2)}, q ${k.gammaGamma.q.toFixed(2)}, v ${k.gammaGamma.v.toFixed(1)}`,
      },
    ]),
    histogram({
      id: 'clv-distribution',
      title: `Customers by CLV, next ${k.horizonWeeks} weeks (£)`,
      edges: k.histogram.edges,
      counts: k.histogram.counts,
      xLabel: 'CLV (£)',
      yLabel: 'customers',
    }),
    table({
      id: 'clv-top',
      caption: 'Most valuable customers.',
      columns: ['Customer', 'CLV (£)', 'P(still a customer)', 'Orders so far'],
      rows: k.top.map((t) => [
        t.customerId,
        formatMoney(t.clv, 0),
        formatPercent(t.probabilityAlive),
        formatNumber(t.orders),
      ]),
    }),
    table({
      id: 'lifecycle-stages',
      columns: ['Lifecycle stage', 'Customers', 'Recommended action'],
      numeric: [1],
      rows: k.stages.map((s) => [s.stage, formatNumber(s.customers), s.action]),
    }),
    table({
      id: 'churn-list',
      caption: 'Churn list: customers in the top quarter by past spend who are at risk or gone.',
      columns: ['Customer', 'Spent so far', 'Weeks since last order', 'Stage', 'Why', 'Action'],
      numeric: [1, 2],
      rows: k.churnRisk.map((c) => [
        c.customerId,
        formatMoney(c.pastSpend, 0),
        formatNumber(c.weeksSinceLastOrder),
        c.stage,
        c.reason,
        c.action,
      ]),
    }),
  ].join('\n');
}

/** Copy with its checks, budget split over weeks against an even split, CLV and churn. */
export function marketSection(report: DemoReport): string {
  const s = report.market;
  return stageSection({
    id: 'market',
    title: '6. Marketing: copy, budget, customer value',
    lead: 'Promotional copy that states only true facts and passes the advertising rules, a weekly budget that moves to the channels that return most, and which customers are worth keeping.',
    record: report.stages.find((r) => r.name === 'market'),
    hasData: s !== undefined,
    body: () =>
      s
        ? [
            s.copy ? copyHtml(s.copy) : '',
            s.budget ? budgetHtml(s.budget) : '',
            s.clv ? clvHtml(s.clv) : '',
          ].join('\n')
        : '',
  });
}
