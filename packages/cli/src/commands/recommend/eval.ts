import {
  evaluateRecommender,
  leaveOneOutSplit,
  type Split,
  stratifiedSplit,
  timeSplit,
} from '@shoppilot/recsys';
import { defineCommand } from 'citty';
import {
  choiceFlag,
  integerFlag,
  printJson,
  printLines,
  printNote,
  repeatedFlag,
  UsageError,
} from '../../output/index';
import { createModel } from './model-specs';
import { type InteractionFlags, interactionArgs, readInteractionFile } from './read-interactions';

const PROTOCOLS = ['loo', 'stratified', 'time'] as const;

export const evalCommand = defineCommand({
  meta: {
    name: 'eval',
    description:
      'Split interactions by a protocol, fit each model on train and rank every item for the test users',
  },
  args: {
    ...interactionArgs,
    protocol: {
      type: 'string',
      description: 'loo (chronological leave-one-out), stratified (random 75/25 per user) or time',
      default: 'stratified',
    },
    k: { type: 'string', description: 'Cut-off of the metrics', default: '10' },
    models: {
      type: 'string',
      description:
        'Comma-separated models (popularity, popularity-recent, itemknn, covisitation, ease, weighted-ease, edlae, time-availability, als, bpr, sasrec; options as name:key=value)',
      default: 'popularity,itemknn,ease',
    },
    seed: { type: 'string', description: 'Seed of the stratified split (default 42)' },
    json: { type: 'boolean', description: 'Print only the JSON result', default: false },
  },
  async run({ args, rawArgs }) {
    const protocol = choiceFlag(args.protocol, 'protocol', PROTOCOLS) ?? 'stratified';
    const k = integerFlag(args.k, 'k') ?? 10;
    if (protocol !== 'stratified' && !args.time) throw new UsageError(`--protocol ${protocol} needs --time`);
    const specs = repeatedFlag(rawArgs, 'models');
    const models = (specs.length ? specs : String(args.models).split(',')).map((spec) =>
      createModel(spec.trim()),
    );
    const data = await readInteractionFile(args as InteractionFlags);
    const split: Split =
      protocol === 'loo'
        ? leaveOneOutSplit(data)
        : protocol === 'time'
          ? timeSplit(data)
          : stratifiedSplit(data, { seed: args.seed ? Number(args.seed) : 42 });
    if (!args.json)
      printNote(
        `${split.protocol.description}; ${split.train.users.length} train / ${split.test.users.length} test interactions`,
      );
    const rows = [];
    let users = 0;
    for (const { name, model } of models) {
      const started = performance.now();
      await model.fit(split.train);
      const result = await evaluateRecommender(model, split, { k });
      users = result.users;
      const m = result.metrics;
      rows.push({
        name,
        [`ndcg@${k}`]: m.ndcg,
        [`hr@${k}`]: m.hr,
        [`recall@${k}`]: m.recall,
        [`precision@${k}`]: m.precision,
        coverage: m.coverage,
        seconds: (performance.now() - started) / 1000,
      });
      if (!args.json) printNote(`${name}: nDCG@${k} ${m.ndcg.toFixed(4)}`);
    }
    const result = { protocol, k, users, items: data.itemIds.length, models: rows };
    if (args.json) printJson(result);
    else {
      printLines(
        `protocol ${split.protocol.description}, k ${k}, ${users} test users, ${data.itemIds.length} items`,
      );
      for (const row of rows) {
        printLines(
          `${row.name}: nDCG ${fmt(row[`ndcg@${k}`])}, HR ${fmt(row[`hr@${k}`])}, recall ${fmt(row[`recall@${k}`])}, precision ${fmt(row[`precision@${k}`])}, coverage ${fmt(row.coverage)}, ${fmt(row.seconds)} s`,
        );
      }
    }
  },
});

function fmt(value: unknown): string {
  return Number(value).toFixed(4);
}
