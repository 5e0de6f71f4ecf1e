import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { addAbortSignal, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { InvalidArgumentError } from '../errors/index';

/** Raw bytes or text in memory or arriving as a stream, with a name for messages. */
export interface DataSource {
  /** Shown in errors; its extension picks the format and compression when not given. */
  name: string;
  data: string | Uint8Array | Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>;
  /** Total bytes, when known (for progress). */
  size?: number;
}

/** A file path, a `file:` URL, or data with a name. */
export type ReadSource = string | URL | DataSource;

export type ReadFormat = 'csv' | 'jsonl';

export interface SourceOptions {
  /** `csv` or `jsonl`. Default: from the extension (`.jsonl`, `.ndjson`, `.json` → jsonl; else csv). */
  format?: ReadFormat;
  /** `gzip` or `none`. Default: `gzip` when the name ends in `.gz`. */
  compression?: 'gzip' | 'none';
  signal?: AbortSignal;
}

export interface OpenedSource {
  name: string;
  format: ReadFormat;
  compression: 'gzip' | 'none';
  /** Decompressed bytes. */
  stream: Readable;
  /** Bytes consumed from the source so far (compressed bytes for gzip files). */
  bytesRead(): number;
  totalBytes: number | undefined;
  close(): void;
}

/** Name of a source for messages. */
export function sourceName(source: ReadSource): string {
  if (typeof source === 'string') return source;
  if (source instanceof URL) return fileURLToPath(source);
  return source.name;
}

/** The format a source's name implies (after removing `.gz`). */
export function formatFromName(name: string): ReadFormat {
  const base = name.toLowerCase().replace(/\.gz$/, '');
  return /\.(jsonl|ndjson|json)$/.test(base) ? 'jsonl' : 'csv';
}

/** Opens a source for streaming, decompressing gzip. Missing files throw `InvalidArgumentError`. */
export async function openSource(source: ReadSource, options: SourceOptions = {}): Promise<OpenedSource> {
  const name = sourceName(source);
  const format = options.format ?? formatFromName(name);
  const gzip = (options.compression ?? (/\.gz$/i.test(name) ? 'gzip' : 'none')) === 'gzip';
  let raw: Readable;
  let bytesRead: () => number;
  let totalBytes: number | undefined;
  if (typeof source === 'string' || source instanceof URL) {
    const file = await openFile(name);
    raw = file.stream;
    totalBytes = file.size;
    bytesRead = () => file.stream.bytesRead;
  } else {
    let count = 0;
    raw = Readable.from(
      countBytes(source.data, (n) => (count += n)),
      { objectMode: false },
    );
    totalBytes =
      source.size ?? (typeof source.data === 'string' ? Buffer.byteLength(source.data) : undefined);
    bytesRead = () => count;
  }
  if (options.signal) addAbortSignal(options.signal, raw);
  let stream = raw;
  if (gzip) {
    stream = raw.pipe(createGunzip());
    raw.on('error', (error) => stream.destroy(error));
  }
  const close = () => {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  };
  return { name, format, compression: gzip ? 'gzip' : 'none', stream, bytesRead, totalBytes, close };
}

async function openFile(path: string): Promise<{ stream: ReadStream; size: number }> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'source',
      message: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
      value: path,
      cause: error,
    });
  }
  return { stream: createReadStream(path, { highWaterMark: 256 * 1024 }), size };
}

async function* countBytes(data: DataSource['data'], add: (bytes: number) => void): AsyncGenerator<Buffer> {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    const buffer =
      typeof data === 'string'
        ? Buffer.from(data)
        : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    add(buffer.length);
    yield buffer;
    return;
  }
  for await (const chunk of data as AsyncIterable<Uint8Array | string>) {
    const buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    add(buffer.length);
    yield buffer;
  }
}
