import type { BehaviorEvent } from '@shoppilot/core';
import { contextFeatures, type RankingContext } from '../ranking/ranking-context';

/** Interaction counts per item, overall and per group (segment, device, weekday-lunch …). */
export interface PopularityTables {
  global: Record<string, number>;
  /** `segment=vip` → item → count; `device=mobile` → …; `slot=weekday-lunch` → … */
  groups: Record<string, Record<string, number>>;
}

/**
 * Counts items overall, per user segment and per context feature of the events (device, daypart,
 * weekday/weekend slot, location, channel) — the priors for users the models know nothing about.
 */
export function popularityTables(
  events: readonly Pick<BehaviorEvent, 'userId' | 'itemId' | 'timestamp' | 'context'>[],
  userSegments: Readonly<Record<string, string>> = {},
): PopularityTables {
  const global: Record<string, number> = {};
  const groups: Record<string, Record<string, number>> = {};
  const add = (group: string, item: string) => {
    groups[group] ??= {};
    groups[group][item] = (groups[group][item] ?? 0) + 1;
  };
  for (const event of events) {
    if (!event.itemId) continue;
    global[event.itemId] = (global[event.itemId] ?? 0) + 1;
    const segment = userSegments[event.userId];
    if (segment) add(`segment=${segment}`, event.itemId);
    const context: RankingContext = {
      timestamp: event.timestamp,
      device: event.context?.device,
      location: event.context?.geo,
      channel: event.context?.channel,
    };
    for (const [key, value] of Object.entries(contextFeatures(context))) add(`${key}=${value}`, event.itemId);
  }
  return { global, groups };
}

/**
 * Prior scores for a cold user: log-popularity in each matching group (segment, slot, device,
 * location), weighted, plus the global log-popularity; and the reasons of the strongest group.
 */
export function priorScores(
  tables: PopularityTables,
  itemIds: readonly string[],
  context: RankingContext,
  segmentWeight: number,
): { scores: Float64Array; explain: (item: number) => string[] } {
  const scores = Float64Array.from(itemIds, (id) => Math.log1p(tables.global[id] ?? 0));
  const keys = Object.entries(contextFeatures(context))
    .map(([k, v]) => `${k}=${v}`)
    .filter((key) => tables.groups[key]);
  for (const key of keys) {
    const group = tables.groups[key];
    const weight = key.startsWith('segment=')
      ? segmentWeight
      : (1 - segmentWeight) / Math.max(1, keys.length);
    itemIds.forEach((id, i) => {
      scores[i] += 2 * weight * Math.log1p(group[id] ?? 0);
    });
  }
  const explain = (item: number) => {
    const id = itemIds[item];
    const best = keys
      .map((key) => ({ key, count: tables.groups[key][id] ?? 0 }))
      .sort((a, b) => b.count - a.count)[0];
    const reasons = [`popular overall (${tables.global[id] ?? 0} interactions)`];
    if (best && best.count > 0)
      reasons.unshift(`popular where ${best.key.replace('=', ' = ')} (${best.count} interactions)`);
    return reasons;
  };
  return { scores, explain };
}
