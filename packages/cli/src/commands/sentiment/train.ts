import { writeFile } from 'node:fs/promises';
import { SentimentClassifier } from '@shoppilot/profiling';
import { defineCommand } from 'citty';
import { integerFlag, printJson } from '../../output/index';
import { readLabelledTexts } from './read-labelled';
import { textArgs } from './shared-args';

export const trainCommand = defineCommand({
  meta: {
    name: 'train',
    description: 'Train the n-gram sentiment classifier (NB-LR) on labelled reviews and save it as JSON',
  },
  args: {
    input: { type: 'string', description: 'Labelled reviews (CSV or JSONL, .gz allowed)', required: true },
    out: { type: 'string', description: 'Where to write the model JSON', required: true },
    ...textArgs,
    epochs: { type: 'string', description: 'Training passes (default 6)' },
    seed: { type: 'string', description: 'Seed (default 0)' },
  },
  async run({ args }) {
    const data = await readLabelledTexts(args.input, {
      text: args.text,
      label: args.label,
      positive: args.positive,
    });
    const started = performance.now();
    const model = await new SentimentClassifier({
      epochs: integerFlag(args.epochs, 'epochs'),
      seed: args.seed ? Number(args.seed) : undefined,
    }).fit(data.texts, data.labels);
    await writeFile(args.out, JSON.stringify(model.toJSON()));
    printJson({ model: args.out, n: data.texts.length, seconds: (performance.now() - started) / 1000 });
  },
});
