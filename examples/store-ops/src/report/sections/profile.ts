import type { ProfileSection } from '../../stages/profile';
import { barChart, histogram } from '../bar-chart';
import { formatMoney, formatNumber, formatPercent } from '../format';
import { cards, heading, paragraph, stageSection } from '../layout';
import { table } from '../table';
import type { DemoReport } from '../types';

const FEATURE_UNITS: Record<string, (v: number) => string> = {
  recencyDays: (v) => `${formatNumber(v)} days`,
  frequency: (v) => `${formatNumber(v, 1)} orders`,
  monetary: (v) => formatMoney(v, 0),
  aov: (v) => formatMoney(v, 0),
  interPurchaseMeanDays: (v) => `${formatNumber(v)} days`,
  pricePosition: (v) => `${v >= 0 ? '+' : ''}${formatPercent(Math.expm1(v), 0)} vs group median`,
  refundRate: (v) => formatPercent(v, 0),
  tenureDays: (v) => `${formatNumber(v)} days`,
};

function featureValue(feature: string, value: number): string {
  return (FEATURE_UNITS[feature] ?? ((v: number) => formatNumber(v, 2)))(value);
}

function segmentsHtml(s: NonNullable<ProfileSection['segments']>): string {
  return [
    heading('RFM segments'),
    paragraph(
      'Each customer gets 1-5 scores for recency (days since the last order), frequency (orders) and monetary value (net spend), ranked against the other customers; named segments follow the usual RFM table.',
      'note',
    ),
    barChart({
      id: 'rfm-segments',
      title: 'Customers per RFM segment',
      unit: 'customers',
      bars: s.rfm.map((r) => ({
        label: r.segment,
        value: r.users,
        text: `${formatNumber(r.users)} (${formatPercent(r.share, 0)})`,
      })),
    }),
    table({
      id: 'rfm-table',
      columns: ['Segment', 'Customers', 'Share', 'Days since last order', 'Orders', 'Net spend'],
      rows: s.rfm.map((r) => [
        r.segment,
        formatNumber(r.users),
        formatPercent(r.share),
        formatNumber(r.recencyDays),
        formatNumber(r.frequency, 1),
        formatMoney(r.monetary, 0),
      ]),
    }),
    heading(`Personas from k-means (k = ${s.k}, chosen by ${s.criterion})`),
    paragraph(
      'Customers are clustered on what the invoices show (recency, orders, spend and basket value on a log scale, gap between orders, price position within the product group, return rate, tenure), standardised. Each cluster is named after the features where its centre differs most from the average customer; the evidence column gives those differences.',
      'note',
    ),
    barChart({
      id: 'cluster-sizes',
      title: 'Customers per cluster',
      unit: 'customers',
      bars: s.clusters.map((c) => ({
        label: c.name,
        value: c.size,
        text: `${formatNumber(c.size)} (${formatPercent(c.share, 0)})`,
      })),
    }),
    table({
      id: 'cluster-profiles',
      columns: [
        'Cluster',
        'Customers',
        'Days since last order',
        'Orders',
        'Net spend',
        'Order value',
        'Most common persona',
        'Evidence (cluster vs all customers)',
      ],
      numeric: [1, 2, 3, 4, 5],
      wide: [7],
      rows: s.clusters.map((c) => [
        c.name,
        formatNumber(c.size),
        formatNumber(c.means.recencyDays),
        formatNumber(c.means.frequency, 1),
        formatMoney(c.means.monetary, 0),
        formatMoney(c.means.aov, 0),
        c.topPersona ?? '–',
        c.evidence
          .slice(0, 3)
          .map(
            (e) =>
              `${e.feature} ${featureValue(e.feature, e.clusterMean)} vs ${featureValue(e.feature, e.populationMean)} (${e.z >= 0 ? '+' : ''}${e.z.toFixed(1)} sd)`,
          )
          .join('; '),
      ]),
    }),
    table({
      id: 'k-selection',
      caption: 'Choosing k: higher silhouette and Calinski-Harabasz, lower Davies-Bouldin are better.',
      columns: ['k', 'Silhouette', 'Calinski-Harabasz', 'Davies-Bouldin'],
      rows: s.scores.map((k) => [
        String(k.k),
        k.silhouette.toFixed(3),
        k.calinskiHarabasz.toFixed(1),
        k.daviesBouldin.toFixed(3),
      ]),
    }),
    heading('Rule-based personas with their evidence'),
    paragraph(
      'Personas are rules kept as data (a store can add its own). The profiling package also has price-sensitive, quality-seeking and impulse personas; they need page views, carts, review reads and discount flags, which invoices do not have, so they are not used here.',
      'note',
    ),
    barChart({
      id: 'persona-sizes',
      title: 'Customers matching each persona (a customer can match several)',
      unit: 'customers',
      bars: s.personas.map((p) => ({ label: p.name, value: p.users })),
    }),
    table({
      id: 'persona-rules',
      columns: ['Persona', 'Rule', 'Customers'],
      rows: s.personas.map((p) => [p.name, p.description, formatNumber(p.users)]),
      numeric: [2],
    }),
    table({
      id: 'persona-examples',
      caption: 'One customer per persona and the tests that put them there.',
      columns: ['Customer', 'Persona', 'Evidence'],
      numeric: [],
      wide: [2],
      rows: s.personaExamples.map((e) => [
        e.userId,
        e.persona,
        e.evidence
          .map(
            (x) =>
              `${x.feature} = ${formatNumber(x.value, 2)} ${x.op} ${formatNumber(x.threshold, 2)} ${x.met ? '✓' : '✗'}`,
          )
          .join('; '),
      ]),
    }),
  ].join('\n');
}

function sentimentHtml(s: NonNullable<ProfileSection['sentiment']>): string {
  return [
    heading('Review sentiment'),
    paragraph(
      `Reviews: ${s.source}. The trained classifier (naive-Bayes weighted logistic regression on word n-grams) learns from ${formatNumber(s.trainRows)} labelled reviews and is scored on ${formatNumber(s.testRows)} others it never saw; the lexicon scorer needs no training.`,
      'note',
    ),
    cards([
      {
        label: 'Trained classifier accuracy',
        value: formatPercent(s.trained.accuracy),
        hint: `F1 ${s.trained.f1.toFixed(3)} on held-out reviews`,
      },
      {
        label: 'Lexicon scorer accuracy',
        value: formatPercent(s.lexicon.accuracy),
        hint: `F1 ${s.lexicon.f1.toFixed(3)} (untrained fallback)`,
      },
      { label: 'Held-out reviews called positive', value: formatPercent(s.positiveShare) },
    ]),
    table({
      id: 'sentiment-samples',
      columns: ['Review', 'Label', 'Predicted', 'P(positive)', 'Aspects'],
      numeric: [3],
      rows: s.samples.map((r) => [
        r.text,
        r.label ? 'positive' : 'negative',
        r.predicted ? 'positive' : 'negative',
        r.probability.toFixed(3),
        r.aspects.join(', '),
      ]),
    }),
  ].join('\n');
}

function purchaseHtml(p: NonNullable<ProfileSection['purchase']>): string {
  return [
    heading(`Who will buy in the next ${p.horizonDays} days`),
    paragraph(
      `A Transformer over each customer's recent order lines, trained on earlier weeks (${formatNumber(p.trainRows)} customer-weeks, ${formatPercent(p.trainBuyRate)} bought) and tested on the weeks starting ${p.testCutoffs.join(' and ')} (${formatNumber(p.testRows)} customer-weeks, ${formatPercent(p.testBuyRate)} bought), beside a logistic regression on RFM features. AUC 0.5 is guessing, 1 is perfect.`,
      'note',
    ),
    table({
      id: 'purchase-models',
      columns: ['Model', 'AUC', 'Log loss'],
      rows: [
        [
          `Transformer (${p.transformer.epochs} epochs, best ${p.transformer.bestEpoch})`,
          p.transformer.auc.toFixed(3),
          p.transformer.logLoss.toFixed(3),
        ],
        [
          'Logistic regression on RFM/activity features',
          p.logistic.auc.toFixed(3),
          p.logistic.logLoss.toFixed(3),
        ],
      ],
    }),
    histogram({
      id: 'purchase-scores',
      title: `P(order within ${p.horizonDays} days after ${p.asOf}), ${formatNumber(p.scored)} active customers`,
      edges: p.histogram.edges,
      counts: p.histogram.counts,
      xLabel: 'probability',
      yLabel: 'customers',
    }),
    table({
      id: 'purchase-top',
      caption: 'Most likely to order next week, with the product groups they are most likely to buy.',
      columns: ['Customer', 'P(order in 7 days)', 'Likely product groups'],
      numeric: [1],
      rows: p.top.map((t) => [t.userId, formatPercent(t.probability), t.categories.join(', ')]),
    }),
  ].join('\n');
}

/** Customers: RFM segments, clusters, personas, review sentiment, purchase predictions. */
export function profileSection(report: DemoReport): string {
  const s = report.profile;
  return stageSection({
    id: 'profile',
    title: '2. Who the customers are',
    lead: 'Customer features from the events in the store (guest checkouts excluded), segments and personas that explain themselves, sentiment of product reviews, and who is likely to order next week.',
    record: report.stages.find((r) => r.name === 'profile'),
    hasData: s !== undefined,
    body: () => {
      if (!s) return '';
      return [
        cards([
          {
            label: 'Customers profiled',
            value: formatNumber(s.customers),
            hint: `${s.featureCount} features each, as of ${s.asOf}`,
          },
          {
            label: 'Clusters',
            value: s.segments ? String(s.segments.k) : '–',
            hint: 'k-means, k by silhouette',
          },
          {
            label: 'Sentiment accuracy',
            value: s.sentiment ? formatPercent(s.sentiment.trained.accuracy) : '–',
            hint: 'held-out reviews',
          },
          {
            label: 'Purchase predictor AUC',
            value: s.purchase ? s.purchase.transformer.auc.toFixed(3) : '–',
            hint: 'last two weeks, held out',
          },
        ]),
        s.segments ? segmentsHtml(s.segments) : '',
        s.sentiment ? sentimentHtml(s.sentiment) : '',
        s.purchase ? purchaseHtml(s.purchase) : '',
      ].join('\n');
    },
  });
}
