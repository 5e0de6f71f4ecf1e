/**
 * A seed ensemble of the MovieLens SASRec row (bench/suites/recsys-sequential.ts, `movieLensSasRec`):
 * the same settings and early stopping with seeds 1, 2, 3, combined by the existing BlendRecommender
 * with equal weights, i.e. the mean over seeds of each model's logits standardised per user (z-score
 * over the items not in the history; per user this is the mean of the logits up to each model's
 * scale). Usage, from the repo root (datasets as for `pnpm bench`), one training per process:
 *   node --conditions=@shoppilot/source --import tsx bench/recsys-sequential-ensemble.ts train <seed> <model.json>
 *   node --conditions=@shoppilot/source --import tsx bench/recsys-sequential-ensemble.ts validate <model.json>...
 *   node --conditions=@shoppilot/source --import tsx bench/recsys-sequential-ensemble.ts test <model.json>...
 * `validate` scores only the validation item (each user's last training item, the early stopping's);
 * `test` scores the test item and co-visitation item-kNN (paired counts, exact McNemar p).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { initTensorBackend } from '@shoppilot/core';
import {
  BlendRecommender,
  evaluateRecommender,
  ItemKnnRecommender,
  leaveOneOutSplit,
  type Recommender,
  SasRecRecommender,
  userHistories,
} from '@shoppilot/recsys';
import { holdOutLastItems } from '../packages/recsys/src/models/sasrec/sasrec-validation';
import { resolveDataDir } from './harness';
import { loadMovieLens } from './suites/recsys-data';
import { heldOutHits } from './suites/recsys-held-out';
import { pairedHits, pairedNote } from './suites/recsys-paired';
import { COVISITATION_KNN, movieLensSasRec } from './suites/recsys-sequential';

const [mode, ...args] = process.argv.slice(2);
const dir = resolveDataDir();
if (!dir) throw new Error('datasets needed: set SHOPPILOT_DATA_DIR (default ../shared/datasets)');
const data = loadMovieLens(`${dir}/recsys/ml-100k/u.data`);
await initTensorBackend();
const split = leaveOneOutSplit(data);

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function train(seed: number, file: string): Promise<void> {
  const cpu = process.cpuUsage();
  const model = new SasRecRecommender({ ...movieLensSasRec(false), seed });
  await model.fit(split.train, {
    onProgress: (p) =>
      console.log(p.stage, p.completed, JSON.stringify(p.metrics), cpuSeconds(cpu).toFixed(0)),
  });
  const best = model.validation.reduce((a, b) => (b.hitRate > a.hitRate ? b : a));
  writeFileSync(file, JSON.stringify(model.toJSON()));
  console.log(`SEED ${seed} best ${JSON.stringify(best)} CPU ${cpuSeconds(cpu).toFixed(1)} s -> ${file}`);
}

/** Validation HR@10 of each model and of their equal-weight blend, on the early stopping's items. */
function validate(models: Recommender[]): void {
  const validation = holdOutLastItems(userHistories(split.train), 3);
  const blend = BlendRecommender.fromFitted(
    split.train,
    models,
    models.map(() => 1),
  );
  const scorers: Array<[string, Recommender]> = [
    ...models.map((m, k): [string, Recommender] => [`seed model ${k + 1}`, m]),
    ['ensemble (equal-weight blend)', blend],
  ];
  for (const [name, model] of scorers) {
    const { hits, users } = heldOutHits(validation, (queries) => model.scoreItems(queries));
    console.log(`VALIDATION ${name}: HR@10 ${(hits / users).toFixed(4)} (${hits}/${users})`);
  }
}

/**
 * Test HR@10 of the ensemble (scored once), against the bench's co-visitation item-kNN row and the
 * first model (seed 1: the bench's single-seed SASRec row), with paired counts and McNemar p.
 */
async function test(models: SasRecRecommender[]): Promise<void> {
  const knn = new ItemKnnRecommender(COVISITATION_KNN);
  await knn.fit(split.train);
  const blend = BlendRecommender.fromFitted(
    split.train,
    models,
    models.map(() => 1),
  );
  const rows: Array<[string, Recommender]> = [
    ['item-kNN (co-visitation)', knn],
    ['SASRec seed 1', models[0]],
    [`SASRec ensemble of ${models.length} seeds`, blend],
  ];
  const results = [];
  for (const [name, model] of rows) {
    const result = await evaluateRecommender(model, split, { k: 10 });
    const m = result.metrics;
    console.log(
      `TEST ${name}: HR@10 ${m.hr.toFixed(4)} nDCG@10 ${m.ndcg.toFixed(4)} MRR@10 ${m.mrr.toFixed(4)}`,
    );
    results.push(result);
  }
  console.log(
    `PAIRED ensemble vs item-kNN: ${pairedNote(pairedHits(results[2], results[0], split), 'the ensemble', 'item-kNN')}`,
  );
  console.log(
    `PAIRED ensemble vs seed 1: ${pairedNote(pairedHits(results[2], results[1], split), 'the ensemble', 'seed 1')}`,
  );
  console.log(
    `PAIRED seed 1 vs item-kNN: ${pairedNote(pairedHits(results[1], results[0], split), 'seed 1', 'item-kNN')}`,
  );
}

const load = (files: string[]) =>
  files.map((f) => SasRecRecommender.fromJSON(JSON.parse(readFileSync(f, 'utf8'))));
if (mode === 'train') await train(Number(args[0]), args[1]);
else if (mode === 'validate') validate(load(args));
else if (mode === 'test') await test(load(args));
else throw new Error(`unknown mode ${mode}`);
