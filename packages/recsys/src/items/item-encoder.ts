import {
  BaseEstimator,
  HashingEmbedder,
  InvalidArgumentError,
  InvalidModelJsonError,
  type Item,
  parseModelJson,
  type TextEmbedder,
} from '@shoppilot/core';
import { decodeArray, encodeArray, stateRecord } from '../io/binary';
import { attributeTokens, categoryTokens, hashTokens, normalise } from './hashed-features';
import { principalComponents, project, randomProjection } from './projection';

/** The modalities an item vector is built from. */
export type Modality = 'text' | 'image' | 'category' | 'attributes' | 'brand' | 'price';
export const MODALITIES: readonly Modality[] = ['text', 'image', 'category', 'attributes', 'brand', 'price'];

export interface ItemEncoderOptions {
  /** Length of the fused item vector. Default 64. */
  dimension?: number;
  /** Weight of each modality in the fusion. Default text 1, image 1, category 1, attributes 0.5, brand 0.5, price 0.5. */
  weights?: Partial<Record<Modality, number>>;
  /**
   * `weighted-sum`: every modality is mapped to `dimension`, normalised, weighted and summed;
   * `concat`: weighted modality vectors are concatenated, then randomly projected to `dimension`.
   * Default `weighted-sum`.
   */
  fusion?: 'weighted-sum' | 'concat';
  /** Image vectors of any length to `dimension`: `random` (seeded Gaussian) or `pca` (learned in fit). Default `random`. */
  imageProjection?: 'random' | 'pca';
  /** Price bands (quantiles of the catalogue's prices). Default 5. */
  priceBands?: number;
  /** Size of the default text embedder (`HashingEmbedder`). Default 256. */
  textDimensions?: number;
  /** A text embedder to use instead of the hashing default (not serialised: pass it again to `fromJSON`). */
  textEmbedder?: TextEmbedder;
  /** Seed of hashing and projections. Default 0. */
  seed?: number;
}

interface ItemEncoderState {
  priceEdges: number[];
  imageLength: number;
  imageComponents?: Float32Array;
  imageMean?: Float32Array;
  textId: string;
}

const KIND = 'recsys.item-encoder';
const DEFAULT_WEIGHTS: Record<Modality, number> = {
  text: 1,
  image: 1,
  category: 1,
  attributes: 0.5,
  brand: 0.5,
  price: 0.5,
};

/**
 * Multimodal item vectors: text (title + description) through a `TextEmbedder` (core's hashing
 * embedder by default), user-supplied image vectors of any length (random or PCA projection),
 * hashed category paths (every prefix), attributes and brand, and an ordinal price band; fused
 * by a weighted sum or a concatenation + random projection, L2-normalised. `fit` learns the price
 * bands and the PCA; `encode` maps items to a row-major Float32Array.
 */
export class ItemEncoder extends BaseEstimator<ItemEncoderOptions, ItemEncoderState> {
  readonly kind = KIND;
  readonly #embedder: TextEmbedder;

  constructor(options: ItemEncoderOptions = {}) {
    super(options);
    this.#embedder =
      options.textEmbedder ??
      new HashingEmbedder({ dimensions: options.textDimensions ?? 256, seed: options.seed ?? 0 });
  }

  get dimension(): number {
    return this.options.dimension ?? 64;
  }

  fit(items: readonly Item[]): this {
    const prices = items
      .map((item) => item.price)
      .filter((p): p is number => p !== undefined)
      .sort((a, b) => a - b);
    const bands = this.options.priceBands ?? 5;
    const priceEdges = Array.from(
      { length: Math.max(0, bands - 1) },
      (_, b) => prices[Math.floor(((b + 1) * prices.length) / bands)] ?? 0,
    );
    const images = items
      .map((item) => item.imageVector)
      .filter((v): v is number[] => v !== undefined && v.length > 0);
    const imageLength = images[0]?.length ?? 0;
    for (const [k, v] of images.entries()) {
      if (v.length !== imageLength) {
        throw new InvalidArgumentError({
          argument: 'items',
          message: `image vectors must share one length: ${imageLength} then ${v.length} (image ${k + 1})`,
        });
      }
    }
    const state: ItemEncoderState = { priceEdges, imageLength, textId: this.#embedder.id };
    if (this.options.imageProjection === 'pca' && images.length > 1) {
      const pca = principalComponents(
        images.map((v) => Float32Array.from(v)),
        this.dimension,
        this.options.seed ?? 0,
      );
      state.imageComponents = pca.components;
      state.imageMean = pca.mean;
    }
    return this.setState(state);
  }

  /** Item vectors, row-major `items.length x dimension`, each L2-normalised. */
  async encode(items: readonly Item[], options: { signal?: AbortSignal } = {}): Promise<Float32Array> {
    const state = this.requireState('encode');
    if (state.textId && state.textId !== this.#embedder.id) {
      throw new InvalidArgumentError({
        argument: 'textEmbedder',
        message: `fitted with text space "${state.textId}", now "${this.#embedder.id}": vectors would not be comparable`,
      });
    }
    const texts = items.map((item) => [item.title, item.description ?? ''].join(' ').trim());
    const textVectors = await this.#embedder.embed(texts, options);
    const out = new Float32Array(items.length * this.dimension);
    items.forEach((item, k) => {
      out.set(this.#fuse(this.#modalities(item, textVectors[k], state)), k * this.dimension);
    });
    return out;
  }

  /** The per-modality vectors of one item (before fusion), for inspection. */
  async modalities(item: Item): Promise<Partial<Record<Modality, Float32Array>>> {
    const state = this.requireState('modalities');
    const [text] = await this.#embedder.embed([[item.title, item.description ?? ''].join(' ').trim()]);
    return this.#modalities(item, text, state);
  }

  #modalities(
    item: Item,
    text: Float32Array,
    state: ItemEncoderState,
  ): Partial<Record<Modality, Float32Array>> {
    const seed = this.options.seed ?? 0;
    const size = this.options.fusion === 'concat' ? undefined : this.dimension;
    const out: Partial<Record<Modality, Float32Array>> = {};
    if (item.title || item.description)
      out.text = size ? normalise(project(randomProjection(text.length, size, seed + 1), text, size)) : text;
    if (item.imageVector?.length) out.image = this.#image(item.imageVector, state, size ?? this.dimension);
    const hashed = (tokens: Array<{ token: string; weight: number }>, salt: number) =>
      hashTokens(tokens, size ?? this.dimension, seed + salt);
    if (item.categoryPath?.length) out.category = hashed(categoryTokens(item.categoryPath), 2);
    const attributes = attributeTokens(item.attributes);
    if (attributes.length) out.attributes = hashed(attributes, 3);
    if (item.brand) out.brand = hashed([{ token: `brand:${item.brand}`, weight: 1 }], 4);
    if (item.price !== undefined) out.price = hashed(priceBandTokens(item.price, state.priceEdges), 5);
    return out;
  }

  #image(vector: readonly number[], state: ItemEncoderState, size: number): Float32Array {
    if (state.imageLength && vector.length !== state.imageLength) {
      throw new InvalidArgumentError({
        argument: 'imageVector',
        message: `expected ${state.imageLength} values (as in fit), got ${vector.length}`,
      });
    }
    if (state.imageComponents && state.imageMean) {
      const centred = Float32Array.from(vector, (v, i) => v - (state.imageMean as Float32Array)[i]);
      return normalise(project(state.imageComponents, centred, size));
    }
    return normalise(
      project(randomProjection(vector.length, size, (this.options.seed ?? 0) + 6), vector, size),
    );
  }

  #fuse(parts: Partial<Record<Modality, Float32Array>>): Float32Array {
    const weights = { ...DEFAULT_WEIGHTS, ...this.options.weights };
    const d = this.dimension;
    if (this.options.fusion !== 'concat') {
      const out = new Float32Array(d);
      for (const m of MODALITIES) {
        const v = parts[m];
        if (v) for (let i = 0; i < d; i++) out[i] += weights[m] * v[i];
      }
      return normalise(out);
    }
    const concatenated: number[] = [];
    for (const m of MODALITIES) {
      const v = parts[m] ?? new Float32Array(m === 'text' ? this.#embedder.dimensions : d);
      for (const x of normalise(Float32Array.from(v))) concatenated.push(weights[m] * x);
    }
    return normalise(
      project(randomProjection(concatenated.length, d, (this.options.seed ?? 0) + 7), concatenated, d),
    );
  }

  override toJSON() {
    const json = super.toJSON();
    const { textEmbedder: _omit, ...options } = json.options;
    const state = json.state && {
      ...json.state,
      imageComponents: json.state.imageComponents && encodeArray(json.state.imageComponents),
      imageMean: json.state.imageMean && encodeArray(json.state.imageMean),
    };
    return { ...json, options, state: state as unknown as ItemEncoderState };
  }

  static fromJSON(json: unknown, extra: { textEmbedder?: TextEmbedder } = {}): ItemEncoder {
    const parsed = parseModelJson<ItemEncoderOptions, unknown>(json, { kind: KIND, version: 1 });
    const encoder = new ItemEncoder({ ...parsed.options, ...extra });
    if (parsed.state === null) return encoder;
    const record = stateRecord(parsed.state, KIND);
    if (!Array.isArray(record.priceEdges) || !record.priceEdges.every((v) => typeof v === 'number')) {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state.priceEdges',
        message: 'expected an array of numbers',
      });
    }
    const edges = record.priceEdges as number[];
    const state: ItemEncoderState = {
      priceEdges: edges,
      imageLength: Number(record.imageLength ?? 0),
      textId: String(record.textId ?? ''),
    };
    if (record.imageComponents)
      state.imageComponents = decodeArray(record.imageComponents, 'float32', KIND, 'state.imageComponents');
    if (record.imageMean) state.imageMean = decodeArray(record.imageMean, 'float32', KIND, 'state.imageMean');
    return encoder.setState(state);
  }
}

/** Band tokens: the item's band (weight 1) and its neighbours (weight 0.5), so close prices stay close. */
export function priceBandTokens(
  price: number,
  edges: readonly number[],
): Array<{ token: string; weight: number }> {
  let band = 0;
  while (band < edges.length && price >= edges[band]) band++;
  const tokens = [{ token: `price-band:${band}`, weight: 1 }];
  if (band > 0) tokens.push({ token: `price-band:${band - 1}`, weight: 0.5 });
  if (band < edges.length) tokens.push({ token: `price-band:${band + 1}`, weight: 0.5 });
  return tokens;
}
