import { type DemoContext, redactUrl } from '../context';
import { type KpiSection, storeKpis } from '../data/kpis';
import { GUEST_PREFIX, lineToEvent } from '../data/to-events';
import type { StageDefinition, StageTools } from '../runner/stage-runner';

export interface IngestSection {
  file: string;
  store: { kind: string; url: string };
  rowsRead: number;
  rejected: number;
  rejectedReasons: Record<string, number>;
  sampledOut: number;
  eventsWritten: number;
  duplicates: number;
  eventsInStore: number;
  readSeconds: number;
  writeSeconds: number;
  eventsPerSecond: number;
  start: string;
  end: string;
  customers: number;
  guestInvoices: number;
  invoices: number;
  products: number;
  countries: Array<{ country: string; lines: number }>;
  kpis: KpiSection;
}

const CHUNK = 20_000;

function topCountries(lines: readonly { country: string }[], n: number): IngestSection['countries'] {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line.country, (counts.get(line.country) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([country, lines]) => ({ country, lines }));
}

/** Reads the Online Retail subset and writes it as buy/refund events into a fresh store. */
async function ingest(context: DemoContext, tools: StageTools): Promise<void> {
  const readStart = performance.now();
  const retail = await context.retail();
  const readSeconds = (performance.now() - readStart) / 1000;
  tools.note(
    `read ${retail.lines.length.toLocaleString('en-US')} lines (${retail.rejected} rejected, ${retail.sampledOut} outside --sample)`,
  );
  const storage = await context.resetStorage();
  const events = retail.lines.map(lineToEvent);
  const writeStart = performance.now();
  let inserted = 0;
  let duplicates = 0;
  for (let start = 0; start < events.length; start += CHUNK) {
    const result = await storage.appendEvents(events.slice(start, start + CHUNK));
    inserted += result.inserted;
    duplicates += result.duplicates;
    tools.progress.update(`ingest → ${storage.kind}`, Math.min(events.length, start + CHUNK), events.length);
  }
  const writeSeconds = (performance.now() - writeStart) / 1000;
  const eventsInStore = await storage.countEvents();
  if (eventsInStore !== events.length - duplicates) {
    tools.degrade(`store holds ${eventsInStore} events, expected ${events.length - duplicates}`);
  }
  const customers = new Set(retail.lines.map((l) => l.customerId).filter(Boolean)).size;
  const guests = new Set(events.filter((e) => e.userId.startsWith(GUEST_PREFIX)).map((e) => e.userId)).size;
  context.report.ingest = {
    file: retail.file.split(/[\\/]/).slice(-2).join('/'),
    store: { kind: storage.kind, url: redactUrl(context.options.storeUrl) },
    rowsRead: retail.rows,
    rejected: retail.rejected,
    rejectedReasons: retail.reasons,
    sampledOut: retail.sampledOut,
    eventsWritten: inserted,
    duplicates,
    eventsInStore,
    readSeconds,
    writeSeconds,
    eventsPerSecond: inserted / Math.max(1e-9, writeSeconds),
    start: new Date(retail.start).toISOString().slice(0, 10),
    end: new Date(retail.end).toISOString().slice(0, 10),
    customers,
    guestInvoices: guests,
    invoices: new Set(retail.lines.map((l) => l.invoice)).size,
    products: new Set(retail.lines.filter((l) => !l.service).map((l) => l.itemId)).size,
    countries: topCountries(retail.lines, 8),
    kpis: storeKpis(retail.lines),
  };
}

export const ingestStage: StageDefinition<DemoContext> = {
  name: 'ingest',
  title: 'Ingest a year of Online Retail invoices into the store',
  run: ingest,
};
