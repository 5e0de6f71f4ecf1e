/**
 * Makes the committed Online Retail subset from the full UCI file (CC0, Chen, Sain & Guo 2012):
 * every line of a hash-sample of customers plus the same share of the guest invoices (lines
 * without CustomerID), lines copied byte for byte. Deterministic: MurmurHash3 of the id.
 *
 *   node --conditions=@shoppilot/source --import tsx examples/store-ops/src/tools/make-retail-subset.ts \
 *     ../shared/datasets/transactions/online_retail.csv.gz datasets/online_retail/online_retail_subset.csv.gz 0.35
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { murmurHash3 } from '@shoppilot/core';
import { parse } from 'csv-parse/sync';

/** Whether an id falls in the sample (share in [0, 1], 1/10,000 resolution). */
export function inSample(id: string, share: number): boolean {
  return murmurHash3(id, 2012) % 10_000 < Math.round(share * 10_000);
}

async function* selectLines(
  input: string,
  share: number,
  counts: Record<string, number>,
): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(input).pipe(createGunzip()), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      yield `${line}\n`;
      continue;
    }
    // One record per line in this file; the raw line is kept byte for byte.
    const [fields = []]: string[][] = parse(line, { relax_quotes: true });
    const customer = fields[6] ?? '';
    const keep = customer === '' ? inSample(`guest:${fields[0]}`, share) : inSample(customer, share);
    counts[keep ? 'kept' : 'skipped'] = (counts[keep ? 'kept' : 'skipped'] ?? 0) + 1;
    if (keep) yield `${line}\n`;
  }
}

async function main(): Promise<void> {
  const [input, output, shareText = '0.35'] = process.argv.slice(2);
  if (!input || !output)
    throw new Error('usage: make-retail-subset.ts <input.csv.gz> <output.csv.gz> [share]');
  const share = Number(shareText);
  const counts: Record<string, number> = {};
  await pipeline(
    Readable.from(selectLines(input, share, counts)),
    createGzip({ level: 9 }),
    createWriteStream(output),
  );
  console.log(JSON.stringify({ share, ...counts }));
}

if (process.argv[1]?.endsWith('make-retail-subset.ts')) await main();
