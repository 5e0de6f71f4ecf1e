import type { TimeSeries } from '../../panel/types';
import { applyTransform, inputWidths, type LstmLayout, scale, writeStatics } from './lstm-features';

/** Flat input/target arrays for a set of (series, origin) samples. */
export interface SampleArrays {
  count: number;
  encoder: Float32Array;
  decoder: Float32Array;
  statics: Float32Array;
  ids: Int32Array;
  targets: Float32Array;
  mask: Float32Array;
}

/** One sample to build: a series, the index of its origin, and where its future covariates come from. */
export interface SampleSpec {
  series: TimeSeries;
  seriesIndex: number;
  origin: number;
  /** Future covariate value (raw) at origin + step. */
  futureAt: (name: string, step: number) => number;
  /** Calendar value at a period (absolute), when the layout has calendar features. */
  calendarAt?: (period: number) => Record<string, number>;
  /** Last target index usable as a label (later ones are masked). Default: the series end. */
  lastLabel?: number;
}

export function allocate(layout: LstmLayout, count: number): SampleArrays {
  const widths = inputWidths(layout);
  return {
    count,
    encoder: new Float32Array(count * layout.lookback * widths.encoder),
    decoder: new Float32Array(count * layout.horizon * widths.decoder),
    statics: new Float32Array(count * Math.max(1, widths.statics)),
    ids: new Int32Array(count),
    targets: new Float32Array(count * layout.horizon),
    mask: new Float32Array(count * layout.horizon),
  };
}

/**
 * Writes sample `i`: the encoder sees the standardised target (last value carried over gaps, with
 * a missing flag), past and future covariates over the lookback ending at the origin; the decoder
 * sees the future covariates and a step indicator for each horizon step. Labels after `lastLabel`
 * are masked, so nothing later than it can be learned from.
 */
export function writeSample(arrays: SampleArrays, i: number, layout: LstmLayout, spec: SampleSpec): void {
  const widths = inputWidths(layout);
  const { series, origin } = spec;
  const target = layout.target[series.id];
  const L = layout.lookback;
  const H = layout.horizon;
  let carried = Number.NaN;
  for (let t = Math.max(0, origin - L + 1 - 60); t < origin - L + 1 && t >= 0; t++)
    if (!Number.isNaN(series.target[t])) carried = series.target[t];
  for (let j = 0; j < L; j++) {
    const t = origin - L + 1 + j;
    const base = (i * L + j) * widths.encoder;
    if (t < 0) {
      arrays.encoder[base + 1] = 1;
      continue;
    }
    const y = series.target[t];
    if (!Number.isNaN(y)) carried = y;
    arrays.encoder[base] = scale(carried, target);
    arrays.encoder[base + 1] = Number.isNaN(y) ? 1 : 0;
    let c = base + 2;
    for (const name of layout.past)
      arrays.encoder[c++] = scale(series.past[name]?.[t] ?? Number.NaN, layout.inputs[`past:${name}`]);
    for (const f of layout.future)
      arrays.encoder[c++] = scale(
        applyTransform(series.future[f.name]?.[t] ?? Number.NaN, f.transform),
        layout.inputs[`future:${f.name}`],
      );
    c = writeCalendar(arrays.encoder, c, layout, spec, series.start + t);
  }
  for (let k = 1; k <= H; k++) {
    let c = (i * H + k - 1) * widths.decoder;
    for (const f of layout.future)
      arrays.decoder[c++] = scale(
        applyTransform(spec.futureAt(f.name, k), f.transform),
        layout.inputs[`future:${f.name}`],
      );
    c = writeCalendar(arrays.decoder, c, layout, spec, series.start + origin + k);
    arrays.decoder[c + k - 1] = 1;
    const index = origin + k;
    const label =
      index <= (spec.lastLabel ?? series.target.length - 1) && index < series.target.length
        ? series.target[index]
        : Number.NaN;
    arrays.targets[i * H + k - 1] = Number.isNaN(label) ? 0 : scale(label, target);
    arrays.mask[i * H + k - 1] = Number.isNaN(label) ? 0 : 1;
  }
  writeStatics(arrays.statics, i * Math.max(1, widths.statics), series.static, layout);
  arrays.ids[i] = spec.seriesIndex;
}

function writeCalendar(
  out: Float32Array,
  c: number,
  layout: LstmLayout,
  spec: SampleSpec,
  period: number,
): number {
  if (!layout.calendar.length || !spec.calendarAt) return c;
  const values = spec.calendarAt(period);
  for (const name of layout.calendar) out[c++] = scale(values[name], layout.inputs[`calendar:${name}`]);
  return c;
}
