import type { InputIssue } from '../errors/index';
import type { ReadFormat } from './open-source';
import type { TimestampFormat } from './timestamp';

/** A row that was not accepted, and why. */
export interface Rejection {
  /** 1-based data row (CSV, header excluded) or line (JSONL). */
  row: number;
  /** Line where the row ends in the file, when known. */
  line?: number;
  /** Every problem found in the row, each with file, row and field. */
  issues: InputIssue[];
}

/** What a read has done so far; final once `done` is true. */
export interface ReadSummary {
  source: string;
  format: ReadFormat;
  /** Data rows seen: always `accepted + rejected`. */
  rows: number;
  accepted: number;
  rejected: number;
  /** The first `maxRejections` rejections (all of them are counted in `rejected` and `reasons`). */
  rejections: Rejection[];
  /** Count of every rejection reason, keyed `field: message` (the first issue of each row). */
  reasons: Record<string, number>;
  bytesRead: number;
  totalBytes?: number;
  /** The timestamp format used (the detected one for `auto`). */
  timestampFormat?: TimestampFormat;
  /** CSV: the header, which column each field was read from, and columns nothing read. */
  columns?: { header: string[]; used: Record<string, string>; unused: string[] };
  /** True when the whole source was read. */
  done: boolean;
}

/** The key under which a rejection is counted in `reasons`. */
export function reasonKey(issue: InputIssue | undefined): string {
  if (!issue) return 'unknown';
  return issue.field ? `${issue.field}: ${issue.message}` : issue.message;
}
