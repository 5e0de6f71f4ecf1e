import { cosineSimilarity, HashingEmbedder, InputValidationError, type TextEmbedder } from '@shoppilot/core';

/** A past copy and how it did. Give `ctr`, or `clicks`/`conversions` with `impressions`. */
export interface HistoricalCopy {
  text: string;
  channel?: string;
  language?: string;
  ctr?: number;
  conversions?: number;
  clicks?: number;
  impressions?: number;
}

export interface BrandVoice {
  samples: number;
  /** Mean length in characters. */
  averageLength: number;
  /** Share of copies with at least one emoji. */
  emojiRate: number;
  /** Share of copies with '!' or '！'. */
  exclamationRate: number;
  /** Most used emoji, most frequent first. */
  favouriteEmoji: string[];
  /** Phrases (CJK character 2-4-grams, Latin word 2-3-grams) used in at least two copies, weighted by performance. */
  favouritePhrases: string[];
  /** Every copy with its performance score and embedding, for few-shot retrieval. */
  examples: Array<HistoricalCopy & { score: number; embedding: Float32Array }>;
  embedderId: string;
}

const EMOJI = /\p{Extended_Pictographic}/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Performance of one past copy: its CTR, else conversions (or clicks) per impression, else 0. */
export function performanceScore(copy: HistoricalCopy): number {
  if (copy.ctr !== undefined) return copy.ctr;
  const numerator = copy.conversions ?? copy.clicks;
  if (numerator !== undefined && copy.impressions) return numerator / copy.impressions;
  return 0;
}

/**
 * Learns a merchant's brand voice from historical copy with results: length, emoji and
 * exclamation habits, favourite phrases (weighted by performance), and embeddings of every copy
 * (default: core's offline `HashingEmbedder`) for retrieving the best past copies as examples.
 */
export async function learnBrandVoice(
  history: readonly HistoricalCopy[],
  options: { embedder?: TextEmbedder } = {},
): Promise<BrandVoice> {
  const rows = history.filter((copy) => copy.text?.trim());
  if (rows.length === 0)
    throw new InputValidationError({
      issues: [{ field: 'text', message: 'no historical copy to learn from' }],
    });
  const embedder = options.embedder ?? new HashingEmbedder();
  const embeddings = await embedder.embed(rows.map((copy) => copy.text));
  const emojiCounts = new Map<string, number>();
  for (const copy of rows)
    for (const emoji of copy.text.match(EMOJI) ?? [])
      emojiCounts.set(emoji, (emojiCounts.get(emoji) ?? 0) + 1);
  return {
    samples: rows.length,
    averageLength: rows.reduce((s, c) => s + [...c.text].length, 0) / rows.length,
    emojiRate: rows.filter((c) => /\p{Extended_Pictographic}/u.test(c.text)).length / rows.length,
    exclamationRate: rows.filter((c) => /[!！]/.test(c.text)).length / rows.length,
    favouriteEmoji: [...emojiCounts].sort((a, b) => b[1] - a[1]).map(([emoji]) => emoji),
    favouritePhrases: favouritePhrases(rows),
    examples: rows.map((copy, i) => ({ ...copy, score: performanceScore(copy), embedding: embeddings[i] })),
    embedderId: embedder.id,
  };
}

function phrasesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.split(/[\s\p{P}\p{S}\d]+/u).filter(Boolean)) {
    if (CJK.test(run)) {
      const chars = [...run];
      for (let n = 2; n <= 4; n++)
        for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
    }
  }
  const words = text
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .filter((w) => w.length > 0 && !CJK.test(w));
  for (let n = 2; n <= 3; n++)
    for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

/** Phrases in >= 2 copies, ranked by the summed (1 + score) of the copies using them, longer first on ties. */
function favouritePhrases(rows: readonly HistoricalCopy[], limit = 10): string[] {
  const weight = new Map<string, { copies: number; score: number }>();
  for (const copy of rows) {
    for (const phrase of phrasesOf(copy.text)) {
      const entry = weight.get(phrase) ?? { copies: 0, score: 0 };
      entry.copies++;
      entry.score += 1 + performanceScore(copy);
      weight.set(phrase, entry);
    }
  }
  const ranked = [...weight]
    .filter(([, e]) => e.copies >= 2)
    .sort((a, b) => b[1].score - a[1].score || [...b[0]].length - [...a[0]].length);
  const chosen: string[] = [];
  for (const [phrase] of ranked) {
    if (chosen.some((c) => c.includes(phrase))) continue; // keep the longest form of nested phrases
    chosen.push(phrase);
    if (chosen.length >= limit) break;
  }
  return chosen;
}

/**
 * The best-performing past copies most similar to a brief, as few-shot examples: candidates are the
 * copies scoring at or above the median (optionally of the same channel and language), ranked by
 * cosine similarity of embeddings to the brief text.
 */
export async function selectExamples(
  voice: BrandVoice,
  briefText: string,
  options: { k?: number; channel?: string; language?: string; embedder?: TextEmbedder } = {},
): Promise<Array<HistoricalCopy & { score: number; similarity: number }>> {
  const embedder = options.embedder ?? new HashingEmbedder();
  const [query] = await embedder.embed([briefText]);
  let pool = voice.examples.filter(
    (e) =>
      (!options.channel || !e.channel || e.channel === options.channel) &&
      (!options.language || !e.language || e.language === options.language),
  );
  if (pool.length === 0) pool = voice.examples;
  const scores = pool.map((e) => e.score).sort((a, b) => a - b);
  const median = scores[Math.floor((scores.length - 1) / 2)];
  return pool
    .filter((e) => e.score >= median)
    .map(({ embedding, ...rest }) => ({ ...rest, similarity: cosineSimilarity(embedding, query) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, options.k ?? 3);
}
