/**
 * One measurement of the core-io suite, run in a fresh process so that its peak RSS is its own:
 * `node --conditions=@shoppilot/source --import tsx bench/suites/core-io-measure.ts <variant> <file>`
 * prints one JSON line { rows, accepted, rejected, wallMs, cpuMs, maxRssMb, baselineRssMb }.
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { readEvents, readRecords, readTransactions } from '@shoppilot/core';

export const VARIANTS = ['gunzip-lines', 'records', 'transactions', 'events-taobao'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface Measurement {
  variant: Variant;
  rows: number;
  accepted: number;
  rejected: number;
  wallMs: number;
  cpuMs: number;
  /** Peak resident memory of the whole process, MB. */
  maxRssMb: number;
  /** Resident memory after loading the modules, before reading, MB. */
  baselineRssMb: number;
  /** Decompressed bytes (gunzip-lines only). */
  bytes?: number;
  /** With --expose-gc: the most live heap over the start, after a full GC every 5 batches, MB. */
  liveHeapMb?: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
let liveHeapBase = 0;
let liveHeapMax = 0;

async function countLines(file: string) {
  let lines = 0;
  let bytes = 0;
  for await (const chunk of createReadStream(file).pipe(createGunzip()) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { rows: lines - 1, accepted: lines - 1, rejected: 0, bytes };
}

async function drain(
  reader: AsyncIterable<unknown[]> & { summary: { rows: number; accepted: number; rejected: number } },
) {
  let batches = 0;
  for await (const _batch of reader) {
    // batches are dropped at once: only one batch (10k rows) is alive at a time
    if (gc && ++batches % 5 === 0) {
      gc();
      liveHeapMax = Math.max(liveHeapMax, process.memoryUsage().heapUsed - liveHeapBase);
    }
  }
  const { rows, accepted, rejected } = reader.summary;
  return { rows, accepted, rejected };
}

export async function measure(variant: Variant, file: string): Promise<Measurement> {
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  if (gc) {
    gc();
    liveHeapBase = process.memoryUsage().heapUsed;
  }
  const cpu = process.cpuUsage();
  const began = performance.now();
  let counts: { rows: number; accepted: number; rejected: number; bytes?: number };
  if (variant === 'gunzip-lines') counts = await countLines(file);
  else if (variant === 'records') counts = await drain(readRecords(file, { mode: 'lenient' }));
  else if (variant === 'transactions') counts = await drain(readTransactions(file, { mode: 'lenient' }));
  else {
    const columns = ['userId', 'itemId', 'categoryId', 'type', 'timestamp'];
    counts = await drain(readEvents(file, { columns, mode: 'lenient' }));
  }
  const wallMs = performance.now() - began;
  const used = process.cpuUsage(cpu);
  return {
    variant,
    ...counts,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    baselineRssMb,
    liveHeapMb: gc ? liveHeapMax / 2 ** 20 : undefined,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [variant, file] = process.argv.slice(2) as [Variant, string];
  if (!VARIANTS.includes(variant) || !file) {
    console.error(`usage: core-io-measure.ts <${VARIANTS.join('|')}> <file>`);
    process.exit(2);
  }
  console.log(JSON.stringify(await measure(variant, file)));
}
