/** What the CSV and JSONL tokenisers hand to the reader, in file order. */
export type RawRow =
  | { kind: 'header'; columns: string[] }
  | {
      kind: 'row';
      /** 1-based data row (CSV, header excluded) or line (JSONL). */
      row: number;
      /** Line where the row ends, as counted by the tokeniser. */
      line: number;
      values: unknown[];
      /** JSONL: the keys of this object (nested keys flattened as `a.b` after the top-level ones). */
      columns?: string[];
      /** JSONL: how many of `columns` are top-level keys. */
      topLevelCount?: number;
    }
  | {
      kind: 'error';
      row: number;
      line?: number;
      message: string;
      expected?: string;
      /** The rest of the file cannot be split into rows: the read stops with an error. */
      fatal?: boolean;
    };

/** Options shared by the tokenisers. */
export interface TokenizerOptions {
  /** Longest row (CSV record or JSONL line) in characters. Default 1,000,000. */
  maxRecordSize: number;
}

export const DEFAULT_MAX_RECORD_SIZE = 1_000_000;
