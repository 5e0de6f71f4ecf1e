import { applyLstmTransform, type LstmLayout, type Panel, type Standardiser } from '@shoppilot/forecast';

/** Additive moments of one network input over a client's data: summed across clients, they give the pooled scaling. */
export interface InputMoments {
  count: number;
  sum: number;
  sumSquares: number;
}

/**
 * Moments of every standardised network input of `layout` (future covariates after their transform,
 * past covariates, numeric statics: one value per series) over a client's panel. The sums of all
 * clients' moments give exactly the standardisers forecast's `makeLstmLayout` computes on the
 * pooled panel, so every client feeds the shared network the same input scale (sum them with a
 * `strategy: 'sum'` round, like the ridge's statistics, or agree on them in advance).
 */
export function lstmInputMoments(panel: Panel, layout: LstmLayout): Record<string, InputMoments> {
  const out: Record<string, InputMoments> = {};
  const add = (name: string, values: Iterable<number>) => {
    const m = { count: 0, sum: 0, sumSquares: 0 };
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      m.count++;
      m.sum += v;
      m.sumSquares += v * v;
    }
    out[name] = m;
  };
  for (const f of layout.future)
    add(
      `future:${f.name}`,
      valuesOf(
        panel,
        (s) => s.future[f.name],
        (v) => applyLstmTransform(v, f.transform),
      ),
    );
  for (const name of layout.past)
    add(
      `past:${name}`,
      valuesOf(
        panel,
        (s) => s.past[name],
        (v) => v,
      ),
    );
  for (const name of layout.staticNumeric)
    add(
      `static:${name}`,
      panel.series.map((s) => Number(s.static[name])),
    );
  return out;
}

/** Pooled standardisers from the clients' moments (sample standard deviation; 1 when constant, as forecast does). */
export function standardisersFromMoments(
  parts: ReadonlyArray<Record<string, InputMoments>>,
): Record<string, Standardiser> {
  const out: Record<string, Standardiser> = {};
  for (const name of Object.keys(parts[0] ?? {})) {
    const total = parts.reduce(
      (a, p) => ({
        count: a.count + (p[name]?.count ?? 0),
        sum: a.sum + (p[name]?.sum ?? 0),
        sumSquares: a.sumSquares + (p[name]?.sumSquares ?? 0),
      }),
      { count: 0, sum: 0, sumSquares: 0 },
    );
    const mean = total.count ? total.sum / total.count : 0;
    const variance = total.count > 1 ? (total.sumSquares - total.count * mean * mean) / (total.count - 1) : 0;
    out[name] = { mean, sd: variance > 1e-12 ? Math.sqrt(variance) : 1 };
  }
  return out;
}

function* valuesOf(
  panel: Panel,
  pick: (s: Panel['series'][number]) => Float64Array | undefined,
  map: (v: number) => number,
): Generator<number> {
  for (const s of panel.series) {
    const values = pick(s);
    if (values) for (const v of values) yield map(v);
  }
}
