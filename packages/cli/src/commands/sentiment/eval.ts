import { binaryClassificationReport, SentimentClassifier } from '@shoppilot/profiling';
import { defineCommand } from 'citty';
import { choiceFlag, printJson, printLines } from '../../output/index';
import { readLabelledTexts } from './read-labelled';
import { lexiconFor, textArgs } from './shared-args';

export const evalCommand = defineCommand({
  meta: {
    name: 'eval',
    description: 'Train on one file, evaluate on another: accuracy, F1 (positive class) and n',
  },
  args: {
    train: {
      type: 'string',
      description: 'Labelled training reviews (CSV or JSONL, .gz allowed)',
      required: true,
    },
    test: { type: 'string', description: 'Labelled test reviews', required: true },
    ...textArgs,
    method: {
      type: 'string',
      default: 'nb-lr',
      description: 'nb-lr (trained classifier) or lexicon (untrained)',
    },
    json: { type: 'boolean', description: 'Print only the JSON result', default: false },
  },
  async run({ args }) {
    const read = (file: string) =>
      readLabelledTexts(file, { text: args.text, label: args.label, positive: args.positive });
    const method = choiceFlag(args.method, 'method', ['nb-lr', 'lexicon'] as const) ?? 'nb-lr';
    const test = await read(args.test);
    let predicted: number[];
    if (method === 'lexicon') predicted = lexiconFor(args.lang).predict(test.texts);
    else {
      const train = await read(args.train);
      predicted = (await new SentimentClassifier().fit(train.texts, train.labels)).predict(test.texts);
    }
    const report = binaryClassificationReport(test.labels, predicted);
    const result = { accuracy: report.accuracy, f1: report.f1, n: report.n };
    if (args.json) printJson(result);
    else
      printLines(
        `${method}: accuracy ${report.accuracy.toFixed(4)}, F1 ${report.f1.toFixed(4)}, n ${report.n}`,
      );
  },
});
