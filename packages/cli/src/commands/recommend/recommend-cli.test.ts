import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createInteractions,
  EaseRecommender,
  evaluateRecommender,
  filterByWeight,
  leaveOneOutSplit,
  PopularityRecommender,
  stratifiedSplit,
} from '@shoppilot/recsys';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../main';
import { runCli } from '../../output/index';

const fixture = fileURLToPath(new URL('./__fixtures__/interactions.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'shoppilot-recommend-'));

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  const code = await runCli(main, args);
  vi.restoreAllMocks();
  return { code, out, err };
}

afterEach(() => vi.restoreAllMocks());

/** The fixture as the library reads it (ts in unix seconds → ms). */
function fixtureData() {
  const [, ...lines] = readFileSync(fixture, 'utf8').trim().split('\n');
  return createInteractions(
    lines.map((line) => {
      const [userId, itemId, ts, rating] = line.split(',');
      return { userId, itemId, timestamp: Number(ts) * 1000, weight: Number(rating) };
    }),
  );
}

const readFlags = [
  '--interactions',
  fixture,
  '--user',
  'user',
  '--item',
  'item',
  '--time',
  'ts',
  '--rating',
  'rating',
];

describe('shoppilot recommend eval', () => {
  it('prints the issue’s JSON shape with the library’s numbers (loo, k 3)', async () => {
    const { code, out } = await capture([
      'recommend',
      'eval',
      ...readFlags,
      '--protocol',
      'loo',
      '--k',
      '3',
      '--models',
      'popularity,ease:lambda=5',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(['protocol', 'k', 'users', 'items', 'models']);
    expect(result).toMatchObject({ protocol: 'loo', k: 3, users: 16, items: 12 });
    expect(result.models.map((m: { name: string }) => m.name)).toEqual(['popularity', 'ease:lambda=5']);
    expect(Object.keys(result.models[0])).toEqual([
      'name',
      'ndcg@3',
      'hr@3',
      'recall@3',
      'precision@3',
      'coverage',
      'seconds',
    ]);
    const split = leaveOneOutSplit(fixtureData());
    const popularity = await evaluateRecommender(new PopularityRecommender().fit(split.train), split, {
      k: 3,
    });
    const ease = await evaluateRecommender(await new EaseRecommender({ lambda: 5 }).fit(split.train), split, {
      k: 3,
    });
    expect(result.models[0]['ndcg@3']).toBeCloseTo(popularity.metrics.ndcg, 12);
    expect(result.models[0]['hr@3']).toBeCloseTo(popularity.metrics.hr, 12);
    expect(result.models[1]['recall@3']).toBeCloseTo(ease.metrics.recall, 12);
    expect(result.models[1].coverage).toBeCloseTo(ease.metrics.coverage, 12);
  });

  it('stratified (MS semantics, seed 42) with --min-rating filters before splitting', async () => {
    const { code, out } = await capture([
      'recommend',
      'eval',
      ...readFlags,
      '--min-rating',
      '3',
      '--protocol',
      'stratified',
      '--models',
      'popularity',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    const kept = filterByWeight(fixtureData(), 3);
    const split = stratifiedSplit(kept);
    const expected = await evaluateRecommender(new PopularityRecommender().fit(split.train), split, {
      k: 10,
    });
    expect(result.models[0]['ndcg@10']).toBeCloseTo(expected.metrics.ndcg, 12);
    expect(result.users).toBe(expected.users);
  });

  it('names the weighted EASE family: with no rating weight, time term or dropout it scores as EASE', async () => {
    const { code, out } = await capture([
      'recommend',
      'eval',
      ...readFlags,
      '--protocol',
      'stratified',
      '--models',
      'ease:lambda=5,weighted-ease:lambda=5:ratingWeight=0:timeWeight=0,edlae:lambda=5:dropout=0,time-availability',
      '--json',
    ]);
    expect(code).toBe(0);
    const [ease, weighted, edlae, availability] = JSON.parse(out).models;
    expect(weighted['ndcg@10']).toBeCloseTo(ease['ndcg@10'], 12);
    expect(edlae['ndcg@10']).toBeCloseTo(ease['ndcg@10'], 12);
    expect(availability.name).toBe('time-availability');
  });

  it('usage errors: unknown model, loo without --time, --min-rating without --rating', async () => {
    expect((await capture(['recommend', 'eval', ...readFlags, '--models', 'magic'])).code).toBe(2);
    expect((await capture(['recommend', 'eval', '--interactions', fixture, '--protocol', 'loo'])).code).toBe(
      2,
    );
    expect((await capture(['recommend', 'eval', '--interactions', fixture, '--min-rating', '3'])).code).toBe(
      2,
    );
  });
});

describe('shoppilot recommend train / top', () => {
  it('saves a model and prints top-k per user, excluding seen items', async () => {
    const out = join(dir, 'ease.json');
    const trained = await capture([
      'recommend',
      'train',
      ...readFlags,
      '--model',
      'ease:lambda=5',
      '--out',
      out,
    ]);
    expect(trained.code).toBe(0);
    expect(JSON.parse(trained.out)).toMatchObject({
      kind: 'recsys.ease',
      users: 16,
      items: 12,
      interactions: 80,
    });
    const top = await capture(['recommend', 'top', '--model', out, '--users', 'u0,u9', '--k', '2', '--json']);
    expect(top.code).toBe(0);
    const result = JSON.parse(top.out);
    expect(result.users.map((u: { userId: string }) => u.userId)).toEqual(['u0', 'u9']);
    const model = await new EaseRecommender({ lambda: 5 }).fit(fixtureData());
    for (const user of result.users) {
      expect(user.items.map((i: { itemId: string }) => i.itemId)).toEqual(
        model.recommend(user.userId, { k: 2 }).items.map((i) => i.itemId),
      );
    }
    // u0 is in group a and has seen 5 of its 6 items: the sixth comes first.
    expect(result.users[0].items[0].itemId).toBe('a1');
  });

  it('popularity top-1 by hand: distinct users per item, seen items excluded', async () => {
    const out = join(dir, 'popularity.json');
    expect(
      (await capture(['recommend', 'train', ...readFlags, '--model', 'popularity', '--out', out])).code,
    ).toBe(0);
    const top = await capture(['recommend', 'top', '--model', out, '--users', 'u0', '--k', '1', '--json']);
    // Counted from the fixture: a0, a2 and b0 have 8 users each; u0 has seen a0 and a2, so b0 (8) leads
    // the unseen items (a1, b1 and b3 have 7).
    expect(JSON.parse(top.out).users[0].items).toMatchObject([{ itemId: 'b0', score: 8 }]);
  });
});
