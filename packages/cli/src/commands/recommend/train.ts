import { writeFile } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { printJson } from '../../output/index';
import { createModel } from './model-specs';
import { type InteractionFlags, interactionArgs, readInteractionFile } from './read-interactions';

export const trainCommand = defineCommand({
  meta: { name: 'train', description: 'Fit a recommender on all interactions and save it as JSON' },
  args: {
    ...interactionArgs,
    model: {
      type: 'string',
      description:
        'Model (popularity, itemknn, covisitation, ease, weighted-ease, edlae, time-availability, als, bpr, sasrec; options as name:key=value)',
      default: 'ease',
    },
    out: { type: 'string', description: 'Where to write the model JSON', required: true },
  },
  async run({ args }) {
    const data = await readInteractionFile(args as InteractionFlags);
    const { name, model } = createModel(String(args.model));
    const started = performance.now();
    await model.fit(data);
    await writeFile(String(args.out), JSON.stringify(model.toJSON()));
    printJson({
      model: name,
      kind: model.kind,
      out: args.out,
      users: data.userIds.length,
      items: data.itemIds.length,
      interactions: data.users.length,
      seconds: (performance.now() - started) / 1000,
    });
  },
});
