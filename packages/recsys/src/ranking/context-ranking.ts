import { applyBusinessRules, type BusinessRules } from '../diversity/business-rules';
import type { Candidate } from '../diversity/candidate';
import { dppRerank } from '../diversity/dpp';
import { mmrRerank } from '../diversity/mmr';
import type { ContextReranker } from './context-reranker';
import { applyMerchantRules, type MerchantRule } from './merchant-rules';
import { type PresentationHint, presentationHint } from './presentation';
import type { RankingContext } from './ranking-context';

export interface ContextRankingOptions {
  /** List length. Default 10. */
  k?: number;
  /** A fitted learned re-ranker; its log-odds are added with `rerankerWeight`. */
  reranker?: ContextReranker;
  /** Weight of the re-ranker's log-odds against the standardised upstream score. Default 1. */
  rerankerWeight?: number;
  /** Merchant rules as data. */
  rules?: readonly MerchantRule[];
  /** Tags of a candidate for rule matching (e.g. `quick-meal`). */
  tagsOf?: (candidate: Candidate) => readonly string[];
  /** Diversity re-ranking and its weight (MMR λ or DPP θ). Default none. */
  diversity?: { method: 'mmr' | 'dpp'; weight: number };
  /** Exclusions, boosts, caps, pins. */
  business?: BusinessRules;
}

export interface ContextRanking {
  items: Candidate[];
  presentation: PresentationHint;
  /** Names of the merchant rules that applied. */
  rulesApplied: string[];
  removed: Array<{ itemId: string; reason: string }>;
}

/**
 * The context-aware ranking pipeline: standardise the upstream scores, add the learned context
 * re-ranker, apply merchant rules that hold in the context, diversify (MMR or DPP), apply business
 * rules, and attach a presentation hint for the device.
 */
export function rankForContext(
  candidates: readonly Candidate[],
  context: RankingContext,
  options: ContextRankingOptions = {},
): ContextRanking {
  const k = options.k ?? 10;
  let items = standardise(candidates);
  if (options.reranker) {
    const logits = options.reranker.score(
      context,
      items.map((c) => ({
        itemId: c.itemId,
        category: c.category,
        tags: options.tagsOf?.(c),
        baseScore: c.score,
      })),
    );
    const weight = options.rerankerWeight ?? 1;
    items = items
      .map((c, i) => ({
        ...c,
        score: c.score + weight * logits[i],
        reasons: [
          ...c.reasons,
          `context model: ${logits[i] >= 0 ? '+' : ''}${logits[i].toFixed(2)} log-odds`,
        ],
      }))
      .sort((a, b) => b.score - a.score);
  }
  const ruled = applyMerchantRules(items, context, options.rules ?? [], options.tagsOf);
  items = ruled.items;
  const pool = Math.max(
    k * 3,
    k + (options.business?.alreadyBought?.length ?? 0) + (options.business?.exclude?.length ?? 0),
  );
  if (options.diversity) {
    const { method, weight } = options.diversity;
    items =
      method === 'mmr'
        ? mmrRerank(items, { k: pool, lambda: weight })
        : dppRerank(items, { k: pool, theta: weight });
  }
  const outcome = applyBusinessRules(items, options.business ?? {}, k);
  return {
    items: outcome.items,
    presentation: presentationHint(context),
    rulesApplied: ruled.applied,
    removed: outcome.removed,
  };
}

/** Scores as z-scores over the list (so weights mean the same for every upstream model). */
function standardise(candidates: readonly Candidate[]): Candidate[] {
  const n = candidates.length;
  if (n === 0) return [];
  const mean = candidates.reduce((s, c) => s + c.score, 0) / n;
  const sd = Math.sqrt(candidates.reduce((s, c) => s + (c.score - mean) ** 2, 0) / n) || 1;
  return candidates.map((c) => ({ ...c, score: (c.score - mean) / sd })).sort((a, b) => b.score - a.score);
}
