export { catalogueCoverage, cooccurrenceCosine, intraListDiversity, novelty } from './beyond-accuracy';
export { METRIC_NAMES, meanRankingMetrics, type RankingMetrics, userRankingMetrics } from './ranking-metrics';
