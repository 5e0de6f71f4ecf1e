export {
  columnCounts,
  type HistoryOptions,
  itemHistories,
  rowIndices,
  rowLengths,
  rowTimes,
  rowValues,
  type SparseRows,
  userHistories,
} from './histories';
export {
  assertSameVocabulary,
  type CreateInteractionsOptions,
  createInteractions,
  filterByWeight,
  type InteractionRow,
  type Interactions,
  indexOf,
  interactionCount,
  selectInteractions,
  Vocabulary,
} from './interactions';
