import { readFileSync } from 'node:fs';
import { readRecords } from '@shoppilot/core';
import { buildPanel, type Panel } from '@shoppilot/forecast';
import { type BenchContext, dataFile } from '../harness';

/** Store demographics of Dominick's (numeric statics of each store x brand series). */
export const OJ_DEMOGRAPHICS = [
  'AGE60',
  'EDUC',
  'ETHNIC',
  'INCOME',
  'HHLARGE',
  'WORKWOM',
  'HVAL150',
  'SSTRDIST',
  'SSTRVOL',
  'CPDIST5',
  'CPWVOL5',
];

/**
 * Dominick's OJ as a weekly panel of 913 store x brand series: target `logmove`, future-known
 * covariates the brand's own shelf price (`price` = price<brand>), `deal`, `feat`; statics the brand
 * and the store demographics. Weeks are Dominick's week numbers (an index axis). Gaps stay missing.
 */
export async function loadOrangeJuice(context: BenchContext, maxSeries?: number): Promise<Panel> {
  const demographics = readStores(dataFile(context, 'demand/dominicks_oj_stores.csv'));
  const { records } = await readRecords(dataFile(context, 'demand/dominicks_oj.csv.gz')).collect();
  const rows = records.map((record) => {
    const store = String(record.store);
    return { ...record, price: record[`price${record.brand}`], ...demographics.get(store) };
  });
  const { panel } = buildPanel(rows, {
    id: ['store', 'brand'],
    time: 'week',
    target: 'logmove',
    frequency: 'week',
    futureCovariates: ['price', 'deal', 'feat'],
    staticCovariates: ['brand', ...OJ_DEMOGRAPHICS],
    timeKind: 'index',
    source: 'dominicks_oj.csv.gz',
  });
  for (const s of panel.series) s.static.brand = `b${s.static.brand}`;
  return maxSeries ? { ...panel, series: panel.series.slice(0, maxSeries) } : panel;
}

function readStores(path: string): Map<string, Record<string, number>> {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const columns = header.split(',').map((c) => c.replace(/"/g, ''));
  return new Map(
    lines.map((line) => {
      const cells = line.split(',');
      return [cells[0], Object.fromEntries(columns.slice(1).map((c, i) => [c, Number(cells[i + 1])]))];
    }),
  );
}

/** A monthly series from the R forecast / R datasets CSV (`time,year,period,value`). */
export function readMonthly(context: BenchContext, file: string): number[] {
  return readFileSync(dataFile(context, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[3]));
}
