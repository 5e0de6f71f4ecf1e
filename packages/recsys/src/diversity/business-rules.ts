import type { Candidate } from './candidate';

export interface BusinessRules {
  /** Drop items with `inStock === false`. Default true. */
  excludeOutOfStock?: boolean;
  /** Items the user already bought (dropped). */
  alreadyBought?: readonly string[];
  /** Other items never to show. */
  exclude?: readonly string[];
  /** At most this many items per category in the list (`default` for all, or per category). */
  categoryCaps?: { default?: number; perCategory?: Readonly<Record<string, number>> };
  /** Score boosts in units of the candidates' score range (0.1 = a tenth of the range), by item or category. */
  boosts?: { items?: Readonly<Record<string, number>>; categories?: Readonly<Record<string, number>> };
  /** Items placed at fixed 1-based positions (if present among the candidates or given here). */
  pins?: ReadonlyArray<{ itemId: string; position: number }>;
}

export interface RuleOutcome {
  items: Candidate[];
  /** What was removed and why (nothing disappears silently). */
  removed: Array<{ itemId: string; reason: string }>;
}

/**
 * Applies merchandising rules to a ranked candidate list: exclusions (out of stock, already
 * bought, blocked), boosts (re-sorting by the adjusted score), category caps, then pins.
 */
export function applyBusinessRules(
  candidates: readonly Candidate[],
  rules: BusinessRules,
  k = 10,
): RuleOutcome {
  const removed: RuleOutcome['removed'] = [];
  const bought = new Set(rules.alreadyBought ?? []);
  const blocked = new Set(rules.exclude ?? []);
  const pinned = new Set((rules.pins ?? []).map((p) => p.itemId));
  const kept = candidates.filter((c) => {
    const reason =
      (rules.excludeOutOfStock ?? true) && c.inStock === false
        ? 'out of stock'
        : bought.has(c.itemId)
          ? 'already bought'
          : blocked.has(c.itemId)
            ? 'excluded by rule'
            : undefined;
    if (reason) removed.push({ itemId: c.itemId, reason });
    return !reason && !pinned.has(c.itemId);
  });
  const boosted = boost(kept, rules.boosts);
  const capped = cap(boosted, rules.categoryCaps, removed, k - (rules.pins?.length ?? 0));
  return { items: pin(capped, candidates, rules.pins ?? [], k, removed), removed };
}

function boost(candidates: Candidate[], boosts: BusinessRules['boosts']): Candidate[] {
  if (!boosts) return candidates;
  const scores = candidates.map((c) => c.score);
  const range = Math.max(...scores) - Math.min(...scores) || 1;
  return candidates
    .map((c) => {
      const b = (boosts.items?.[c.itemId] ?? 0) + (c.category ? (boosts.categories?.[c.category] ?? 0) : 0);
      return b === 0
        ? c
        : {
            ...c,
            score: c.score + b * range,
            reasons: [...c.reasons, `boosted by merchandising rule (${b > 0 ? '+' : ''}${b})`],
          };
    })
    .sort((a, b) => b.score - a.score);
}

function cap(
  candidates: Candidate[],
  caps: BusinessRules['categoryCaps'],
  removed: RuleOutcome['removed'],
  k: number,
): Candidate[] {
  if (!caps) return candidates.slice(0, Math.max(0, k));
  const counts = new Map<string, number>();
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (out.length >= k) break;
    const limit = c.category === undefined ? undefined : (caps.perCategory?.[c.category] ?? caps.default);
    const count = c.category === undefined ? 0 : (counts.get(c.category) ?? 0);
    if (limit !== undefined && count >= limit) {
      removed.push({ itemId: c.itemId, reason: `category cap: at most ${limit} from "${c.category}"` });
      continue;
    }
    if (c.category !== undefined) counts.set(c.category, count + 1);
    out.push(c);
  }
  return out;
}

function pin(
  list: Candidate[],
  all: readonly Candidate[],
  pins: NonNullable<BusinessRules['pins']>,
  k: number,
  removed: RuleOutcome['removed'],
): Candidate[] {
  const out = [...list];
  for (const p of [...pins].sort((a, b) => a.position - b.position)) {
    const found = all.find((c) => c.itemId === p.itemId);
    if (found && found.inStock === false) {
      removed.push({ itemId: p.itemId, reason: 'pinned but out of stock' });
      continue;
    }
    const item = found ?? { itemId: p.itemId, score: Number.NaN, reasons: [] };
    out.splice(Math.max(0, Math.min(out.length, p.position - 1)), 0, {
      ...item,
      reasons: [...item.reasons, `pinned at position ${p.position}`],
    });
  }
  return out.slice(0, k);
}
