export {
  type CalibrateRecallOptions,
  type CalibrationPoint,
  calibrateRecall,
  defaultCalibrationGrid,
  type RecallCalibration,
} from './calibrate-recall';
export { DistanceHeap } from './distance-heap';
export { blockDots, ExactIndex, type ExactIndexOptions } from './exact-index';
export { HnswIndex, type HnswOptions, type HnswSearchOptions } from './hnsw-index';
export { IvfIndex, type IvfSearchOptions } from './ivf-index';
export type { IvfOptions, IvfState } from './ivf-options';
export { type TopK, TopKHeap, topK } from './top-k';
export { normaliseRows, type VectorIndex, type VectorMetric, type VectorSearchOptions } from './vector-index';
