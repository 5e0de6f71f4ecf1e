import { InvalidArgumentError, InvalidModelJsonError } from '@shoppilot/core';
import { AlsRecommender } from './als';
import type { BaseRecommender } from './base-recommender';
import { BlendRecommender } from './blend';
import { BprRecommender } from './bpr';
import { EaseRecommender } from './ease';
import { ItemKnnRecommender } from './item-knn';
import { PopularityRecommender } from './popularity';
import { SasRecRecommender } from './sasrec/sasrec';
import { TimeAvailabilityRecommender } from './time-availability';
import { WeightedEaseRecommender } from './weighted-ease';

// biome-ignore lint/suspicious/noExplicitAny: a registry of heterogeneous recommenders
type AnyRecommender = BaseRecommender<any, any>;

interface Entry {
  create: (options: object) => AnyRecommender;
  fromJSON: (json: unknown) => AnyRecommender;
}

// Entries wrap the classes in arrow functions, so the import cycle with blend.ts is harmless.
const REGISTRY = new Map<string, Entry>([
  [
    'recsys.popularity',
    { create: (o) => new PopularityRecommender(o), fromJSON: (json) => PopularityRecommender.fromJSON(json) },
  ],
  [
    'recsys.item-knn',
    { create: (o) => new ItemKnnRecommender(o), fromJSON: (json) => ItemKnnRecommender.fromJSON(json) },
  ],
  [
    'recsys.ease',
    { create: (o) => new EaseRecommender(o), fromJSON: (json) => EaseRecommender.fromJSON(json) },
  ],
  ['recsys.als', { create: (o) => new AlsRecommender(o), fromJSON: (json) => AlsRecommender.fromJSON(json) }],
  ['recsys.bpr', { create: (o) => new BprRecommender(o), fromJSON: (json) => BprRecommender.fromJSON(json) }],
  [
    'recsys.blend',
    { create: (o) => new BlendRecommender(o), fromJSON: (json) => BlendRecommender.fromJSON(json) },
  ],
  [
    'recsys.weighted-ease',
    {
      create: (o) => new WeightedEaseRecommender(o),
      fromJSON: (json) => WeightedEaseRecommender.fromJSON(json),
    },
  ],
  [
    'recsys.time-availability',
    {
      create: (o) => new TimeAvailabilityRecommender(o),
      fromJSON: (json) => TimeAvailabilityRecommender.fromJSON(json),
    },
  ],
  [
    'recsys.sasrec',
    { create: (o) => new SasRecRecommender(o), fromJSON: (json) => SasRecRecommender.fromJSON(json) },
  ],
]);

/** Adds a recommender kind (so blends and `loadRecommender` can build and restore it). */
export function registerRecommender(kind: string, entry: Entry): void {
  REGISTRY.set(kind, entry);
}

/** The registered kinds. */
export function recommenderKinds(): string[] {
  return [...REGISTRY.keys()];
}

/** A new, unfitted recommender of a registered kind. */
export function createRecommender(kind: string, options: object = {}): AnyRecommender {
  const entry = REGISTRY.get(kind);
  if (!entry) {
    throw new InvalidArgumentError({
      argument: 'kind',
      message: `unknown recommender; known: ${recommenderKinds().join(', ')}`,
      value: kind,
    });
  }
  return entry.create(options);
}

/** Restores any registered recommender from its `toJSON()` output (string or object). */
export function loadRecommender(json: unknown): AnyRecommender {
  const value = typeof json === 'string' ? safeParse(json) : json;
  const kind = (value as { kind?: unknown } | null)?.kind;
  const entry = typeof kind === 'string' ? REGISTRY.get(kind) : undefined;
  if (!entry) {
    throw new InvalidModelJsonError({
      kind: String(kind),
      path: 'kind',
      message: `not a known recommender (${recommenderKinds().join(', ')})`,
    });
  }
  return entry.fromJSON(value);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidModelJsonError({ kind: 'recommender', message: 'not valid JSON', cause: error });
  }
}
