import { readFile } from 'node:fs/promises';
import { initTensorBackend } from '@shoppilot/core';
import { loadRecommender } from '@shoppilot/recsys';
import { defineCommand } from 'citty';
import { integerFlag, printJson, printLines, repeatedFlag } from '../../output/index';

export const topCommand = defineCommand({
  meta: {
    name: 'top',
    description: 'Top-k items per user from a trained model (all training users unless --users is given)',
  },
  args: {
    model: {
      type: 'string',
      description: 'Model JSON written by `shoppilot recommend train`',
      required: true,
    },
    users: {
      type: 'string',
      description: 'Comma-separated user ids (repeatable); default: every training user',
    },
    k: { type: 'string', description: 'Items per user', default: '10' },
    'include-seen': {
      type: 'boolean',
      description: 'Allow items already in the user’s history',
      default: false,
    },
    json: { type: 'boolean', description: 'Print one JSON document', default: false },
  },
  async run({ args, rawArgs }) {
    const json = JSON.parse(await readFile(String(args.model), 'utf8'));
    if (json?.kind === 'recsys.sasrec') await initTensorBackend();
    const model = loadRecommender(json);
    const k = integerFlag(args.k, 'k') ?? 10;
    const requested = repeatedFlag(rawArgs, 'users');
    const users = requested.length ? requested : model.histories.userIds;
    const lists = users.map((userId) => {
      const list = model.recommend(userId, { k, excludeSeen: !args['include-seen'] });
      return { userId, items: list.items, warnings: list.warnings };
    });
    if (args.json) printJson({ model: model.kind, k, users: lists });
    else
      for (const list of lists)
        printLines(`${list.userId}\t${list.items.map((i) => `${i.itemId}:${i.score.toFixed(4)}`).join(' ')}`);
  },
});
