import type { RetailLine } from './retail';

/** A KPI the data gives, or one it cannot give and why. */
export interface Kpi {
  name: string;
  /** Undefined when the data cannot give it. */
  value?: number;
  unit: 'GBP' | 'share' | 'count' | 'ratio' | 'days';
  definition: string;
  /** Why the data cannot give it (and where a substitute is). */
  unavailable?: string;
}

export interface RetentionPoint {
  /** Months after the cohort's first month. */
  month: number;
  /** Share of the cohort that bought in that month. */
  share: number;
}

export interface KpiSection {
  kpis: Kpi[];
  /** Month-by-month share of the first cohort (first purchase in the data's first month) that bought again. */
  retentionCurve: RetentionPoint[];
  cohortMonth: string;
  cohortSize: number;
  /** Revenue (net of cancellations) per month, £. */
  monthlyRevenue: Array<{ month: string; revenue: number; orders: number }>;
}

const DAY_MS = 86_400_000;

function monthKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

function monthIndex(key: string): number {
  const [year, month] = key.split('-').map(Number);
  return year * 12 + month - 1;
}

interface OrderFacts {
  customer: string | undefined;
  timestamp: number;
  value: number;
  lines: number;
}

function orders(lines: readonly RetailLine[]): Map<string, OrderFacts> {
  const byInvoice = new Map<string, OrderFacts>();
  for (const line of lines) {
    if (line.cancelled) continue;
    let order = byInvoice.get(line.invoice);
    if (!order) {
      order = { customer: line.customerId, timestamp: line.timestamp, value: 0, lines: 0 };
      byInvoice.set(line.invoice, order);
    }
    order.value += line.quantity * line.unitPrice;
    order.lines++;
  }
  return byInvoice;
}

function retention(
  byInvoice: Map<string, OrderFacts>,
): Pick<KpiSection, 'retentionCurve' | 'cohortMonth' | 'cohortSize'> & { momRetention: number } {
  const months = new Map<string, Set<number>>();
  for (const order of byInvoice.values()) {
    if (!order.customer) continue;
    let set = months.get(order.customer);
    if (!set) {
      set = new Set();
      months.set(order.customer, set);
    }
    set.add(monthIndex(monthKey(order.timestamp)));
  }
  const firsts = [...months.values()].map((set) => Math.min(...set));
  const first = Math.min(...firsts);
  const last = Math.max(...[...months.values()].flatMap((set) => [...set]));
  const cohort = [...months.values()].filter((set) => Math.min(...set) === first);
  const retentionCurve: RetentionPoint[] = [];
  for (let m = 1; m <= last - first; m++) {
    retentionCurve.push({
      month: m,
      share: cohort.filter((set) => set.has(first + m)).length / Math.max(1, cohort.length),
    });
  }
  let active = 0;
  let kept = 0;
  for (const set of months.values()) {
    for (const m of set) {
      if (m >= last) continue;
      active++;
      if (set.has(m + 1)) kept++;
    }
  }
  const year = Math.floor(first / 12);
  const cohortMonth = `${year}-${String((first % 12) + 1).padStart(2, '0')}`;
  return { retentionCurve, cohortMonth, cohortSize: cohort.length, momRetention: kept / Math.max(1, active) };
}

/** The store-level KPIs the data supports, and the ones it cannot give, with reasons. */
export function storeKpis(lines: readonly RetailLine[]): KpiSection {
  const byInvoice = orders(lines);
  const all = [...byInvoice.values()];
  const revenue = all.reduce((sum, o) => sum + o.value, 0);
  const cancelledValue = lines
    .filter((l) => l.cancelled)
    .reduce((sum, l) => sum - l.quantity * l.unitPrice, 0);
  const perCustomer = new Map<string, number>();
  for (const order of all)
    if (order.customer) perCustomer.set(order.customer, (perCustomer.get(order.customer) ?? 0) + 1);
  const customers = perCustomer.size;
  const repeaters = [...perCustomer.values()].filter((n) => n >= 2).length;
  const guestOrders = all.filter((o) => !o.customer).length;
  const { momRetention, ...curve } = retention(byInvoice);
  const span = (Math.max(...all.map((o) => o.timestamp)) - Math.min(...all.map((o) => o.timestamp))) / DAY_MS;
  const monthly = new Map<string, { revenue: number; orders: number }>();
  for (const order of all) {
    const key = monthKey(order.timestamp);
    const entry = monthly.get(key) ?? { revenue: 0, orders: 0 };
    entry.revenue += order.value;
    entry.orders++;
    monthly.set(key, entry);
  }
  for (const line of lines) {
    if (!line.cancelled) continue;
    const entry = monthly.get(monthKey(line.timestamp));
    if (entry) entry.revenue += line.quantity * line.unitPrice;
  }
  const kpis: Kpi[] = [
    {
      name: 'Net revenue',
      value: revenue - cancelledValue,
      unit: 'GBP',
      definition: 'sum of quantity × unit price over all lines, cancellations subtracted',
    },
    { name: 'Orders', value: all.length, unit: 'count', definition: 'invoices that are not cancellations' },
    {
      name: 'Average order value (AOV)',
      value: revenue / Math.max(1, all.length),
      unit: 'GBP',
      definition: 'gross order value / orders',
    },
    {
      name: 'Lines per order',
      value: all.reduce((s, o) => s + o.lines, 0) / Math.max(1, all.length),
      unit: 'ratio',
      definition: 'invoice lines / orders',
    },
    {
      name: 'Identified customers',
      value: customers,
      unit: 'count',
      definition: 'distinct CustomerID with an order',
    },
    {
      name: 'Guest share of orders',
      value: guestOrders / Math.max(1, all.length),
      unit: 'share',
      definition: 'orders without CustomerID / orders',
    },
    {
      name: 'Repurchase rate',
      value: repeaters / Math.max(1, customers),
      unit: 'share',
      definition: 'customers with 2 or more orders / customers',
    },
    {
      name: 'Month-over-month retention',
      value: momRetention,
      unit: 'share',
      definition:
        'customer-months followed by an order in the next month / customer-months (last month excluded)',
    },
    {
      name: 'Orders per customer per year',
      value: (all.length - guestOrders) / Math.max(1, customers) / Math.max(1e-9, span / 365),
      unit: 'ratio',
      definition: 'identified orders / customers, scaled to 365 days',
    },
    {
      name: 'Cancellation rate (value)',
      value: cancelledValue / Math.max(1e-9, revenue),
      unit: 'share',
      definition: 'value of cancelled lines / gross order value',
    },
    {
      name: 'ROAS',
      unit: 'ratio',
      definition: 'revenue attributed to ads / ad spend',
      unavailable:
        'no advertising spend or attribution in the data; the Market section reports ROAS of simulated channels',
    },
    {
      name: 'Gross margin',
      unit: 'share',
      definition: '(revenue − cost of goods) / revenue',
      unavailable: 'no product costs in the data',
    },
    {
      name: 'Conversion rate',
      unit: 'share',
      definition: 'orders / visits',
      unavailable: 'no visits or sessions in the data (invoices only)',
    },
    {
      name: 'NPS',
      unit: 'ratio',
      definition: '% promoters − % detractors',
      unavailable: 'no survey answers in the data',
    },
    {
      name: 'Customer acquisition cost',
      unit: 'GBP',
      definition: 'marketing spend / new customers',
      unavailable: 'no marketing spend in the data',
    },
  ];
  return {
    kpis,
    ...curve,
    monthlyRevenue: [...monthly]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, v]) => ({ month, ...v })),
  };
}
