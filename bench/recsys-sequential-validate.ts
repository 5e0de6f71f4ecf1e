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
import { resolveDataDir } from './harness';
import { loadDiginetica, loadMovieLens, loadTaobao, sequentialDataset } from './suites/recsys-data';
import { heldOutHits } from './suites/recsys-held-out';

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
const knn = heldOutHits(validation, (queries) =>
  queries.map((q) => neighbourScores(nb, q, DEFAULT_PRIOR_KNN)),
);
console.log(`KNN validation HR@10 ${(knn.hits / knn.users).toFixed(4)} (${knn.hits}/${knn.users})`);
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
