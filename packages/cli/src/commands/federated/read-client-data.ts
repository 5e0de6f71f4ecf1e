import { readRecords } from '@shoppilot/core';
import { buildPanel, type Frequency, type Panel } from '@shoppilot/forecast';
import { UsageError } from '../../output/index';

export interface PanelColumns {
  ids: string[];
  time: string;
  target: string;
  future: string[];
  past: string[];
  static: string[];
  frequency?: string;
}

/** The client's own demand history (CSV/JSONL, long format) as a forecast panel. It never leaves this process. */
export async function readClientPanel(file: string, columns: PanelColumns): Promise<Panel> {
  const rows: Array<Record<string, unknown>> = [];
  for await (const batch of readRecords(file)) rows.push(...batch);
  if (rows.length === 0) throw new UsageError(`${file}: no rows`);
  for (const column of [
    ...columns.ids,
    columns.time,
    columns.target,
    ...columns.future,
    ...columns.past,
    ...columns.static,
  ]) {
    if (!(column in rows[0]))
      throw new UsageError(`${file}: no column "${column}" (columns: ${Object.keys(rows[0]).join(', ')})`);
  }
  return buildPanel(rows, {
    id: columns.ids,
    time: columns.time,
    target: columns.target,
    frequency: (columns.frequency ?? 'week') as Frequency,
    futureCovariates: columns.future,
    pastCovariates: columns.past,
    staticCovariates: columns.static,
    source: file,
  }).panel;
}
