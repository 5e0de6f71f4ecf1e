import { escapeHtml } from './escape';
import { formatCompact } from './format';

/** Colours of series, in order (readable on white, distinguishable in grey). */
export const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
];

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const DEFAULT_FRAME: Frame = { width: 680, height: 280, left: 56, right: 16, top: 16, bottom: 44 };

/** A linear scale from a data domain onto a pixel range. */
export function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** A round step (1, 2 or 5 × 10^k) giving about `count` intervals over [min, max]. */
export function tickStep(min: number, max: number, count = 5): number {
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9)) ?? raw;
}

/** About `count` round tick values covering [min, max] (1, 2, 5 × 10^k steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [0];
  if (min === max) return [min];
  const step = tickStep(min, max, count);
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++)
    ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** The y domain of some values, extended to include 0 and out to the next round ticks. */
export function valueDomain(values: readonly number[], includeZero = true): [number, number] {
  const finite = values.filter(Number.isFinite);
  let min = finite.length ? Math.min(...finite) : 0;
  let max = finite.length ? Math.max(...finite) : 1;
  if (includeZero) {
    min = Math.min(0, min);
    max = Math.max(0, max);
  }
  if (min === max) max = min + 1;
  const step = tickStep(min, max);
  return [
    Number((Math.floor(min / step + 1e-9) * step).toPrecision(12)),
    Number((Math.ceil(max / step - 1e-9) * step).toPrecision(12)),
  ];
}

/** Horizontal grid lines with y-axis labels. */
export function yAxis(frame: Frame, domain: [number, number], label: string): string {
  const y = linearScale(domain, [frame.height - frame.bottom, frame.top]);
  const lines = niceTicks(domain[0], domain[1]).map((tick) => {
    const py = y(tick).toFixed(1);
    return `<line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${py}" y2="${py}" class="grid"/><text x="${frame.left - 6}" y="${py}" class="tick" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatCompact(tick))}</text>`;
  });
  const title = label
    ? `<text x="12" y="${(frame.top + frame.height - frame.bottom) / 2}" class="axis-title" transform="rotate(-90 12 ${(frame.top + frame.height - frame.bottom) / 2})" text-anchor="middle">${escapeHtml(label)}</text>`
    : '';
  return lines.join('') + title;
}

/** X-axis labels for categorical positions, thinned to at most `max` labels. */
export function xLabels(
  frame: Frame,
  labels: readonly string[],
  x: (index: number) => number,
  max = 10,
): string {
  const every = Math.max(1, Math.ceil(labels.length / max));
  return labels
    .map((label, index) =>
      index % every === 0 || index === labels.length - 1
        ? `<text x="${x(index).toFixed(1)}" y="${frame.height - frame.bottom + 16}" class="tick" text-anchor="middle">${escapeHtml(label)}</text>`
        : '',
    )
    .join('');
}

export interface LegendEntry {
  name: string;
  color: string;
  kind?: 'line' | 'dashed' | 'band' | 'box';
}

/** An HTML legend under the chart. */
export function legend(entries: readonly LegendEntry[]): string {
  if (entries.length === 0) return '';
  const items = entries.map(
    (entry) =>
      `<span class="legend-item"><span class="swatch swatch-${entry.kind ?? 'box'}" style="--c:${entry.color}"></span>${escapeHtml(entry.name)}</span>`,
  );
  return `<div class="legend">${items.join('')}</div>`;
}

/** Wraps an SVG body in a figure the browser test can find (`data-chart`, `data-marks`). */
export function figure(options: {
  id: string;
  title: string;
  caption?: string;
  frame: Frame;
  body: string;
  marks: number;
  legend?: readonly LegendEntry[];
}): string {
  const { id, title, caption, frame, body, marks } = options;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${escapeHtml(title)}">${body}</svg>`;
  const empty = marks === 0 ? '<p class="empty">No data to draw.</p>' : '';
  return `<figure class="chart" data-chart="${escapeHtml(id)}" data-marks="${marks}"><div class="chart-title">${escapeHtml(title)}</div>${svg}${empty}${legend(options.legend ?? [])}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
}
