/** Number formatting for the report: thousands separators, units, and a dash for missing values. */

const MISSING = '–';

function finite(value: number | undefined | null): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function formatNumber(value: number | undefined | null, digits = 0): string {
  if (!finite(value)) return MISSING;
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Pounds sterling (the store's currency). */
export function formatMoney(value: number | undefined | null, digits = 2): string {
  if (!finite(value)) return MISSING;
  const sign = value < 0 ? '−' : '';
  return `${sign}£${formatNumber(Math.abs(value), digits)}`;
}

/** A share in [0, 1] as a percentage. */
export function formatPercent(value: number | undefined | null, digits = 1): string {
  if (!finite(value)) return MISSING;
  return `${formatNumber(value * 100, digits)}%`;
}

export function formatSeconds(value: number | undefined | null): string {
  if (!finite(value)) return MISSING;
  return value < 10 ? `${value.toFixed(2)} s` : `${value.toFixed(1)} s`;
}

/** Compact axis labels: 1.2k, 3.4M. */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${trim(value / 1e3)}k`;
  if (abs >= 100 || Number.isInteger(value)) return String(Math.round(value));
  return trim(value);
}

function trim(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** `2011-12-09` from milliseconds since the epoch (UTC). */
export function formatDay(ms: number): string {
  return finite(ms) ? new Date(ms).toISOString().slice(0, 10) : MISSING;
}
