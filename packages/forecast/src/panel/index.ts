export { buildPanel, type DuplicatePolicy, type PanelSpec } from './build-panel';
export { fillGaps, readNumber } from './fill-gaps';
export {
  buildFutureCovariates,
  type FutureCovariates,
  type FutureCovariatesSpec,
  futureFromPanel,
  futureWindow,
} from './future-covariates';
export {
  cutSeries,
  panelEnd,
  panelFromArrays,
  selectSeries,
  type TruncateResult,
  truncatePanel,
} from './panel-ops';
export {
  checkFrequency,
  dayOfPeriod,
  daysInPeriod,
  FREQUENCIES,
  type Frequency,
  formatDay,
  inferTimeKind,
  parseIsoDay,
  parsePeriod,
  periodLabel,
  periodOfDay,
  type TimeAxis,
  type TimeKind,
  weekday,
} from './time-axis';
export {
  type CovariateNames,
  type GapPolicy,
  observedCount,
  type Panel,
  type PanelBuildResult,
  type SeriesAlignmentReport,
  type StaticValue,
  seriesEnd,
  seriesLength,
  type TimeSeries,
} from './types';
