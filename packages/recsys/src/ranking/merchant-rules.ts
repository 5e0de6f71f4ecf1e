import type { Candidate } from '../diversity/candidate';
import { contextFeatures, contextTime, type RankingContext } from './ranking-context';

/**
 * A rule a merchant states as data, e.g.
 * `{ name: 'weekday lunch favours quick meals', when: { week: 'weekday', dayparts: ['lunch'] },
 *    favour: { categories: ['quick-meals'] }, boost: 0.3 }`.
 */
export interface MerchantRule {
  name: string;
  when: {
    week?: 'weekday' | 'weekend';
    dayparts?: ReadonlyArray<'night' | 'morning' | 'lunch' | 'afternoon' | 'evening'>;
    /** Local hours [from, to) (wrapping past midnight allowed: [22, 2]). */
    hours?: readonly [number, number];
    devices?: readonly string[];
    locations?: readonly string[];
    segments?: readonly string[];
  };
  favour: { categories?: readonly string[]; items?: readonly string[]; tags?: readonly string[] };
  /** Added to matching items' scores, in units of the list's score range (negative demotes). */
  boost: number;
}

/** Whether a rule's conditions hold in a context (unknown context fields fail a condition on them). */
export function ruleApplies(rule: MerchantRule, context: RankingContext): boolean {
  const time = contextTime(context);
  const features = contextFeatures(context);
  const { when } = rule;
  if (when.week && features.week !== when.week) return false;
  if (when.dayparts && (!time.daypart || !when.dayparts.includes(time.daypart))) return false;
  if (when.hours) {
    if (time.hour === undefined) return false;
    const [from, to] = when.hours;
    const inside = from <= to ? time.hour >= from && time.hour < to : time.hour >= from || time.hour < to;
    if (!inside) return false;
  }
  if (when.devices && !when.devices.map((d) => d.toLowerCase()).includes(features.device ?? '')) return false;
  if (when.locations && !when.locations.includes(context.location ?? '')) return false;
  if (when.segments && !when.segments.includes(context.segment ?? '')) return false;
  return true;
}

/**
 * Applies the rules that hold in `context`: matching candidates get `boost · range` added and a
 * reason naming the rule; the list is re-sorted. Tags are matched against `tagsOf(candidate)`.
 */
export function applyMerchantRules(
  candidates: readonly Candidate[],
  context: RankingContext,
  rules: readonly MerchantRule[],
  tagsOf: (candidate: Candidate) => readonly string[] = () => [],
): { items: Candidate[]; applied: string[] } {
  const active = rules.filter((rule) => ruleApplies(rule, context));
  if (active.length === 0) return { items: [...candidates], applied: [] };
  const scores = candidates.map((c) => c.score);
  const range = Math.max(...scores) - Math.min(...scores) || 1;
  const items = candidates.map((candidate) => {
    let { score } = candidate;
    const reasons = [...candidate.reasons];
    for (const rule of active) {
      const tags = tagsOf(candidate);
      const match =
        (candidate.category !== undefined && rule.favour.categories?.includes(candidate.category)) ||
        rule.favour.items?.includes(candidate.itemId) ||
        rule.favour.tags?.some((t) => tags.includes(t));
      if (!match) continue;
      score += rule.boost * range;
      reasons.push(`merchant rule "${rule.name}" (${rule.boost > 0 ? '+' : ''}${rule.boost})`);
    }
    return { ...candidate, score, reasons };
  });
  items.sort((a, b) => b.score - a.score);
  return { items, applied: active.map((r) => r.name) };
}
