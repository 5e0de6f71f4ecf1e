import {
  AlsRecommender,
  BprRecommender,
  EaseRecommender,
  ItemKnnRecommender,
  PopularityRecommender,
  type Recommender,
  SasRecRecommender,
  TimeAvailabilityRecommender,
  WeightedEaseRecommender,
} from '@shoppilot/recsys';
import { UsageError } from '../../output/index';

/** The models `--models` / `--model` accept, with their default options. */
const FACTORIES: Record<string, (options: Record<string, number | string | boolean>) => Recommender> = {
  popularity: (o) => new PopularityRecommender({ ...o }),
  'popularity-recent': (o) => new PopularityRecommender({ mode: 'recent', ...o }),
  itemknn: (o) => new ItemKnnRecommender({ neighbours: 200, ...o }),
  covisitation: (o) =>
    new ItemKnnRecommender({
      similarity: 'covisitation',
      window: 3,
      positionHalfLife: 3,
      neighbours: 200,
      ...o,
    }),
  ease: (o) => new EaseRecommender({ lambda: 500, ...o }),
  als: (o) => new AlsRecommender({ factors: 64, regularization: 30, alpha: 3, ...o }),
  bpr: (o) =>
    new BprRecommender({ factors: 64, epochs: 100, learningRate: 0.01, regularization: 0.01, ...o }),
  sasrec: (o) => new SasRecRecommender({ epochs: 30, ...o }),
  // EASE on rating confidence + time-local co-occurrence (timestamps in ms), as tuned on MovieLens 100K.
  'weighted-ease': (o) =>
    new WeightedEaseRecommender({ lambda: 2000, ratingWeight: 0.2, timeWeight: 2, timeScale: 180_000, ...o }),
  edlae: (o) => new WeightedEaseRecommender({ lambda: 300, dropout: 0.5, ...o }),
  'time-availability': (o) => new TimeAvailabilityRecommender({ ...o }),
};

export const MODEL_NAMES = Object.keys(FACTORIES);

/**
 * One model from a spec `name` or `name:option=value:option=value`, e.g. `ease:lambda=300` or
 * `sasrec:epochs=50:maxLength=100`. Values are numbers, true/false, or text.
 */
export function createModel(spec: string): { name: string; model: Recommender } {
  const [name, ...settings] = spec.split(':');
  const factory = FACTORIES[name];
  if (!factory) throw new UsageError(`unknown model "${name}"; models: ${MODEL_NAMES.join(', ')}`);
  const options: Record<string, number | string | boolean> = {};
  for (const setting of settings) {
    const equals = setting.indexOf('=');
    if (equals <= 0) throw new UsageError(`model option must be key=value, got "${setting}" in "${spec}"`);
    const raw = setting.slice(equals + 1);
    options[setting.slice(0, equals)] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : Number.isFinite(Number(raw)) && raw !== ''
            ? Number(raw)
            : raw;
  }
  return { name: spec, model: factory(options) };
}
