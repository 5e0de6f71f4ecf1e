import {
  DEFAULT_FRAME,
  figure,
  type LegendEntry,
  linearScale,
  niceTicks,
  PALETTE,
  valueDomain,
  xLabels,
  yAxis,
} from './chart-frame';
import { escapeHtml } from './escape';
import { formatCompact } from './format';

export interface Bar {
  label: string;
  value: number;
  color?: string;
  /** Text shown at the end of the bar (default: the value, compact). */
  text?: string;
}

export interface BarChartSpec {
  id: string;
  title: string;
  caption?: string;
  bars: readonly Bar[];
  /** Axis title, e.g. "customers" or "£". */
  unit?: string;
}

/** Horizontal bars with their labels on the left: segment sizes, times, KPIs. */
export function barChart(spec: BarChartSpec): string {
  const rowHeight = 24;
  const left = Math.min(240, 12 + 7 * Math.max(4, ...spec.bars.map((b) => b.label.length)));
  const frame = { ...DEFAULT_FRAME, left, right: 70, height: 36 + Math.max(1, spec.bars.length) * rowHeight };
  const values = spec.bars.map((b) => b.value).filter(Number.isFinite);
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values, min === 0 ? 1e-9 : 0);
  const x = linearScale([min, max === min ? min + 1 : max], [frame.left, frame.width - frame.right]);
  const parts: string[] = [];
  for (const tick of niceTicks(min, max, 4)) {
    const px = x(tick).toFixed(1);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${frame.top}" y2="${frame.height - 24}" class="grid"/><text x="${px}" y="${frame.height - 8}" class="tick" text-anchor="middle">${escapeHtml(formatCompact(tick))}</text>`,
    );
  }
  let marks = 0;
  spec.bars.forEach((bar, index) => {
    const top = frame.top + index * rowHeight;
    const value = Number.isFinite(bar.value) ? bar.value : 0;
    const x0 = x(Math.min(0, value));
    const width = Math.max(Number.isFinite(bar.value) ? 1 : 0, Math.abs(x(value) - x(0)));
    const color = bar.color ?? PALETTE[0];
    parts.push(
      `<text x="${frame.left - 6}" y="${top + rowHeight / 2}" class="tick" text-anchor="end" dominant-baseline="middle">${escapeHtml(bar.label)}</text>`,
      `<rect x="${x0.toFixed(1)}" y="${top + 4}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${color}" class="mark"><title>${escapeHtml(`${bar.label}: ${bar.text ?? formatCompact(value)}`)}</title></rect>`,
      `<text x="${(x0 + width + 4).toFixed(1)}" y="${top + rowHeight / 2}" class="value" dominant-baseline="middle">${escapeHtml(bar.text ?? formatCompact(value))}</text>`,
    );
    if (Number.isFinite(bar.value)) marks++;
  });
  if (spec.unit) {
    parts.push(
      `<text x="${frame.width - 4}" y="${frame.height - 8}" class="axis-title" text-anchor="end">${escapeHtml(spec.unit)}</text>`,
    );
  }
  return figure({
    id: spec.id,
    title: spec.title,
    caption: spec.caption,
    frame,
    body: parts.join(''),
    marks,
  });
}

export interface StackedBarSpec {
  id: string;
  title: string;
  caption?: string;
  xLabels: readonly string[];
  series: ReadonlyArray<{ name: string; values: readonly number[]; color?: string }>;
  yLabel?: string;
}

/** Vertical stacked bars over periods: budget per channel per week. */
export function stackedBarChart(spec: StackedBarSpec): string {
  const frame = DEFAULT_FRAME;
  const totals = spec.xLabels.map((_, i) =>
    spec.series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0),
  );
  const domain = valueDomain(totals);
  const n = Math.max(1, spec.xLabels.length);
  const slot = (frame.width - frame.left - frame.right) / n;
  const center = (i: number) => frame.left + slot * (i + 0.5);
  const y = linearScale(domain, [frame.height - frame.bottom, frame.top]);
  const parts: string[] = [yAxis(frame, domain, spec.yLabel ?? '')];
  const entries: LegendEntry[] = [];
  let marks = 0;
  const base = new Array<number>(n).fill(0);
  spec.series.forEach((series, s) => {
    const color = series.color ?? PALETTE[s % PALETTE.length];
    entries.push({ name: series.name, color });
    for (let i = 0; i < n; i++) {
      const value = Math.max(0, series.values[i] ?? 0);
      if (!(value > 0)) continue;
      const y1 = y(base[i]);
      const y2 = y(base[i] + value);
      base[i] += value;
      parts.push(
        `<rect x="${(center(i) - slot * 0.38).toFixed(1)}" y="${y2.toFixed(1)}" width="${(slot * 0.76).toFixed(1)}" height="${Math.max(0.5, y1 - y2).toFixed(1)}" fill="${color}" class="mark"><title>${escapeHtml(`${series.name}, ${spec.xLabels[i]}: ${formatCompact(value)}`)}</title></rect>`,
      );
      marks++;
    }
  });
  parts.push(xLabels(frame, spec.xLabels, center, 13));
  return figure({
    id: spec.id,
    title: spec.title,
    caption: spec.caption,
    frame,
    body: parts.join(''),
    marks,
    legend: entries,
  });
}

export interface HistogramSpec {
  id: string;
  title: string;
  caption?: string;
  /** Bin edges (ascending, length = counts + 1) and the count in each bin. */
  edges: readonly number[];
  counts: readonly number[];
  xLabel?: string;
  yLabel?: string;
}

/** Equal-display-width bins (the edges may be uneven, e.g. quantile or log bins). */
export function histogram(spec: HistogramSpec): string {
  const labels = spec.counts.map(
    (_, i) => `${formatCompact(spec.edges[i])}–${formatCompact(spec.edges[i + 1])}`,
  );
  const frame = { ...DEFAULT_FRAME, bottom: 56 };
  const domain = valueDomain([...spec.counts]);
  const n = Math.max(1, spec.counts.length);
  const slot = (frame.width - frame.left - frame.right) / n;
  const center = (i: number) => frame.left + slot * (i + 0.5);
  const y = linearScale(domain, [frame.height - frame.bottom, frame.top]);
  const parts: string[] = [yAxis(frame, domain, spec.yLabel ?? '')];
  let marks = 0;
  spec.counts.forEach((count, i) => {
    const top = y(count);
    parts.push(
      `<rect x="${(center(i) - slot * 0.45).toFixed(1)}" y="${top.toFixed(1)}" width="${(slot * 0.9).toFixed(1)}" height="${Math.max(count > 0 ? 1 : 0, y(0) - top).toFixed(1)}" fill="${PALETTE[0]}" class="mark"><title>${escapeHtml(`${labels[i]}: ${count}`)}</title></rect>`,
    );
    if (count > 0) marks++;
  });
  parts.push(xLabels(frame, labels, center, 8));
  if (spec.xLabel) {
    parts.push(
      `<text x="${(frame.left + frame.width - frame.right) / 2}" y="${frame.height - 8}" class="axis-title" text-anchor="middle">${escapeHtml(spec.xLabel)}</text>`,
    );
  }
  return figure({
    id: spec.id,
    title: spec.title,
    caption: spec.caption,
    frame,
    body: parts.join(''),
    marks,
  });
}
