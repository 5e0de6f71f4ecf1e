import { createRng } from '@shoppilot/core';
import { createInteractions, type Interactions } from '../data/interactions';

/**
 * Two taste groups: users 0..n/2 interact with items g0-*, the others with g1-*, each with a few
 * random items of their group (seeded), timestamps in order. Items of a group co-occur, so every
 * collaborative model should rank the user's own group first.
 */
export function twoGroups(users = 24, itemsPerGroup = 8, perUser = 5, seed = 1): Interactions {
  const rng = createRng(seed);
  const rows = [];
  for (let u = 0; u < users; u++) {
    const group = u < users / 2 ? 0 : 1;
    const items = rng.shuffle(Array.from({ length: itemsPerGroup }, (_, i) => i)).slice(0, perUser);
    for (const [t, i] of items.entries())
      rows.push({
        userId: `u${u}`,
        itemId: `g${group}-${i}`,
        timestamp: 1000 * (u * 10 + t),
        weight: 1 + (i % 5),
      });
  }
  return createInteractions(rows);
}

/** Share of (user, own-group unseen item, other-group item) pairs ranked correctly. */
export function groupAuc(
  data: Interactions,
  scoresOf: (user: number, history: number[]) => Float64Array,
): number {
  let correct = 0;
  let total = 0;
  for (let u = 0; u < data.userIds.length; u++) {
    const history = Array.from(data.items.filter((_, k) => data.users[k] === u));
    const scores = scoresOf(u, history);
    const group = data.itemIds[history[0]].slice(0, 2);
    for (let i = 0; i < data.itemIds.length; i++) {
      if (history.includes(i) || !data.itemIds[i].startsWith(group)) continue;
      for (let j = 0; j < data.itemIds.length; j++) {
        if (data.itemIds[j].startsWith(group)) continue;
        total++;
        if (scores[i] > scores[j]) correct++;
      }
    }
  }
  return correct / total;
}
