import {
  type AppendResult,
  type BehaviorEvent,
  createStorage,
  type ReadOptions,
  type ReadSummary,
  type Rejection,
  readEvents,
  type Storage,
} from '@shoppilot/core';
import { createProgressBar, type ProgressMode, printNote, UsageError } from '../../output/index';
import { redactUrl } from '../doctor/checks';

export interface IngestOptions {
  input: string;
  /** Storage URL (memory:, sqlite:…, postgres://…); not needed for a dry run. */
  store?: string;
  dryRun: boolean;
  read: ReadOptions;
  progress: ProgressMode;
  /**
   * `bulk`: the store's `bulkLoad` (SQLite and PostgreSQL: the per-user index is dropped during the
   * load and built once at the end); `append`: one `appendEvents` per batch (keeps the index up to
   * date; better for a small file into a large store); `auto` (default): `bulk` into an empty store
   * that has `bulkLoad`, `append` otherwise.
   */
  load?: LoadMode;
  signal?: AbortSignal;
}

export type LoadMode = 'auto' | 'bulk' | 'append';

type Batches = AsyncIterable<readonly BehaviorEvent[]>;
/** A store with a bulk path (SqliteStorage, PostgresStorage). */
type BulkLoader = Storage & {
  bulkLoad(
    batches: Batches,
    options: { signal?: AbortSignal; onProgress?: (p: { completed: number }) => void },
  ): Promise<AppendResult>;
};

/** What `shoppilot ingest` reports (its `--json` output). */
export interface IngestReport {
  input: string;
  store: string | null;
  kind: 'events';
  mode: 'strict' | 'lenient';
  dryRun: boolean;
  rows: number;
  accepted: number;
  rejected: number;
  /** How the events were written (`null` in a dry run): see `IngestOptions.load`. */
  load: 'bulk' | 'append' | null;
  /** Events newly written, and events the store already had (re-ingesting is idempotent). */
  inserted: number;
  duplicates: number;
  /** Count per rejection reason (`field: message`). */
  reasons: Record<string, number>;
  /** The first rejected rows with every issue. */
  firstRejections: Rejection[];
  columns: ReadSummary['columns'] | null;
  timestampFormat: string | null;
  seconds: number;
}

const SHOWN_REJECTIONS = 5;

/** Streams an events file into a store batch by batch, with a progress bar on stderr. */
export async function ingestEvents(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const storage: Storage | undefined = options.dryRun ? undefined : await createStorage(options.store ?? '');
  const bar = createProgressBar('ingest', options.progress);
  const reader = readEvents(options.input, {
    ...options.read,
    signal: options.signal,
    onProgress: (event) => bar.update(event),
  });
  let written = { inserted: 0, duplicates: 0 };
  let committed = 0;
  let load: 'bulk' | 'append' | null = null;
  try {
    load = storage ? await chooseLoad(storage, options.load ?? 'auto') : null;
    const onProgress = (p: { completed: number }) => {
      committed = p.completed;
    };
    if (storage && load === 'bulk') {
      written = await (storage as BulkLoader).bulkLoad(reader, { signal: options.signal, onProgress });
    } else if (storage) {
      for await (const batch of reader) {
        const result = await storage.appendEvents(batch, { signal: options.signal });
        written = add(written, result);
        committed = written.inserted + written.duplicates;
      }
    } else {
      for await (const _ of reader); // dry run: read and validate only
    }
  } catch (error) {
    bar.stop();
    if (committed > 0)
      printNote(`note: ${committed} events had been committed (new or already stored) before this error.`);
    throw error;
  } finally {
    bar.stop();
    await storage?.close();
  }
  const summary = reader.summary;
  return {
    input: options.input,
    store: options.store ? redactUrl(options.store) : null,
    kind: 'events',
    mode: options.read.mode ?? 'strict',
    dryRun: options.dryRun,
    rows: summary.rows,
    accepted: summary.accepted,
    rejected: summary.rejected,
    load,
    inserted: written.inserted,
    duplicates: written.duplicates,
    reasons: summary.reasons,
    firstRejections: summary.rejections.slice(0, SHOWN_REJECTIONS),
    columns: summary.columns ?? null,
    timestampFormat: typeof summary.timestampFormat === 'string' ? summary.timestampFormat : null,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  };
}

/** The load path for this store: see `IngestOptions.load`. */
async function chooseLoad(storage: Storage, mode: LoadMode): Promise<'bulk' | 'append'> {
  const canBulk = typeof (storage as Partial<BulkLoader>).bulkLoad === 'function';
  if (mode === 'bulk' && !canBulk)
    throw new UsageError(`--load bulk: the ${storage.kind} store has no bulk load (use --load append)`);
  if (mode !== 'auto') return mode;
  return canBulk && (await storage.countEvents({ limit: 1 })) === 0 ? 'bulk' : 'append';
}

function add(a: AppendResult, b: AppendResult): AppendResult {
  return { inserted: a.inserted + b.inserted, duplicates: a.duplicates + b.duplicates };
}

/** The report as lines for a terminal. */
export function formatIngestReport(report: IngestReport): string[] {
  const lines = [
    `${report.dryRun ? 'checked' : 'ingested'} ${report.input}${report.store ? ` into ${report.store}` : ' (dry run, nothing written)'}`,
    `  rows       ${report.rows}`,
    `  accepted   ${report.accepted}`,
    `  rejected   ${report.rejected}${report.mode === 'lenient' ? '' : ' (strict mode)'}`,
  ];
  if (!report.dryRun)
    lines.push(
      `  inserted   ${report.inserted} (${report.duplicates} already stored; ${report.load === 'bulk' ? 'bulk load' : 'appended'})`,
    );
  if (report.columns) {
    const used = Object.entries(report.columns.used).map(([field, column]) =>
      field === column ? field : `${field}<-${column}`,
    );
    lines.push(
      `  columns    ${used.join(', ')}${report.columns.unused.length ? `; unused: ${report.columns.unused.join(', ')}` : ''}`,
    );
  }
  if (report.timestampFormat) lines.push(`  timestamps ${report.timestampFormat}`);
  const rate = report.seconds > 0 ? Math.round(report.rows / report.seconds) : report.rows;
  lines.push(`  took       ${report.seconds.toFixed(1)} s (${rate} rows/s)`);
  if (report.rejected > 0) {
    lines.push('rejection reasons:');
    const reasons = Object.entries(report.reasons).sort((a, b) => b[1] - a[1]);
    for (const [reason, count] of reasons.slice(0, 10))
      lines.push(`  ${String(count).padStart(8)}  ${reason}`);
    lines.push('first rejected rows:');
    for (const rejection of report.firstRejections) {
      const issues = rejection.issues.map(
        (issue) =>
          `${issue.field ? `${issue.field}: ` : ''}${issue.message}${issue.received !== undefined ? `, received ${issue.received}` : ''}`,
      );
      lines.push(`  row ${rejection.row}: ${issues.join('; ')}`);
    }
  }
  return lines;
}
