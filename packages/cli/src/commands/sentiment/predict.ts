import { readFile } from 'node:fs/promises';
import { SentimentClassifier } from '@shoppilot/profiling';
import { defineCommand } from 'citty';
import { printLines } from '../../output/index';
import { readLabelledTexts } from './read-labelled';
import { lexiconFor, textArgs } from './shared-args';

export const predictCommand = defineCommand({
  meta: {
    name: 'predict',
    description: 'Label reviews with a trained model (or the lexicon); one JSON line per review',
  },
  args: {
    input: { type: 'string', description: 'Reviews (CSV or JSONL, .gz allowed)', required: true },
    model: { type: 'string', description: 'Model JSON from `sentiment train` (omit to use the lexicon)' },
    text: textArgs.text,
    lang: textArgs.lang,
  },
  async run({ args }) {
    const { texts } = await readLabelledTexts(args.input, { text: args.text });
    if (args.model) {
      const model = SentimentClassifier.fromJSON(JSON.parse(await readFile(args.model, 'utf8')));
      const probabilities = model.predictProba(texts);
      printLines(
        ...Array.from(probabilities, (probability, i) =>
          JSON.stringify({ row: i + 1, label: probability >= 0.5 ? 1 : 0, probability }),
        ),
      );
      return;
    }
    const scorer = lexiconFor(args.lang);
    printLines(
      ...texts.map((text, i) => {
        const score = scorer.score(text);
        return JSON.stringify({ row: i + 1, label: score.label, score: score.score });
      }),
    );
  },
});
