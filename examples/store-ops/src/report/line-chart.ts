import {
  DEFAULT_FRAME,
  figure,
  type LegendEntry,
  linearScale,
  PALETTE,
  valueDomain,
  xLabels,
  yAxis,
} from './chart-frame';
import { escapeHtml } from './escape';
import { formatCompact } from './format';

export interface LineSeries {
  name: string;
  /** One value per x label; null leaves a gap. */
  values: readonly (number | null)[];
  color?: string;
  dashed?: boolean;
}

export interface Band {
  name: string;
  lower: readonly (number | null)[];
  upper: readonly (number | null)[];
  color?: string;
}

export interface LineChartSpec {
  id: string;
  title: string;
  caption?: string;
  xLabels: readonly string[];
  series: readonly LineSeries[];
  bands?: readonly Band[];
  yLabel?: string;
  /** Whether the y axis starts at 0 (default true). */
  includeZero?: boolean;
  /** Vertical marker line before this x index (e.g. where the forecast starts). */
  marker?: { index: number; label: string };
}

function segments(values: readonly (number | null)[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(index);
  });
  if (run.length) runs.push(run);
  return runs;
}

function bandPath(band: Band, x: (i: number) => number, y: (v: number) => number): string {
  const defined = band.lower
    .map((low, i) => ({ i, low, high: band.upper[i] }))
    .filter((p) => p.low !== null && p.high !== null && Number.isFinite(p.low) && Number.isFinite(p.high));
  if (defined.length < 2) return '';
  const top = defined.map((p) => `${x(p.i).toFixed(1)},${y(p.high as number).toFixed(1)}`);
  const bottom = defined.reverse().map((p) => `${x(p.i).toFixed(1)},${y(p.low as number).toFixed(1)}`);
  return `M${top.join('L')}L${bottom.join('L')}Z`;
}

/** Lines over categorical x positions, with optional shaded interval bands and point markers. */
export function lineChart(spec: LineChartSpec): string {
  const frame = DEFAULT_FRAME;
  const all = [
    ...spec.series.flatMap((s) => s.values),
    ...(spec.bands ?? []).flatMap((b) => [...b.lower, ...b.upper]),
  ].filter((v): v is number => v !== null && Number.isFinite(v));
  const domain = valueDomain(all, spec.includeZero ?? true);
  const n = Math.max(1, spec.xLabels.length);
  const x = linearScale([0, Math.max(1, n - 1)], [frame.left + 8, frame.width - frame.right - 8]);
  const y = linearScale(domain, [frame.height - frame.bottom, frame.top]);
  let marks = 0;
  const parts: string[] = [yAxis(frame, domain, spec.yLabel ?? '')];
  const entries: LegendEntry[] = [];
  (spec.bands ?? []).forEach((band, index) => {
    const color = band.color ?? PALETTE[index % PALETTE.length];
    const path = bandPath(band, x, y);
    if (path)
      parts.push(`<path d="${path}" fill="${color}" fill-opacity="0.18" stroke="none" class="band"/>`);
    entries.push({ name: band.name, color, kind: 'band' });
  });
  spec.series.forEach((series, index) => {
    const color = series.color ?? PALETTE[index % PALETTE.length];
    const dash = series.dashed ? ' stroke-dasharray="5 4"' : '';
    for (const run of segments(series.values)) {
      const points = run.map((i) => `${x(i).toFixed(1)},${y(series.values[i] as number).toFixed(1)}`);
      if (run.length > 1)
        parts.push(
          `<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`,
        );
      for (const i of run) {
        const value = series.values[i] as number;
        parts.push(
          `<circle cx="${x(i).toFixed(1)}" cy="${y(value).toFixed(1)}" r="2.5" fill="${color}" class="mark"><title>${escapeHtml(`${series.name} ${spec.xLabels[i] ?? ''}: ${formatCompact(value)}`)}</title></circle>`,
        );
        marks++;
      }
    }
    entries.push({ name: series.name, color, kind: series.dashed ? 'dashed' : 'line' });
  });
  if (spec.marker && spec.marker.index > 0 && spec.marker.index < n) {
    const px = ((x(spec.marker.index - 1) + x(spec.marker.index)) / 2).toFixed(1);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${frame.top}" y2="${frame.height - frame.bottom}" class="marker"/><text x="${px}" y="${frame.top + 10}" class="tick" text-anchor="start" dx="4">${escapeHtml(spec.marker.label)}</text>`,
    );
  }
  parts.push(xLabels(frame, spec.xLabels, x));
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
