import type { Kpi } from '../../data/kpis';
import { barChart } from '../bar-chart';
import { formatMoney, formatNumber, formatPercent } from '../format';
import { cards, heading, paragraph, stageSection } from '../layout';
import { lineChart } from '../line-chart';
import { table } from '../table';
import type { DemoReport } from '../types';

function kpiValue(kpi: Kpi): string {
  if (kpi.value === undefined) return 'not in the data';
  if (kpi.unit === 'GBP') return formatMoney(kpi.value);
  if (kpi.unit === 'share') return formatPercent(kpi.value);
  if (kpi.unit === 'count') return formatNumber(kpi.value);
  return formatNumber(kpi.value, 2);
}

/** Data loaded, store written, and the store's seed-level KPIs. */
export function ingestSection(report: DemoReport): string {
  const s = report.ingest;
  const record = report.stages.find((r) => r.name === 'ingest');
  return stageSection({
    id: 'ingest',
    title: '1. Data and store KPIs',
    lead: 'A year of a real online gift shop (UCI Online Retail, UK, December 2010 to December 2011): every invoice line becomes a buy (or refund) event in the store. The KPIs below are computed from these invoices; the ones the data cannot give are named with the reason.',
    record,
    hasData: s !== undefined,
    body: () => {
      if (!s) return '';
      const available = s.kpis.kpis.filter((k) => k.value !== undefined);
      const missing = s.kpis.kpis.filter((k) => k.value === undefined);
      const reasons = Object.entries(s.rejectedReasons).map(([reason, n]) => [reason, formatNumber(n)]);
      return [
        cards([
          {
            label: 'Invoice lines read',
            value: formatNumber(s.rowsRead),
            hint: `${s.file}, ${s.start} to ${s.end}`,
          },
          {
            label: 'Events in the store',
            value: formatNumber(s.eventsInStore),
            hint: `${s.store.kind}: ${formatNumber(s.eventsPerSecond)} events/s written`,
          },
          {
            label: 'Customers',
            value: formatNumber(s.customers),
            hint: `plus ${formatNumber(s.guestInvoices)} guest invoices`,
          },
          {
            label: 'Products',
            value: formatNumber(s.products),
            hint: `${formatNumber(s.invoices)} invoices`,
          },
        ]),
        paragraph(
          `Store: ${s.store.url}. Lines not used: ${formatNumber(s.rejected)} rejected (reasons below), ${formatNumber(s.sampledOut)} outside --sample. Nothing is dropped silently.`,
          'note',
        ),
        reasons.length
          ? table({ id: 'rejected-reasons', columns: ['Reason a line was not used', 'Lines'], rows: reasons })
          : '',
        heading('Store KPIs from the data'),
        cards(available.map((k) => ({ label: k.name, value: kpiValue(k), hint: k.definition }))),
        heading('KPIs this data cannot give'),
        table({
          id: 'kpis-unavailable',
          columns: ['KPI', 'Definition', 'Why not'],
          rows: missing.map((k) => [k.name, k.definition, k.unavailable ?? '']),
          numeric: [],
        }),
        lineChart({
          id: 'retention-curve',
          title: `Retention of the ${s.kpis.cohortMonth} cohort (${formatNumber(s.kpis.cohortSize)} customers)`,
          caption:
            'Share of the customers whose first order was in the first month who ordered again in each later month.',
          xLabels: s.kpis.retentionCurve.map((p) => `+${p.month} mo`),
          series: [
            { name: 'share of cohort ordering (%)', values: s.kpis.retentionCurve.map((p) => p.share * 100) },
          ],
          yLabel: '% of cohort',
        }),
        barChart({
          id: 'monthly-revenue',
          title: 'Net revenue per month (£)',
          caption: 'The last month holds only the first 9 days of December 2011.',
          unit: '£',
          bars: s.kpis.monthlyRevenue.map((m) => ({
            label: m.month,
            value: m.revenue,
            text: formatMoney(m.revenue, 0),
          })),
        }),
        table({
          id: 'countries',
          columns: ['Country', 'Invoice lines'],
          rows: s.countries.map((c) => [c.country, formatNumber(c.lines)]),
        }),
      ].join('\n');
    },
  });
}
