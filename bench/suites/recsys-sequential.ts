/** Chronological leave-one-out on MovieLens 100K and the clickstream samples: SASRec against item-kNN. */
import { loadavg } from 'node:os';
import {
  EaseRecommender,
  type Interactions,
  ItemKnnRecommender,
  leaveOneOutSplit,
  PopularityRecommender,
  type Recommender,
  type SasRecOptions,
  SasRecRecommender,
} from '@shoppilot/recsys';
import { type BenchContext, dataFile, markdownTable } from '../harness';
import { fitAndEvaluate, loadNote, METRIC_HEADER, type ModelRun, metricRow } from './recsys-common';
import { loadDiginetica, loadMovieLens, loadOtto, loadTaobao, sequentialDataset } from './recsys-data';

interface Dataset {
  name: string;
  description: string;
  data: Interactions;
  sasrec: SasRecOptions;
  lambda: number;
}

/**
 * SASRec's epoch cap on MovieLens in a full run: a CPU budget (about 11 s of CPU per epoch here on
 * tfjs-backend-wasm at L 50 with the most recent window of each user; the clickstream caps are 300).
 */
export const MOVIELENS_EPOCHS = 40;

/**
 * SASRec settings shared by every dataset (chosen on the held-out last training item of
 * DIGINETICA, never on the test items): one head (as in the paper), dropout 0.2, Adam 0.001,
 * full-softmax cross-entropy, item embeddings initialised from the PPMI co-occurrence
 * factorisation of the training sequences, early stopping on validation HR@10 checked every 2
 * epochs with patience 20 epochs and at least 40 epochs.
 */
const SHARED: SasRecOptions = {
  heads: 1,
  dropout: 0.2,
  learningRate: 0.001,
  itemInit: 'cooccurrence',
  earlyStopping: { every: 2, patience: 20, minEpochs: 40 },
  seed: 1,
};

function movieLens(context: BenchContext): Dataset[] {
  return [
    {
      name: 'MovieLens 100K',
      description: 'all 100,000 ratings as a sequence per user (943 users, 1,682 items)',
      data: loadMovieLens(dataFile(context, 'recsys/ml-100k/u.data')),
      // L 50, kept by validation over the SASRec paper's L 200 (see the note under the table).
      sasrec: {
        ...SHARED,
        maxLength: 50,
        dim: 64,
        blocks: 2,
        windows: 'last',
        epochs: context.quick ? 6 : MOVIELENS_EPOCHS,
        batchSize: 128,
      },
      lambda: 500,
    },
  ];
}

function clickstreams(context: BenchContext): Dataset[] {
  const clickstream = (file: string) => dataFile(context, `clickstream/${file}`);
  const epochs = context.quick ? 6 : 300;
  return [
    {
      name: 'Taobao UserBehavior (head)',
      description:
        'every behaviour (pv, cart, fav, buy); first occurrence of each (user, item); items with >= 3 users, users with >= 3 items',
      data: sequentialDataset(loadTaobao(clickstream('taobao_userbehavior_head.csv')).rows, 3, 3),
      sasrec: { ...SHARED, ...CLICKSTREAM, epochs },
      lambda: 50,
    },
    {
      name: 'DIGINETICA (sample)',
      description:
        'item views, sessions as users; first occurrence; items with >= 2 sessions, sessions with >= 2 items',
      data: sequentialDataset(loadDiginetica(clickstream('diginetica_item_views_sample.csv')), 2, 2),
      sasrec: { ...SHARED, ...CLICKSTREAM, epochs },
      lambda: 10,
    },
    {
      name: 'OTTO (20 sessions)',
      description:
        'clicks, carts and orders of the 20 committed-size sample sessions; first occurrence; sessions with >= 2 items',
      data: sequentialDataset(loadOtto(clickstream('otto_first_last_sessions.jsonl')), 1, 2),
      // Too few sessions to hold out a validation item: a fixed 40 epochs, no early stopping.
      sasrec: {
        ...SHARED,
        maxLength: 50,
        dim: 32,
        blocks: 1,
        epochs: Math.min(epochs, 40),
        batchSize: 16,
        earlyStopping: undefined,
      },
      lambda: 10,
    },
  ];
}

function sasrecSummary(options: SasRecOptions, model: SasRecRecommender, cpuSeconds: number): string {
  const stopping = options.earlyStopping;
  const validation = model.validation;
  const best = validation.reduce((a, b) => (b.hitRate > a.hitRate ? b : a), validation[0]);
  const losses = model.losses;
  const validated = validation.length ? validation[validation.length - 1].epoch : 0;
  const refit = Boolean(stopping?.refit && validated);
  const total = refit ? validated + losses.length : Math.max(validated, losses.length);
  const trained = refit
    ? `${validated} epochs with validation, then ${losses.length} epochs on every training item`
    : `${losses.length} epochs`;
  return [
    `SASRec (${options.heads ?? 1} head, dropout ${options.dropout}, learning rate ${options.learningRate ?? 0.001},`,
    `item embeddings initialised by ${options.itemInit ?? 'random'}, ${options.windows === 'last' ? "each user's most recent L items only" : 'every L-item window of each history'}${options.lengthBatches ? ', length-bucketed batches cropped to their longest history' : ''}, cap ${options.epochs} epochs,`,
    stopping
      ? `early stopping every ${stopping.every ?? 2} epochs with patience ${stopping.patience ?? 20} epochs after at least ${stopping.minEpochs ?? 20}${stopping.refit ? ', then refit from scratch on every training item for the best epoch count' : ''})`
      : 'no early stopping)',
    `trained ${trained} (${(cpuSeconds / Math.max(1, total)).toFixed(2)} CPU s per epoch incl. validation; final loss ${losses[0]?.toFixed(3)} → ${losses[losses.length - 1]?.toFixed(3)})`,
    best
      ? `; best validation HR@10 ${best.hitRate.toFixed(4)} at epoch ${best.epoch}${refit ? '' : ', whose weights are kept'}.`
      : '.',
  ].join(' ');
}

/**
 * The clickstream SASRec: small (d 32, one block, L 20: sessions are short) and, after early
 * stopping, refit on every training item for the best epoch count (the held-out last item is
 * often half of a short session's transitions). MovieLens keeps the paper's protocol (no refit:
 * it would double a CPU budget already spent).
 */
const CLICKSTREAM: SasRecOptions = {
  maxLength: 20,
  dim: 32,
  blocks: 1,
  batchSize: 64,
  earlyStopping: { ...SHARED.earlyStopping, refit: true },
};

export type SequentialData = 'movielens' | 'clickstream' | 'all';

export async function sequentialSection(
  context: BenchContext,
  which: SequentialData = 'all',
): Promise<string> {
  const before = loadavg()[0];
  const out: string[] = [
    '## Chronological leave-one-out: SASRec against item-kNN',
    '',
    "Each user's (session's) most recent item is the test, everything before it trains; every item is ranked, training items excluded. SASRec holds out each user's last training item to pick its epoch (HR@10 every 2 epochs; the epoch cap and patience of each dataset are stated below), as in Kang & McAuley (2018); the other models use no validation. SASRec's shared settings (one head, Adam 0.001, full-softmax cross-entropy, co-occurrence item initialisation) were chosen on that validation item of DIGINETICA (random vs co-occurrence item initialisation: validation HR@10 0.135 vs 0.313; item-kNN co-visitation 0.302 on the same 252 held-out items), never on the test items; each dataset's size (d, blocks, L), dropout, batching and stopping rule are stated below its table, with how they were chosen.",
  ];
  const verdicts: string[] = [];
  const chosen = [
    ...(which === 'clickstream' ? [] : movieLens(context)),
    ...(which === 'movielens' ? [] : clickstreams(context)),
  ];
  for (const dataset of chosen) {
    const split = leaveOneOutSplit(dataset.data);
    context.log(
      `${dataset.name}: ${dataset.data.userIds.length} users, ${dataset.data.itemIds.length} items, ${dataset.data.users.length} interactions`,
    );
    const models: Array<[string, Recommender]> = [
      ['popularity', new PopularityRecommender()],
      ['item-kNN (cosine)', new ItemKnnRecommender({ neighbours: 200 })],
      [
        'item-kNN (co-visitation, window 3, recent items weighted)',
        new ItemKnnRecommender({
          similarity: 'covisitation',
          window: 3,
          neighbours: 200,
          positionHalfLife: 3,
        }),
      ],
      [`EASE (λ = ${dataset.lambda})`, new EaseRecommender({ lambda: dataset.lambda })],
      [
        `SASRec (d ${dataset.sasrec.dim}, ${dataset.sasrec.blocks} block(s), L ${dataset.sasrec.maxLength})`,
        new SasRecRecommender(dataset.sasrec),
      ],
    ];
    const runs: ModelRun[] = [];
    for (const [name, model] of models)
      runs.push(await fitAndEvaluate(name, model, split, { log: context.log }));
    const sasrec = models[4][1] as SasRecRecommender;
    const knn = Math.max(runs[1].result.metrics.hr, runs[2].result.metrics.hr);
    const sas = runs[4].result.metrics.hr;
    const users = runs[0].result.users;
    verdicts.push(
      `${dataset.name}: SASRec HR@10 ${sas.toFixed(4)} vs best item-kNN ${knn.toFixed(4)} → ${sas > knn ? 'met' : 'NOT met'}${users < 100 ? ` (only ${users} test users: one user moves HR@10 by ${(1 / users).toFixed(3)}, too few to decide anything)` : ''}`,
    );
    out.push(
      '',
      `### ${dataset.name}`,
      '',
      `${dataset.description}: ${dataset.data.userIds.length} users, ${dataset.data.itemIds.length} items, ${dataset.data.users.length} interactions; ${runs[0].result.users} test users.`,
      '',
      markdownTable(METRIC_HEADER, runs.map(metricRow)),
      '',
      sasrecSummary(dataset.sasrec, sasrec, runs[4].fit.cpuSeconds),
    );
  }
  if (which !== 'clickstream')
    out.push(
      '',
      "Test items touched per reported configuration on MovieLens: (1) this L 50 setting, first run at commit 5f305c7 (HR@10 0.2047, nDCG@10 0.1076, best validation HR@10 0.2216 at epoch 26) and re-run here after the attention products became per-sample matMuls (same model, float rounding only); (2) the SASRec paper's MovieLens setting, L 200 (ML-100K users have 106 ratings on average, so L 50 cuts most histories), fixed in advance and not tuned, with length-bucketed batches cropped to their longest history and patience 10 after at least 20 epochs, cap 50 (commit e356018): best validation HR@10 0.2195 at epoch 28, test HR@10 0.1962, nDCG@10 0.1084, 1,136 CPU s. Validation keeps L 50 (0.2216 > 0.2195), whose row is above. No refit on MovieLens: it would double the CPU for one more item per user out of about 106.",
    );
  if (which !== 'movielens')
    out.push(
      '',
      'Test items touched per reported configuration: the clickstream SASRec was first run without the refit (same settings otherwise, commit dad9a6f): HR@10 Taobao 0.0552, DIGINETICA 0.1601, OTTO 0.0556 (validation HR@10 0.0738 and 0.3214). The refit is the usual retrain-on-all-training-data step and was adopted without tuning (it cannot be validated on the item it adds); both runs are reported.',
      '',
      "Tried afterwards on the validation item only (HR@10 on each user's last training item, users with 3+ training items; DIGINETICA / Taobao; the settings above score 0.3214 / 0.0738 there): dropout 0.5 with length-bucketed batches 0.3016 / 0.0712; length-bucketed batches alone 0.3016 / 0.0687; d 64 0.3254 / 0.0712; d 64 with dropout 0.5 0.3175 / 0.0712; d 16 0.2341 / 0.0483. None is ahead on both by more than one standard error of these small validation sets (about 0.029 on DIGINETICA's 252 sessions, 0.012 on Taobao), so the settings are unchanged and their test items were not scored. Validating on every user with 2+ training items instead (one-item histories included, like most DIGINETICA test sessions), SASRec scores 0.1954 vs co-visitation item-kNN 0.1850 on DIGINETICA and 0.0658 vs 0.0658 on Taobao (kNN fitted on the same validation training rows): level or ahead on validation, behind on test. That validation set was not adopted (it changes what is measured, so validation cannot choose it).",
    );
  out.push(
    '',
    'Target "SASRec beats item-kNN on HR@10":',
    '',
    ...verdicts.map((v) => `- ${v}`),
    '',
    loadNote(before),
  );
  return out.join('\n');
}
