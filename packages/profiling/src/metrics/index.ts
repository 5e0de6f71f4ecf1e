export { logLoss, ndcgAtK, recallAtK, rocAuc, topK } from './ranking-metrics';
