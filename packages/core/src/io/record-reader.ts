import type { z } from 'zod';
import { type InputIssue, InputValidationError, InvalidArgumentError, ShopPilotError } from '../errors/index';
import type { LongRunningOptions } from '../progress/index';
import type { BindingSpec, ColumnBinding } from './column-binding';
import { csvRows } from './csv-rows';
import { jsonlRows } from './jsonl-rows';
import {
  formatFromName,
  type OpenedSource,
  openSource,
  type ReadSource,
  type SourceOptions,
  sourceName,
} from './open-source';
import { DEFAULT_MAX_RECORD_SIZE, type RawRow } from './raw-rows';
import { type ReadSummary, type Rejection, reasonKey } from './read-summary';
import { type MapperOptions, RecordMapper, withColumn } from './record-mapper';
import { type TimestampFormat, TimestampParser } from './timestamp';
import { inputIssuesFromZod } from './validation';

/** Options every reader takes. */
export interface ReadOptions extends MapperOptions, Omit<SourceOptions, 'signal'>, LongRunningOptions {
  /** CSV field delimiter: `,` (default; tab for `.tsv` files), `;`, `\t`, `|`… */
  delimiter?: string;
  /** Column names when the CSV file has no header row. Default: the first row is the header. */
  columns?: readonly string[];
  /** How timestamps are written. Default `auto` (detected per file). */
  timestampFormat?: TimestampFormat;
  /**
   * `strict` (default): the first bad row throws `InputValidationError` naming file, row, field
   * and expected form. `lenient`: bad rows are counted and reported in `summary` and `onReject`.
   */
  mode?: 'strict' | 'lenient';
  /** Records per yielded batch. Default 10,000. */
  batchSize?: number;
  /** How many rejections `summary.rejections` keeps (all are counted). Default 1,000. */
  maxRejections?: number;
  /** Longest row in characters. Default 1,000,000. */
  maxRecordSize?: number;
  /** Called for every rejected row in lenient mode. */
  onReject?: (rejection: Rejection) => void;
}

/** What a reader validates against and how it post-processes records. */
export interface ReaderSpec<T> {
  schema: z.ZodType<T> | undefined;
  binding: BindingSpec;
  transform?: (record: T) => T;
}

/**
 * Streams a CSV or JSONL source as batches of validated records. Iterate it once with
 * `for await (const batch of reader)`; `summary` is updated as it goes and final at the end.
 */
export class RecordReader<T> implements AsyncIterable<T[]> {
  readonly summary: ReadSummary;
  private started = false;
  private header: ColumnBinding | undefined;
  private readonly timestamps: TimestampParser;
  private readonly mapper: RecordMapper;

  constructor(
    private readonly source: ReadSource,
    private readonly spec: ReaderSpec<T>,
    private readonly options: ReadOptions = {},
  ) {
    checkOptions(options);
    const name = sourceName(source);
    this.timestamps = new TimestampParser(options.timestampFormat ?? 'auto');
    this.mapper = new RecordMapper(spec.binding, options, this.timestamps, name);
    this.summary = {
      source: name,
      format: options.format ?? formatFromName(name),
      rows: 0,
      accepted: 0,
      rejected: 0,
      rejections: [],
      reasons: {},
      bytesRead: 0,
      done: false,
    };
  }

  [Symbol.asyncIterator](): AsyncIterator<T[]> {
    if (this.started) {
      throw new InvalidArgumentError({ argument: 'reader', message: 'a reader can be iterated only once' });
    }
    this.started = true;
    return this.batches();
  }

  /** Reads everything into one array (for small files). */
  async collect(): Promise<{ records: T[]; summary: ReadSummary }> {
    const records: T[] = [];
    for await (const batch of this) for (const record of batch) records.push(record);
    return { records, summary: this.summary };
  }

  private async *batches(): AsyncGenerator<T[]> {
    const { signal } = this.options;
    signal?.throwIfAborted();
    const opened = await openSource(this.source, { ...this.options, signal });
    this.summary.format = opened.format;
    this.summary.totalBytes = opened.totalBytes;
    const chunks = this.tokenize(opened)[Symbol.asyncIterator]();
    const batchSize = this.options.batchSize ?? 10_000;
    let batch: T[] = [];
    try {
      for (let step = await this.next(chunks, opened); !step.done; step = await this.next(chunks, opened)) {
        signal?.throwIfAborted();
        for (const raw of step.value) {
          const record = this.handle(raw);
          if (record === undefined) continue;
          batch.push(record);
          if (batch.length < batchSize) continue;
          this.progress(opened);
          yield batch;
          batch = [];
          signal?.throwIfAborted();
        }
      }
      this.summary.done = true;
      this.progress(opened);
      if (batch.length) yield batch;
    } finally {
      opened.close();
      await chunks.return?.().catch(() => undefined);
    }
  }

  private tokenize(opened: OpenedSource): AsyncIterable<RawRow[]> {
    const maxRecordSize = this.options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
    if (opened.format === 'jsonl') return jsonlRows(opened.stream, { maxRecordSize });
    const delimiter = this.options.delimiter ?? (/\.tsv(\.gz)?$/i.test(opened.name) ? '\t' : ',');
    return csvRows(opened.stream, { maxRecordSize, delimiter, columns: this.options.columns });
  }

  private async next(
    chunks: AsyncIterator<RawRow[]>,
    opened: OpenedSource,
  ): Promise<IteratorResult<RawRow[]>> {
    try {
      return await chunks.next();
    } catch (error) {
      throw this.readError(error, opened);
    }
  }

  private readError(error: unknown, opened: OpenedSource): unknown {
    if (ShopPilotError.isInstance(error)) return error;
    if (this.options.signal?.aborted) return this.options.signal.reason;
    const detail = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    const zlib = opened.compression === 'gzip' && typeof code === 'string' && code.startsWith('Z_');
    const compressed = zlib ? ' (gzip data)' : '';
    return new InputValidationError({
      issues: [{ file: opened.name, message: `cannot read${compressed}: ${detail}` }],
      cause: error,
    });
  }

  /** One raw row → a record, or undefined when it was rejected (or was the header). */
  private handle(raw: RawRow): T | undefined {
    if (raw.kind === 'header') {
      this.header = this.mapper.bindHeader(raw.columns);
      const { used, unused } = this.header;
      this.summary.columns = { header: raw.columns, used, unused };
      return undefined;
    }
    if (raw.kind === 'error') {
      const issue: InputIssue = { file: this.summary.source, row: raw.row, message: raw.message };
      if (raw.expected) issue.expected = raw.expected;
      if (raw.fatal) throw new InputValidationError({ issues: [issue] });
      this.reject({ row: raw.row, line: raw.line, issues: [issue] });
      return undefined;
    }
    const header = this.header;
    const binding = header ?? this.mapper.bindKeys(raw.columns ?? [], raw.topLevelCount ?? 0);
    if (header && raw.values.length !== (this.summary.columns?.header.length ?? 0)) {
      const expected = this.summary.columns?.header.length ?? 0;
      const message = `row has ${raw.values.length} field${raw.values.length === 1 ? '' : 's'} but the header has ${expected}`;
      this.reject({
        row: raw.row,
        line: raw.line,
        issues: [{ file: this.summary.source, row: raw.row, message }],
      });
      return undefined;
    }
    return this.validate(raw.row, raw.line, raw.values, binding);
  }

  private validate(row: number, line: number, values: unknown[], binding: ColumnBinding): T | undefined {
    const location = { file: this.summary.source, row };
    const { record, issues } = this.mapper.map(binding, values, row);
    const found: InputIssue[] = (issues ?? []).map((issue) => ({ ...location, ...issue }));
    let value: T = record as T;
    if (this.spec.schema) {
      const result = this.spec.schema.safeParse(record);
      if (result.success) value = result.data;
      else {
        const failed = new Set(found.map((issue) => issue.field));
        for (const issue of inputIssuesFromZod(result.error.issues, record, location)) {
          if (failed.has(issue.field)) continue;
          const field = binding.fields.find((candidate) => candidate.name === issue.field);
          found.push({ ...issue, message: withColumn(issue.message, field) });
        }
      }
    }
    if (found.length) {
      this.reject({ row, line, issues: found });
      return undefined;
    }
    this.summary.accepted += 1;
    this.summary.rows += 1;
    return this.spec.transform ? this.spec.transform(value) : value;
  }

  private reject(rejection: Rejection): void {
    if (this.options.mode !== 'lenient') throw new InputValidationError({ issues: rejection.issues });
    const summary = this.summary;
    summary.rejected += 1;
    summary.rows += 1;
    const key = reasonKey(rejection.issues[0]);
    summary.reasons[key] = (summary.reasons[key] ?? 0) + 1;
    if (summary.rejections.length < (this.options.maxRejections ?? 1000)) summary.rejections.push(rejection);
    this.options.onReject?.(rejection);
  }

  private progress(opened: OpenedSource): void {
    const summary = this.summary;
    summary.bytesRead = opened.bytesRead();
    if (this.timestamps.resolved !== 'auto') summary.timestampFormat = this.timestamps.resolved;
    this.options.onProgress?.({
      stage: 'read',
      completed: summary.bytesRead,
      total: summary.totalBytes,
      message: `${summary.rows} rows (${summary.rejected} rejected)`,
      metrics: {
        rows: summary.rows,
        accepted: summary.accepted,
        rejected: summary.rejected,
        bytes: summary.bytesRead,
      },
    });
  }
}

function checkOptions(options: ReadOptions): void {
  const { batchSize, delimiter, maxRecordSize, maxRejections } = options;
  for (const [name, value] of Object.entries({ batchSize, maxRecordSize, maxRejections })) {
    const min = name === 'maxRejections' ? 0 : 1;
    if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
      throw new InvalidArgumentError({ argument: name, message: `must be an integer >= ${min}`, value });
    }
  }
  if (delimiter !== undefined && (delimiter.length === 0 || /["\r\n]/.test(delimiter))) {
    throw new InvalidArgumentError({
      argument: 'delimiter',
      message: 'must be non-empty and contain no quote or line break',
      value: delimiter,
    });
  }
  if (options.mode !== undefined && options.mode !== 'strict' && options.mode !== 'lenient') {
    throw new InvalidArgumentError({
      argument: 'mode',
      message: 'must be "strict" or "lenient"',
      value: options.mode,
    });
  }
}
