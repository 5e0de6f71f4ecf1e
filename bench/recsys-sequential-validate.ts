/**
 * Validation-only SASRec runs for the sequential bench (never scores the test item): prints
 * co-visitation item-kNN's HR@10 on SASRec's validation item (each user's last training item,
 * users with 3+ training items), then trains SASRec with the given options and prints the
 * validation HR@10 per check. Usage, from the repo root:
 *   node --conditions=@shoppilot/source --import tsx bench/recsys-sequential-validate.ts '<SasRecOptions JSON>' ml|taobao|digi [knn-only]
 */
import { initTensorBackend } from '@shoppilot/core';
import { leaveOneOutSplit, SasRecRecommender, userHistories } from '@shoppilot/recsys';
import { knnNeighbours, neighbourScores } from '../packages/recsys/src/models/item-knn';
import { DEFAULT_PRIOR_KNN } from '../packages/recsys/src/models/sasrec/sasrec-prior';
import { holdOutLastItems } from '../packages/recsys/src/models/sasrec/sasrec-validation';
import { topK } from '../packages/recsys/src/search/top-k';
import { resolveDataDir } from './harness';
import { loadDiginetica, loadMovieLens, loadTaobao, sequentialDataset } from './suites/recsys-data';

const options = JSON.parse(process.argv[2] ?? '{}');
const which = process.argv[3] ?? 'ml';
const dir = resolveDataDir();
if (!dir) throw new Error('datasets needed: set SHOPPILOT_DATA_DIR (default ../shared/datasets)');
const data =
  which === 'ml'
    ? loadMovieLens(`${dir}/recsys/ml-100k/u.data`)
    : which === 'taobao'
      ? sequentialDataset(loadTaobao(`${dir}/clickstream/taobao_userbehavior_head.csv`).rows, 3, 3)
      : sequentialDataset(loadDiginetica(`${dir}/clickstream/diginetica_item_views_sample.csv`), 2, 2);
await initTensorBackend();
const split = leaveOneOutSplit(data);
// The prior alone (co-visitation kNN fitted on the validation training rows) on the same validation items.
const validation = holdOutLastItems(userHistories(split.train), 3);
const nb = knnNeighbours(validation.train, DEFAULT_PRIOR_KNN);
let hits = 0;
validation.users.forEach((u, q) => {
  const items = validation.train.indices.subarray(
    validation.train.offsets[u],
    validation.train.offsets[u + 1],
  );
  const scores = neighbourScores(nb, { items }, DEFAULT_PRIOR_KNN);
  const seen = new Uint8Array(scores.length);
  for (const i of items) seen[i] = 1;
  if (topK(scores, 10, seen).indices.includes(validation.targets[q])) hits++;
});
console.log(
  `KNN validation HR@10 ${(hits / validation.users.length).toFixed(4)} (${hits}/${validation.users.length})`,
);
if (process.argv[4] === 'knn-only') process.exit(0);
const cpu = process.cpuUsage();
const model = new SasRecRecommender(options);
await model.fit(split.train, {
  onProgress: (p) => {
    const used = process.cpuUsage(cpu);
    console.log(
      p.stage,
      p.completed,
      JSON.stringify(p.metrics),
      ((used.user + used.system) / 1e6).toFixed(0),
    );
  },
});
const best = model.validation.reduce((a, b) => (b.hitRate > a.hitRate ? b : a));
console.log('BEST', JSON.stringify(best), JSON.stringify(model.priorScales), JSON.stringify(options), which);
