import { escapeHtml } from './escape';

/** A cell: plain text (escaped), or markup built by the report's own code (`{ html }`). */
export type Cell = string | number | { html: string };

export interface TableSpec {
  id: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Columns aligned right (numbers). Default: every column after the first. */
  numeric?: readonly number[];
  /** Columns of long text that get a minimum width (reasons, evidence). */
  wide?: readonly number[];
  /** Markup shown under each row across all columns (e.g. a decision's reasons), built by the report's code. */
  details?: readonly (string | undefined)[];
  caption?: string;
}

function cellHtml(cell: Cell): string {
  return typeof cell === 'object' ? cell.html : escapeHtml(cell);
}

/** A table the browser test can find (`data-table`, `data-rows`). */
export function table(spec: TableSpec): string {
  const numeric = new Set(spec.numeric ?? spec.columns.map((_, i) => i).filter((i) => i > 0));
  const wide = new Set(spec.wide ?? []);
  const cls = (i: number) => {
    const names = [numeric.has(i) ? 'num' : '', wide.has(i) ? 'wide' : ''].filter(Boolean).join(' ');
    return names ? ` class="${names}"` : '';
  };
  const head = spec.columns.map((column, i) => `<th${cls(i)}>${escapeHtml(column)}</th>`).join('');
  const body = spec.rows
    .map((row, r) => {
      const detail = spec.details?.[r];
      const extra = detail
        ? `<tr class="detail"><td colspan="${spec.columns.length}">${detail}</td></tr>`
        : '';
      return `<tr${detail ? ' class="has-detail"' : ''}>${row.map((cell, i) => `<td${cls(i)}>${cellHtml(cell)}</td>`).join('')}</tr>${extra}`;
    })
    .join('');
  const caption = spec.caption ? `<caption>${escapeHtml(spec.caption)}</caption>` : '';
  const empty =
    spec.rows.length === 0 ? `<tr><td colspan="${spec.columns.length}" class="empty">No rows.</td></tr>` : '';
  return `<div class="table-wrap"><table data-table="${escapeHtml(spec.id)}" data-rows="${spec.rows.length}">${caption}<thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table></div>`;
}

/** A small inline label (status, flags). */
export function badge(text: string, tone: 'ok' | 'warn' | 'bad' | 'info' = 'info'): { html: string } {
  return { html: `<span class="badge badge-${tone}">${escapeHtml(text)}</span>` };
}
